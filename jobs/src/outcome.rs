//! What one look-up of one handle on one platform found out.
//!
//! The refresh engine's write rule hangs on these variants, so their meaning is strict:
//! only [`FetchOutcome::Rated`] and [`FetchOutcome::Unrated`] are facts about the account,
//! [`FetchOutcome::NotFound`] is a fact about the handle, and [`FetchOutcome::Transient`]
//! is the absence of a fact. Every parser maps anything it does not positively recognise
//! (garbled bytes, a challenge page, a new template) to `Transient`, never to a zero rating,
//! so a platform outage can never wipe a user's stored rating.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// A rating read from a platform, complete enough to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingSnapshot {
    /// The current rating, exactly as the platform reports it (LeetCode's are fractional).
    pub rating: f64,
    /// The highest rating ever reached, when the platform reports it.
    pub max_rating: Option<f64>,
    /// Number of rated contests taken part in, when known.
    pub attended_contests: Option<u32>,
    /// The platform's title for this rating: Codeforces rank (`"expert"`), CodeChef stars
    /// (`"3 star"`), LeetCode badge (`"Knight"`), AtCoder colour (`"brown"`).
    pub badge: Option<String>,
    /// The platform's rated contests, oldest first, when this fetch read the whole series
    /// and it may differ from what is stored (see [`FetchRequest::stored_contests`]).
    /// `None` means "not read this time": the stored series stays as it is. Never part of
    /// a stored (previous) snapshot.
    ///
    /// [`FetchRequest::stored_contests`]: crate::clients::FetchRequest::stored_contests
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contests: Option<Vec<ContestResult>>,
}

/// One rated contest, as the platform reports it: a point of the contest-level rating
/// history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContestResult {
    /// The platform's own id of the contest, stable across fetches: the Codeforces
    /// `contestId`, the AtCoder contest (`abc416`), the CodeChef contest code (`START177D`),
    /// the LeetCode contest slug (`weekly-contest-252`).
    pub contest_id: String,
    /// The contest's name, as the platform shows it.
    pub contest_name: String,
    /// When the contest counts as having happened, epoch ms: its rating update
    /// (Codeforces), its end (AtCoder, CodeChef) or its start (LeetCode, which reports no
    /// other time).
    pub time_ms: i64,
    /// The user's place in the contest, when reported.
    pub rank: Option<u32>,
    /// The rating before the contest (`None` for a first contest the platform reports
    /// without one).
    pub old_rating: Option<f64>,
    /// The rating after the contest.
    pub new_rating: f64,
}

/// The result of fetching one handle.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchOutcome {
    /// The account exists and has a rating.
    Rated(RatingSnapshot),
    /// The account exists but has not finished a rated contest yet.
    Unrated,
    /// The platform says there is no account with this handle (or the handle can never
    /// exist there). The engine may flag the link; it should not retry soon.
    NotFound,
    /// Nothing could be learnt this time (network, rate limit, outage, unparseable page).
    /// Never overwrite the last good value because of this.
    Transient {
        /// Human-readable cause, for logs.
        reason: String,
        /// When the platform (or our circuit breaker) asked us to come back, if known.
        retry_after: Option<Duration>,
    },
}

impl FetchOutcome {
    /// A [`FetchOutcome::Transient`] without a retry hint.
    pub fn transient(reason: impl Into<String>) -> Self {
        FetchOutcome::Transient {
            reason: reason.into(),
            retry_after: None,
        }
    }

    /// True for [`FetchOutcome::Transient`]: the outcome carries no fact to store.
    pub fn is_transient(&self) -> bool {
        matches!(self, FetchOutcome::Transient { .. })
    }
}
