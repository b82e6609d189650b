//! Test-only support shared by the service's integration tests and benchmarks.
//!
//! [`PlatformDoubles`] is one local HTTP server (127.0.0.1, port 0) that stands in for all
//! four rating platforms at once, for *any* handle, answering with the real captured
//! responses in `shared/fixtures/platforms/` (located by [`fixtures`]): a handle is served
//! the fixture of its platform with only the handle names substituted where the wire format
//! echoes them (Codeforces' batch, LeetCode's aliases). Individual handles can be made
//! unknown, unrated, failing or slow, and every request is counted per platform and handle,
//! which is how tests prove batching, "fetched exactly once" and politeness.
//!
//! Where no real capture exists (a Codeforces unrated user, a LeetCode user without a
//! ranking, AtCoder's `[]`, CodeChef's redirect for unknown users), the double builds the
//! smallest body of the platform's documented shape; those behaviours are opt-in per handle
//! ([`Behaviour`]) and named as synthetic there.

pub mod fixtures;
pub mod smtp;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use poem::{
    Body, Request, Response, Server,
    http::StatusCode,
    listener::{Acceptor, Listener, TcpListener},
};
use serde_json::{Value, json};

/// How the doubles treat one handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// The real captured profile (the default).
    Rated,
    /// The platform has no such account (real Codeforces FAILED body and LeetCode error
    /// body; synthetic CodeChef redirect and AtCoder 404).
    NotFound,
    /// Synthetic: the account exists without a rated contest.
    Unrated,
    /// HTTP 500.
    ServerError,
    /// The real profile, after this many milliseconds.
    SlowMs(u64),
    /// Another real profile where the captures have two (Codeforces: Fefer_Ivan's entry of
    /// the same batch; AtCoder: yamato0915's history); elsewhere the default one.
    Alternate,
}

/// The four platforms' doubles on one port.
pub struct PlatformDoubles {
    /// `http://127.0.0.1:<port>` — use it as every platform's `base_url`.
    pub base: String,
    state: Arc<State>,
}

#[derive(Default)]
struct State {
    behaviours: Mutex<HashMap<String, Behaviour>>,
    arrivals: Mutex<HashMap<&'static str, Vec<std::time::Instant>>>,
    requests: Mutex<HashMap<&'static str, u64>>,
    handle_requests: Mutex<HashMap<(&'static str, String), u64>>,
    bodies: Bodies,
}

/// The captured bodies the doubles serve.
#[derive(Default)]
struct Bodies {
    codeforces_user: Value,
    codeforces_user_alternate: Value,
    atcoder_history_alternate: Vec<u8>,
    codeforces_rating: Vec<u8>,
    codeforces_not_found: Vec<u8>,
    leetcode_ranking: Value,
    leetcode_history: Value,
    leetcode_not_found: Value,
    codechef_page: Vec<u8>,
    atcoder_history: Vec<u8>,
}

impl Bodies {
    fn load() -> Self {
        let batch: Value = serde_json::from_slice(&fixtures::read(
            "codeforces",
            "user_info.batch.DmitriyH_Fefer_Ivan.2025.json",
        ))
        .expect("the Codeforces batch fixture is JSON");
        let ranking: Value = serde_json::from_slice(&fixtures::read(
            "leetcode",
            "contest_ranking.pgmreddy.2021-08.json",
        ))
        .expect("the LeetCode fixture is JSON");
        let rishgod: Value = serde_json::from_slice(&fixtures::read(
            "codeforces",
            "user_info.rishgod.2020-12.json",
        ))
        .expect("the Codeforces user fixture is JSON");
        Self {
            // rishgod's user.info and user.rating were captured together: the rating is the
            // last contest's, as on the live platform.
            codeforces_user: rishgod["result"][0].clone(),
            codeforces_user_alternate: batch["result"][1].clone(),
            atcoder_history_alternate: fixtures::read(
                "atcoder",
                "history.yamato0915.2025-05.pretty.json",
            ),
            codeforces_rating: fixtures::read("codeforces", "user_rating.rishgod.2020-12.json"),
            codeforces_not_found: fixtures::read(
                "codeforces",
                "user_info.failed.handle_not_found.json",
            ),
            leetcode_ranking: ranking["data"]["userContestRanking"].clone(),
            leetcode_history: ranking["data"]["userContestRankingHistory"].clone(),
            leetcode_not_found: serde_json::from_slice(&fixtures::read(
                "leetcode",
                "unknown_user.errors.json",
            ))
            .expect("the LeetCode error fixture is JSON"),
            codechef_page: fixtures::read("codechef", "equal_poem_63.2026-05.node-https.html"),
            atcoder_history: fixtures::read("atcoder", "history.maccha.2025-12.wget.json"),
        }
    }
}

/// What the real fixtures say each platform's default profile is worth; tests compare
/// stored values against these.
pub mod expected {
    /// Codeforces (rishgod's `user.info` and `user.rating`, captured together): rating,
    /// max, rank, contests.
    pub const CODEFORCES: (f64, f64, &str, u32) = (981.0, 1108.0, "newbie", 11);
    /// LeetCode (pgmreddy): exact rating and contests; the 2021 capture has no badge.
    pub const LEETCODE: (f64, u32) = (1616.8967650834998, 31);
    /// CodeChef (equal_poem_63): rating, highest, stars, contests.
    pub const CODECHEF: (f64, f64, &str, u32) = (1723.0, 1723.0, "3 star", 17);
    /// AtCoder (maccha): rating, highest, colour, rated contests.
    pub const ATCODER: (f64, f64, &str, u32) = (746.0, 799.0, "brown", 96);
    /// [`super::Behaviour::Alternate`] on Codeforces (Fefer_Ivan in the batch capture):
    /// rating, max, rank.
    pub const CODEFORCES_ALTERNATE: (f64, f64, &str) = (2174.0, 2476.0, "master");
    /// [`super::Behaviour::Alternate`] on AtCoder (yamato0915): rating, highest, colour,
    /// rated contests.
    pub const ATCODER_ALTERNATE: (f64, f64, &str, u32) = (423.0, 462.0, "brown", 15);
}

impl PlatformDoubles {
    /// Starts the doubles.
    pub async fn start() -> Self {
        let state = Arc::new(State {
            bodies: Bodies::load(),
            ..State::default()
        });
        let served = Arc::clone(&state);
        let base = serve_locally(poem::endpoint::make(move |req: Request| {
            let state = Arc::clone(&served);
            async move { Ok::<_, poem::Error>(answer(&state, req).await) }
        }))
        .await;
        Self { base, state }
    }

