//! DTO → domain mapping against JSON recorded from a real MLflow 3.17.2 server
//! (`tests/fixtures/mlflow/`), plus the error mapping.

use pretty_assertions::assert_eq;
use rstest::rstest;

use super::dto::*;
use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/mlflow/",
            $name
        ))
    };
}

fn client() -> MlflowClient {
    MlflowClient::new(MlflowSettings {
        base_url: Url::parse("http://127.0.0.1:5000").unwrap(),
        auth: Auth::Bearer("s3cret-token".into()),
        insecure_tls: false,
        connect_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(1),
    })
    .unwrap()
}

#[test]
fn nan_and_clamped_infinity_in_histories() {
    let resp: MetricsResponse = serde_json::from_str(fixture!("history_nan_inf.json")).unwrap();
    let values: Vec<String> = resp
        .metrics
        .iter()
        .map(|m| convert::point(m).value.to_string())
        .collect();
    assert_eq!(values, ["0.5", "NaN", "inf"]);
}

#[rstest]
#[case::unknown_run_history(fixture!("history_unknown_run.json"))]
#[case::empty_search(fixture!("runs_search_empty.json"))]
fn empty_object_means_nothing(#[case] body: &str) {
    assert_eq!(body.trim(), "{}");
    let m: MetricsResponse = serde_json::from_str(body).unwrap();
    assert!(m.metrics.is_empty() && m.next_page_token.is_none());
    let r: SearchRunsResponse = serde_json::from_str(body).unwrap();
    assert!(r.runs.is_empty() && r.next_page_token.is_none());
}

#[test]
fn runs_map_with_unicode_parents_and_non_finite_latest_values() {
    let resp: GetRunResponse = serde_json::from_str(fixture!("run_get_diverged.json")).unwrap();
    let run = convert::run(resp.run.unwrap());
    assert_eq!(run.name, "diverged-ünïcode-模型");
    assert_eq!(run.status, crate::domain::RunStatus::Running);
    assert_eq!(run.end_time, None);
    assert_eq!(run.metric("loss"), Some(f64::INFINITY));
    assert_eq!(run.metric("accuracy"), Some(f64::NEG_INFINITY));
    assert_eq!(
        run.parent_id().map(|p| p.to_string()).as_deref(),
        Some("b359936556db4f1090ace8b50bef4ecc")
    );
}

#[test]
fn search_pages_carry_a_token() {
    let resp: SearchRunsResponse =
        serde_json::from_str(fixture!("runs_search_page1.json")).unwrap();
    assert_eq!(resp.runs.len(), 1);
    assert!(resp.next_page_token.is_some());
}

/// A page's runs are converted while the page is parsed: the same runs as the records read
/// whole and converted one by one, in the page's order.
#[test]
fn a_search_page_reads_into_the_runs_its_records_convert_to() {
    #[derive(serde::Deserialize)]
    struct Records {
        runs: Vec<RunDto>,
    }
    let body = fixture!("runs_search_page1.json");
    let one: serde_json::Value = serde_json::from_str(body).unwrap();
    let mut page = one.clone();
    let runs = page["runs"].as_array_mut().unwrap();
    let mut other = runs[0].clone();
    other["info"]["run_id"] = "0123456789abcdef0123456789abcdef".into();
    other["info"]["run_name"] = "second".into();
    runs.push(other);
    let body = serde_json::to_string(&page).unwrap();
    let read: SearchRunsResponse = serde_json::from_str(&body).unwrap();
    let records: Records = serde_json::from_str(&body).unwrap();
    let want: Vec<Run> = records.runs.into_iter().map(convert::run).collect();
    assert_eq!(read.runs, want);
    assert_eq!(read.runs[1].name, "second");
    let get: GetRunResponse = serde_json::from_str(fixture!("run_get_diverged.json")).unwrap();
    assert_eq!(read.runs[0], convert::run(get.run.unwrap()));
}

#[rstest]
#[case::not_a_list(r#"{"runs": {"info": {}}}"#)]
#[case::a_record_of_the_wrong_shape(r#"{"runs": [{"info": 5}]}"#)]
#[case::null(r#"{"runs": null}"#)]
fn a_search_page_whose_runs_do_not_read_is_a_decode_error(#[case] body: &str) {
    let err = serde_json::from_str::<SearchRunsResponse>(body).unwrap_err();
    assert!(err.is_data(), "{err}");
}

