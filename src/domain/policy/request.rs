//! Promotion requests: someone asks for a move, others approve it, and the move is made once
//! the policy is met. A request and its approvals are kept in the store, on the candidate
//! version (MLflow version tags), so everyone who reads the store sees them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::same_identity;
use crate::domain::VersionId;
use crate::domain::promotion::GateRecord;

/// The version tag holding the request to move `alias` to the version: `clearance.request.<alias>`.
pub const REQUEST_TAG_PREFIX: &str = "clearance.request.";
/// The version tags holding approvals: `clearance.approval.<alias>.<ms>`.
pub const APPROVAL_TAG_PREFIX: &str = "clearance.approval.";

/// A request to move an alias to a version, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionRequest {
    pub requester: String,
    pub at: DateTime<Utc>,
    pub reason: String,
    pub alias: String,
    /// The version the alias held when the request was made (`None`: unset).
    pub from: Option<String>,
    /// The gates as judged when the request was made.
    pub gates: Option<GateRecord>,
    pub expires: DateTime<Utc>,
}

/// One approval of a request, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestApproval {
    pub by: String,
    pub at: DateTime<Utc>,
    /// The `at` of the request approved: an approval of an earlier request for the same move
    /// never counts for a later one.
    pub request_at: DateTime<Utc>,
}

/// The request tag's key for `alias`.
pub fn request_key(alias: &str) -> String {
    format!("{REQUEST_TAG_PREFIX}{alias}")
}

/// The key of an approval of a request to move `alias`, made at `at`.
pub fn approval_key(alias: &str, at: DateTime<Utc>) -> String {
    format!("{APPROVAL_TAG_PREFIX}{alias}.{}", at.timestamp_millis())
}

/// A request read from a version's tags, with the approvals given to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequest {
    pub request: PromotionRequest,
    pub approvals: Vec<RequestApproval>,
    /// The keys of every tag of this request and its approvals (to remove them when done).
    pub keys: Vec<String>,
}

/// Whether a request can still be acted on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestState {
    Open,
    Expired,
    /// The alias moved, or the gates changed, since the request was made.
    Stale(String),
}

impl OpenRequest {
    /// The request to move `alias`, from a version's tags. A tag that does not parse is no
    /// request.
    pub fn read(tags: &BTreeMap<String, String>, alias: &str) -> Option<Self> {
        let key = request_key(alias);
        let request: PromotionRequest = serde_json::from_str(tags.get(&key)?).ok()?;
        let prefix = format!("{APPROVAL_TAG_PREFIX}{alias}.");
        let mut keys = vec![key];
        let mut approvals = Vec::new();
        for (k, v) in tags.iter().filter(|(k, _)| k.starts_with(&prefix)) {
            keys.push(k.clone());
            if let Ok(a) = serde_json::from_str::<RequestApproval>(v)
                && a.request_at == request.at
            {
                approvals.push(a);
            }
        }
        approvals.sort_by_key(|a| a.at);
        Some(Self {
            request,
            approvals,
            keys,
        })
    }

    /// Who approved, each once, in order.
    pub fn approvers(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in &self.approvals {
            if !out.iter().any(|o| same_identity(o, &a.by)) {
                out.push(a.by.clone());
            }
        }
        out
    }

    /// Whether `who` has approved it.
    pub fn approved_by(&self, who: &str) -> bool {
        self.approvals.iter().any(|a| same_identity(&a.by, who))
    }

    /// [`state`](Self::state), as a request that counts or why it does not: `the request
    /// by Ann expired at …`, `the request by Ann is stale (…)`.
    pub fn counts(
        &self,
        holder_now: Option<&VersionId>,
        gates_now: Option<&GateRecord>,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let by = &self.request.requester;
        match self.state(holder_now, gates_now, now) {
            RequestState::Open => Ok(()),
            RequestState::Expired => Err(format!(
                "the request by {by} expired at {}",
                self.request.expires.format("%Y-%m-%d %H:%M UTC")
            )),
            RequestState::Stale(why) => Err(format!("the request by {by} is stale ({why})")),
        }
    }