    /// Starts the doubles on a runtime of their own (one thread), so that the arrival times
    /// they record are not delayed by whatever else the test's runtime is busy with: what
    /// timing tests (fleet-wide spacing) need.
    pub async fn start_on_own_thread() -> Self {
        let (ready, started) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("platform-doubles".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime for the doubles");
                runtime.block_on(async move {
                    let _ = ready.send(Self::start().await);
                    std::future::pending::<()>().await;
                });
            })
            .expect("the doubles' thread starts");
        started.await.expect("the doubles start")
    }

    /// Makes `handle` (on every platform; compared case-insensitively) behave so.
    pub fn set(&self, handle: &str, behaviour: Behaviour) {
        self.state
            .behaviours
            .lock()
            .unwrap()
            .insert(handle.to_ascii_lowercase(), behaviour);
    }

    /// Requests received for a platform (`codeforces`, `leetcode`, `codechef`, `atcoder`).
    pub fn requests(&self, platform: &str) -> u64 {
        self.state
            .requests
            .lock()
            .unwrap()
            .get(platform)
            .copied()
            .unwrap_or(0)
    }

    /// How many times `handle` was asked about on `platform` (a Codeforces batch or a
    /// LeetCode query counts once for each handle in it; `user.rating` calls are not counted
    /// here).
    pub fn lookups(&self, platform: &str, handle: &str) -> u64 {
        self.state
            .handle_requests
            .lock()
            .unwrap()
            .get(&(static_name(platform), handle.to_ascii_lowercase()))
            .copied()
            .unwrap_or(0)
    }

    /// When each request to `platform` arrived, in order.
    pub fn arrivals(&self, platform: &str) -> Vec<std::time::Instant> {
        self.state
            .arrivals
            .lock()
            .unwrap()
            .get(static_name(platform))
            .cloned()
            .unwrap_or_default()
    }

    /// Every (platform, handle) looked up more than once.
    pub fn repeated_lookups(&self) -> Vec<(String, String, u64)> {
        let mut repeated: Vec<_> = self
            .state
            .handle_requests
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, n)| **n > 1)
            .map(|((p, h), n)| (p.to_string(), h.clone(), *n))
            .collect();
        repeated.sort();
        repeated
    }

    /// The `--platform-option` values pointing every platform here with no rate limit
    /// and fast retries.
    pub fn platform_options(&self) -> Vec<String> {
        vec![
            format!("*.base_url={}", self.base),
            "*.min_interval=0ms".into(),
            "*.backoff_base=10ms".into(),
            "*.backoff_max=50ms".into(),
            "*.timeout=5s".into(),
        ]
    }
}

