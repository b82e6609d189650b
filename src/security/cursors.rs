//! Opaque page cursors: a [`Position`] sealed with an HMAC, bound to the list it came from.
//!
//! A cursor is `base64url(at.id).base64url(mac)`, where the MAC (HMAC-SHA-256 truncated to
//! 128 bits, keyed from the JWT secret so every instance of a fleet accepts the others'
//! cursors) covers the list's scope (`followers:<user id>`) and the position. So a client
//! cannot forge a position, edit one, or carry a cursor of one list over to another: each
//! of those is 400 `INVALID_CURSOR`. Clients must not parse cursors; their content may
//! change between versions (an old cursor then fails the same way).

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::domain::page::Position;

const MAC_BYTES: usize = 16;

/// Seals and opens cursors.
#[derive(Clone)]
pub struct Cursors {
    key: [u8; 32],
}

impl std::fmt::Debug for Cursors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cursors(<key redacted>)")
    }
}

impl Cursors {
    /// Cursors keyed from `secret` (the JWT secret; a separate key is derived from it).
    pub fn new(secret: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(b"profilehub page cursor v1\0");
        hasher.update(secret);
        Self {
            key: hasher.finalize().into(),
        }
    }

    fn mac(&self, scope: &str, payload: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key");
        mac.update(scope.as_bytes());
        mac.update(b"\0");
        mac.update(payload.as_bytes());
        mac
    }

    /// The cursor continuing `scope` after `position`.
    pub fn seal(&self, scope: &str, position: &Position) -> String {
        let payload = format!("{}.{}", position.at, position.id);
        let tag = self.mac(scope, &payload).finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(&tag[..MAC_BYTES])
        )
    }

    /// The position in `cursor`, if this service sealed it for `scope`.
    pub fn open(&self, scope: &str, cursor: &str) -> Option<Position> {
        let (payload, tag) = cursor.split_once('.')?;
        let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        if tag.len() != MAC_BYTES {
            return None;
        }
        self.mac(scope, &payload).verify_truncated_left(&tag).ok()?;
        let (at, id) = payload.split_once('.')?;
        Some(Position {
            at: at.parse().ok()?,
            id: id.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position() -> Position {
        Position {
            at: 1_796_000_000_000,
            id: "0b8f4a4e-6a3c-4c1e-9c41-2f3d9b6e8a17".into(),
        }
    }

    #[test]
    fn a_cursor_opens_only_for_its_own_list_and_key() {
        let cursors = Cursors::new(b"a secret of at least thirty-two bytes!!");
        let cursor = cursors.seal("followers:a", &position());
        assert_eq!(cursors.open("followers:a", &cursor), Some(position()));
        assert_eq!(cursors.open("followers:b", &cursor), None, "another list");
        let other = Cursors::new(b"another secret of thirty-two bytes or more");
        assert_eq!(other.open("followers:a", &cursor), None, "another key");
    }

    #[test]
    fn an_edited_or_garbled_cursor_does_not_open() {
        let cursors = Cursors::new(b"a secret of at least thirty-two bytes!!");
        let cursor = cursors.seal("s", &position());
        let (payload, tag) = cursor.split_once('.').unwrap();
        let forged = URL_SAFE_NO_PAD.encode(format!("{}.{}", 1, position().id));
        for bad in [
            format!("{forged}.{tag}"),
            format!("{payload}.{}", &tag[1..]),
            format!("{payload}x.{tag}"),
            "".into(),
            ".".into(),
            "not a cursor".into(),
            cursor.replace('.', ""),
        ] {
            assert_eq!(cursors.open("s", &bad), None, "{bad}");
        }
    }
}
