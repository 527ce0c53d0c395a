//! Fixed-window counters in memory, per key (an IP address or an account). Limits protect
//! one server process; a restart forgets them, which is acceptable for what they guard.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window_seconds: i64,
}

pub const LOGIN_PER_IP: Limit = Limit {
    max: 20,
    window_seconds: 15 * 60,
};
pub const LOGIN_FAILURES_PER_ACCOUNT: Limit = Limit {
    max: 5,
    window_seconds: 15 * 60,
};
pub const SIGNUP_PER_IP: Limit = Limit {
    max: 5,
    window_seconds: 60 * 60,
};
pub const REACTION_PER_IP: Limit = Limit {
    max: 5,
    window_seconds: 10 * 60,
};
pub const POST_PER_ACCOUNT: Limit = Limit {
    max: 30,
    window_seconds: 10 * 60,
};

impl Limit {
    pub fn scaled(self, factor: u32) -> Limit {
        Limit {
            max: self.max.saturating_mul(factor.max(1)),
            ..self
        }
    }
}

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (i64, u32)>>,
}

/// Refused: try again after this many minutes (at least one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryAfter(pub u32);

impl RateLimiter {
    /// Counts an attempt; refuses it when the key already used up its window.
    pub fn hit(&self, key: &str, limit: Limit, now: i64) -> Result<(), RetryAfter> {
        self.check(key, limit, now)?;
        self.record(key, limit, now);
        Ok(())
    }

    /// Whether the key may try again, without counting anything.
    pub fn check(&self, key: &str, limit: Limit, now: i64) -> Result<(), RetryAfter> {
        let windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        match windows.get(key) {
            Some(&(start, count)) if now < start + limit.window_seconds && count >= limit.max => {
                let seconds = start + limit.window_seconds - now;
                Err(RetryAfter(
                    u32::try_from((seconds + 59) / 60)
                        .unwrap_or(u32::MAX)
                        .max(1),
                ))
            }
            _ => Ok(()),
        }
    }

    /// Counts one event (a failed login, say) against the key.
    pub fn record(&self, key: &str, limit: Limit, now: i64) {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now < *start + 24 * 60 * 60);
        }
        let entry = windows.entry(key.to_string()).or_insert((now, 0));
        if now >= entry.0 + limit.window_seconds {
            *entry = (now, 0);
        }
        entry.1 = entry.1.saturating_add(1);
    }

    pub fn reset(&self, key: &str) {
        self.windows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limit = Limit {
        max: 3,
        window_seconds: 600,
    };

    #[test]
    fn allows_up_to_the_limit_then_refuses_until_the_window_ends() {
        let limiter = RateLimiter::default();
        for _ in 0..3 {
            assert_eq!(limiter.hit("ip:1", L, 1000), Ok(()));
        }
        assert_eq!(limiter.hit("ip:1", L, 1000), Err(RetryAfter(10)));
        assert_eq!(limiter.hit("ip:1", L, 1599), Err(RetryAfter(1)));
        assert_eq!(
            limiter.hit("ip:2", L, 1000),
            Ok(()),
            "other keys are not affected"
        );
        assert_eq!(limiter.hit("ip:1", L, 1600), Ok(()), "a new window starts");
    }

    #[test]
    fn failures_count_only_when_recorded_and_reset_clears() {
        let limiter = RateLimiter::default();
        for _ in 0..3 {
            assert_eq!(limiter.check("user:anna", L, 0), Ok(()));
            limiter.record("user:anna", L, 0);
        }
        assert!(limiter.check("user:anna", L, 10).is_err());
        limiter.reset("user:anna");
        assert_eq!(limiter.check("user:anna", L, 10), Ok(()));
    }
}