/// Serves `endpoint` on 127.0.0.1 at a free port (in the background) and returns its
/// `http://127.0.0.1:<port>` base URL.
pub async fn serve_locally(endpoint: impl poem::Endpoint + 'static) -> String {
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .expect("bind a local port");
    let port = acceptor.local_addr()[0]
        .as_socket_addr()
        .expect("a TCP address")
        .port();
    tokio::spawn(Server::new_with_acceptor(acceptor).run(endpoint));
    format!("http://127.0.0.1:{port}")
}

fn static_name(platform: &str) -> &'static str {
    match platform {
        "codeforces" => "codeforces",
        "leetcode" => "leetcode",
        "codechef" => "codechef",
        _ => "atcoder",
    }
}

fn behaviour(state: &State, handle: &str) -> Behaviour {
    state
        .behaviours
        .lock()
        .unwrap()
        .get(&handle.to_ascii_lowercase())
        .copied()
        .unwrap_or(Behaviour::Rated)
}

fn count(state: &State, platform: &'static str, handles: &[String]) {
    *state.requests.lock().unwrap().entry(platform).or_default() += 1;
    state
        .arrivals
        .lock()
        .unwrap()
        .entry(platform)
        .or_default()
        .push(std::time::Instant::now());
    let mut per_handle = state.handle_requests.lock().unwrap();
    for handle in handles {
        *per_handle
            .entry((platform, handle.to_ascii_lowercase()))
            .or_default() += 1;
    }
}

fn reply(status: u16, content_type: &str, body: impl Into<Body>) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .content_type(content_type)
        .body(body)
}

fn json_reply(value: &Value) -> Response {
    reply(200, "application/json", value.to_string())
}

