//! Profile fields a user may edit, and the rules they must satisfy.
//!
//! [`ProfileChanges::parse`] turns a raw PATCH ([`ProfileInput`]) into validated changes or
//! into *every* problem at once, keyed by the wire field names, before anything is written:
//! a refused update changes nothing.

use chrono::NaiveDate;
use uuid::Uuid;

use super::{
    Email, Patch, Username,
    rules::{self, TextRule},
};
use crate::error::FieldErrors;

/// A user id (UUID v4), parsed from the path or the database.
pub type UserId = Uuid;

/// Parses a user id from text.
pub fn parse_user_id(input: &str) -> Result<UserId, String> {
    Uuid::parse_str(input).map_err(|_| format!("`{input}` is not a valid UUID"))
}

/// Most skills on a profile.
pub const SKILLS_MAX: usize = 50;
/// Earliest accepted date of birth.
pub const EARLIEST_BIRTH_DATE: &str = "1900-01-01";

/// The raw content of a profile PATCH, as the API layer received it.
#[derive(Debug, Default, Clone)]
pub struct ProfileInput {
    /// New username (not nullable).
    pub username: Patch<String>,
    /// New email (not nullable; changing it resets `emailVerified`).
    pub email: Patch<String>,
    /// Display name.
    pub name: Patch<String>,
    /// Biography.
    pub bio: Patch<String>,
    /// Avatar URL.
    pub picture_url: Patch<String>,
    /// Banner URL.
    pub banner_url: Patch<String>,
    /// Personal website.
    pub website_url: Patch<String>,
    /// Free-text location.
    pub location: Patch<String>,
    /// `YYYY-MM-DD`.
    pub date_of_birth: Patch<String>,
    /// Phone number.
    pub phone_number: Patch<String>,
    /// Skills (null clears the list).
    pub skills: Patch<Vec<String>>,
    /// Social links, each individually patchable.
    pub social: Option<SocialInput>,
    /// Visibility switches, each optional.
    pub visibility: Option<VisibilityInput>,
}

/// Raw social links.
#[derive(Debug, Default, Clone)]
pub struct SocialInput {
    /// Twitter / X profile URL.
    pub twitter: Patch<String>,
    /// LinkedIn profile URL.
    pub linkedin: Patch<String>,
    /// Instagram profile URL.
    pub instagram: Patch<String>,
    /// GitHub profile URL.
    pub github: Patch<String>,
}

/// Raw visibility switches.
#[derive(Debug, Default, Clone, Copy)]
pub struct VisibilityInput {
    /// Show the email on the public profile.
    pub email: Option<bool>,
    /// Show the date of birth on the public profile.
    pub date_of_birth: Option<bool>,
    /// Show the phone number on the public profile.
    pub phone_number: Option<bool>,
    /// Show the item lists to others.
    pub lists: Option<bool>,
}

/// A validated skills list: at most [`SKILLS_MAX`] distinct (case-insensitively), trimmed
/// entries that satisfy [`rules::SKILL`], in the user's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Skills(Vec<String>);

impl Skills {
    /// Validates a skills list. Entries are trimmed; later duplicates (compared
    /// case-insensitively) are dropped, keeping the user's order.
    pub fn parse(input: Vec<String>) -> Result<Self, String> {
        if input.len() > SKILLS_MAX {
            return Err(format!("at most {SKILLS_MAX} skills (got {})", input.len()));
        }
        let mut seen = std::collections::HashSet::new();
        let mut skills = Vec::with_capacity(input.len());
        for (i, skill) in input.into_iter().enumerate() {
            rules::SKILL
                .check(&skill)
                .map_err(|problem| format!("skill #{} {problem}", i + 1))?;
            let skill = skill.trim().to_string();
            if seen.insert(skill.to_lowercase()) {
                skills.push(skill);
            }
        }
        Ok(Self(skills))
    }

    /// Trusted constructor for values read back from the database.
    pub fn from_db(skills: Vec<String>) -> Self {
        Self(skills)
    }

    /// The skills.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

/// Validated changes to a profile; only `Set`/`Clear`/`Some` fields are written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileChanges {
    /// New username.
    pub username: Option<Username>,
    /// New email.
    pub email: Option<Email>,
    /// Display name.
    pub name: Patch<String>,
    /// Biography.
    pub bio: Patch<String>,
    /// Avatar URL.
    pub picture_url: Patch<String>,
    /// Banner URL.
    pub banner_url: Patch<String>,
    /// Website URL.
    pub website_url: Patch<String>,
    /// Location.
    pub location: Patch<String>,
    /// Date of birth.
    pub date_of_birth: Patch<NaiveDate>,
    /// Phone number.
    pub phone_number: Patch<String>,
    /// Skills.
    pub skills: Option<Skills>,
    /// Twitter URL.
    pub twitter: Patch<String>,
    /// LinkedIn URL.
    pub linkedin: Patch<String>,
    /// Instagram URL.
    pub instagram: Patch<String>,
    /// GitHub URL.
    pub github: Patch<String>,
    /// Email visibility.
    pub email_visible: Option<bool>,
    /// Date-of-birth visibility.
    pub date_of_birth_visible: Option<bool>,
    /// Phone-number visibility.
    pub phone_number_visible: Option<bool>,
    /// Item-lists visibility.
    pub lists_visible: Option<bool>,
}

