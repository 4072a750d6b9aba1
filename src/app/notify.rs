//! Toasts: short messages that expire, for actions that failed or finished.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub level: Level,
    pub text: String,
    pub expires: DateTime<Utc>,
}

/// The visible toasts, oldest first; the same message is not stacked twice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Toasts {
    pub items: Vec<Toast>,
}

impl Toasts {
    const MAX: usize = 3;

    pub fn push(&mut self, level: Level, text: impl Into<String>, now: DateTime<Utc>) {
        let text = text.into();
        let secs = match level {
            Level::Info => 4,
            Level::Warning => 6,
            Level::Error => 10,
        };
        let expires = now + Duration::seconds(secs);
        if let Some(t) = self.items.iter_mut().find(|t| t.text == text) {
            t.expires = expires;
            return;
        }
        self.items.push(Toast {
            level,
            text,
            expires,
        });
        if self.items.len() > Self::MAX {
            self.items.remove(0);
        }
    }

    /// Drops expired toasts; returns whether any went.
    pub fn expire(&mut self, now: DateTime<Utc>) -> bool {
        let before = self.items.len();
        self.items.retain(|t| t.expires > now);
        before != self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toasts_expire_dedupe_and_cap() {
        let now = DateTime::from_timestamp(1_000, 0).unwrap();
        let mut t = Toasts::default();
        t.push(Level::Info, "a", now);
        t.push(Level::Info, "a", now);
        assert_eq!(t.items.len(), 1);
        for s in ["b", "c", "d"] {
            t.push(Level::Error, s, now);
        }
        assert_eq!(
            t.items.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
            ["b", "c", "d"]
        );
        assert!(!t.expire(now + Duration::seconds(5)));
        assert!(t.expire(now + Duration::seconds(11)));
        assert!(t.is_empty());
    }
}
