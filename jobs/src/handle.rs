//! Turning what a user typed into the handle a platform knows them by.
//!
//! Users paste either a bare handle or the address of their profile page, so
//! [`normalize_handle`] accepts both and reduces a profile URL (with or without scheme,
//! `www.`, trailing slash, query or fragment) to the handle. A URL of another site, or of
//! the right site but not a profile page, is an error rather than a guess: storing
//! `problems` as a LeetCode handle would make the aggregator poll a page forever.
//!
//! The character and length rules are each platform's registration rules (LeetCode's and
//! CodeChef's upper bounds are a little generous, as their documented limits have moved).
//! Validation runs before any request, which also guarantees that a handle can be placed in
//! a URL path or a `;`-separated Codeforces batch without escaping. Case is preserved: the
//! platforms match handles case-insensitively but display the user's chosen case.
//!
//! Hand-written instead of using `url`: the accepted shapes are few and mostly scheme-less,
//! which a general URL parser rejects anyway.

use std::fmt;

use crate::platform::Platform;

/// Why a handle (or pasted profile URL) was rejected; `Display` gives a message fit to show
/// to the user: what is wrong and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandleError {
    /// The platform whose rules were applied.
    pub platform: Platform,
    /// What exactly was wrong.
    pub kind: HandleErrorKind,
}

/// The specific rule a rejected handle broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandleErrorKind {
    /// Nothing but whitespace was given.
    Empty,
    /// The handle contains a character the platform does not allow.
    InvalidCharacter {
        /// The handle as extracted (after trimming / URL reduction).
        handle: String,
        /// The first offending character.
        found: char,
    },
    /// The handle is shorter or longer than the platform allows.
    BadLength {
        /// The handle as extracted.
        handle: String,
        /// Its length in characters.
        len: usize,
    },
    /// A URL pointing to a different site than the platform.
    ForeignUrl {
        /// The host that was given (lowercased, without `www.`).
        host: String,
    },
    /// A URL of the right site that is not a profile page.
    NotAProfileUrl {
        /// The path that was given.
        path: String,
    },
    /// Only dots (`.`, `..`): a URL path step, not a name.
    OnlyDots {
        /// The handle as extracted.
        handle: String,
    },
}

/// A platform's handle rules, used both for validation and for the error messages.
struct Rules {
    min: usize,
    max: usize,
    extra: &'static [char],
    allowed: &'static str,
    /// Hosts (lowercase, without `www.`) whose profile URLs are accepted.
    hosts: &'static [&'static str],
    /// The profile URL shape, for messages.
    profile_url: &'static str,
}

fn rules(platform: Platform) -> Rules {
    match platform {
        Platform::Codeforces => Rules {
            min: 3,
            max: 24,
            extra: &['_', '-', '.'],
            allowed: "latin letters, digits, '_', '-' and '.'",
            hosts: &[
                "codeforces.com",
                "m1.codeforces.com",
                "m2.codeforces.com",
                "m3.codeforces.com",
            ],
            profile_url: "codeforces.com/profile/<handle>",
        },
        Platform::Leetcode => Rules {
            min: 1,
            max: 30,
            extra: &['_', '-'],
            allowed: "latin letters, digits, '_' and '-'",
            hosts: &["leetcode.com"],
            profile_url: "leetcode.com/u/<handle>",
        },
        Platform::Codechef => Rules {
            min: 1,
            max: 30,
            extra: &['_', '.'],
            allowed: "latin letters, digits, '_' and '.'",
            hosts: &["codechef.com"],
            profile_url: "codechef.com/users/<handle>",
        },
        Platform::Atcoder => Rules {
            min: 3,
            max: 16,
            extra: &['_'],
            allowed: "latin letters, digits and '_'",
            hosts: &["atcoder.jp"],
            profile_url: "atcoder.jp/users/<handle>",
        },
    }
}

/// First path segments of leetcode.com that are site pages, not `leetcode.com/<handle>`.
const LEETCODE_RESERVED: &[&str] = &[
    "accounts",
    "assessment",
    "company",
    "contest",
    "discuss",
    "explore",
    "interview",
    "list",
    "problems",
    "problemset",
    "profile",
    "progress",
    "store",
    "studyplan",
    "subscribe",
    "submissions",
    "tag",
    "u",
];

