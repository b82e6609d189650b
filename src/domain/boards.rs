//! Leaderboards: which boards exist, what a user's rating on each is, and how ranks are
//! counted without scanning a board.
//!
//! A user is on a board when they hold a rating there that counts ([`Link::counted_rating`]:
//! the last fetch was `ok`) and their account is enabled; the aggregate board holds the
//! profile's `aggregateRating`, so the two can never disagree. Ratings on a board are the
//! integers profiles show.
//!
//! Ranks are competition ranks ("1224"): one more than the number of users rated strictly
//! higher. That number comes from a Fenwick tree over ratings ([`RankTree`]) that the store
//! keeps beside each board, so a rank is a sum of at most [`RankTree::DEPTH`] stored counts
//! (O(log R) for ratings below R), whatever the board's size and the user's place on it.
//!
//! [`Link::counted_rating`]: super::ratings::Link::counted_rating

use std::collections::BTreeMap;

use profilehub_jobs::Platform;

use super::ratings::{Weights, aggregate_rating, shown};

/// A leaderboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Board {
    /// The profile's aggregate rating (the best weighted platform rating).
    Aggregate,
    /// One platform's rating.
    Platform(Platform),
}

impl Board {
    /// Every board, the aggregate first.
    pub const ALL: [Board; 5] = [
        Board::Aggregate,
        Board::Platform(Platform::Codechef),
        Board::Platform(Platform::Leetcode),
        Board::Platform(Platform::Codeforces),
        Board::Platform(Platform::Atcoder),
    ];

    /// The stored (and wire) spelling: `aggregate` or the platform's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Board::Aggregate => "aggregate",
            Board::Platform(platform) => platform.as_str(),
        }
    }

    /// Reads a stored spelling.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|board| board.as_str() == value)
    }
}

/// The rating a user holds on each board, from their `counted` platform ratings (those
/// whose last fetch was `ok`, [`Link::counted_rating`](super::ratings::Link::counted_rating));
/// boards where they hold none are left out. Disabled accounts hold none.
pub fn board_ratings(
    counted: &[(Platform, f64)],
    weights: &Weights,
    enabled: bool,
) -> BTreeMap<Board, i64> {
    if !enabled {
        return BTreeMap::new();
    }
    let mut boards: BTreeMap<Board, i64> = counted
        .iter()
        .map(|&(platform, rating)| (Board::Platform(platform), shown(rating)))
        .collect();
    if let Some(aggregate) = aggregate_rating(counted.iter().copied(), weights) {
        boards.insert(Board::Aggregate, aggregate);
    }
    boards
}

/// The shape of the Fenwick tree that counts a board's users per rating. Ratings are
/// clamped into `0..SIZE` (every platform's scale fits with room to spare); a rating `r`
/// sits at position `SIZE - r`, so higher ratings come first and "users rated above `r`"
/// is the prefix before that position.
#[derive(Debug, Clone, Copy)]
pub struct RankTree;

impl RankTree {
    /// Positions in the tree (a power of two: its last node holds the whole board).
    pub const SIZE: i64 = 1 << 13;
    /// The most nodes one prefix sum or one update touches.
    pub const DEPTH: usize = 14;

    fn position(rating: i64) -> i64 {
        Self::SIZE - rating.clamp(0, Self::SIZE - 1)
    }

    /// The nodes whose counts change when a user with `rating` joins or leaves the board.
    pub fn nodes_to_update(rating: i64) -> Vec<i64> {
        let mut nodes = Vec::with_capacity(Self::DEPTH);
        let mut node = Self::position(rating);
        while node <= Self::SIZE {
            nodes.push(node);
            node += node & -node;
        }
        nodes
    }

    /// The nodes whose counts add up to the number of users rated strictly above `rating`.
    pub fn nodes_above(rating: i64) -> Vec<i64> {
        let mut nodes = Vec::with_capacity(Self::DEPTH);
        let mut node = Self::position(rating) - 1;
        while node > 0 {
            nodes.push(node);
            node -= node & -node;
        }
        nodes
    }

    /// The node that holds the whole board's count.
    pub const ROOT: i64 = Self::SIZE;
}

