//! The HTTP API: one `#[OpenApi]` struct per domain, thin handlers, and the generated spec.
//!
//! - [`auth`]: register, login, refresh, logout (tag `auth`)
//! - [`users`]: the caller's account and users by id (tag `users`)
//! - [`profiles`]: public profiles and field projections (tag `profiles`)
//! - [`ratings`]: linked handles, on-demand refresh, rating history (tag `ratings`)
//! - [`compat`]: Digitomize's profile format (tag `compat`)
//! - [`ops`]: health and readiness (tag `ops`)
//!
//! Each family keeps its operations and its wire types in one file; the user
//! representations (`SelfUser`, `PublicProfile`) live with the users family, which the auth
//! and profiles families import (never the other way round). Shared plumbing: [`body`]
//! (JSON bodies), [`params`] and [`text`] (self-reporting parameters and strings),
//! [`prerendered`] (cached bodies and caching headers), [`security`], [`errors`] (the one
//! error shape for framework rejections), [`logging`] (the request log) and [`spec`] (the
//! published document).
//!
//! Handlers translate between the wire and the services in [`crate::services`] — the only
//! thing they can reach — and hold no rules of their own. Every operation's error statuses
//! are part of its return type (see [`crate::error::Errors`]).

pub mod admin;
pub mod auth;
pub mod body;
pub mod cards;
pub mod compat;
pub mod compression;
pub mod cors;
pub mod errors;
pub mod headers;
pub mod leaderboards;
pub mod lists;
pub mod logging;
pub mod notifications;
pub mod ops;
pub mod pagination;
pub mod params;
pub mod prerendered;
pub mod profiles;
pub mod ratings;
pub mod security;
pub mod social;
pub mod spec;
pub mod svg;
pub mod text;
pub mod users;

use poem::{Endpoint, IntoResponse, web::Redirect};
use poem_openapi::{ApiResponse, Tags, payload::Json};

/// Operation tags, one per domain.
#[derive(Tags)]
#[oai(rename_all = "lowercase")]
pub enum ApiTags {
    /// Registration, login, token refresh and logout.
    Auth,
    /// The caller's own account, and users by id.
    Users,
    /// Public profiles by username.
    Profiles,
    /// Competitive-programming handles and ratings.
    Ratings,
    /// Follows, followers, relationships and referrals.
    Social,
    /// The in-app notification inbox.
    Notifications,
    /// Item lists on profiles (played, liked, backlog, wishlist, favorites).
    Lists,
    /// Leaderboards by aggregate or platform rating, and a user's standing.
    Leaderboards,
    /// Identity administration: accounts, sessions, the audit log (administrators only).
    Admin,
    /// Digitomize-compatible endpoints.
    Compat,
    /// Liveness and readiness probes.
    Ops,
}

/// `GET /` → `/docs`. (A route at `/` cannot coexist with the API nested at `/`.)
pub struct RootRedirect<E>(pub E);

impl<E: Endpoint> Endpoint for RootRedirect<E> {
    type Output = poem::Response;

    async fn call(&self, req: poem::Request) -> poem::Result<Self::Output> {
        if req.uri().path() == "/" && req.method() == poem::http::Method::GET {
            return Ok(Redirect::temporary("/docs").into_response());
        }
        self.0.call(req).await.map(IntoResponse::into_response)
    }
}

/// Implements the parts of `poem_openapi::types::Type` that are the same for every
/// hand-written parameter and payload type here (required, its own raw value).
macro_rules! raw_value_is_self {
    () => {
        const IS_REQUIRED: bool = true;
        type RawValueType = Self;
        type RawElementValueType = Self;

        fn as_raw_value(&self) -> Option<&Self::RawValueType> {
            Some(self)
        }

        fn raw_element_iter<'a>(
            &'a self,
        ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
            Box::new(std::iter::once(self))
        }
    };
}
pub(crate) use raw_value_is_self;

/// A stored timestamp (epoch ms) as the API shows it.
pub(crate) fn time(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// `200` with a JSON body.
#[derive(ApiResponse)]
pub enum Ok200<T: poem_openapi::types::ToJSON> {
    /// Success.
    #[oai(status = 200)]
    Ok(Json<T>),
}

/// `201` with a JSON body.
#[derive(ApiResponse)]
pub enum Created<T: poem_openapi::types::ToJSON> {
    /// Created.
    #[oai(status = 201)]
    Created(Json<T>),
}

/// `204`, no body.
#[derive(ApiResponse)]
pub enum NoContent {
    /// Done.
    #[oai(status = 204)]
    NoContent,
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    /// The API families and their sources.
    const FAMILIES: [(&str, &str); 6] = [
        ("auth", include_str!("auth.rs")),
        ("users", include_str!("users.rs")),
        ("profiles", include_str!("profiles.rs")),
        ("ratings", include_str!("ratings.rs")),
        ("compat", include_str!("compat.rs")),
        ("ops", include_str!("ops.rs")),
    ];

    /// Which other families each family names through `super::`.
    fn imports() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
        FAMILIES
            .iter()
            .map(|(family, source)| {
                let uses = FAMILIES
                    .iter()
                    .map(|(other, _)| *other)
                    .filter(|other| other != family)
                    .filter(|other| {
                        source.contains(&format!("super::{other}::"))
                            || source.contains(&format!("    {other}::{{"))
                            || source.contains(&format!("    {other}::"))
                    })
                    .collect();
                (*family, uses)
            })
            .collect()
    }

    #[test]
    fn api_families_import_each_other_without_a_circle() {
        let graph = imports();
        // Depth-first search for a cycle.
        fn visit<'a>(
            node: &'a str,
            graph: &BTreeMap<&'a str, BTreeSet<&'a str>>,
            path: &mut Vec<&'a str>,
        ) {
            assert!(!path.contains(&node), "import circle: {path:?} → {node}");
            path.push(node);
            for next in &graph[node] {
                visit(next, graph, path);
            }
            path.pop();
        }
        for family in graph.keys() {
            visit(family, &graph, &mut Vec::new());
        }
        assert!(
            graph["auth"].contains("users"),
            "the check sees imports: {graph:?}"
        );
    }
}
