//! GTO's git tag names and the messages of its annotated tags: parsed or refused, never a
//! panic.

use proptest::prelude::*;

use super::tag::{TagName, artifact_in_tag, is_artifact, is_name};
use crate::proptests::{config, mutated, text};

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_tag_names_never_panic(t in text()) {
        if let Some(tag) = TagName::parse(&t) {
            let _ = tag.stage();
        }
        let _ = is_name(&t);
        let _ = is_artifact(&t);
        let _ = artifact_in_tag(&t);
    }

    #[test]
    fn mutated_tag_names_never_panic(
        a in mutated("models/fraud-classifier#production#12"),
        b in mutated("churn@v1.2.3-rc.1+build!"),
        c in mutated("m@deprecated#3"),
    ) {
        for t in [a, b, c] {
            let _ = TagName::parse(&t).map(|tag| tag.stage().map(str::to_owned));
        }
    }
}

#[test]
fn the_seeds_parse() {
    assert!(TagName::parse("models/fraud-classifier#production#12").is_some());
    assert!(TagName::parse("churn@v1.2.3").is_some());
}
