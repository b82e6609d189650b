//! Rating rules that do not depend on where ratings come from: how a profile's aggregate
//! is computed and how a stored rating is shown.

use profilehub_jobs::Platform;

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
    fn fractional_ratings_are_shown_rounded() {
        assert_eq!(shown(1616.8967650834998), 1617);
        assert_eq!(shown(1500.4), 1500);
    }
}
