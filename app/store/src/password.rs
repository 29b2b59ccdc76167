//! Password hashing with argon2id at OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
//! Hashing is CPU-bound, so it runs on tokio's blocking pool, never on the async workers.

use crate::error::{Result, StoreError};
use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};
use domain::Password;
use rand::rngs::OsRng;
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// At most this many hashes run at once: each takes 19 MiB and a core, so more only queue up
/// memory (a burst of sign-ins would otherwise start hundreds of blocking threads).
static HASHING: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)));

fn argon2() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1.
    #[allow(clippy::expect_used)]
    let params = Params::new(19_456, 2, 1, None).expect("static argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes `password` into a PHC string.
pub async fn hash(password: &Password) -> Result<String> {
    let secret = password.expose().to_owned();
    let _permit = HASHING.acquire().await.map_err(|_| StoreError::PasswordHash)?;
    tokio::task::spawn_blocking(move || hash_blocking(&secret)).await.map_err(|_| StoreError::PasswordHash)?
}

/// Synchronous hashing, for the CLI and bulk imports that already run off the async workers.
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
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
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
    async fn an_unknown_account_never_verifies() {
        assert!(!verify("not-a-real-password".into(), None).await);
    }
}
