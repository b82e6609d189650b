//! Login and registration throttling: brute force and credential stuffing cost time.
//!
//! Wrong credentials are counted per account, per (client IP, account) and per client IP.
//! Past a threshold every further attempt on that key waits, and the wait grows with each
//! failure up to a cap (Keycloak's defaults: 30 failures, +60 s per step, at most 15 min);
//! meanwhile the answer is 429 `RATE_LIMITED` with `Retry-After` — even for the right
//! password, so a guesser learns nothing from the lock. An unknown account is counted under
//! the name that was tried, exactly like a real one, so the answers never tell whether an
//! account exists. Counters live in the database (one atomic upsert per failure: exact under
//! concurrency, shared by every instance) and restart after a quiet period. A successful
//! login clears its account's counters, not its IP's. Registrations are counted per IP in a
//! fixed window.

use std::{net::IpAddr, time::Duration};

use super::millis;
use super::store::{
    Store, now_ms,
    throttle::{Counter, Restart},
};
use crate::{
    domain::UserId,
    error::{ApiError, ErrorCode},
};

/// Thresholds and waits.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    /// Failed logins per account (and per client IP and account) before waits begin.
    pub account_failures: i64,
    /// Failed logins per client IP, over all accounts, before waits begin.
    pub ip_failures: i64,
    /// How much longer the wait grows with each failure past the threshold.
    pub step: Duration,
    /// The longest wait.
    pub max_wait: Duration,
    /// A counter with no failure for this long starts again.
    pub reset_after: Duration,
    /// Registrations per client IP per window.
    pub registrations_per_ip: i64,
    /// The registration window.
    pub registration_window: Duration,
}

/// Password-reset requests per address (hashed) an hour.
pub const FORGOT_PER_ADDRESS: i64 = 5;
/// Password-reset requests per client address an hour, for all addresses together.
pub const FORGOT_PER_CLIENT: i64 = 30;

/// The account a login names: its id when it exists, else the name that was tried.
#[derive(Debug, Clone)]
pub struct AccountKey(String);

impl AccountKey {
    /// The key of an existing account.
    pub fn user(id: UserId) -> Self {
        Self(id.to_string())
    }

    /// The key of a login that names no account.
    pub fn unknown(login: &str) -> Self {
        Self(login.trim().to_lowercase())
    }
}

/// Counts and checks.
#[derive(Debug, Clone)]
pub struct Throttle {
    store: Store,
    policy: ThrottlePolicy,
}

impl Throttle {
    pub(crate) fn new(store: Store, policy: ThrottlePolicy) -> Self {
        Self { store, policy }
    }

    /// The counters a login touches, with their thresholds; the last one is the IP's.
    fn keys(&self, account: &AccountKey, ip: Option<IpAddr>) -> Vec<(String, i64)> {
        let mut keys = vec![(
            format!("account:{}", account.0),
            self.policy.account_failures,
        )];
        if let Some(ip) = ip {
            keys.push((
                format!("ip-account:{ip}|{}", account.0),
                self.policy.account_failures,
            ));
            keys.push((format!("ip:{ip}"), self.policy.ip_failures));
        }
        keys
    }

    /// When a counter past its threshold lets the next attempt through (epoch ms).
    fn locked_until(&self, counter: &Counter, threshold: i64) -> Option<i64> {
        (counter.events >= threshold).then(|| {
            let steps = counter.events - threshold + 1;
            let wait = millis(self.policy.step)
                .saturating_mul(steps)
                .min(millis(self.policy.max_wait));
            counter.last_at.saturating_add(wait)
        })
    }

    /// Fails with 429 while any of the login's counters is past its threshold.
    pub async fn check_login(
        &self,
        account: &AccountKey,
        ip: Option<IpAddr>,
    ) -> Result<(), ApiError> {
        let now = now_ms();
        let keys = self.keys(account, ip);
        let names: Vec<String> = keys.iter().map(|(key, _)| key.clone()).collect();
        let counters = self
            .store
            .counters(&names, now - millis(self.policy.reset_after))
            .await?;
        let until = counters
            .iter()
            .filter_map(|(key, counter)| {
                let threshold = keys.iter().find(|(k, _)| k == key)?.1;
                self.locked_until(counter, threshold)
            })
            .filter(|until| *until > now)
            .max();
        match until {
            Some(until) => Err(too_many(
                "Too many failed logins; wait before trying again.",
                until - now,
            )),
            None => Ok(()),
        }
    }

