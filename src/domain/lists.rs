//! Item lists on a profile: which lists exist, how an item is named, what a name may be.

/// A profile's item lists (a closed set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemList {
    /// Played.
    Played,
    /// Liked.
    Liked,
    /// To play later.
    Backlog,
    /// Wanted.
    Wishlist,
    /// Favourites.
    Favorites,
}

impl ItemList {
    /// Every list, in display order.
    pub const ALL: [ItemList; 5] = [
        Self::Played,
        Self::Liked,
        Self::Backlog,
        Self::Wishlist,
        Self::Favorites,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Played => "played",
            Self::Liked => "liked",
            Self::Backlog => "backlog",
            Self::Wishlist => "wishlist",
            Self::Favorites => "favorites",
        }
    }

    /// The list named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|list| list.as_str() == name)
    }
}

/// An item's identity: where it comes from and its id there (`igdb:1942`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemKey {
    /// A short lowercase source id, e.g. `igdb`.
    pub source: String,
    /// The item's id in that source.
    pub external_id: String,
}

/// Longest source id.
pub const SOURCE_MAX: usize = 32;
/// Longest external id.
pub const EXTERNAL_ID_MAX: usize = 128;
/// Longest item name.
pub const NAME_MAX: usize = 200;

impl ItemKey {
    /// Parses `source:externalId`: the source 1–32 characters of `a-z`, `0-9`, `_`, `-`
    /// starting with a letter; the id 1–128 characters of letters, digits and `-._~`.
    pub fn parse(key: &str) -> Result<Self, String> {
        let (source, external_id) = key
            .split_once(':')
            .ok_or("an item is `source:externalId`, e.g. `igdb:1942`")?;
        let source_ok = (1..=SOURCE_MAX).contains(&source.len())
            && source.starts_with(|c: char| c.is_ascii_lowercase())
            && source
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !source_ok {
            return Err(format!(
                "the source must be 1-{SOURCE_MAX} characters of a-z, 0-9, `_` or `-`, starting with a letter"
            ));
        }
        let id_ok = (1..=EXTERNAL_ID_MAX).contains(&external_id.len())
            && external_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
        if !id_ok {
            return Err(format!(
                "the external id must be 1-{EXTERNAL_ID_MAX} characters of letters, digits or `-._~`"
            ));
        }
        Ok(Self {
            source: source.to_string(),
            external_id: external_id.to_string(),
        })
    }

    /// `source:externalId`.
    pub fn text(&self) -> String {
        format!("{}:{}", self.source, self.external_id)
    }
}

/// An item's display name: trimmed, 1–200 characters, no control characters (C0, DEL or
/// C1: the same set `rules::ITEM_NAME` documents).
pub fn parse_item_name(name: &str) -> Result<String, String> {
    let trimmed = name.trim();
    if trimmed.is_empty() || trimmed.chars().count() > NAME_MAX {
        Err(format!("must be 1-{NAME_MAX} characters"))
    } else if name.chars().any(char::is_control) {
        Err("must not contain control characters".into())
    } else {
        Ok(trimmed.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_keys_are_a_short_source_and_a_safe_id() {
        let key = ItemKey::parse("igdb:1942").unwrap();
        assert_eq!(
            (key.source.as_str(), key.external_id.as_str()),
            ("igdb", "1942")
        );
        assert_eq!(key.text(), "igdb:1942");
        assert!(ItemKey::parse("steam-app:730").is_ok());
        for bad in [
            "1942",
            "IGDB:1942",
            ":1942",
            "igdb:",
            "9gag:1",
            "igdb:a/b",
            "igdb:a:b",
            &format!("igdb:{}", "x".repeat(129)),
            &format!("{}:1", "s".repeat(33)),
        ] {
            assert!(ItemKey::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(parse_item_name("  Portal 2 ").unwrap(), "Portal 2");
        assert!(parse_item_name("   ").is_err());
        assert!(parse_item_name(&"x".repeat(201)).is_err());
        assert!(parse_item_name("bad\u{7}name").is_err());
    }

    #[test]
    fn lists_are_a_closed_set() {
        assert_eq!(ItemList::parse("wishlist"), Some(ItemList::Wishlist));
        assert_eq!(ItemList::parse("Wishlist"), None);
        assert_eq!(ItemList::parse("watched"), None);
    }
}
