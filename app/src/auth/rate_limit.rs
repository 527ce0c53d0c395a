//! Fixed-window counters in memory, per key (an IP address or an account). Limits protect
//! one server process; a restart forgets them, which is acceptable for what they guard.
//!
//! Limits per address are ceilings for a busy shared connection, not for one person: the
//! library, the community centre and a block of flats put many neighbours behind one
//! address. What protects an account is counted per account and per account and address
//! (logins), what protects a form is its single-use token and question (guest reactions),
//! and a host's invite code vouches for a sign-up, which then counts against the code.
//!
//! Keys are stored hashed, so a key built from a 64 KB username costs 16 bytes, and the
//! table is bounded: expired windows are pruned as it grows, and past [`MAX_KEYS`] the windows
//! closest to their end make room.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window_seconds: i64,
}

/// Login attempts from one address, whatever the account: 150 per 15 minutes, enough for a
/// full room logging in over the community centre's Wi-Fi, a few times each.
pub const LOGIN_PER_IP: Limit = Limit {
    max: 150,
    window_seconds: 15 * 60,
};
/// Failed logins for one account from one address: 5 per 15 minutes. Counted before the
/// password is checked, so parallel guesses are each counted.
pub const LOGIN_FAILURES_PER_PAIR: Limit = Limit {
    max: 5,
    window_seconds: 15 * 60,
};
/// Failed logins for one account from all addresses together: 50 per 15 minutes. Past it,
/// only addresses that have not failed for the account may still try, one attempt each after
/// [`LOGIN_CROWDED_DELAY_MS`], so guesses spread over many addresses slow down while the owner
/// can still log in.
pub const LOGIN_FAILURES_PER_ACCOUNT: Limit = Limit {
    max: 50,
    window_seconds: 15 * 60,
};
/// The pause before checking a password for an account past its overall failure ceiling.
pub const LOGIN_CROWDED_DELAY_MS: u64 = 1_000;
/// Password changes tried by one signed-in account: 5 per 15 minutes.
pub const PASSWORD_CHANGE_PER_ACCOUNT: Limit = Limit {
    max: 5,
    window_seconds: 15 * 60,
};
/// Sign-ups without an invite code from one address: 20 an hour, a busy afternoon at the
/// library.
pub const SIGNUP_PER_IP: Limit = Limit {
    max: 20,
    window_seconds: 60 * 60,
};
/// Sign-ups with one host's invite code, from any address: the host vouches for the people
/// they hand the code to, and the code has its own number of uses and last day.
pub const SIGNUP_PER_INVITE: Limit = Limit {
    max: 100,
    window_seconds: 60 * 60,
};
/// Invite codes looked up or tried at sign-up, per address: generous for a room of people
/// scanning their cards (each scan and each sign-up counts), useless for guessing among
/// 32^8 codes.
pub const INVITE_CHECK_PER_IP: Limit = Limit {
    max: 100,
    window_seconds: 60 * 60,
};
/// Reset codes and e-mail links tried from one address: 10 per 15 minutes. A code is one of
/// 2^40, so guessing is hopeless; a resident who mistypes has room to try again.
pub const RESET_PER_IP: Limit = Limit {
    max: 10,
    window_seconds: 15 * 60,
};
/// Reset codes one account makes: 30 an hour, a busy evening at a place, not a takeover run.
pub const RESET_CODES_PER_ACCOUNT: Limit = Limit {
    max: 30,
    window_seconds: 60 * 60,
};
/// Links by e-mail asked for from one address: 5 an hour.
pub const RESET_MAIL_PER_IP: Limit = Limit {
    max: 5,
    window_seconds: 60 * 60,
};
/// Links mailed to one account: 3 an hour, so nobody can fill someone's mailbox.
pub const RESET_MAIL_PER_ACCOUNT: Limit = Limit {
    max: 3,
    window_seconds: 60 * 60,
};
/// Reactions without an account, per address; each also needs a single-use form token
/// shown at least three seconds earlier and the answer to its question.
pub const REACTION_PER_IP: Limit = Limit {
    max: 20,
    window_seconds: 10 * 60,
};
pub const POST_PER_ACCOUNT: Limit = Limit {
    max: 30,
    window_seconds: 10 * 60,
};
/// Joining and leaving activities, per account: enough for a resident who signs up for a
/// season of weekly sessions in one sitting.
pub const JOIN_PER_ACCOUNT: Limit = Limit {
    max: 60,
    window_seconds: 10 * 60,
};

/// The most windows kept at once (about 5 MB); past it the windows nearest their end go.
pub const MAX_KEYS: usize = 100_000;
/// Expired windows are swept out every this many new keys.
pub const PRUNE_EVERY: u32 = 1_024;

impl Limit {
    pub fn scaled(self, factor: u32) -> Limit {
        Limit {
            max: self.max.saturating_mul(factor.max(1)),
            ..self
        }
    }
}

/// A key as stored: the first 16 bytes of its SHA-256.
type Key = [u8; 16];

fn key_of(key: &str) -> Key {
    let digest = Sha256::digest(key.as_bytes());
    let mut short = [0; 16];
    short.copy_from_slice(&digest[..16]);
    short
}

#[derive(Clone, Copy, Debug)]
struct Window {
    /// When the window ends (Unix seconds).
    until: i64,
    count: u32,
}

#[derive(Debug, Default)]
struct Table {
    windows: HashMap<Key, Window>,
    /// New keys since the last sweep of expired windows.
    new_keys: u32,
}