#[test]
fn bulk_interval_groups_by_run() {
    let resp: MetricsResponse = serde_json::from_str(fixture!("bulk_interval.json")).unwrap();
    let mut by_run: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for m in &resp.metrics {
        by_run
            .entry(m.run_id.clone().unwrap())
            .or_default()
            .push(m.step);
    }
    assert_eq!(
        by_run,
        BTreeMap::from([
            ("b359936556db4f1090ace8b50bef4ecc".to_owned(), vec![0, 2, 4]),
            ("e5f007da54994af19c71d18e4369a422".to_owned(), vec![0, 1, 2]),
        ])
    );
}

#[test]
fn models_get_their_aliases_from_the_registered_model() {
    let models: SearchModelsResponse =
        serde_json::from_str(fixture!("registered_models_search.json")).unwrap();
    let versions: SearchVersionsResponse =
        serde_json::from_str(fixture!("model_versions_search.json")).unwrap();
    // Search results carry no aliases: that is why they are joined from the model.
    assert!(versions.model_versions.iter().all(|v| v.aliases.is_empty()));
    let dto = models.registered_models.into_iter().next().unwrap();
    let m = convert::model(
        dto,
        versions
            .model_versions
            .into_iter()
            .map(convert::version)
            .collect(),
    );
    let got: Vec<(String, Vec<String>)> = m
        .versions
        .iter()
        .map(|v| (v.version.label(), v.aliases.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("v2".to_owned(), vec!["staging".to_owned()]),
            ("v1".to_owned(), vec!["production".to_owned()]),
        ]
    );
    assert_eq!(m.versions[0].stage, None, "stage 'None' means no stage");
    assert_eq!(m.versions[0].tags["validation_status"], "approved");
}