    /// Counts a failed login on every counter it touches.
    pub async fn login_failed(
        &self,
        account: &AccountKey,
        ip: Option<IpAddr>,
    ) -> Result<(), ApiError> {
        let now = now_ms();
        for (key, _) in self.keys(account, ip) {
            self.store
                .count_event(
                    &key,
                    now,
                    Restart::QuietSince(now - millis(self.policy.reset_after)),
                )
                .await?;
        }
        Ok(())
    }

    /// Clears the account's counters after a successful login (the IP's stay).
    pub async fn login_succeeded(
        &self,
        account: &AccountKey,
        ip: Option<IpAddr>,
    ) -> Result<(), ApiError> {
        let mut keys: Vec<String> = self.keys(account, ip).into_iter().map(|(k, _)| k).collect();
        if ip.is_some() {
            keys.pop(); // the IP's own counter
        }
        Ok(self.store.forget_counters(&keys).await?)
    }

    /// Failed logins currently counted against an account.
    pub async fn account_failures(&self, account: &AccountKey) -> Result<i64, ApiError> {
        let key = format!("account:{}", account.0);
        let now = now_ms();
        Ok(self
            .store
            .counters(&[key], now - millis(self.policy.reset_after))
            .await?
            .first()
            .map_or(0, |(_, counter)| counter.events))
    }

    /// Failed logins counted against an account, and until when they keep it locked
    /// (epoch ms) if they do.
    pub async fn account_state(
        &self,
        account: &AccountKey,
    ) -> Result<(i64, Option<i64>), ApiError> {
        let key = format!("account:{}", account.0);
        let now = now_ms();
        let counters = self
            .store
            .counters(&[key], now - millis(self.policy.reset_after))
            .await?;
        Ok(counters.first().map_or((0, None), |(_, counter)| {
            (
                counter.events,
                self.locked_until(counter, self.policy.account_failures)
                    .filter(|until| *until > now),
            )
        }))
    }

    /// Counts a registration attempt from `ip`; 429 once the window's allowance is spent.
    pub async fn registration(&self, ip: Option<IpAddr>) -> Result<(), ApiError> {
        let Some(ip) = ip else { return Ok(()) };
        self.allowance(
            &format!("register:{ip}"),
            self.policy.registrations_per_ip,
            self.policy.registration_window,
            "Too many registrations from this address; wait before trying again.",
        )
        .await
    }

    /// Counts a forgotten-password request for the address whose hash is `address_key`,
    /// from `ip`: [`FORGOT_PER_ADDRESS`] per address and [`FORGOT_PER_CLIENT`] per client
    /// an hour, whether or not an account has the address.
    pub async fn forgotten_password(
        &self,
        address_key: &str,
        ip: Option<IpAddr>,
    ) -> Result<(), ApiError> {
        const HOUR: Duration = Duration::from_secs(3600);
        let message = "Too many password-reset requests; wait before trying again.";
        if let Some(ip) = ip {
            self.allowance(&format!("forgot-ip:{ip}"), FORGOT_PER_CLIENT, HOUR, message)
                .await?;
        }
        self.allowance(
            &format!("forgot-address:{address_key}"),
            FORGOT_PER_ADDRESS,
            HOUR,
            message,
        )
        .await
    }

    /// Counts one event on `key`; 429 (`message`, with `Retry-After`) once more than
    /// `limit` fall in a fixed `window`.
    async fn allowance(
        &self,
        key: &str,
        limit: i64,
        window: Duration,
        message: &str,
    ) -> Result<(), ApiError> {
        let now = now_ms();
        let window = millis(window);
        // A fixed window: the counter restarts once its first event is a window old.
        let counter = self
            .store
            .count_event(key, now, Restart::WindowStartedBy(now - window))
            .await?;
        if counter.events > limit {
            return Err(too_many(message, counter.first_at + window - now));
        }
        Ok(())
    }
}

fn too_many(message: &str, wait_ms: i64) -> ApiError {
    let secs = u64::try_from((wait_ms + 999) / 1000).unwrap_or(1).max(1);
    ApiError::new(ErrorCode::RateLimited, message).with_retry_after(secs)
}