async fn slow_down(state: &State, handles: &[String]) {
    let delay = handles
        .iter()
        .filter_map(|h| match behaviour(state, h) {
            Behaviour::SlowMs(ms) => Some(ms),
            _ => None,
        })
        .max();
    if let Some(ms) = delay {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

async fn answer(state: &State, mut req: Request) -> Response {
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or_default().to_string();
    if path == "/api/user.info" {
        let handles: Vec<String> = query_param(&query, "handles")
            .split(';')
            .filter(|h| !h.is_empty())
            .map(str::to_string)
            .collect();
        count(state, "codeforces", &handles);
        slow_down(state, &handles).await;
        return codeforces_user_info(state, &handles);
    }
    if path == "/api/user.rating" {
        *state
            .requests
            .lock()
            .unwrap()
            .entry("codeforces")
            .or_default() += 1;
        let handle = query_param(&query, "handle");
        return match behaviour(state, &handle) {
            Behaviour::ServerError => reply(500, "text/plain", "boom"),
            // Synthetic: Codeforces' documented empty history.
            Behaviour::Unrated => json_reply(&json!({"status": "OK", "result": []})),
            _ => reply(
                200,
                "application/json",
                state.bodies.codeforces_rating.clone(),
            ),
        };
    }
    if path == "/graphql" {
        let body = req.take_body().into_vec().await.unwrap_or_default();
        let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let variables = request["variables"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut users: Vec<(usize, String)> = variables
            .iter()
            .filter_map(|(k, v)| {
                Some((k.strip_prefix('n')?.parse().ok()?, v.as_str()?.to_string()))
            })
            .collect();
        users.sort();
        let handles: Vec<String> = users.iter().map(|(_, h)| h.clone()).collect();
        let histories = request["query"]
            .as_str()
            .is_some_and(|q| q.contains("userContestRankingHistory"));
        // A history query is the second request of the same look-up: it counts as a
        // request to the platform, not as another look-up of its users.
        count(state, "leetcode", if histories { &[] } else { &handles });
        slow_down(state, &handles).await;
        return leetcode_graphql(state, &users, histories);
    }
    if let Some(handle) = path.strip_prefix("/users/") {
        if let Some(handle) = handle.strip_suffix("/history/json") {
            let handle = handle.to_string();
            count(state, "atcoder", std::slice::from_ref(&handle));
            slow_down(state, std::slice::from_ref(&handle)).await;
            return match behaviour(state, &handle) {
                Behaviour::NotFound => reply(404, "text/html", "<html>404</html>"),
                Behaviour::Unrated => json_reply(&json!([])),
                Behaviour::ServerError => reply(500, "text/html", "boom"),
                Behaviour::Alternate => reply(
                    200,
                    "application/json",
                    state.bodies.atcoder_history_alternate.clone(),
                ),
                _ => reply(
                    200,
                    "application/json",
                    state.bodies.atcoder_history.clone(),
                ),
            };
        }
        let handle = handle.trim_end_matches('/').to_string();
        count(state, "codechef", std::slice::from_ref(&handle));
        slow_down(state, std::slice::from_ref(&handle)).await;
        return match behaviour(state, &handle) {
            // Synthetic: CodeChef redirects unknown users to its home page.
            Behaviour::NotFound => Response::builder()
                .status(StatusCode::FOUND)
                .header("location", "/")
                .body(""),
            Behaviour::ServerError => reply(503, "text/html", "busy"),
            _ => reply(
                200,
                "text/html; charset=utf-8",
                state.bodies.codechef_page.clone(),
            ),
        };
    }
    reply(404, "text/plain", "not a platform endpoint")
}

fn codeforces_user_info(state: &State, handles: &[String]) -> Response {
    if handles
        .iter()
        .any(|h| behaviour(state, h) == Behaviour::ServerError)
    {
        return reply(500, "text/plain", "boom");
    }
    if let Some(unknown) = handles
        .iter()
        .find(|h| behaviour(state, h) == Behaviour::NotFound)
    {
        // The real FAILED body, naming this handle.
        let mut body: Value = serde_json::from_slice(&state.bodies.codeforces_not_found)
            .expect("the Codeforces FAILED fixture is JSON");
        body["comment"] = Value::String(format!("handles: User with handle {unknown} not found"));
        return reply(400, "application/json", body.to_string());
    }
    let users: Vec<Value> = handles
        .iter()
        .map(|handle| {
            let mut user = if behaviour(state, handle) == Behaviour::Alternate {
                state.bodies.codeforces_user_alternate.clone()
            } else {
                state.bodies.codeforces_user.clone()
            };
            user["handle"] = Value::String(handle.clone());
            if behaviour(state, handle) == Behaviour::Unrated {
                // Synthetic: unrated users have no rating keys (Codeforces apiHelp).
                for key in ["rating", "maxRating", "rank", "maxRank"] {
                    user.as_object_mut().expect("an object").remove(key);
                }
            }
            user
        })
        .collect();
    json_reply(&json!({"status": "OK", "result": users}))
}

/// Answers a batch of rankings, or with `histories` a batch of contest histories (`h{i}`,
/// the capture's `userContestRankingHistory`).
fn leetcode_graphql(state: &State, users: &[(usize, String)], histories: bool) -> Response {
    if users
        .iter()
        .any(|(_, h)| behaviour(state, h) == Behaviour::ServerError)
    {
        return reply(500, "text/plain", "boom");
    }
    let mut data = serde_json::Map::new();
    let mut errors = Vec::new();
    if histories {
        for (i, handle) in users {
            let history = match behaviour(state, handle) {
                Behaviour::NotFound | Behaviour::Unrated => Value::Null,
                _ => state.bodies.leetcode_history.clone(),
            };
            data.insert(format!("h{i}"), history);
        }
        return json_reply(&json!({"data": data}));
    }
    for (i, handle) in users {
        match behaviour(state, handle) {
            Behaviour::NotFound => {
                // The real error entry, pointed at this user's alias.
                let mut error = state.bodies.leetcode_not_found["errors"][0].clone();
                error["path"] = json!([format!("u{i}")]);
                errors.push(error);
                data.insert(format!("u{i}"), Value::Null);
                data.insert(format!("r{i}"), Value::Null);
            }
            Behaviour::Unrated => {
                // Synthetic: an existing user without a contest ranking.
                data.insert(format!("u{i}"), json!({"username": handle}));
                data.insert(format!("r{i}"), Value::Null);
            }
            _ => {
                data.insert(format!("u{i}"), json!({"username": handle}));
                data.insert(format!("r{i}"), state.bodies.leetcode_ranking.clone());
            }
        }
    }
    let mut body = json!({"data": data});
    if !errors.is_empty() {
        body["errors"] = Value::Array(errors);
    }
    json_reply(&body)
}

fn query_param(query: &str, name: &str) -> String {
    query
        .split('&')
        .find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| percent_decode(value))
        })
        .unwrap_or_default()
}

/// Decodes `%XX` escapes and `+` (as in a query string); bad escapes are kept as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 3 <= bytes.len()
            && let Some(byte) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