impl ProfileChanges {
    /// The wire names of the fields these changes write (for audit records: names, never
    /// values).
    pub fn changed_fields(&self) -> Vec<&'static str> {
        let patches = [
            ("name", self.name.is_keep()),
            ("bio", self.bio.is_keep()),
            ("pictureUrl", self.picture_url.is_keep()),
            ("bannerUrl", self.banner_url.is_keep()),
            ("websiteUrl", self.website_url.is_keep()),
            ("location", self.location.is_keep()),
            ("dateOfBirth", self.date_of_birth.is_keep()),
            ("phoneNumber", self.phone_number.is_keep()),
            ("social.twitter", self.twitter.is_keep()),
            ("social.linkedin", self.linkedin.is_keep()),
            ("social.instagram", self.instagram.is_keep()),
            ("social.github", self.github.is_keep()),
        ];
        let options = [
            ("username", self.username.is_none()),
            ("email", self.email.is_none()),
            ("skills", self.skills.is_none()),
            ("visibility.email", self.email_visible.is_none()),
            (
                "visibility.dateOfBirth",
                self.date_of_birth_visible.is_none(),
            ),
            (
                "visibility.phoneNumber",
                self.phone_number_visible.is_none(),
            ),
            ("visibility.lists", self.lists_visible.is_none()),
        ];
        options
            .into_iter()
            .chain(patches)
            .filter(|(_, untouched)| !untouched)
            .map(|(name, _)| name)
            .collect()
    }

    /// Validates every field of `input`; `today` bounds the date of birth.
    pub fn parse(input: ProfileInput, today: NaiveDate) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut changes = ProfileChanges {
            username: required(&mut errors, "username", input.username, |s| {
                Username::parse(&s)
            }),
            email: required(&mut errors, "email", input.email, |s| Email::parse(&s)),
            name: optional_text(&mut errors, "name", input.name, &rules::DISPLAY_NAME),
            bio: optional_text(&mut errors, "bio", input.bio, &rules::BIO),
            picture_url: optional(&mut errors, "pictureUrl", input.picture_url, web_url),
            banner_url: optional(&mut errors, "bannerUrl", input.banner_url, web_url),
            website_url: optional(&mut errors, "websiteUrl", input.website_url, web_url),
            location: optional_text(&mut errors, "location", input.location, &rules::LOCATION),
            date_of_birth: optional(&mut errors, "dateOfBirth", input.date_of_birth, |s| {
                birth_date(&s, today)
            }),
            phone_number: optional(&mut errors, "phoneNumber", input.phone_number, phone),
            skills: match input.skills {
                Patch::Keep => None,
                Patch::Clear => Some(Skills::default()),
                Patch::Set(list) => errors.check("skills", Skills::parse(list)),
            },
            ..Default::default()
        };
        if let Some(social) = input.social {
            changes.twitter = optional(&mut errors, "social.twitter", social.twitter, web_url);
            changes.linkedin = optional(&mut errors, "social.linkedin", social.linkedin, web_url);
            changes.instagram =
                optional(&mut errors, "social.instagram", social.instagram, web_url);
            changes.github = optional(&mut errors, "social.github", social.github, web_url);
        }
        if let Some(visibility) = input.visibility {
            changes.email_visible = visibility.email;
            changes.date_of_birth_visible = visibility.date_of_birth;
            changes.phone_number_visible = visibility.phone_number;
            changes.lists_visible = visibility.lists;
        }
        if errors.is_empty() {
            Ok(changes)
        } else {
            Err(errors)
        }
    }
}

/// A non-nullable field: `null` is an error, a value must parse.
fn required<T>(
    errors: &mut FieldErrors,
    field: &str,
    patch: Patch<String>,
    parse: impl FnOnce(String) -> Result<T, String>,
) -> Option<T> {
    match patch {
        Patch::Keep => None,
        Patch::Clear => {
            errors.add(field, "cannot be null");
            None
        }
        Patch::Set(value) => errors.check(field, parse(value)),
    }
}

