//! The text rules of every user-supplied string, in one place.
//!
//! Each [`TextRule`] is both the check the domain runs and the constraint the OpenAPI
//! document publishes (pattern, length, format): `api::text::Text<R>` reads the same rule to
//! describe the field, so generated clients and fuzzers learn exactly what is accepted.
//! Patterns use the common subset of regex syntax that Rust's `regex`, ECMAScript and
//! Python's `re` agree on.

use std::sync::OnceLock;

use regex::Regex;

/// Length bounds (in characters), an optional anchored pattern and an optional format.
#[derive(Debug)]
pub struct TextRule {
    /// What a valid value looks like, phrased to complete "must be …".
    pub description: &'static str,
    /// Anchored regular expression the whole value must match.
    pub pattern: Option<&'static str>,
    /// Fewest characters.
    pub min_chars: usize,
    /// Most characters.
    pub max_chars: usize,
    /// OpenAPI `format`, for documentation and generators.
    pub format: Option<&'static str>,
    compiled: OnceLock<Regex>,
}

impl TextRule {
    const fn new(
        description: &'static str,
        pattern: Option<&'static str>,
        min_chars: usize,
        max_chars: usize,
        format: Option<&'static str>,
    ) -> Self {
        Self {
            description,
            pattern,
            min_chars,
            max_chars,
            format,
            compiled: OnceLock::new(),
        }
    }

    /// `Ok` when `value` satisfies the rule, else the reason as a sentence fragment.
    pub fn check(&self, value: &str) -> Result<(), String> {
        let len = value.chars().count();
        if len < self.min_chars {
            return Err(format!(
                "must be at least {} characters long ({})",
                self.min_chars, self.description
            ));
        }
        if len > self.max_chars {
            return Err(format!(
                "must be at most {} characters long (got {len})",
                self.max_chars
            ));
        }
        self.check_pattern(value)
    }

    /// Only the pattern part of [`TextRule::check`].
    pub fn check_pattern(&self, value: &str) -> Result<(), String> {
        if let Some(pattern) = self.pattern {
            let regex = self
                .compiled
                .get_or_init(|| Regex::new(pattern).expect("rule patterns are valid"));
            if !regex.is_match(value) {
                return Err(format!("must be {}", self.description));
            }
        }
        Ok(())
    }
}

/// Usernames.
pub static USERNAME: TextRule = TextRule::new(
    "3–30 characters: letters a-z, digits 0-9, `_`, `.` or `-`",
    Some("^[A-Za-z0-9_.-]{3,30}$"),
    3,
    30,
    None,
);

/// Email addresses: a dot-atom local part and a DNS domain (the common subset of RFC 5322
/// that every `format: email` checker accepts). [`email_lengths`] adds the length limits a
/// single pattern cannot express.
pub static EMAIL: TextRule = TextRule::new(
    "a valid email address such as name@example.com",
    Some(
        r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
    ),
    3,
    254,
    Some("email"),
);

/// RFC 5321 limits: at most 64 characters before the `@` and 253 after it.
pub fn email_lengths(email: &str) -> Result<(), String> {
    let (local, domain) = email.rsplit_once('@').unwrap_or((email, ""));
    if local.chars().count() > 64 {
        return Err("must have at most 64 characters before the @".into());
    }
    if domain.chars().count() > 253 {
        return Err("must have at most 253 characters after the @".into());
    }
    Ok(())
}

/// New passwords (any characters; bounded before hashing).
pub static PASSWORD: TextRule = TextRule::new("8–128 characters", None, 8, 128, None);

/// A password as presented at login: only the cap. Registration rules (the minimum length)
/// may change after accounts exist, so a login never refuses a password for breaking one:
/// a wrong password is simply wrong (401).
pub static CURRENT_PASSWORD: TextRule = TextRule::new("at most 128 characters", None, 0, 128, None);

/// What `login` may be: a username or an email.
pub static LOGIN: TextRule = TextRule::new(
    "text without NUL characters",
    Some(r"^[^\x00]*$"),
    1,
    254,
    None,
);

/// Display names (blank clears).
pub static DISPLAY_NAME: TextRule = TextRule::new(
    "text without NUL characters",
    Some(r"^[^\x00]*$"),
    0,
    100,
    None,
);

/// Biographies (blank clears).
pub static BIO: TextRule = TextRule::new(
    "text without NUL characters",
    Some(r"^[^\x00]*$"),
    0,
    1000,
    None,
);

/// Locations (blank clears).
pub static LOCATION: TextRule = TextRule::new(
    "text without NUL characters",
    Some(r"^[^\x00]*$"),
    0,
    100,
    None,
);

/// Absolute http/https URLs with a DNS-style host, optional port, path, query, fragment.
pub static WEB_URL: TextRule = TextRule::new(
    "an absolute http:// or https:// URL such as https://example.com/me",
    Some(
        r"^https?://[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:[0-9]{1,5})?([/?#][!-~]*)?$",
    ),
    8,
    2048,
    None,
);