/// Competition rank from the number of users rated strictly higher.
pub fn competition_rank(rated_above: i64) -> i64 {
    rated_above + 1
}

/// The share of the board ranked at or below `rank`, in percent with one decimal (the
/// leader is at 100.0; the last of 200 distinct ratings at 0.5).
pub fn percentile(rank: i64, total: i64) -> f64 {
    if total <= 0 {
        return 0.0;
    }
    let share = (total - rank + 1) as f64 / total as f64 * 100.0;
    (share * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ratings::{Link, LinkStatus};

    /// Counts per node after adding `ratings`, as the store keeps them.
    fn tree(ratings: &[i64]) -> BTreeMap<i64, i64> {
        let mut counts = BTreeMap::new();
        for &rating in ratings {
            for node in RankTree::nodes_to_update(rating) {
                *counts.entry(node).or_insert(0) += 1;
            }
        }
        counts
    }

    fn above(counts: &BTreeMap<i64, i64>, rating: i64) -> i64 {
        RankTree::nodes_above(rating)
            .iter()
            .map(|node| counts.get(node).copied().unwrap_or(0))
            .sum()
    }

    #[test]
    fn the_tree_counts_users_rated_strictly_above_any_rating() {
        let ratings = [1500, 1500, 2100, 0, 8191, 9000, 1499, 1501, -5, 3000];
        let counts = tree(&ratings);
        for probe in [
            -10, 0, 1, 1499, 1500, 1501, 2100, 2999, 3000, 8190, 8191, 10_000,
        ] {
            let clamp = |r: i64| r.clamp(0, RankTree::SIZE - 1);
            let expected = ratings.iter().filter(|&&r| clamp(r) > clamp(probe)).count() as i64;
            assert_eq!(above(&counts, probe), expected, "above {probe}");
        }
        assert_eq!(counts[&RankTree::ROOT], ratings.len() as i64);
        assert!(RankTree::nodes_to_update(0).len() <= RankTree::DEPTH);
        assert!(RankTree::nodes_above(0).len() <= RankTree::DEPTH);
    }

    #[test]
    fn equal_ratings_share_a_rank_and_the_next_one_skips() {
        let counts = tree(&[2000, 1800, 1800, 1700]);
        let ranks: Vec<i64> = [2000, 1800, 1800, 1700]
            .iter()
            .map(|&r| competition_rank(above(&counts, r)))
            .collect();
        assert_eq!(ranks, [1, 2, 2, 4]);
        assert_eq!(percentile(1, 4), 100.0);
        assert_eq!(percentile(4, 4), 25.0);
        assert_eq!(percentile(200, 200), 0.5);
    }

    #[test]
    fn a_user_is_on_the_boards_of_their_ok_ratings_and_the_aggregate_matches_the_profile() {
        let weights = Weights::default();
        let links = [
            Link::fetched(Platform::Codechef, 2005.0, LinkStatus::Ok),
            Link::fetched(Platform::Leetcode, 2060.4, LinkStatus::Ok),
            Link::fetched(Platform::Codeforces, 1900.0, LinkStatus::Error),
        ];
        let counted: Vec<(Platform, f64)> = links
            .iter()
            .filter_map(|link| link.counted_rating().map(|r| (link.platform, r)))
            .collect();
        let boards = board_ratings(&counted, &weights, true);
        assert_eq!(
            boards,
            BTreeMap::from([
                (Board::Aggregate, 1524),
                (Board::Platform(Platform::Codechef), 2005),
                (Board::Platform(Platform::Leetcode), 2060),
            ])
        );
        let profile = crate::domain::ratings::ProfileRatings::new(links.to_vec(), &weights);
        assert_eq!(profile.aggregate, boards.get(&Board::Aggregate).copied());
        assert!(
            board_ratings(&counted, &weights, false).is_empty(),
            "disabled"
        );
    }

    #[test]
    fn boards_read_back_their_own_spelling() {
        for board in Board::ALL {
            assert_eq!(Board::parse(board.as_str()), Some(board));
        }
        assert_eq!(Board::parse("topcoder"), None);
    }
}
