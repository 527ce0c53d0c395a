//! Rendered data for anonymous readers, kept for a few seconds (server only).
//!
//! A page that many read and few change (a place, a thread, the directory, a
//! neighbourhood's home page) costs a dozen queries to gather. For readers without an
//! account the result is the same for everyone, so it is kept here and reused:
//!
//! - for at most [`MAX_AGE`], because "open now" and "from now on" follow the clock;
//! - and only until the next write: every write to the database (a post, a light, an
//!   activity, a sign-up) passes through the one write connection, which counts them
//!   ([`Db::writes`](crate::store::Db::writes)); an entry made before the latest write is
//!   never served. The count is read before the data, so data read while a write landed
//!   is already stale when it is stored.
//!
//! Signed-in readers always get fresh data: what they see depends on who they are.

use std::{
    any::Any,
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// How long an entry serves at most.
pub const MAX_AGE: Duration = Duration::from_secs(10);

/// The most entries kept; when full, the oldest half goes.
pub const MAX_ENTRIES: usize = 4096;

struct Entry {
    made: Instant,
    writes: u64,
    value: Arc<dyn Any + Send + Sync>,
}

#[derive(Clone, Default)]
pub struct ReadCache {
    entries: Arc<Mutex<HashMap<String, Entry>>>,
    /// Off: every read goes to the database (for tests that look at the queries).
    off: Arc<std::sync::atomic::AtomicBool>,
}

impl std::fmt::Debug for ReadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadCache").finish_non_exhaustive()
    }
}

impl ReadCache {
    /// The value kept under `key` if it is younger than [`MAX_AGE`] and no write came after
    /// it; otherwise `make`'s, kept for the next reader. `writes` reads the database's write
    /// count.
    pub async fn get_or<T, E, F>(
        &self,
        key: String,
        writes: impl Fn() -> u64,
        make: F,
    ) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
        F: std::future::Future<Output = Result<T, E>>,
    {
        if self.off.load(std::sync::atomic::Ordering::Relaxed) {
            return make.await;
        }
        let before = writes();
        if let Some(value) = self.fresh::<T>(&key, before) {
            return Ok(value);
        }
        let value = make.await?;
        self.keep(key, before, value.clone());
        Ok(value)
    }

    fn fresh<T: Clone + 'static>(&self, key: &str, writes: u64) -> Option<T> {
        let entries = self.entries.lock().ok()?;
        let entry = entries.get(key)?;
        (entry.writes == writes && entry.made.elapsed() < MAX_AGE)
            .then(|| entry.value.downcast_ref::<T>().cloned())
            .flatten()
    }

    fn keep<T: Send + Sync + 'static>(&self, key: String, writes: u64, value: T) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= MAX_ENTRIES {
            let mut ages: Vec<Instant> = entries.values().map(|e| e.made).collect();
            ages.sort_unstable();
            let cut = ages[ages.len() / 2];
            entries.retain(|_, e| e.made > cut && e.made.elapsed() < MAX_AGE);
        }
        entries.insert(
            key,
            Entry {
                made: Instant::now(),
                writes,
                value: Arc::new(value),
            },
        );
    }

    /// Turns the cache off (`false`) or on again, for every clone of it.
    pub fn set_enabled(&self, enabled: bool) {
        self.off
            .store(!enabled, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

    #[tokio::test]
    async fn serves_until_the_next_write() {
        let cache = ReadCache::default();
        let writes = AtomicU64::new(0);
        let made = AtomicUsize::new(0);
        let read = || async {
            made.fetch_add(1, Ordering::SeqCst);
            Ok::<_, ()>(made.load(Ordering::SeqCst))
        };
        let count = || writes.load(Ordering::SeqCst);
        assert_eq!(cache.get_or("a".into(), count, read()).await, Ok(1));
        assert_eq!(cache.get_or("a".into(), count, read()).await, Ok(1));
        assert_eq!(cache.get_or("b".into(), count, read()).await, Ok(2));
        writes.fetch_add(1, Ordering::SeqCst);
        assert_eq!(cache.get_or("a".into(), count, read()).await, Ok(3));
        assert_eq!(cache.get_or("a".into(), count, read()).await, Ok(3));
    }

    #[tokio::test]
    async fn data_read_during_a_write_is_not_served_after_it() {
        let cache = ReadCache::default();
        let writes = AtomicU64::new(0);
        let count = || writes.load(Ordering::SeqCst);
        // The write lands while the data is being read.
        let value = cache
            .get_or("a".into(), count, async {
                writes.fetch_add(1, Ordering::SeqCst);
                Ok::<_, ()>("old")
            })
            .await;
        assert_eq!(value, Ok("old"));
        let value = cache
            .get_or("a".into(), count, async { Ok::<_, ()>("new") })
            .await;
        assert_eq!(value, Ok("new"));
    }

    #[tokio::test]
    async fn switched_off_it_always_reads() {
        let cache = ReadCache::default();
        cache.set_enabled(false);
        let made = AtomicUsize::new(0);
        for expected in 1..=2 {
            let value = cache
                .get_or("a".into(), || 0, async {
                    Ok::<_, ()>(made.fetch_add(1, Ordering::SeqCst) + 1)
                })
                .await;
            assert_eq!(value, Ok(expected));
        }
        assert!(cache.is_empty());
    }

    #[tokio::test]
    async fn errors_are_not_kept() {
        let cache = ReadCache::default();
        let count = || 0;
        let failed = cache
            .get_or("a".into(), count, async { Err::<u8, _>("down") })
            .await;
        assert_eq!(failed, Err("down"));
        assert!(cache.is_empty());
    }
}
