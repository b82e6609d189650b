//! The competitive-programming platforms the aggregator knows about.
//!
//! One closed enum rather than strings: every `match` over it is checked for exhaustiveness,
//! so adding a platform points at every place (handle rules, parser, client, defaults) that
//! needs a decision. The lowercase names (`as_str`, serde, `FromStr`) are the stable
//! spelling used in the database and on the wire; never rename them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A rating platform whose public profile data the aggregator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// CodeChef (`www.codechef.com`): profile pages are HTML only.
    Codechef,
    /// LeetCode (`leetcode.com`): the public GraphQL endpoint.
    Leetcode,
    /// Codeforces (`codeforces.com`): the official JSON API.
    Codeforces,
    /// AtCoder (`atcoder.jp`): the per-user contest history JSON.
    Atcoder,
}

impl Platform {
    /// Every platform, in a fixed order (the `Ord` order).
    pub const ALL: [Platform; 4] = [
        Platform::Codechef,
        Platform::Leetcode,
        Platform::Codeforces,
        Platform::Atcoder,
    ];

    /// The stable lowercase name: `"codechef"`, `"leetcode"`, `"codeforces"`, `"atcoder"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Platform::Codechef => "codechef",
            Platform::Leetcode => "leetcode",
            Platform::Codeforces => "codeforces",
            Platform::Atcoder => "atcoder",
        }
    }

    /// The name as users know it, for messages (`"CodeChef"`, `"LeetCode"`, ...).
    pub const fn display_name(self) -> &'static str {
        match self {
            Platform::Codechef => "CodeChef",
            Platform::Leetcode => "LeetCode",
            Platform::Codeforces => "Codeforces",
            Platform::Atcoder => "AtCoder",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of [`Platform::from_str`]: the text named no known platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPlatform(pub String);

impl fmt::Display for UnknownPlatform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown platform {:?}; expected one of codechef, leetcode, codeforces, atcoder",
            self.0
        )
    }
}

impl std::error::Error for UnknownPlatform {}

impl FromStr for Platform {
    type Err = UnknownPlatform;

    /// Accepts the stable names case-insensitively, surrounding whitespace ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Platform::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownPlatform(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_from_str_and_serde() {
        for p in Platform::ALL {
            assert_eq!(p.as_str().parse::<Platform>(), Ok(p));
            assert_eq!(p.as_str().to_uppercase().parse::<Platform>(), Ok(p));
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
            assert_eq!(serde_json::from_str::<Platform>(&json).unwrap(), p);
        }
    }

    #[test]
    fn an_unknown_name_is_rejected_with_the_list_of_known_ones() {
        let err = "topcoder".parse::<Platform>().unwrap_err();
        assert!(err.to_string().contains("codeforces"), "{err}");
    }
}
