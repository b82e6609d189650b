//! Account credentials: username, email, password and role.

use std::fmt;

use super::{parse_display_name, rules};
use crate::error::FieldErrors;

/// A username: 3–30 characters of letters, digits, `_`, `.` and `-`. Its display case is
/// kept; uniqueness and lookups are case-insensitive (the database indexes `lower(username)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    /// Validates a username.
    pub fn parse(input: &str) -> Result<Self, String> {
        rules::USERNAME.check(input)?;
        Ok(Self(input.to_string()))
    }

    /// The username as the user typed it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An email address, syntactically plausible ([`rules::EMAIL`]).
/// We do not try to implement RFC 5322: deliverability is what a verification mail proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Validates an email address (surrounding whitespace is trimmed).
    pub fn parse(input: &str) -> Result<Self, String> {
        let email = input.trim();
        rules::EMAIL.check(email)?;
        rules::email_lengths(email)?;
        Ok(Self(email.to_string()))
    }

    /// The address as given (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password candidate: 8–128 characters. The upper bound is checked before any hashing so
/// a megabyte "password" costs nothing.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Validates the length of a new password.
    pub fn parse(input: &str) -> Result<Self, String> {
        rules::PASSWORD.check(input)?;
        Ok(Self(input.to_string()))
    }

    /// The secret itself, for the hasher only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A regular account.
    User,
    /// An administrator.
    Admin,
}

impl Role {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Admin => "admin",
        }
    }

    /// Reads the stored spelling; anything else is an error (never a silent default).
    pub fn parse(value: &str) -> Result<Self, String> {
        match value {
            "user" => Ok(Role::User),
            "admin" => Ok(Role::Admin),
            other => Err(format!("unknown role `{other}`")),
        }
    }
}

/// Raw registration input, as the API layer received it.
#[derive(Debug, Clone, Default)]
pub struct RegistrationInput {
    /// Requested username.
    pub username: String,
    /// Email address.
    pub email: String,
    /// Password.
    pub password: String,
    /// Optional display name.
    pub name: Option<String>,
    /// Username of the user who referred this one.
    pub referrer: Option<String>,
    /// Referral code of the user who referred this one.
    pub referral_code: Option<String>,
}

/// A validated registration: every value parsed, ready to be stored.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Username.
    pub username: Username,
    /// Email address.
    pub email: Email,
    /// Password (hashed before it is stored).
    pub password: Password,
    /// Display name, `None` when absent or blank.
    pub name: Option<String>,
    /// Who referred the user, as typed (trimmed; `None` when absent or blank). Whether that
    /// user exists is for the service to find out.
    pub referrer: Option<String>,
    /// The referrer's referral code, normalised (upper case), if one was given.
    pub referral_code: Option<String>,
}

/// The alphabet of referral codes: Crockford's base 32 (no I, L, O, U).
const REFERRAL_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A fresh referral code: 10 characters, 50 random bits.
pub fn new_referral_code() -> String {
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).expect("the OS has randomness");
    bytes
        .iter()
        .map(|b| char::from(REFERRAL_ALPHABET[usize::from(b % 32)]))
        .collect()
}

impl NewAccount {
    /// Validates every field of `input`, reporting every problem at once by wire field name.
    pub fn parse(input: RegistrationInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let username = errors.check("username", Username::parse(&input.username));
        let email = errors.check("email", Email::parse(&input.email));
        let password = errors.check("password", Password::parse(&input.password));
        let name = match input.name.as_deref() {
            None => None,
            Some(name) => errors.check("name", parse_display_name(name)).flatten(),
        };
        match (username, email, password) {
            (Some(username), Some(email), Some(password)) if errors.is_empty() => Ok(Self {
                username,
                email,
                password,
                name,
                referrer: input
                    .referrer
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty()),
                referral_code: input
                    .referral_code
                    .map(|code| code.trim().to_ascii_uppercase())
                    .filter(|code| !code.is_empty()),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_follow_the_documented_alphabet_and_length() {
        for ok in ["abc", "alice_01", "a.b-c", "ALICE", &"x".repeat(30)] {
            assert!(Username::parse(ok).is_ok(), "{ok} should be accepted");
        }
        for bad in [
            "ab",
            "",
            "with space",
            "émile",
            "a@b",
            "slash/",
            &"x".repeat(31),
        ] {
            assert!(Username::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        for ok in [
            "a@b.co",
            "first.last+tag@example.org",
            "  pad@example.com  ",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok} should be accepted");
        }
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@b",
            "a b@example.com",
            "a@-b.com",
            "a@@b.com",
            "a@b..com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(
            Email::parse(" x@y.io ").unwrap().as_str(),
            "x@y.io",
            "whitespace is trimmed"
        );
    }

    #[test]
    fn roles_round_trip_and_unknown_ones_are_errors() {
        for role in [Role::User, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(Role::parse("root").is_err());
    }

    #[test]
    fn a_registration_reports_every_problem_at_once() {
        let errors = NewAccount::parse(RegistrationInput {
            username: "a b".into(),
            email: "nope".into(),
            password: "short".into(),
            name: Some("x".repeat(101)),
            referrer: None,
            referral_code: None,
        })
        .unwrap_err();
        let fields = errors.into_result().unwrap_err().fields.unwrap();
        for field in ["username", "email", "password", "name"] {
            assert!(fields.contains_key(field), "{field}: {fields:?}");
        }
        let account = NewAccount::parse(RegistrationInput {
            username: "Ada".into(),
            email: " ada@example.org ".into(),
            password: "long enough".into(),
            name: Some("   ".into()),
            referrer: Some("  ".into()),
            referral_code: None,
        })
        .unwrap();
        assert_eq!(account.email.as_str(), "ada@example.org");
        assert_eq!((account.name, account.referrer), (None, None));
    }

    #[test]
    fn passwords_are_8_to_128_characters() {
        assert!(Password::parse("1234567").is_err());
        assert!(Password::parse("12345678").is_ok());
        assert!(
            Password::parse(&"é".repeat(128)).is_ok(),
            "counted in characters"
        );
        assert!(Password::parse(&"x".repeat(129)).is_err());
        assert!(!format!("{:?}", Password::parse("secret-pass").unwrap()).contains("secret"));
    }
}
