//! `Text<R>`: a request string that publishes its [`TextRule`] in the OpenAPI document.
//!
//! poem-openapi's field validators only take literals, which would copy every pattern into
//! every request type. Instead each rule lives once in `domain::rules`, and `Text<R>` turns
//! it into the field's schema (`pattern`, `minLength`, `maxLength`, `format`). Parsing takes
//! the string as is: the domain runs the rule and words the error for the client.

use std::{borrow::Cow, marker::PhantomData};

use poem_openapi::{
    registry::{MetaSchema, MetaSchemaRef},
    types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type},
};
use serde_json::Value;

use crate::domain::rules::{self, TextRule};

/// Names a rule from `domain::rules`.
pub trait Rule: Send + Sync + 'static {
    /// Short name, used in the schema type name.
    const NAME: &'static str;
    /// The rule.
    fn rule() -> &'static TextRule;
}

/// A string governed by rule `R`.
pub struct Text<R>(pub String, PhantomData<R>);

impl<R> Text<R> {
    /// Wraps a value (no check: the domain checks).
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into(), PhantomData)
    }

    /// The string.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl<R> std::fmt::Debug for Text<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<R> Clone for Text<R> {
    fn clone(&self) -> Self {
        Self::new(self.0.clone())
    }
}

impl<R> PartialEq for Text<R> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<R: Rule> Type for Text<R> {
    const IS_REQUIRED: bool = true;
    type RawValueType = String;
    type RawElementValueType = String;

    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("string({})", R::NAME))
    }

    fn schema_ref() -> MetaSchemaRef {
        let rule = R::rule();
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            format: rule.format,
            pattern: rule.pattern.map(str::to_string),
            min_length: (rule.min_chars > 0).then_some(rule.min_chars),
            max_length: Some(rule.max_chars),
            ..MetaSchema::new("string")
        }))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(&self.0)
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(std::iter::once(&self.0))
    }
}

impl<R: Rule> ParseFromJSON for Text<R> {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value {
            Some(Value::String(s)) => Ok(Self::new(s)),
            Some(other) => Err(ParseError::expected_type(other)),
            None => Err(ParseError::expected_input()),
        }
    }
}

impl<R: Rule> ToJSON for Text<R> {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.clone()))
    }
}

macro_rules! text_rules {
    ($($(#[$doc:meta])* $marker:ident => $rule:path;)*) => {$(
        $(#[$doc])*
        #[derive(Debug)]
        pub enum $marker {}
        impl Rule for $marker {
            const NAME: &'static str = stringify!($marker);
            fn rule() -> &'static TextRule {
                &$rule
            }
        }
    )*};
}

text_rules! {
    /// [`rules::USERNAME`].
    UsernameRule => rules::USERNAME;
    /// [`rules::EMAIL`].
    EmailRule => rules::EMAIL;
    /// [`rules::PASSWORD`].
    PasswordRule => rules::PASSWORD;
    /// [`rules::CURRENT_PASSWORD`].
    CurrentPasswordRule => rules::CURRENT_PASSWORD;
    /// [`rules::LOGIN`].
    LoginRule => rules::LOGIN;
    /// [`rules::DISPLAY_NAME`].
    DisplayNameRule => rules::DISPLAY_NAME;
    /// [`rules::BIO`].
    BioRule => rules::BIO;
    /// [`rules::LOCATION`].
    LocationRule => rules::LOCATION;
    /// [`rules::WEB_URL`].
    WebUrlRule => rules::WEB_URL;
    /// [`rules::PHONE`].
    PhoneRule => rules::PHONE;
    /// [`rules::SKILL`].
    SkillRule => rules::SKILL;
    /// [`rules::REFRESH_TOKEN`].
    RefreshTokenRule => rules::REFRESH_TOKEN;
    /// [`rules::REFERRAL_CODE`].
    ReferralCodeRule => rules::REFERRAL_CODE;
    /// [`rules::ITEM_NAME`].
    ItemNameRule => rules::ITEM_NAME;
}

/// A username.
pub type UsernameText = Text<UsernameRule>;
/// An email address.
pub type EmailText = Text<EmailRule>;
/// A new password.
pub type PasswordText = Text<PasswordRule>;
/// A password presented to log in (only the length cap applies).
pub type CurrentPasswordText = Text<CurrentPasswordRule>;
/// A username or email used to log in.
pub type LoginText = Text<LoginRule>;
/// A display name.
pub type DisplayNameText = Text<DisplayNameRule>;
/// A biography.
pub type BioText = Text<BioRule>;
/// A location.
pub type LocationText = Text<LocationRule>;
/// An http(s) URL.
pub type WebUrl = Text<WebUrlRule>;
/// A phone number.
pub type PhoneText = Text<PhoneRule>;
/// A skill.
pub type SkillText = Text<SkillRule>;
/// A refresh token.
pub type RefreshTokenText = Text<RefreshTokenRule>;
/// A referral code.
pub type ReferralCodeText = Text<ReferralCodeRule>;
/// A list item's name.
pub type ItemNameText = Text<ItemNameRule>;

/// A calendar date, `YYYY-MM-DD` (OpenAPI `format: date`; poem-openapi's own `NaiveDate`
/// publishes the non-standard `naive-date`, which clients and fuzzers do not understand).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub chrono::NaiveDate);

impl Type for Date {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        "string(date)".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema::new_with_format("string", "date")))
    }
}

impl ParseFromJSON for Date {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value {
            Some(Value::String(s)) => chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map(Self)
                .map_err(|_| ParseError::custom(format!("`{s}` is not a YYYY-MM-DD date"))),
            Some(other) => Err(ParseError::expected_type(other)),
            None => Err(ParseError::expected_input()),
        }
    }
}

impl ToJSON for Date {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.format("%Y-%m-%d").to_string()))
    }
}