impl fmt::Display for HandleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.platform.display_name();
        let r = rules(self.platform);
        let shape = format!("{}–{} characters: {}", r.min, r.max, r.allowed);
        match &self.kind {
            HandleErrorKind::Empty => write!(
                f,
                "the {name} handle is empty; enter a handle ({shape}) or a {} link",
                r.profile_url
            ),
            HandleErrorKind::InvalidCharacter { handle, found } => {
                let what = match found {
                    ' ' => "a space".to_owned(),
                    c if c.is_whitespace() => "a whitespace character".to_owned(),
                    c if c.is_control() => format!("the control character {c:?}"),
                    c => format!("'{c}'"),
                };
                write!(
                    f,
                    "the {name} handle \"{}\" contains {what}; a handle may only contain {}",
                    shorten(handle),
                    r.allowed
                )
            }
            HandleErrorKind::BadLength { handle, len } => write!(
                f,
                "the {name} handle \"{}\" is {len} characters long; it must be {}–{} characters",
                shorten(handle),
                r.min,
                r.max
            ),
            HandleErrorKind::ForeignUrl { host } => write!(
                f,
                "\"{}\" is not a {name} address; enter a {name} handle or a {} link",
                shorten(host),
                r.profile_url
            ),
            HandleErrorKind::OnlyDots { handle } => write!(
                f,
                "the {name} handle \"{}\" is only dots; a handle must contain a letter or digit",
                shorten(handle)
            ),
            HandleErrorKind::NotAProfileUrl { path } => write!(
                f,
                "\"{}\" is not a {name} profile page; expected a {} link",
                shorten(path),
                r.profile_url
            ),
        }
    }
}

impl std::error::Error for HandleError {}

/// Caps user text echoed back in messages.
fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Validates `input` as a handle of `platform`, reducing a pasted profile URL to its handle.
///
/// Surrounding whitespace is trimmed and the user's case is preserved.
///
/// ```
/// use profilehub_jobs::{normalize_handle, Platform};
/// assert_eq!(
///     normalize_handle(Platform::Codeforces, " https://codeforces.com/profile/tourist/ ").unwrap(),
///     "tourist"
/// );
/// assert!(normalize_handle(Platform::Atcoder, "bad handle").is_err());
/// ```
pub fn normalize_handle(platform: Platform, input: &str) -> Result<String, HandleError> {
    let err = |kind| HandleError { platform, kind };
    let input = input.trim();
    if input.is_empty() {
        return Err(err(HandleErrorKind::Empty));
    }
    let handle = match split_url(input) {
        Some(url) => handle_from_url(platform, &url).map_err(err)?,
        None => input,
    };
    validate(platform, handle).map_err(err)?;
    Ok(handle.to_owned())
}

/// A pasted address, split into its parts.
struct PastedUrl<'a> {
    /// Lowercased, without port and without a leading `www.`.
    host: String,
    /// Path without query or fragment.
    path: &'a str,
}

/// Recognises URL-like input: a scheme, or a dotted host before the first `/`.
/// A handle that merely contains `/` (`tou/rist`) is left to the character check.
fn split_url(input: &str) -> Option<PastedUrl<'_>> {
    let (rest, had_scheme) = match input.find("://") {
        Some(i) => (&input[i + 3..], true),
        None => (input, false),
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host_part = &rest[..host_end];
    if !had_scheme && (host_end == rest.len() || !host_part.contains('.')) {
        return None;
    }
    let after = &rest[host_end..];
    let path = &after[..after.find(['?', '#']).unwrap_or(after.len())];
    let host = host_part.rsplit('@').next().unwrap_or(host_part);
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
    Some(PastedUrl { host, path })
}

fn handle_from_url<'a>(
    platform: Platform,
    url: &PastedUrl<'a>,
) -> Result<&'a str, HandleErrorKind> {
    if !rules(platform).hosts.contains(&url.host.as_str()) {
        return Err(HandleErrorKind::ForeignUrl {
            host: url.host.clone(),
        });
    }
    let segments: Vec<&str> = url.path.split('/').filter(|s| !s.is_empty()).collect();
    let handle = match (platform, segments.as_slice()) {
        (Platform::Codeforces, ["profile", h]) => Some(*h),
        (Platform::Leetcode, ["u", h]) => Some(*h),
        (Platform::Leetcode, [h]) if !LEETCODE_RESERVED.contains(h) => Some(*h),
        (Platform::Codechef | Platform::Atcoder, ["users", h]) => Some(*h),
        _ => None,
    };
    handle.ok_or_else(|| HandleErrorKind::NotAProfileUrl {
        path: url.path.to_owned(),
    })
}