#[rstest]
#[case::number("1.5", 1.5)]
#[case::integer("2", 2.0)]
#[case::nan_string("\"NaN\"", f64::NAN)]
#[case::infinity_string("\"Infinity\"", f64::INFINITY)]
#[case::neg_infinity_string("\"-Infinity\"", f64::NEG_INFINITY)]
#[case::numeric_string("\"0.25\"", 0.25)]
// MLflow writes the shortest repr; it must read back as the very same f64.
#[case::shortest_repr("0.09090909090909091", 1.0 / 11.0)]
#[case::clamped_max("1.7976931348623157e+308", f64::INFINITY)]
#[case::clamped_min("-1.7976931348623157e+308", f64::NEG_INFINITY)]
fn metric_values(#[case] json: &str, #[case] want: f64) {
    let m: MetricDto = serde_json::from_str(&format!(r#"{{"key":"k","value":{json}}}"#)).unwrap();
    if want.is_nan() {
        assert!(m.value.is_nan());
    } else {
        assert_eq!(m.value, want);
    }
}

#[test]
fn bad_metric_values_are_decode_errors() {
    assert!(serde_json::from_str::<MetricDto>(r#"{"value":"lots"}"#).is_err());
}

#[rstest]
#[case::not_found(404, fixture!("error_run_not_found.json"), "Run with id=0123456789abcdef not found")]
#[case::bad_filter(400, fixture!("error_bad_filter.json"), "Invalid comparator '>>' not one of '{'>', '<', '!=', '=', '<=', '>='}")]
#[case::missing_alias(400, fixture!("error_missing_alias.json"), "Registered model alias nope not found.")]
fn api_errors_keep_the_servers_message(#[case] status: u16, #[case] body: &str, #[case] msg: &str) {
    let e = client().api_error("x", status, body.as_bytes());
    assert_eq!(e.to_string(), msg);
    assert!(matches!(
        e,
        BackendError::NotFound(_) | BackendError::InvalidRequest(_)
    ));
}

#[test]
fn html_and_auth_errors_say_what_to_do() {
    let c = client();
    let e = c.api_error(
        "runs/search",
        404,
        b"<!doctype html><title>404 Not Found</title>",
    );
    assert_eq!(
        e.to_string(),
        "MLflow at http://127.0.0.1:5000 answered HTTP 404: an HTML page instead of MLflow JSON \
         for 'runs/search': is this an MLflow tracking server?"
    );
    // A gateway's own page (nginx, a load balancer) is not MLflow's doing: say who answered.
    for status in [502, 503, 504] {
        let e = c.api_error(
            "runs/search",
            status,
            b"<html>\r\n<head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        );
        assert_eq!(
            e.to_string(),
            format!(
                "MLflow at http://127.0.0.1:5000 answered HTTP {status}: a proxy or gateway in \
                 front of MLflow answered with its own HTML error page ('502 Bad Gateway'): the \
                 MLflow server behind it is down or not answering; try again later"
            )
        );
    }
    let e = c.api_error("runs/search", 401, b"");
    assert!(e.to_string().contains("MLFLOW_TRACKING_TOKEN"), "{e}");
    let e = c.api_error(
        "runs/search",
        403,
        b"Invalid Host header - possible DNS rebinding attack detected",
    );
    assert!(matches!(e, BackendError::Api { status: 403, .. }), "{e:?}");
}

#[test]
fn truncated_answers_are_named() {
    let body = &fixture!("runs_search_page1.json")[..200];
    let err = serde_json::from_str::<SearchRunsResponse>(body).unwrap_err();
    assert!(describe_json_error(&err, body.len()).starts_with("the answer stopped early"));
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let text = format!("{:?}", client());
    assert!(!text.contains("s3cret-token"), "{text}");
    let basic = Auth::Basic {
        username: "ann".into(),
        password: "hunter2".into(),
    };
    assert_eq!(format!("{basic:?}"), "Basic(ann:<redacted>)");
}

/// A plain-http server's client loads no TLS roots: a redirect to https is refused with the
/// address to use (and no credentials), while a redirect to plain http is followed.
#[tokio::test]
async fn a_plain_http_server_redirecting_to_https_names_the_address() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    let search = "/api/2.0/mlflow/runs/search";
    Mock::given(method("POST"))
        .and(path(format!("/old{search}")))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}{search}", server.uri())),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(search))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"runs": []})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/tls{search}")))
        .respond_with(ResponseTemplate::new(308).insert_header(
            "location",
            "https://ann:pw@mlflow.example.com/api/2.0/mlflow/runs/search?token=t",
        ))
        .mount(&server)
        .await;
    let at = |prefix: &str| {
        MlflowClient::new(MlflowSettings {
            base_url: Url::parse(&format!("{}{prefix}", server.uri())).unwrap(),
            auth: Auth::None,
            insecure_tls: false,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(5),
        })
        .unwrap()
    };
    let query = RunQuery {
        experiment_ids: vec!["1".into()],
        page_size: 10,
        ..RunQuery::default()
    };
    let page = at("/old").search_runs(&query, None).await.unwrap();
    assert!(page.runs.is_empty(), "followed to plain http");
    let e = at("/tls").search_runs(&query, None).await.unwrap_err();
    assert!(
        matches!(e, BackendError::Unreachable { .. }),
        "not an answer cut short: {e:?}"
    );
    let text = e.to_string();
    assert!(
        text.ends_with("it redirects to https://mlflow.example.com: use that address"),
        "{text}"
    );
    assert!(!text.contains("pw") && !text.contains("token"), "{text}");
}

#[test]
fn runs_mapped_from_the_wire_share_key_and_value_allocations() {
    let dto = || {
        let resp: GetRunResponse = serde_json::from_str(fixture!("run_get_diverged.json")).unwrap();
        resp.run.unwrap()
    };
    let (a, b) = (convert::run(dto()), convert::run(dto()));
    let (ka, _) = a.metrics.get_key_value("loss").unwrap();
    let (kb, _) = b.metrics.get_key_value("loss").unwrap();
    assert!(ka.shares(kb));
    let tag = crate::domain::run::PARENT_RUN_TAG;
    let (ta, va) = a.tags.get_key_value(tag).unwrap();
    let (tb, vb) = b.tags.get_key_value(tag).unwrap();
    assert!(ta.shares(tb) && va.shares(vb));
}