/// A nullable field: `null` clears it, a value must parse.
fn optional<T>(
    errors: &mut FieldErrors,
    field: &str,
    patch: Patch<String>,
    parse: impl FnOnce(String) -> Result<T, String>,
) -> Patch<T> {
    match patch {
        Patch::Keep => Patch::Keep,
        Patch::Clear => Patch::Clear,
        Patch::Set(value) => match parse(value) {
            Ok(v) => Patch::Set(v),
            Err(problem) => {
                errors.add(field, problem);
                Patch::Keep
            }
        },
    }
}

/// A display name: trimmed, at most 100 characters; `None` when blank.
pub fn parse_display_name(input: &str) -> Result<Option<String>, String> {
    rules::DISPLAY_NAME.check(input)?;
    let trimmed = input.trim();
    Ok((!trimmed.is_empty()).then(|| trimmed.to_string()))
}

/// A nullable free-text field: checked against `rule`, trimmed, and cleared when blank.
fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    patch: Patch<String>,
    rule: &TextRule,
) -> Patch<String> {
    match optional(errors, field, patch, |value| {
        rule.check(&value).map(|()| value.trim().to_string())
    }) {
        Patch::Set(value) if value.is_empty() => Patch::Clear,
        other => other,
    }
}

/// An absolute `http`/`https` URL ([`rules::WEB_URL`]).
pub fn web_url(input: String) -> Result<String, String> {
    rules::WEB_URL.check(&input)?;
    Ok(input)
}

/// A `YYYY-MM-DD` date between [`EARLIEST_BIRTH_DATE`] and today.
fn birth_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{input}` is not a valid date in YYYY-MM-DD form"))?;
    let earliest = NaiveDate::parse_from_str(EARLIEST_BIRTH_DATE, "%Y-%m-%d").expect("constant");
    if date < earliest {
        return Err(format!("must not be before {EARLIEST_BIRTH_DATE}"));
    }
    if date > today {
        return Err("must not be in the future".into());
    }
    Ok(date)
}

/// A phone number ([`rules::PHONE`]).
fn phone(input: String) -> Result<String, String> {
    rules::PHONE.check(&input)?;
    Ok(input.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn an_empty_patch_changes_nothing() {
        let changes = ProfileChanges::parse(ProfileInput::default(), today()).unwrap();
        assert_eq!(changes, ProfileChanges::default());
    }

    #[test]
    fn every_invalid_field_is_reported_at_once() {
        let input = ProfileInput {
            username: Patch::Clear,
            bio: Patch::Set("x".repeat(1001)),
            website_url: Patch::Set("javascript:alert(1)".into()),
            date_of_birth: Patch::Set("2030-01-01".into()),
            phone_number: Patch::Set("call me".into()),
            skills: Patch::Set(vec!["Rust".into(), "   ".into()]),
            social: Some(SocialInput {
                github: Patch::Set("ftp://github.com/x".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let errors = ProfileChanges::parse(input, today()).unwrap_err();
        let err = errors.into_result().unwrap_err();
        let fields = err.fields.unwrap();
        for field in [
            "username",
            "bio",
            "websiteUrl",
            "dateOfBirth",
            "phoneNumber",
            "skills",
            "social.github",
        ] {
            assert!(
                fields.contains_key(field),
                "{field} missing from {fields:?}"
            );
        }
    }

    #[test]
    fn null_clears_and_values_are_trimmed() {
        let input = ProfileInput {
            name: Patch::Set("  Ada Lovelace ".into()),
            bio: Patch::Clear,
            skills: Patch::Clear,
            date_of_birth: Patch::Set("1815-12-10".into()),
            ..Default::default()
        };
        assert!(
            ProfileChanges::parse(input.clone(), today()).is_err(),
            "1815 is before 1900"
        );
        let input = ProfileInput {
            date_of_birth: Patch::Set("1990-02-28".into()),
            ..input
        };
        let changes = ProfileChanges::parse(input, today()).unwrap();
        assert_eq!(changes.name, Patch::Set("Ada Lovelace".into()));
        assert_eq!(changes.bio, Patch::Clear);
        assert_eq!(changes.skills, Some(Skills::default()));
    }

    #[test]
    fn skills_are_bounded_trimmed_and_deduplicated() {
        assert!(Skills::parse((0..=SKILLS_MAX).map(|i| format!("s{i}")).collect()).is_err());
        assert!(Skills::parse(vec![" ".into()]).is_err());
        assert_eq!(
            Skills::parse(vec![" Rust ".into(), "SQL".into(), "rust".into()])
                .unwrap()
                .as_slice(),
            ["Rust", "SQL"]
        );
    }

    #[test]
    fn blank_text_clears_the_field() {
        let input = ProfileInput {
            location: Patch::Set("   ".into()),
            ..Default::default()
        };
        let changes = ProfileChanges::parse(input, today()).unwrap();
        assert_eq!(changes.location, Patch::Clear);
    }
}
