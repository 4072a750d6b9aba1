//! An answer read chunk by chunk reads as the whole answer does: the same page, or a refusal
//! where the whole answer is refused, however the body is cut into chunks.

use proptest::prelude::*;

use super::RunsReader;
use crate::backends::mlflow::dto::SearchRunsResponse;
use crate::proptests::{config, json, mutated};

const RUNS: &str = include_str!("../../../../tests/fixtures/mlflow/runs_search_page1.json");
const EMPTY: &str = include_str!("../../../../tests/fixtures/mlflow/runs_search_empty.json");

/// The body read in chunks cut at `cuts` (positions, any order, out of range ignored).
fn streamed(body: &[u8], cuts: &[usize]) -> Result<SearchRunsResponse, serde_json::Error> {
    let mut cuts: Vec<usize> = cuts.iter().copied().filter(|&c| c < body.len()).collect();
    cuts.sort_unstable();
    let mut reader = RunsReader::default();
    let mut from = 0;
    for to in cuts.into_iter().chain([body.len()]) {
        reader.feed(&body[from..to])?;
        from = to;
    }
    assert_eq!(reader.bytes(), body.len());
    reader.finish()
}

/// Streamed and whole reads agree: both refuse, or both read the same runs and token.
fn agree(body: &[u8], cuts: &[usize]) -> Result<(), String> {
    let whole = serde_json::from_slice::<SearchRunsResponse>(body);
    match (streamed(body, cuts), whole) {
        (Ok(s), Ok(w)) if s.runs == w.runs && s.next_page_token == w.next_page_token => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        (s, w) => Err(format!(
            "streamed {s:?}\nwhole {w:?}\nbody {}",
            String::from_utf8_lossy(body)
        )),
    }
}

/// A page of three runs whose texts hold what a scanner could take for structure: braces,
/// brackets, quotes and backslashes in strings, a key `runs` inside a record, and unicode.
fn tricky_page(pretty: bool) -> String {
    let mut page: serde_json::Value = serde_json::from_str(RUNS).unwrap();
    let first = page["runs"][0].clone();
    let mut second = first.clone();
    second["info"]["run_id"] = "0123456789abcdef0123456789abcdef".into();
    second["info"]["run_name"] = r#"a "quoted" }] name \ with {[ and \" "#.into();
    second["data"]["tags"][0]["value"] = "]},{\"runs\": [".into();
    second["data"]["runs"] = serde_json::json!([{"x": "]"}]);
    let mut third = first;
    third["info"]["run_id"] = "fedcba9876543210fedcba9876543210".into();
    third["info"]["run_name"] = "模型 \u{1F600} \\".into();
    page["runs"] = serde_json::json!([page["runs"][0], second, third]);
    page["next_page_token"] = "a \"token\" with ] and }".into();
    if pretty {
        serde_json::to_string_pretty(&page).unwrap()
    } else {
        serde_json::to_string(&page).unwrap()
    }
}

#[test]
fn a_page_reads_the_same_cut_anywhere() {
    for body in [
        RUNS.to_owned(),
        EMPTY.to_owned(),
        tricky_page(true),
        tricky_page(false),
    ] {
        let body = body.as_bytes();
        agree(body, &[]).unwrap();
        // One byte at a time, and cut once at every position.
        agree(body, &(1..body.len()).collect::<Vec<_>>()).unwrap();
        for cut in 1..body.len() {
            agree(body, &[cut]).unwrap();
        }
    }
    let page = streamed(tricky_page(true).as_bytes(), &[7, 300, 301, 2000]).unwrap();
    let names: Vec<&str> = page.runs.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "diverged-ünïcode-模型",
            r#"a "quoted" }] name \ with {[ and \" "#,
            "模型 \u{1F600} \\"
        ]
    );
    assert_eq!(
        page.runs[1]
            .tags
            .get("mlflow.parentRunId")
            .map(crate::domain::Name::as_str),
        Some("]},{\"runs\": [")
    );
    assert_eq!(
        page.next_page_token.as_deref(),
        Some("a \"token\" with ] and }")
    );
}

