//! Password hashing with Argon2id, off the async runtime (a hash takes tens of milliseconds
//! of CPU and 19 MiB of memory by design), a few at a time: one per core, the rest queue.

use crate::error::AppError;
use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc, OnceLock,
};
use tokio::sync::Semaphore;

/// Password checks that may wait for a free core; more are refused as rate limited
/// (with 2 cores at ~50 ms a check, the last waits about 3 s).
pub const ARGON2_MAX_WAITING: usize = 128;

/// Runs blocking work a bounded number at a time, with a bounded queue.
#[derive(Debug)]
struct Gate {
    slots: Arc<Semaphore>,
    waiting: AtomicUsize,
    max_waiting: usize,
}

/// Takes one place in the queue back when dropped (also when the request is dropped).
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Gate {
    fn new(slots: usize, max_waiting: usize) -> Gate {
        Gate {
            slots: Arc::new(Semaphore::new(slots.max(1))),
            waiting: AtomicUsize::new(0),
            max_waiting,
        }
    }

    /// Runs `work` on a blocking thread once a slot is free. The slot stays taken until the
    /// work is done, even if the caller gives up waiting for it.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let queued = Waiting(&self.waiting);
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
            tracing::warn!("too many password checks waiting; refused");
            return Err(AppError::RateLimited { minutes: 1 });
        }
        let permit = self.slots.clone().acquire_owned().await.map_err(|error| {
            tracing::error!(%error, "password slots closed");
            AppError::Internal
        })?;
        drop(queued);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "password task failed");
            AppError::Internal
        })
    }
}

/// One Argon2 computation per core at a time.
fn gate() -> &'static Gate {
    static GATE: OnceLock<Gate> = OnceLock::new();
    GATE.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Gate::new(cores, ARGON2_MAX_WAITING)
    })
}

/// Argon2id with the OWASP-recommended parameters (19 MiB, 2 passes, 1 lane).
fn hasher() -> Argon2<'static> {
    Argon2::default()
}

pub fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Ok(hasher()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// False for a wrong password and for a stored hash that cannot be read.
pub fn verify_blocking(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok())
}

pub async fn hash(password: String) -> Result<String, AppError> {
    gate()
        .run(move || hash_blocking(&password))
        .await?
        .map_err(|error| {
            tracing::error!(%error, "hashing a password failed");
            AppError::Internal
        })
}

/// Checks a password against a stored hash; with no account (`None`) it checks against a
/// dummy hash, so a wrong username takes as long to refuse as a wrong password.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    gate()
        .run(move || match stored {
            Some(stored) => verify_blocking(&password, &stored),
            None => {
                verify_blocking(&password, dummy_hash());
                false
            }
        })
        .await
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("no account has this password").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash_blocking("correct horse battery").unwrap();
        let b = hash_blocking("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_blocking("correct horse battery", &a));
        assert!(!verify_blocking("correct horse batterY", &a));
        assert!(!verify_blocking("", &a));
        assert!(!verify_blocking("correct horse battery", "not a hash"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_gate_runs_a_few_at_a_time_and_refuses_a_long_queue() {
        use std::time::Duration;
        let gate = Arc::new(Gate::new(2, 3));
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let hold = Arc::new(std::sync::Mutex::new(hold));
        let mut tasks = Vec::new();
        for _ in 0..5 {
            let (gate, running, peak, hold) =
                (gate.clone(), running.clone(), peak.clone(), hold.clone());
            tasks.push(tokio::spawn(async move {
                gate.run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    let _ = hold.lock().unwrap().recv();
                    running.fetch_sub(1, Ordering::SeqCst);
                })
                .await
            }));
        }
        // Two run, three wait: the queue is full, so the next one is refused at once.
        while gate.waiting.load(Ordering::SeqCst) < 3 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert_eq!(
            gate.run(|| ()).await,
            Err(AppError::RateLimited { minutes: 1 })
        );
        for _ in 0..5 {
            release.send(()).unwrap();
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert!(
            peak.load(Ordering::SeqCst) <= 2,
            "never more than the slots at once"
        );
        assert_eq!(gate.waiting.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn unknown_accounts_never_verify() {
        assert!(!verify("anything".into(), None).await.unwrap());
        let stored = hash("lang genoeg".into()).await.unwrap();
        assert!(verify("lang genoeg".into(), Some(stored)).await.unwrap());
    }
}
