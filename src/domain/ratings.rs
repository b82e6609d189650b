//! Ratings as the service knows them, independent of storage and wire formats: a linked
//! handle ([`Link`]) and its [`LinkStatus`], what a profile shows ([`ProfileRatings`]), how
//! the aggregate is computed and how a stored rating is shown.
//!
//! Every view of a user's ratings (our profile, Digitomize's, later leaderboards) is built
//! from one [`ProfileRatings`], so the aggregate has exactly one definition.

use std::collections::BTreeMap;

use profilehub_jobs::Platform;

/// What is known about a linked handle. Stored as its [`LinkStatus::as_str`] spelling; an
/// unknown stored value is a decode error, never a silent default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkStatus {
    /// Linked, never fetched yet.
    Pending,
    /// The last fetch found a rating.
    Ok,
    /// The account exists but has no rated contest yet.
    Unrated,
    /// The platform has no such account; not fetched again until the handle changes.
    NotFound,
    /// Every fetch so far failed; it will be retried.
    Error,
}

impl LinkStatus {
    /// Every status.
    pub const ALL: [LinkStatus; 5] = [
        LinkStatus::Pending,
        LinkStatus::Ok,
        LinkStatus::Unrated,
        LinkStatus::NotFound,
        LinkStatus::Error,
    ];

    /// The stored (and wire) spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            LinkStatus::Pending => "pending",
            LinkStatus::Ok => "ok",
            LinkStatus::Unrated => "unrated",
            LinkStatus::NotFound => "not_found",
            LinkStatus::Error => "error",
        }
    }

    /// Reads a stored spelling.
    pub fn parse(value: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
            .ok_or_else(|| format!("unknown link status `{value}`"))
    }
}

/// A handle linked to a user's account and what the aggregator learnt about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Platform.
    pub platform: Platform,
    /// Handle as linked.
    pub handle: String,
    /// State of the link.
    pub status: LinkStatus,
    /// Last good rating (exact; LeetCode's are fractional).
    pub rating: Option<f64>,
    /// Highest rating.
    pub max_rating: Option<f64>,
    /// Rated contests attended.
    pub attended_contests: Option<i64>,
    /// Platform title (`expert`, `3 star`, `Knight`, `brown`).
    pub badge: Option<String>,
    /// Last successful fetch (epoch ms).
    pub fetch_time: Option<i64>,
    /// Last attempt (epoch ms).
    pub last_attempt_at: Option<i64>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// No attempt before this time (epoch ms).
    pub next_attempt_at: Option<i64>,
    /// An immediate fetch is queued since (epoch ms).
    pub queued_at: Option<i64>,
}

impl Link {
    /// A link whose last fetch, with `status`, left `rating` (everything else unknown):
    /// for tests.
    #[cfg(test)]
    pub(crate) fn fetched(platform: Platform, rating: f64, status: LinkStatus) -> Self {
        Self {
            platform,
            handle: "h".into(),
            status,
            rating: Some(rating),
            max_rating: None,
            attended_contests: None,
            badge: None,
            fetch_time: None,
            last_attempt_at: None,
            last_error: None,
            next_attempt_at: None,
            queued_at: None,
        }
    }

    /// The rating that counts towards aggregates and boards: only a rating whose last fetch
    /// was `ok`.
    pub fn counted_rating(&self) -> Option<f64> {
        self.rating.filter(|_| self.status == LinkStatus::Ok)
    }
}

/// Everything a profile shows about ratings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProfileRatings {
    /// Best weighted rating over platforms whose last fetch found a rating.
    pub aggregate: Option<i64>,
    /// One entry per linked platform.
    pub by_platform: BTreeMap<Platform, Link>,
}

impl ProfileRatings {
    /// A user's links and their aggregate under `weights`.
    pub fn new(links: Vec<Link>, weights: &Weights) -> Self {
        let aggregate = aggregate_rating(
            links
                .iter()
                .filter_map(|link| link.counted_rating().map(|r| (link.platform, r))),
            weights,
        );
        Self {
            aggregate,
            by_platform: links.into_iter().map(|l| (l.platform, l)).collect(),
        }
    }
}

/// How much one point of each platform's rating is worth in an aggregate. The first three
/// are Digitomize's published weights; AtCoder, which Digitomize does not cover, counts
/// like Codeforces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// CodeChef (0.76).
    pub codechef: f64,
    /// LeetCode (0.695).
    pub leetcode: f64,
    /// Codeforces (1.0).
    pub codeforces: f64,
    /// AtCoder (1.0).
    pub atcoder: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            codechef: 0.76,
            leetcode: 0.695,
            codeforces: 1.0,
            atcoder: 1.0,
        }
    }
}

impl Weights {
    /// The weight of `platform`.
    pub fn of(&self, platform: Platform) -> f64 {
        match platform {
            Platform::Codechef => self.codechef,
            Platform::Leetcode => self.leetcode,
            Platform::Codeforces => self.codeforces,
            Platform::Atcoder => self.atcoder,
        }
    }
}

/// The best weighted rating among `ratings` (exact values), shown rounded; `None` when
/// there is none.
pub fn aggregate_rating(
    ratings: impl IntoIterator<Item = (Platform, f64)>,
    weights: &Weights,
) -> Option<i64> {
    ratings
        .into_iter()
        .map(|(platform, rating)| rating * weights.of(platform))
        .fold(None, |best: Option<f64>, r| {
            Some(best.map_or(r, |b| b.max(r)))
        })
        .map(shown)
}

/// How a stored (possibly fractional) rating is shown: rounded to the nearest integer.
pub fn shown(rating: f64) -> i64 {
    // Ratings are far inside i64's range; `as` saturates anyway.
    rating.round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_aggregate_is_the_best_weighted_rating() {
        let weights = Weights::default();
        // Digitomize's documented example: max(2005 × 0.76, 2060 × 0.695, 1667 × 1.0).
        let ratings = [
            (Platform::Codechef, 2005.0),
            (Platform::Leetcode, 2060.0),
            (Platform::Codeforces, 1667.0),
        ];
        assert_eq!(aggregate_rating(ratings, &weights), Some(1667));
        assert_eq!(
            aggregate_rating([(Platform::Leetcode, 2400.0)], &weights),
            Some(1668),
            "2400 × 0.695 = 1668"
        );
        assert_eq!(aggregate_rating([], &weights), None);
    }

    #[test]
    fn statuses_round_trip_and_unknown_ones_are_errors() {
        for status in LinkStatus::ALL {
            assert_eq!(LinkStatus::parse(status.as_str()), Ok(status));
        }
        assert!(LinkStatus::parse("OK").is_err());
        assert!(LinkStatus::parse("").is_err());
    }

    #[test]
    fn only_ok_links_count_towards_the_aggregate() {
        let link = |platform, status, rating| Link::fetched(platform, rating, status);
        let ratings = ProfileRatings::new(
            vec![
                link(Platform::Codeforces, LinkStatus::Ok, 1500.0),
                // A handle the platform no longer knows keeps its last values, which no longer count.
                link(Platform::Atcoder, LinkStatus::NotFound, 2500.0),
            ],
            &Weights::default(),
        );
        assert_eq!(ratings.aggregate, Some(1500));
        assert_eq!(ratings.by_platform.len(), 2);
    }

    #[test]
    fn fractional_ratings_are_shown_rounded() {
        assert_eq!(shown(1616.8967650834998), 1617);
        assert_eq!(shown(1500.4), 1500);
    }
}