#[test]
fn what_the_whole_answer_refuses_is_refused() {
    let record = r#"{"info": {"run_id": "a"}}"#;
    for body in [
        String::new(),
        "   ".to_owned(),
        format!(r#"{{"runs": [{record}"#),
        format!(r#"{{"runs": [{record},"#),
        format!(r#"{{"runs": [{record}]"#),
        format!(r#"{{"runs": [{record},]}}"#),
        format!(r#"{{"runs": [,{record}]}}"#),
        format!(r#"{{"runs": [{record} {record}]}}"#),
        format!(r#"{{"runs": [{record}]}} trailing"#),
        format!(r#"{{"runs": [{record}], "runs": []}}"#),
        r#"{"runs": [1]}"#.to_owned(),
        r#"{"runs": [null, {}]}"#.to_owned(),
        r#"{"runs": ["a"]}"#.to_owned(),
        r#"{"runs": [{"info": 5}]}"#.to_owned(),
        r#"{"runs": [}"#.to_owned(),
        r#"{"runs": null}"#.to_owned(),
        r#"["runs", []]"#.to_owned(),
    ] {
        assert!(streamed(body.as_bytes(), &[]).is_err(), "{body}");
        agree(body.as_bytes(), &[]).unwrap();
    }
}

#[test]
fn a_body_cut_short_reads_as_stopped_early() {
    let body = &RUNS.as_bytes()[..200];
    let e = streamed(body, &[50, 120]).unwrap_err();
    assert!(e.is_eof(), "{e}");
}

#[test]
fn runs_under_another_key_or_spelled_with_escapes_read_as_the_whole_answer_reads_them() {
    let record = r#"{"info": {"run_id": "a", "run_name": "x"}}"#;
    for body in [
        format!(r#"{{"other": [{record}], "runs": []}}"#),
        format!(r#"{{"x\"runs": [{record}]}}"#),
        format!(r#"{{"r\u0075ns": [{record}]}}"#),
        format!(r#"{{"nested": {{"runs": [{record}]}}, "runs": [{record}]}}"#),
        format!(r#"{{ "runs" : [ {record} , {record} ] , "next_page_token" : "t" }}"#),
    ] {
        agree(body.as_bytes(), &[]).unwrap();
        for cut in 1..body.len() {
            agree(body.as_bytes(), &[cut]).unwrap();
        }
    }
    let escaped = format!(r#"{{"r\u0075ns": [{record}]}}"#);
    assert_eq!(streamed(escaped.as_bytes(), &[]).unwrap().runs.len(), 1);
}

proptest! {
    #![proptest_config(config())]

    /// Mutated pages (cut, repeated, spliced) read the same chunk by chunk as whole.
    #[test]
    fn mutated_pages_read_as_whole(
        body in mutated(RUNS),
        cuts in prop::collection::vec(0usize..2048, 0..8),
    ) {
        agree(body.as_bytes(), &cuts).map_err(TestCaseError::fail)?;
    }

    /// Arbitrary JSON under `runs` reads the same chunk by chunk as whole.
    #[test]
    fn arbitrary_runs_read_as_whole(
        runs in json(),
        cuts in prop::collection::vec(0usize..512, 0..8),
    ) {
        let body = serde_json::to_vec(&serde_json::json!({"runs": runs})).unwrap();
        agree(&body, &cuts).map_err(TestCaseError::fail)?;
    }
}

/// A bracket closing more than a record opened is refused where it stands, as misplaced, not
/// read as an answer that stopped early with the rest of the body gathered into one record.
#[test]
fn a_bracket_closing_more_than_its_record_is_misplaced() {
    for body in [
        &br#"{"runs": [}], "next_page_token": "x"}"#[..],
        br#"{"runs": [1}], "next_page_token": "x"}"#,
        br#"{"runs": [{"info": {}}}], "next_page_token": "x"}"#,
    ] {
        let mut reader = RunsReader::default();
        let err = reader.feed(body).unwrap_err().to_string();
        assert!(
            err.starts_with("unexpected '}' in the list of runs"),
            "{err}: {}",
            String::from_utf8_lossy(body)
        );
        agree(body, &[]).unwrap();
    }
}

/// A record without end (a server that never closes it) is refused once it passes what any
/// run's record can hold.
#[test]
fn an_endless_record_is_refused() {
    let mut reader = RunsReader::default();
    reader
        .feed(br#"{"runs": [{"info": {"run_name": ""#)
        .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    let err = (0..40)
        .find_map(|_| reader.feed(&chunk).err())
        .expect("never refused");
    assert!(err.to_string().contains("larger than 16 MB"), "{err}");
}
