//! Password hashing with argon2id at OWASP parameters (19 MiB, t=2, p=1).
//!
//! A hash or a verification costs tens of milliseconds of CPU, and a login storm must not
//! take that CPU from every other request. So hashing runs on its own threads (one by
//! default, `--password-hash-threads`) in Linux's **idle scheduling class**: when the
//! machine is idle a login gets a whole core, when requests compete the kernel gives them
//! the CPU first and hashing gets what is left. A burst of logins queues here, not on the
//! async runtime, and the wait for a hashing thread is bounded: past
//! [`Passwords::queue_timeout`] the caller gets 503 `SERVICE_UNAVAILABLE` with `Retry-After`
//! instead of an ever longer wait.
//!
//! Logins for unknown users verify against a dummy hash so that "no such user" and "wrong
//! password" cost the same work and cannot be told apart by timing. The dummy is computed
//! on a hashing thread when the service starts, off the start-up path.

use std::{
    sync::{
        Arc, OnceLock,
        atomic::{AtomicU64, Ordering},
        mpsc,
    },
    time::Duration,
};

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHasher as _, PasswordVerifier as _, phc::PasswordHash},
};
use tokio::sync::{Semaphore, oneshot};

use crate::{domain::Password, error::ApiError};

/// How much lower than request threads the hashing threads run (`nice` increment).
const HASHING_NICENESS: i32 = 10;

type Job = Box<dyn FnOnce() + Send>;

/// Hashes and verifies passwords on low-priority threads, a bounded number at a time.
#[derive(Clone)]
pub struct Passwords {
    jobs: mpsc::Sender<Job>,
    permits: Arc<Semaphore>,
    queue_timeout: Duration,
    dummy_hash: Arc<OnceLock<String>>,
    verifications: Arc<AtomicU64>,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords")
            .field("available_permits", &self.permits.available_permits())
            .field("queue_timeout", &self.queue_timeout)
            .field("verifications", &self.verifications())
            .finish()
    }
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &[u8]) -> Result<String, String> {
    argon2()
        .hash_password(password)
        .map(|hash| hash.to_string())
        .map_err(|e| e.to_string())
}

fn verify_blocking(password: &[u8], hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => argon2().verify_password(password, &parsed).is_ok(),
        Err(_) => false,
    }
}

fn dummy_hash(cell: &OnceLock<String>) -> &str {
    cell.get_or_init(|| {
        hash_blocking(&crate::security::random_bytes::<16>())
            .expect("hashing a random dummy password cannot fail")
    })
}

/// Tunes glibc's allocator for a long-running service; call once, first thing.
///
/// - By default glibc raises its mmap threshold after the first large free, so every
///   hashing thread's arena would keep a 19 MiB argon2 block forever (hundreds of MB after a
///   login burst). A fixed threshold keeps blocks of 4 MiB and more mmapped: freed at once.
pub fn tune_the_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        // SAFETY: `mallopt` only changes allocator tuning.
        ONCE.call_once(|| unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 4 * 1024 * 1024);
        });
    }
}

/// Moves the calling thread to the idle scheduling class (Linux `SCHED_IDLE`): it runs only
/// on CPU time no other thread wants, and any request thread that wakes up preempts it at
/// once. A lower `nice` alone is not enough: request threads sleep between requests, and a
/// merely less favoured hashing thread that holds the CPU when they wake delays them. Where
/// the class cannot be set, the thread is at least made `nice`.
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: `gettid` has no preconditions; `sched_setscheduler` and `setpriority` only
    // read their arguments and act on the calling thread. A failure leaves the priority
    // unchanged, which is safe.
    unsafe {
        let idle = libc::sched_param { sched_priority: 0 };
        if libc::sched_setscheduler(0, libc::SCHED_IDLE, &idle) != 0 {
            let tid = libc::gettid();
            let _ = libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, HASHING_NICENESS);
        }
    }
}