impl Table {
    /// Makes room for one more key: sweeps expired windows now and then, and at the cap
    /// drops the quarter of windows that end soonest.
    fn make_room(&mut self, now: i64) {
        self.new_keys += 1;
        if self.new_keys >= PRUNE_EVERY || self.windows.len() >= MAX_KEYS {
            self.new_keys = 0;
            self.windows.retain(|_, window| now < window.until);
        }
        if self.windows.len() >= MAX_KEYS {
            let mut ends: Vec<i64> = self.windows.values().map(|w| w.until).collect();
            let cut = MAX_KEYS / 4;
            let (_, &mut threshold, _) = ends.select_nth_unstable(cut);
            let mut to_drop = cut;
            self.windows.retain(|_, window| {
                if window.until <= threshold && to_drop > 0 {
                    to_drop -= 1;
                    false
                } else {
                    true
                }
            });
        }
    }
}

#[derive(Debug, Default)]
pub struct RateLimiter {
    table: Mutex<Table>,
}

/// Refused: try again after this many minutes (at least one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryAfter(pub u32);

fn retry_after(until: i64, now: i64) -> RetryAfter {
    RetryAfter(
        u32::try_from((until - now + 59) / 60)
            .unwrap_or(u32::MAX)
            .max(1),
    )
}

impl RateLimiter {
    /// Counts an attempt; refuses it when the key already used up its window.
    pub fn hit(&self, key: &str, limit: Limit, now: i64) -> Result<(), RetryAfter> {
        self.count(key, limit, now).map(|_| ())
    }

    /// Checks and counts an attempt in one locked step, so parallel attempts are each
    /// counted; returns which attempt of the window this is (1 for the first). A refused
    /// attempt is not counted.
    pub fn count(&self, key: &str, limit: Limit, now: i64) -> Result<u32, RetryAfter> {
        let key = key_of(key);
        let mut table = self.lock();
        if !table.windows.contains_key(&key) {
            table.make_room(now);
        }
        let window = table.windows.entry(key).or_insert(Window {
            until: now + limit.window_seconds,
            count: 0,
        });
        if now >= window.until {
            *window = Window {
                until: now + limit.window_seconds,
                count: 0,
            };
        }
        if window.count >= limit.max {
            return Err(retry_after(window.until, now));
        }
        window.count += 1;
        Ok(window.count)
    }

    /// Whether the key may try again, without counting anything.
    pub fn check(&self, key: &str, limit: Limit, now: i64) -> Result<(), RetryAfter> {
        match self.lock().windows.get(&key_of(key)) {
            Some(window) if now < window.until && window.count >= limit.max => {
                Err(retry_after(window.until, now))
            }
            _ => Ok(()),
        }
    }

    /// Takes back one counted attempt (one that turned out fine).
    pub fn forgive(&self, key: &str) {
        if let Some(window) = self.lock().windows.get_mut(&key_of(key)) {
            window.count = window.count.saturating_sub(1);
        }
    }

    pub fn reset(&self, key: &str) {
        self.lock().windows.remove(&key_of(key));
    }

    /// How many windows are kept.
    pub fn len(&self) -> usize {
        self.lock().windows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(|e| e.into_inner())
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
    fn count_numbers_attempts_forgive_takes_one_back_and_reset_clears() {
        let limiter = RateLimiter::default();
        assert_eq!(limiter.count("user:anna", L, 0), Ok(1));
        assert_eq!(limiter.count("user:anna", L, 0), Ok(2));
        limiter.forgive("user:anna");
        assert_eq!(limiter.count("user:anna", L, 0), Ok(2));
        assert_eq!(limiter.count("user:anna", L, 0), Ok(3));
        assert!(limiter.check("user:anna", L, 10).is_err());
        assert!(limiter.count("user:anna", L, 10).is_err());
        limiter.reset("user:anna");
        assert_eq!(limiter.check("user:anna", L, 10), Ok(()));
    }

    #[test]
    fn parallel_attempts_are_each_counted() {
        let limiter = std::sync::Arc::new(RateLimiter::default());
        let allowed: u32 = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..20)
                .map(|_| scope.spawn(|| u32::from(limiter.hit("user:bob", L, 0).is_ok())))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(allowed, L.max);
    }

    #[test]
    fn many_distinct_huge_keys_stay_bounded() {
        let limiter = RateLimiter::default();
        let huge = "x".repeat(64 * 1024);
        for i in 0..500 {
            let _ = limiter.hit(&format!("login-account:{huge}{i}"), L, 0);
        }
        assert_eq!(limiter.len(), 500, "each huge key is one 16-byte entry");
        assert_eq!(std::mem::size_of::<Key>(), 16);

        // Far more distinct keys than the cap, all in the same window: the table stays within it.
        for i in 0..(MAX_KEYS + MAX_KEYS / 2) {
            let _ = limiter.hit(&format!("ip:{i}"), L, 0);
        }
        assert!(limiter.len() <= MAX_KEYS, "{} keys kept", limiter.len());

        // Once their windows are over, new keys sweep the old ones out.
        for i in 0..(PRUNE_EVERY as usize * 2) {
            let _ = limiter.hit(&format!("later:{i}"), L, 10_000);
        }
        assert!(
            limiter.len() <= PRUNE_EVERY as usize * 2,
            "{} keys kept after the windows ended",
            limiter.len()
        );
    }
}
