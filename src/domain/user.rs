//! The user as the service knows it, independent of storage and wire formats.

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    Role, UserId,
    admin::{Attributes, RequiredAction},
};

/// An account and its profile.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    /// Stable id.
    pub id: UserId,
    /// Username, in the case the user chose.
    pub username: String,
    /// Email address.
    pub email: String,
    /// Display name.
    pub name: Option<String>,
    /// Biography.
    pub bio: Option<String>,
    /// Avatar URL.
    pub picture_url: Option<String>,
    /// Banner URL.
    pub banner_url: Option<String>,
    /// Website URL.
    pub website_url: Option<String>,
    /// Location.
    pub location: Option<String>,
    /// Date of birth.
    pub date_of_birth: Option<NaiveDate>,
    /// Phone number.
    pub phone_number: Option<String>,
    /// Skills, in the user's order.
    pub skills: Vec<String>,
    /// Social links.
    pub social: Social,
    /// What the public may see.
    pub visibility: Visibility,
    /// Role.
    pub role: Role,
    /// Whether the account may log in.
    pub enabled: bool,
    /// Whether the email address was verified.
    pub email_verified: bool,
    /// Who referred this user, if anyone (and they still exist).
    pub referrer_id: Option<UserId>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last profile change.
    pub updated_at: DateTime<Utc>,
    /// How many users follow this one.
    pub followers: u64,
    /// How many users this one follows.
    pub following: u64,
    /// The code others register with to name this user as their referrer.
    pub referral_code: Option<String>,
    /// Custom attributes (only administrators set them; the owner may read them).
    pub attributes: Attributes,
    /// What the user must do before the API serves them anything else.
    pub required_actions: Vec<RequiredAction>,
}

/// Social profile links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Social {
    /// Twitter / X.
    pub twitter: Option<String>,
    /// LinkedIn.
    pub linkedin: Option<String>,
    /// Instagram.
    pub instagram: Option<String>,
    /// GitHub.
    pub github: Option<String>,
}

/// Which private fields the owner chose to show publicly (hidden by default), and whether
/// the item lists are public (the default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Visibility {
    /// Item lists (public unless hidden).
    pub lists: bool,
    /// Email address.
    pub email: bool,
    /// Date of birth.
    pub date_of_birth: bool,
    /// Phone number.
    pub phone_number: bool,
}

impl User {
    /// The email, if the public may see it.
    pub fn public_email(&self) -> Option<&str> {
        self.visibility.email.then_some(self.email.as_str())
    }

    /// The date of birth, if the public may see it.
    pub fn public_date_of_birth(&self) -> Option<NaiveDate> {
        self.date_of_birth.filter(|_| self.visibility.date_of_birth)
    }

    /// The phone number, if the public may see it.
    pub fn public_phone_number(&self) -> Option<&str> {
        self.phone_number
            .as_deref()
            .filter(|_| self.visibility.phone_number)
    }
}