/// Phone numbers: optional `+`, 5–20 digits, grouped with spaces, dots, dashes or brackets.
pub static PHONE: TextRule = TextRule::new(
    "a phone number such as +44 20 7946 0958 (5–20 digits)",
    Some(r"^\+?([ ().-]*[0-9]){5,20}[ ().-]*$"),
    5,
    32,
    None,
);

/// One skill: some visible text.
pub static SKILL: TextRule = TextRule::new(
    "1–50 characters, not all whitespace",
    Some(r"^[^\x00]*[^\s\x00][^\x00]*$"),
    1,
    50,
    None,
);

/// Refresh tokens as presented (opaque; bounded so a megabyte "token" costs nothing).
pub static REFRESH_TOKEN: TextRule = TextRule::new(
    "text without NUL characters",
    Some(r"^[^\x00]*$"),
    1,
    512,
    None,
);

/// Referral codes: ten characters of Crockford's base-32 alphabet, any case.
pub static REFERRAL_CODE: TextRule = TextRule::new(
    "a 10-character referral code (letters and digits)",
    Some(r"^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$"),
    10,
    10,
    None,
);

/// Item names on lists: something visible, no control characters (trimmed when stored).
pub static ITEM_NAME: TextRule = TextRule::new(
    "1-200 characters with something visible and no control characters",
    Some(r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"),
    1,
    200,
    None,
);

/// List items, `source:externalId`.
pub static ITEM_KEY: TextRule = TextRule::new(
    "`source:externalId`: a source of 1-32 characters of a-z, 0-9, `_` or `-` starting with a letter, then an id of 1-128 letters, digits or `-._~`",
    Some(r"^[a-z][a-z0-9_-]{0,31}:[A-Za-z0-9._~-]{1,128}$"),
    3,
    161,
    None,
);

/// Every rule, so a schema's pattern can be traced back to its rule and its wording.
pub static ALL: [&TextRule; 15] = [
    &USERNAME,
    &EMAIL,
    &PASSWORD,
    &CURRENT_PASSWORD,
    &LOGIN,
    &DISPLAY_NAME,
    &BIO,
    &LOCATION,
    &WEB_URL,
    &PHONE,
    &SKILL,
    &REFRESH_TOKEN,
    &REFERRAL_CODE,
    &ITEM_NAME,
    &ITEM_KEY,
];

/// A rule whose pattern is `pattern`, if any (rules sharing a pattern share its wording).
pub fn by_pattern(pattern: &str) -> Option<&'static TextRule> {
    ALL.iter()
        .copied()
        .find(|rule| rule.pattern == Some(pattern))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for rule in ALL {
            if let Some(pattern) = rule.pattern {
                assert!(Regex::new(pattern).is_ok(), "{pattern}");
                assert!(
                    pattern.starts_with('^') && pattern.ends_with('$'),
                    "{pattern}"
                );
            }
        }
    }

    #[test]
    fn rules_sharing_a_pattern_share_its_wording() {
        // Messages are found by pattern (`by_pattern`); rules without one are never looked up.
        for a in ALL {
            for b in ALL {
                if a.pattern.is_some() && a.pattern == b.pattern {
                    assert_eq!(a.description, b.description, "{:?}", a.pattern);
                }
            }
        }
    }

    #[test]
    fn web_urls_are_http_or_https_with_a_host() {
        for ok in [
            "https://example.com/me",
            "http://example.com",
            "https://sub.example.co.uk:8443/a/b?c=d#e",
            "https://github.com/rust-lang",
        ] {
            assert!(WEB_URL.check(ok).is_ok(), "{ok}");
        }
        for bad in [
            "example.com",
            "mailto:a@b.c",
            "https://",
            "https://user:pw@example.com",
            "javascript:alert(1)",
            "ftp://example.com/file",
            "https://exa mple.com",
        ] {
            assert!(WEB_URL.check(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails_are_dot_atoms_at_dns_domains() {
        for ok in [
            "a@b.co",
            "first.last+tag@example.org",
            "o'neil@x.io",
            "a@8.do",
        ] {
            assert!(
                EMAIL.check(ok).and_then(|()| email_lengths(ok)).is_ok(),
                "{ok}"
            );
        }
        for bad in [
            ".a@b.co",
            "a.@b.co",
            "a..b@c.de",
            "a@b",
            "a@-b.com",
            "a b@c.de",
            "é@x.io",
        ] {
            assert!(EMAIL.check(bad).is_err(), "{bad}");
        }
        assert!(email_lengths(&format!("{}@b.co", "a".repeat(65))).is_err());
        assert!(email_lengths(&format!("{}@b.co", "a".repeat(64))).is_ok());
    }

    #[test]
    fn phone_numbers_need_five_to_twenty_digits() {
        assert!(PHONE.check("+44 20 7946 0958").is_ok());
        assert!(PHONE.check("(555) 123-4567").is_ok());
        assert!(PHONE.check("1234").is_err());
        assert!(PHONE.check("+1 555 CALL NOW").is_err());
    }

    #[test]
    fn text_rules_refuse_nul_characters() {
        assert!(BIO.check("line one\nline two").is_ok());
        assert!(BIO.check("nul\u{0}inside").is_err());
        assert!(SKILL.check("   ").is_err());
        assert!(SKILL.check(" Rust ").is_ok());
    }
}
