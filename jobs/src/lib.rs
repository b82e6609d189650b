//! `profilehub-jobs`: the platform half of profilehub's rating aggregator.
//!
//! Layers, each usable on its own:
//! * [`platform`] and [`handle`]: which platforms exist and what a valid handle is.
//! * [`outcome`]: what a look-up found ([`FetchOutcome`]); the engine's write rules hang
//!   on its variants.
//! * [`parse`]: pure, fixture-tested functions from response bytes to outcomes.
//! * [`http`]: the polite HTTP layer (rate gate, retries, breaker, caps) all traffic uses.
//! * [`clients`]: one [`PlatformClient`] per platform, built by [`build_clients`].
//! * [`engine`]: one refresh — claim due handles, fetch, record — over a [`RatingStore`].
//! * [`schedule`]: refreshes on demand and on a cron schedule, never overlapping.
//!
//! What must not live here: SQL or anything about profilehub users beyond an opaque id;
//! the service implements [`RatingStore`] (and a fleet-wide [`RateGate`]) on its database.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod clients;
pub mod engine;
pub mod handle;
pub mod http;
pub mod outcome;
pub mod parse;
pub mod platform;
pub mod schedule;

pub use clients::{FetchRequest, HttpPlatformClient, PlatformClient, build_clients};
pub use engine::{
    DueHandle, EngineSettings, PlatformSummary, RatingStore, RefreshScope, RefreshSummary,
    StoreError, refresh,
};
pub use handle::{HandleError, HandleErrorKind, normalize_handle};
pub use http::{LocalRateGate, PlatformSettings, RateGate};
pub use outcome::{ContestResult, FetchOutcome, RatingSnapshot};
pub use platform::Platform;
pub use schedule::{Background, Refresher, validate_cron};