impl Passwords {
    /// A hasher with `threads` hashing threads (at least one); a caller waits at most
    /// `queue_timeout` for one to be free.
    pub fn new(threads: usize, queue_timeout: Duration) -> Self {
        let threads = threads.max(1);
        tune_the_allocator();
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(std::sync::Mutex::new(queue));
        for i in 0..threads {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new()
                .name(format!("profilehub-hash-{i}"))
                .spawn(move || {
                    lower_this_threads_priority();
                    loop {
                        let job = match queue.lock() {
                            Ok(receiver) => receiver.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return, // every sender is gone
                        }
                    }
                })
                .expect("a hashing thread starts");
        }
        let dummy = Arc::new(OnceLock::new());
        let warm = Arc::clone(&dummy);
        let _ = jobs.send(Box::new(move || {
            dummy_hash(&warm);
        }));
        Self {
            jobs,
            permits: Arc::new(Semaphore::new(threads)),
            queue_timeout,
            dummy_hash: dummy,
            verifications: Arc::default(),
        }
    }

    /// How long a caller may wait for a free hashing thread before 503.
    pub fn queue_timeout(&self) -> Duration {
        self.queue_timeout
    }

    /// Hashes a new password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub async fn hash(&self, password: &Password) -> Result<String, ApiError> {
        let password = password.expose().as_bytes().to_vec();
        self.run(move || hash_blocking(&password))
            .await?
            .map_err(ApiError::internal)
    }

    /// Checks `password` against `stored` — or, when there is no such user, against a dummy
    /// hash of equal cost, returning `false`.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> Result<bool, ApiError> {
        let password = password.as_bytes().to_vec();
        let stored = stored.map(str::to_string);
        let dummy = Arc::clone(&self.dummy_hash);
        self.verifications.fetch_add(1, Ordering::Relaxed);
        self.run(move || match stored {
            Some(hash) => verify_blocking(&password, &hash),
            None => {
                verify_blocking(&password, dummy_hash(&dummy));
                false
            }
        })
        .await
    }

    /// How many password verifications this hasher has performed (the work a login costs;
    /// tests use it to prove unknown users cost the same as wrong passwords).
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = tokio::time::timeout(self.queue_timeout, self.permits.acquire())
            .await
            .map_err(|_| busy(self.queue_timeout))?
            .map_err(|_| ApiError::internal("password hasher closed"))?;
        let (done, result) = oneshot::channel();
        self.jobs
            .send(Box::new(move || {
                let _ = done.send(work());
            }))
            .map_err(|_| ApiError::internal("password hashing threads stopped"))?;
        let result = result
            .await
            .map_err(|_| ApiError::internal("a password hashing job was lost"));
        drop(permit);
        result
    }
}

/// 503 when every hashing thread stayed busy for the whole queue timeout.
fn busy(waited: Duration) -> ApiError {
    let mut err = ApiError::unavailable(format!(
        "every password hashing thread was busy for {waited:?}"
    ));
    err.message = "Too many logins at once; retry in a moment.".into();
    err.with_retry_after(waited.as_secs().clamp(1, 30))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let passwords = Passwords::new(2, Duration::from_secs(30));
        let password = Password::parse("correct horse battery").unwrap();
        let hash = passwords.hash(&password).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            passwords
                .verify("correct horse battery", Some(&hash))
                .await
                .unwrap()
        );
        assert!(
            !passwords
                .verify("wrong horse battery", Some(&hash))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn a_caller_that_cannot_get_a_hashing_thread_in_time_gets_503() {
        let passwords = Passwords::new(1, Duration::from_millis(20));
        let busy = passwords.clone();
        let blocker = tokio::spawn(async move {
            busy.run(|| std::thread::sleep(Duration::from_millis(300)))
                .await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let err = passwords.verify("x", None).await.unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::ServiceUnavailable);
        assert!(err.retry_after_secs.is_some());
        blocker.await.unwrap().unwrap();
        assert!(!passwords.verify("x", None).await.unwrap(), "free again");
    }

    #[tokio::test]
    async fn unknown_users_never_verify_even_with_the_dummy_password() {
        let passwords = Passwords::new(1, Duration::from_secs(30));
        assert!(!passwords.verify("anything at all", None).await.unwrap());
        assert!(
            !passwords
                .verify("x", Some("not a phc string"))
                .await
                .unwrap()
        );
    }
}
