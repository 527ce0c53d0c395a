//! Secrets shown once: a new calendar address waits here, keyed by the hash of the session
//! that made it, until that session's next page shows it. Nothing secret goes into a URL, and
//! a form posted without JavaScript still sees the address after its redirect.

use std::collections::HashMap;
use std::sync::Mutex;

/// How long an address waits to be shown.
pub const HANDOVER_SECONDS: i64 = 10 * 60;

#[derive(Debug, Default)]
pub struct Handover {
    waiting: Mutex<HashMap<String, (String, i64)>>,
}

impl Handover {
    /// Keeps `secret` for the session with this token hash, replacing what waited there.
    pub fn put(&self, session_hash: &str, secret: String, now: i64) {
        let Ok(mut waiting) = self.waiting.lock() else {
            return;
        };
        waiting.retain(|_, (_, at)| now - *at < HANDOVER_SECONDS);
        waiting.insert(session_hash.to_string(), (secret, now));
    }

    /// The secret waiting for the session, left in place: a page that may be shown again
    /// while it waits (a reset code's slip, reloaded or printed).
    pub fn peek(&self, session_hash: &str, now: i64) -> Option<String> {
        let waiting = self.waiting.lock().ok()?;
        let (secret, at) = waiting.get(session_hash)?;
        (now - at < HANDOVER_SECONDS).then(|| secret.clone())
    }

    /// The secret waiting for the session, removed so it shows only once.
    pub fn take(&self, session_hash: &str, now: i64) -> Option<String> {
        let mut waiting = self.waiting.lock().ok()?;
        let (secret, at) = waiting.remove(session_hash)?;
        (now - at < HANDOVER_SECONDS).then_some(secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_once_to_its_own_session_and_not_after_a_while() {
        let handover = Handover::default();
        handover.put("a", "geheim".into(), 100);
        assert_eq!(handover.take("b", 100), None);
        assert_eq!(handover.take("a", 101).as_deref(), Some("geheim"));
        assert_eq!(handover.take("a", 102), None);
        handover.put("a", "later".into(), 100);
        assert_eq!(handover.take("a", 100 + HANDOVER_SECONDS), None);
        handover.put("b", "bon".into(), 100);
        assert_eq!(handover.peek("b", 101).as_deref(), Some("bon"));
        assert_eq!(
            handover.peek("b", 102).as_deref(),
            Some("bon"),
            "still there"
        );
        assert_eq!(handover.peek("b", 100 + HANDOVER_SECONDS), None);
    }
}
