//! Password hashing with argon2id at OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
//!
//! Hashing is CPU-bound and memory-hungry, so it runs on its own rayon pool (one thread per core)
//! at the lowest scheduling priority: a storm of sign-ins takes the cores only while pages and answer
//! saves leave them idle, and the memory it holds is bounded by the threads (19 MiB each), not by
//! how many people sign in at once.

use crate::error::{Result, StoreError};
use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};
use domain::Password;
use rand::rngs::OsRng;
use std::sync::{
    LazyLock,
    atomic::{AtomicUsize, Ordering},
};

/// Jobs waiting for a hashing thread.
static QUEUED: AtomicUsize = AtomicUsize::new(0);

/// The hashing threads (one per core); they start with the first hash.
static POOL: LazyLock<Option<rayon_core::ThreadPool>> = LazyLock::new(|| {
    rayon_core::ThreadPoolBuilder::new()
        .thread_name(|i| format!("hoithi-hash-{i}"))
        .start_handler(|_| lower_priority())
        // A job that panics fails its own request (its sender is dropped), not the process.
        .panic_handler(|_| tracing::error!("a password hashing job panicked"))
        .build()
        .inspect_err(|e| tracing::error!(error = %e, "cannot start the password hashing threads"))
        .ok()
});

/// Runs this thread only when nothing else wants the core (Linux `SCHED_IDLE`).
fn lower_priority() {
    use thread_priority::{
        NormalThreadSchedulePolicy, ThreadPriority, ThreadSchedulePolicy, set_thread_priority_and_policy,
        thread_native_id,
    };
    let policy = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
    if let Err(e) = set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, policy) {
        tracing::warn!(error = ?e, "password hashing runs at normal priority");
    }
}

/// How many hashes wait for a thread (for metrics).
pub fn queued() -> usize {
    QUEUED.load(Ordering::Relaxed)
}

/// Queues `work` for a hashing thread; its result comes on the receiver.
fn submit<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<tokio::sync::oneshot::Receiver<T>> {
    let pool = POOL.as_ref()?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    QUEUED.fetch_add(1, Ordering::Relaxed);
    pool.spawn_fifo(move || {
        QUEUED.fetch_sub(1, Ordering::Relaxed);
        let _ = tx.send(work());
    });
    Some(rx)
}

/// Runs `work` on a hashing thread.
async fn on_pool<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    submit(work)?.await.ok()
}

fn argon2() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1.
    #[allow(clippy::expect_used)]
    let params = Params::new(19_456, 2, 1, None).expect("static argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes `password` into a PHC string.
pub async fn hash(password: &Password) -> Result<String> {
    let secret = password.expose().to_owned();
    on_pool(move || hash_blocking(&secret)).await.unwrap_or(Err(StoreError::PasswordHash))
}

/// Hashes many secrets (a roster import) on the hashing threads, in order.
pub async fn hash_many(secrets: Vec<String>) -> Result<Vec<String>> {
    let pending: Vec<_> = secrets.into_iter().map(|secret| submit(move || hash_blocking(&secret))).collect();
    let mut hashes = Vec::with_capacity(pending.len());
    for hash in pending {
        let Some(hash) = hash else { return Err(StoreError::PasswordHash) };
        hashes.push(hash.await.unwrap_or(Err(StoreError::PasswordHash))?);
    }
    Ok(hashes)
}

/// Synchronous hashing, for the CLI that runs no server.
pub fn hash_blocking(secret: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| StoreError::PasswordHash)
}

/// A hash of a random secret, verified against when the account does not exist, so that
/// "unknown user" and "wrong password" take the same time.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("not-a-real-password").unwrap_or_default());

/// Checks `password` against `stored` (or against a dummy hash when `stored` is `None`).
pub async fn verify(password: String, stored: Option<String>) -> bool {
    on_pool(move || {
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let Ok(parsed) = PasswordHash::new(&phc) else {
            return false;
        };
        argon2().verify_password(password.as_bytes(), &parsed).is_ok() && known
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() {
        let password = Password::parse("Mật khẩu đúng 1".into()).unwrap();
        let phc = hash(&password).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("Mật khẩu đúng 1".into(), Some(phc.clone())).await);
        assert!(!verify("Mật khẩu sai 1".into(), Some(phc)).await);
    }

    #[tokio::test]
    async fn many_hashes_come_back_in_order() {
        let secrets: Vec<String> = (0..5).map(|i| format!("Mật khẩu số {i}")).collect();
        let hashes = hash_many(secrets.clone()).await.unwrap();
        assert_eq!(hashes.len(), 5);
        for (i, phc) in hashes.into_iter().enumerate() {
            assert!(verify(secrets[i].clone(), Some(phc.clone())).await, "hash {i} is of secret {i}");
            assert!(!verify(secrets[(i + 1) % 5].clone(), Some(phc)).await);
        }
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        assert!(!verify("not-a-real-password".into(), None).await);
    }
}
