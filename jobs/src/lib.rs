//! `profilehub-jobs`: the platform half of profilehub's rating aggregator.
//!
//! Layers, each usable on its own:
//! * [`platform`] and [`handle`]: which platforms exist and what a valid handle is.
//! * [`outcome`]: what a look-up found ([`FetchOutcome`]); the engine's write rules hang
//!   on its variants.
//! * [`parse`]: pure, fixture-tested functions from response bytes to outcomes.
//! * [`http`]: the polite HTTP layer (rate gate, retries, breaker, caps) all traffic uses.
//! * [`clients`]: one [`PlatformClient`] per platform, built by [`build_clients`].
//!
//! What must not live here: SQL, scheduling policy, or anything about profilehub users;
//! the refresh engine in the service composes these pieces.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod clients;
pub mod handle;
pub mod http;
pub mod outcome;
pub mod parse;
pub mod platform;

pub use clients::{FetchRequest, HttpPlatformClient, PlatformClient, build_clients};
pub use handle::{HandleError, HandleErrorKind, normalize_handle};
pub use http::{LocalRateGate, PlatformSettings, RateGate};
pub use outcome::{FetchOutcome, RatingSnapshot};
pub use platform::Platform;