    /// Whether the request still describes the move: not expired, the alias still where it
    /// was, and the gates as they were (`gates_now`: judged now, against the same holder).
    pub fn state(
        &self,
        holder_now: Option<&VersionId>,
        gates_now: Option<&GateRecord>,
        now: DateTime<Utc>,
    ) -> RequestState {
        let r = &self.request;
        if now >= r.expires {
            return RequestState::Expired;
        }
        let label =
            |v: Option<&str>| v.map_or_else(|| "unset".to_owned(), |v| VersionId::new(v).label());
        if holder_now.map(VersionId::as_str) != r.from.as_deref() {
            return RequestState::Stale(format!(
                "@{} moved since the request: it was {}, it is now {}",
                r.alias,
                label(r.from.as_deref()),
                label(holder_now.map(VersionId::as_str))
            ));
        }
        let changed = match (&r.gates, gates_now) {
            (None, None) => false,
            (Some(a), Some(b)) => a.passed != b.passed || a.failed != b.failed,
            _ => true,
        };
        if changed {
            let say =
                |g: Option<&GateRecord>| g.map_or_else(|| "none".to_owned(), |g| g.summary.clone());
            return RequestState::Stale(format!(
                "the gates changed since the request: then {}, now {}",
                say(r.gates.as_ref()),
                say(gates_now)
            ));
        }
        RequestState::Open
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 6, h, 0, 0).unwrap()
    }

    fn gates(passed: bool) -> GateRecord {
        GateRecord {
            passed,
            summary: if passed { "all pass" } else { "1 fails" }.into(),
            failed: if passed {
                vec![]
            } else {
                vec!["auc: dropped".into()]
            },
        }
    }

    fn tags(request_at: DateTime<Utc>) -> BTreeMap<String, String> {
        let r = PromotionRequest {
            requester: "carol".into(),
            at: request_at,
            reason: "better recall".into(),
            alias: "production".into(),
            from: Some("3".into()),
            gates: Some(gates(true)),
            expires: at(20),
        };
        let mut t = BTreeMap::new();
        t.insert(
            request_key("production"),
            serde_json::to_string(&r).unwrap(),
        );
        for (by, when, of) in [
            ("bob", at(11), request_at),
            ("old", at(9), at(8)),
            ("Bob", at(12), request_at),
        ] {
            let a = RequestApproval {
                by: by.into(),
                at: when,
                request_at: of,
            };
            t.insert(
                approval_key("production", when),
                serde_json::to_string(&a).unwrap(),
            );
        }
        t.insert(request_key("staging"), "not json".into());
        t
    }

    #[test]
    fn approvals_of_an_earlier_request_do_not_count_and_each_person_counts_once() {
        let r = OpenRequest::read(&tags(at(10)), "production").unwrap();
        assert_eq!(r.approvers(), vec!["bob".to_owned()]);
        assert!(r.approved_by("BOB"));
        assert_eq!(
            r.keys.len(),
            4,
            "the request and every approval tag, old ones too"
        );
        assert_eq!(OpenRequest::read(&tags(at(10)), "staging"), None);
        assert_eq!(OpenRequest::read(&tags(at(10)), "champion"), None);
    }

    #[test]
    fn a_request_expires_and_goes_stale_when_the_alias_moves_or_the_gates_change() {
        let r = OpenRequest::read(&tags(at(10)), "production").unwrap();
        let v3 = VersionId::from("3");
        let v5 = VersionId::from("5");
        assert_eq!(
            r.state(Some(&v3), Some(&gates(true)), at(12)),
            RequestState::Open
        );
        assert_eq!(
            r.state(Some(&v3), Some(&gates(true)), at(20)),
            RequestState::Expired
        );
        assert_eq!(
            r.state(Some(&v5), Some(&gates(true)), at(12)),
            RequestState::Stale(
                "@production moved since the request: it was v3, it is now v5".into()
            )
        );
        assert_eq!(
            r.state(Some(&v3), Some(&gates(false)), at(12)),
            RequestState::Stale(
                "the gates changed since the request: then all pass, now 1 fails".into()
            )
        );
    }
}
