//! The polite HTTP layer as the clients experience it: retries, Retry-After, breaker,
//! timeouts, caps, redirects, rate limit and request counting.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use profilehub_jobs::http::{LocalRateGate, PlatformSettings};
use profilehub_jobs::{
    FetchOutcome, FetchRequest, HttpPlatformClient, Platform, PlatformClient, build_clients,
};

use crate::atcoder::atcoder_double;
use crate::doubles::{Double, Reply, client, fast_settings};
use crate::fixtures;

fn maccha() -> Vec<FetchRequest> {
    vec![FetchRequest::new("maccha")]
}

fn is_rated(outcomes: &[FetchOutcome]) -> bool {
    outcomes.iter().all(|o| matches!(o, FetchOutcome::Rated(_)))
}

/// Fails the first `failures` requests with `failure`, then serves maccha's history.
async fn flaky_atcoder(failures: usize, failure: Reply) -> (Double, Arc<AtomicUsize>) {
    let history = fixtures::read("atcoder", "history.maccha.2025-12.wget.json");
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let double = Double::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) < failures {
            failure.clone()
        } else {
            Reply::json(history.clone())
        }
    })
    .await;
    (double, calls)
}

#[tokio::test]
async fn http_429_with_retry_after_is_honoured_before_retrying() {
    let (double, calls) = flaky_atcoder(1, Reply::status(429).header("retry-after", "1")).await;
    let ac = client(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    let started = Instant::now();
    let outcomes = ac.fetch(&maccha()).await;
    assert!(is_rated(&outcomes), "{outcomes:?}");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited as asked"
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_ends_the_call_at_once_carrying_it() {
    let (double, calls) = flaky_atcoder(1, Reply::status(503).header("retry-after", "3600")).await;
    let ac = client(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    let outcomes = ac.fetch(&maccha()).await;
    assert!(
        matches!(&outcomes[0], FetchOutcome::Transient { retry_after: Some(d), .. } if *d == Duration::from_secs(3600)),
        "{outcomes:?}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_5xx_is_retried_with_backoff_until_it_succeeds() {
    let (double, calls) = flaky_atcoder(2, Reply::status(502)).await;
    let ac = client(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    assert!(is_rated(&ac.fetch(&maccha()).await));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    assert_eq!(ac.requests_sent(), 3, "retries are counted");
}

#[tokio::test]
async fn a_5xx_streak_opens_the_breaker_while_another_platform_keeps_working() {
    let broken = Double::start(|_| Reply::status(500)).await;
    let gate = Arc::new(LocalRateGate::new());
    let mut settings = fast_settings(Platform::Atcoder, &broken.base);
    settings.retries = 1;
    settings.breaker_threshold = 3;
    let ac = HttpPlatformClient::new(Platform::Atcoder, settings, gate.clone()).unwrap();

    let healthy = Double::start({
        let page = fixtures::read("codechef", "siri462843.2025-10.puppeteer-dom.html");
        move |_| Reply::html(page.clone())
    })
    .await;
    let cc = HttpPlatformClient::new(
        Platform::Codechef,
        fast_settings(Platform::Codechef, &healthy.base),
        gate,
    )
    .unwrap();

    assert!(ac.fetch(&maccha()).await[0].is_transient());
    assert_eq!(broken.total_hits(), 2);
    assert!(ac.fetch(&maccha()).await[0].is_transient());
    assert_eq!(
        broken.total_hits(),
        3,
        "the third failure opens the breaker"
    );
    assert!(ac.paused_for().is_some());

    let outcomes = ac.fetch(&maccha()).await;
    assert!(
        matches!(&outcomes[0], FetchOutcome::Transient { retry_after: Some(d), .. } if *d > Duration::from_secs(30)),
        "fails fast with the remaining pause: {outcomes:?}"
    );
    assert!(
        matches!(&outcomes[0], FetchOutcome::Transient { reason, .. } if reason.starts_with("HTTP 500")),
        "the cause that opened the breaker is kept: {outcomes:?}"
    );
    assert_eq!(broken.total_hits(), 3, "no request while open");

    let outcomes = cc.fetch(&[FetchRequest::new("siri462843")]).await;
    assert!(is_rated(&outcomes), "CodeChef unaffected: {outcomes:?}");
    assert_eq!(cc.paused_for(), None);
}

#[tokio::test]
async fn after_the_cooldown_one_probe_goes_out_and_success_closes_the_breaker() {
    let healthy = Arc::new(AtomicBool::new(false));
    let switch = healthy.clone();
    let history = fixtures::read("atcoder", "history.maccha.2025-12.wget.json");
    let double = Double::start(move |_| {
        if switch.load(Ordering::SeqCst) {
            Reply::json(history.clone())
        } else {
            Reply::status(503)
        }
    })
    .await;
    let mut settings = fast_settings(Platform::Atcoder, &double.base);
    settings.retries = 0;
    settings.breaker_threshold = 2;
    settings.breaker_cooldown = Duration::from_millis(300);
    let ac = client(Platform::Atcoder, settings);

    ac.fetch(&maccha()).await;
    ac.fetch(&maccha()).await;
    assert!(ac.paused_for().is_some());
    assert!(ac.fetch(&maccha()).await[0].is_transient());
    assert_eq!(double.total_hits(), 2);

    healthy.store(true, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert!(is_rated(&ac.fetch(&maccha()).await));
    assert_eq!(double.total_hits(), 3, "one probe");
    assert_eq!(ac.paused_for(), None);
    assert!(is_rated(&ac.fetch(&maccha()).await));
}

#[tokio::test]
async fn a_platform_slower_than_the_timeout_yields_transient() {
    let (double, calls) = flaky_atcoder(
        usize::MAX,
        Reply::json("[]").delayed(Duration::from_secs(3)),
    )
    .await;
    let mut settings = fast_settings(Platform::Atcoder, &double.base);
    settings.timeout = Duration::from_millis(200);
    settings.retries = 1;
    let ac = client(Platform::Atcoder, settings);
    let outcomes = ac.fetch(&maccha()).await;
    assert!(
        matches!(&outcomes[0], FetchOutcome::Transient { reason, .. } if reason.contains("timed out")),
        "{outcomes:?}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 2, "a timeout is retried");
}

#[tokio::test]
async fn malformed_json_is_transient_not_a_zero_rating() {
    let double = Double::start(|seen| match seen.path.as_str() {
        "/api/user.info" => {
            Reply::json(r#"{"status":"OK","result":[{"handle":"rishgod","rating":"#)
        }
        _ => Reply::json(r#"[{"IsRated":true,"NewRating":"#),
    })
    .await;
    let ac = client(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    assert!(ac.fetch(&maccha()).await[0].is_transient());
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );
    assert!(cf.fetch(&[FetchRequest::new("rishgod")]).await[0].is_transient());
}

#[tokio::test]
async fn an_oversized_body_is_abandoned_with_or_without_content_length() {
    let big = vec![b' '; 64 * 1024];
    let double = Double::start(move |seen| {
        let reply = Reply::json(big.clone());
        if seen.path.contains("streamed") {
            reply.streamed()
        } else {
            reply
        }
    })
    .await;
    let mut settings = fast_settings(Platform::Atcoder, &double.base);
    settings.max_body_bytes = 4 * 1024;
    let ac = client(Platform::Atcoder, settings);
    let outcomes = ac
        .fetch(&[FetchRequest::new("sized"), FetchRequest::new("streamed")])
        .await;
    for outcome in &outcomes {
        assert!(
            matches!(outcome, FetchOutcome::Transient { reason, .. } if reason.contains("too large")),
            "{outcome:?}"
        );
    }
    assert_eq!(double.total_hits(), 2, "an oversized reply is not retried");
}

#[tokio::test]
async fn an_html_challenge_page_where_json_is_expected_is_transient() {
    let challenge = "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking if the site connection is secure</body></html>";
    let double = Double::start(move |_| Reply::html(challenge)).await;
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );
    let outcomes = cf
        .fetch(&[FetchRequest::new("tourist"), FetchRequest::new("Petr")])
        .await;
    assert!(
        outcomes.iter().all(FetchOutcome::is_transient),
        "{outcomes:?}"
    );
    let ac = client(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    assert!(ac.fetch(&maccha()).await[0].is_transient());
}

#[tokio::test]
async fn a_cross_host_redirect_is_not_followed() {
    let double = Double::start(|seen| {
        let port = seen.port();
        match seen.path.as_str() {
            "/elsewhere" => Reply::json("[]"),
            _ => Reply::redirect(302, &format!("http://localhost:{port}/elsewhere")),
        }
    })
    .await;
    let ac = client(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    let outcomes = ac.fetch(&maccha()).await;
    assert!(
        matches!(&outcomes[0], FetchOutcome::Transient { reason, .. } if reason.contains("not followed")),
        "{outcomes:?}"
    );
    assert_eq!(double.hits("/elsewhere"), 0);
}

#[tokio::test]
async fn a_same_host_redirect_is_followed() {
    let history = fixtures::read("atcoder", "history.maccha.2025-12.wget.json");
    let double = Double::start(move |seen| match seen.path.as_str() {
        "/users/maccha/history/json" => Reply::json(history.clone()),
        _ => Reply::redirect(301, "/users/maccha/history/json"),
    })
    .await;
    let ac = client(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    assert!(is_rated(&ac.fetch(&[FetchRequest::new("Maccha")]).await));
}

#[tokio::test]
async fn the_rate_limit_spaces_request_starts_by_at_least_the_interval() {
    let double = atcoder_double().await;
    let mut settings = fast_settings(Platform::Atcoder, &double.base);
    settings.min_interval = Duration::from_millis(250);
    let ac = client(Platform::Atcoder, settings);
    let started = Instant::now();
    let batch: Vec<FetchRequest> = ["maccha", "yamato0915", "synthetic_fresh", "nobody_here"]
        .into_iter()
        .map(FetchRequest::new)
        .collect();
    ac.fetch(&batch).await;
    assert_eq!(double.total_hits(), 4);
    assert!(
        started.elapsed() >= Duration::from_millis(750),
        "4 starts, 3 intervals"
    );
}

#[tokio::test]
async fn build_clients_makes_one_client_per_platform_using_given_or_default_settings() {
    let double = atcoder_double().await;
    let mut settings = BTreeMap::new();
    settings.insert(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    let clients = build_clients(&settings, Arc::new(LocalRateGate::new())).unwrap();
    let platforms: Vec<Platform> = clients.iter().map(|c| c.platform()).collect();
    assert_eq!(platforms, Platform::ALL);
    let batch_sizes: Vec<usize> = clients.iter().map(|c| c.batch_size()).collect();
    assert_eq!(
        batch_sizes,
        [1, 10, 50, 1],
        "defaults for the platforms not configured"
    );

    let atcoder = clients
        .iter()
        .find(|c| c.platform() == Platform::Atcoder)
        .unwrap();
    assert!(is_rated(&atcoder.fetch(&maccha()).await));
    assert_eq!(atcoder.requests_sent(), 1);
    assert!(
        clients
            .iter()
            .filter(|c| c.platform() != Platform::Atcoder)
            .all(|c| c.requests_sent() == 0)
    );
    let _ = PlatformSettings::defaults(Platform::Atcoder);
}