fn validate(platform: Platform, handle: &str) -> Result<(), HandleErrorKind> {
    let r = rules(platform);
    // `.` and `..` are path steps in every platform's URLs, whatever the length rules say.
    if handle.chars().all(|c| c == '.') {
        return Err(HandleErrorKind::OnlyDots {
            handle: handle.to_owned(),
        });
    }
    if let Some(found) = handle
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || r.extra.contains(c)))
    {
        return Err(HandleErrorKind::InvalidCharacter {
            handle: handle.to_owned(),
            found,
        });
    }
    // All characters are ASCII here, so bytes == characters.
    let len = handle.len();
    if len < r.min || len > r.max {
        return Err(HandleErrorKind::BadLength {
            handle: handle.to_owned(),
            len,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(p: Platform, input: &str) -> String {
        normalize_handle(p, input).unwrap_or_else(|e| panic!("{input:?} rejected: {e}"))
    }

    fn rejected(p: Platform, input: &str) -> HandleError {
        match normalize_handle(p, input) {
            Ok(h) => panic!("{input:?} accepted as {h:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn codeforces_accepts_real_handles_and_preserves_case() {
        for h in [
            "tourist",
            "DmitriyH",
            "Fefer_Ivan",
            "3.141f",
            "a-b",
            "abc",
            "x".repeat(24).as_str(),
        ] {
            assert_eq!(ok(Platform::Codeforces, h), h);
        }
        assert_eq!(ok(Platform::Codeforces, "  Petr \n"), "Petr");
    }

    #[test]
    fn codeforces_profile_urls_are_reduced_to_the_handle() {
        for url in [
            "https://codeforces.com/profile/tourist",
            "http://codeforces.com/profile/tourist",
            "codeforces.com/profile/tourist/",
            "https://www.codeforces.com/profile/tourist?locale=ru",
            "HTTPS://CODEFORCES.COM/profile/tourist#top",
            "https://m1.codeforces.com/profile/tourist",
        ] {
            assert_eq!(ok(Platform::Codeforces, url), "tourist", "{url}");
        }
    }

    #[test]
    fn codeforces_rejects_malformed_handles_and_foreign_urls() {
        let e = rejected(Platform::Codeforces, "tou rist");
        assert!(matches!(
            e.kind,
            HandleErrorKind::InvalidCharacter { found: ' ', .. }
        ));
        assert!(e.to_string().contains("contains a space"), "{e}");
        assert!(e.to_string().contains("latin letters, digits"), "{e}");

        let e = rejected(Platform::Codeforces, "tou/rist");
        assert!(matches!(
            e.kind,
            HandleErrorKind::InvalidCharacter { found: '/', .. }
        ));
        assert_eq!(
            rejected(Platform::Codeforces, "   ").kind,
            HandleErrorKind::Empty
        );

        let e = rejected(Platform::Codeforces, "ab");
        assert_eq!(
            e.to_string(),
            "the Codeforces handle \"ab\" is 2 characters long; it must be 3–24 characters"
        );
        rejected(Platform::Codeforces, &"x".repeat(25));
        rejected(Platform::Codeforces, "tourist!");
        rejected(Platform::Codeforces, "туристка");

        let e = rejected(Platform::Codeforces, "https://leetcode.com/u/tourist/");
        assert_eq!(
            e.kind,
            HandleErrorKind::ForeignUrl {
                host: "leetcode.com".into()
            }
        );
        assert!(
            e.to_string().contains("codeforces.com/profile/<handle>"),
            "{e}"
        );
        let e = rejected(Platform::Codeforces, "https://codeforces.com/contest/1844");
        assert!(
            matches!(e.kind, HandleErrorKind::NotAProfileUrl { .. }),
            "{e}"
        );
        rejected(Platform::Codeforces, "https://codeforces.com/profile/");
        rejected(Platform::Codeforces, "https://codeforces.com/profile/a/b");
        rejected(
            Platform::Codeforces,
            "https://codeforces.com.evil.example/profile/tourist",
        );
    }

    #[test]
    fn leetcode_accepts_handles_and_both_profile_url_shapes() {
        for h in [
            "a",
            "lee215",
            "pgm-reddy",
            "Some_User",
            "x".repeat(30).as_str(),
        ] {
            assert_eq!(ok(Platform::Leetcode, h), h);
        }
        for url in [
            "https://leetcode.com/u/lee215/",
            "https://leetcode.com/lee215",
            "leetcode.com/lee215/",
            "www.leetcode.com/u/lee215?tab=contest",
        ] {
            assert_eq!(ok(Platform::Leetcode, url), "lee215", "{url}");
        }
    }

    #[test]
    fn leetcode_rejects_site_pages_other_hosts_and_malformed_handles() {
        for url in [
            "https://leetcode.com/problems/two-sum/",
            "https://leetcode.com/problemset",
            "https://leetcode.com/contest/",
            "https://leetcode.com/u/",
            "https://leetcode.com/",
        ] {
            let e = rejected(Platform::Leetcode, url);
            assert!(
                matches!(e.kind, HandleErrorKind::NotAProfileUrl { .. }),
                "{url}: {e}"
            );
        }
        let e = rejected(Platform::Leetcode, "https://leetcode.cn/u/lee215/");
        assert!(matches!(e.kind, HandleErrorKind::ForeignUrl { .. }), "{e}");
        rejected(Platform::Leetcode, "lee 215");
        rejected(Platform::Leetcode, "lee.215");
        rejected(Platform::Leetcode, &"x".repeat(31));
        rejected(Platform::Leetcode, "");
    }

    #[test]
    fn codechef_accepts_handles_and_users_urls() {
        for h in ["equal_poem_63", "sidhu_2512", "a.b", "x"] {
            assert_eq!(ok(Platform::Codechef, h), h);
        }
        for url in [
            "https://www.codechef.com/users/equal_poem_63",
            "codechef.com/users/equal_poem_63/",
            "http://codechef.com/users/equal_poem_63?tab=stats",
        ] {
            assert_eq!(ok(Platform::Codechef, url), "equal_poem_63", "{url}");
        }
    }

    #[test]
    fn codechef_rejects_malformed_handles_and_other_pages() {
        rejected(Platform::Codechef, "equal-poem");
        rejected(Platform::Codechef, "equal poem");
        rejected(Platform::Codechef, &"x".repeat(31));
        rejected(Platform::Codechef, "\t");
        let e = rejected(Platform::Codechef, "https://www.codechef.com/START186D");
        assert!(
            matches!(e.kind, HandleErrorKind::NotAProfileUrl { .. }),
            "{e}"
        );
        let e = rejected(Platform::Codechef, "https://atcoder.jp/users/maccha");
        assert!(matches!(e.kind, HandleErrorKind::ForeignUrl { .. }), "{e}");
    }

    #[test]
    fn atcoder_accepts_handles_and_users_urls() {
        for h in [
            "maccha",
            "yamato0915",
            "tourist",
            "a_b",
            "x".repeat(16).as_str(),
        ] {
            assert_eq!(ok(Platform::Atcoder, h), h);
        }
        for url in [
            "https://atcoder.jp/users/maccha",
            "atcoder.jp/users/maccha/",
            "https://atcoder.jp/users/maccha?lang=en",
        ] {
            assert_eq!(ok(Platform::Atcoder, url), "maccha", "{url}");
        }
    }

    #[test]
    fn atcoder_rejects_malformed_handles_and_other_pages() {
        rejected(Platform::Atcoder, "ab");
        rejected(Platform::Atcoder, &"x".repeat(17));
        rejected(Platform::Atcoder, "mac-cha");
        rejected(Platform::Atcoder, "mac cha");
        let e = rejected(Platform::Atcoder, "https://atcoder.jp/users/maccha/history");
        assert!(
            matches!(e.kind, HandleErrorKind::NotAProfileUrl { .. }),
            "{e}"
        );
        rejected(Platform::Atcoder, "https://atcoder.jp/contests/abc416");
        let e = rejected(Platform::Atcoder, "ftp://example.org/users/maccha");
        assert!(matches!(e.kind, HandleErrorKind::ForeignUrl { .. }), "{e}");
    }

    #[test]
    fn handles_of_only_dots_are_refused_on_every_platform() {
        for platform in Platform::ALL {
            for dots in [".", "..", "...", "...."] {
                let e = rejected(platform, dots);
                assert!(
                    matches!(e.kind, HandleErrorKind::OnlyDots { .. }),
                    "{platform} {dots}: {e}"
                );
            }
        }
        assert_eq!(
            ok(Platform::Codeforces, "a.b"),
            "a.b",
            "a dot inside a name is fine"
        );
    }

    #[test]
    fn long_input_is_shortened_in_the_message() {
        let e = rejected(Platform::Atcoder, &"y".repeat(500));
        assert!(e.to_string().len() < 200, "{e}");
    }
}
