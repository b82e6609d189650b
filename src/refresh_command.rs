//! `profilehub refresh-ratings`: one refresh of the aggregator, for deployments that prefer
//! an external cron. A progress bar while it runs (only when stderr is a terminal, so logs
//! and pipes stay clean), which ends at 100 % or says why not, and a per-platform summary
//! table at the end with the handles other instances held and the commonest failures.
//!
//! Exit status, for cron users: 0 when the run completed (even if some fetches failed and
//! will be retried), 1 when it could not run, was interrupted, or every fetch it attempted
//! failed (a platform or the network is down: worth an alert).

use std::{
    collections::BTreeMap,
    io::{IsTerminal, Write},
    sync::{Arc, Mutex},
};

use profilehub_jobs::{Platform, PlatformSummary, RefreshScope, RefreshSummary};

use crate::{
    StartupError, build_state, config::Config, services::ratings::RefreshReport, shutdown_signal,
};

/// Runs one refresh of `platforms` (all when empty) for everyone or one `user`, with
/// progress on a terminal and a summary on stdout.
pub async fn refresh_ratings(
    config: &Config,
    all: bool,
    platforms: Vec<Platform>,
    user: Option<String>,
) -> Result<(), StartupError> {
    let state = build_state(config).await?;
    let user_id = match user {
        None => None,
        Some(name) => Some(
            state
                .users
                .by_name(&name)
                .await
                .map_err(|e| StartupError::Config(format!("looking up `{name}`: {e}")))?
                .id
                .to_string(),
        ),
    };
    let scope = RefreshScope {
        ignore_staleness: all,
        user_id,
        platforms,
        ..RefreshScope::default()
    };
    let refresher = state.ratings.refresher().clone();
    let stopper = refresher.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        stopper.stop();
    });
    let due = state.ratings.count_due(&scope).await.ok();
    let started = chrono::Utc::now().timestamp_millis();
    let progress = Arc::new(Progress::for_stderr(due));
    let report = {
        let progress = Arc::clone(&progress);
        move |platform, summary: &PlatformSummary| progress.update(platform, summary)
    };
    let summary = refresher
        .run_once(&scope, Some(&report))
        .await
        .map_err(|e| StartupError::Config(format!("rating refresh failed: {e}")))?;
    let left = state.ratings.refresh_report(&scope, started).await.ok();
    progress.finish(&summary, left.as_ref());
    print!("{}", summary_table(&summary));
    if let Some(left) = &left {
        print!("{}", report_lines(left));
    }
    if summary.stopped {
        return Err(StartupError::Config(
            "the refresh was interrupted before it finished".into(),
        ));
    }
    let attempted = summary.total();
    let failed: u64 = summary.platforms.values().map(|p| p.failed).sum();
    if attempted > 0 && failed == attempted {
        return Err(StartupError::Config(format!(
            "every one of the {attempted} fetches attempted failed"
        )));
    }
    Ok(())
}

/// The handles other instances held and the commonest failure reasons, one per line.
fn report_lines(left: &RefreshReport) -> String {
    let mut out = String::new();
    if !left.held_elsewhere.is_empty() {
        out.push_str(&format!(
            "held by other instances ({}): {}\n",
            left.held_elsewhere.len(),
            left.held_elsewhere
                .iter()
                .take(20)
                .map(|(platform, handle)| format!("{platform}/{handle}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for (platform, reason, count) in &left.failures {
        out.push_str(&format!(
            "failed on {platform} ({count}): {}\n",
            crate::error::quoted(reason)
        ));
    }
    out
}

/// A progress bar on stderr, or nothing when stderr is not a terminal.
pub struct Progress {
    total: Option<u64>,
    done: Mutex<BTreeMap<Platform, u64>>,
    enabled: bool,
}

impl Progress {
    /// A bar towards `total` handles (unknown: a running count), drawn only on a terminal.
    pub fn for_stderr(total: Option<u64>) -> Self {
        Self {
            total,
            done: Mutex::new(BTreeMap::new()),
            enabled: std::io::stderr().is_terminal(),
        }
    }

    /// Records a platform's running totals and redraws.
    pub fn update(&self, platform: Platform, summary: &PlatformSummary) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        done.insert(platform, summary.total());
        if self.enabled {
            let line = render(self.total, &done);
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r{line}\x1b[K");
            let _ = stderr.flush();
        }
    }

    /// Ends the bar at 100 %, or says why it stopped short.
    pub fn finish(&self, summary: &RefreshSummary, left: Option<&RefreshReport>) {
        if !self.enabled {
            return;
        }
        let done: u64 = self
            .done
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .sum();
        let total = self.total.unwrap_or(done);
        if done >= total {
            eprintln!("\r{}\x1b[K", bar(total, total.max(1)));
            return;
        }
        let mut why = Vec::new();
        if summary.stopped {
            why.push("interrupted".to_string());
        }
        let paused: Vec<&str> = summary
            .platforms
            .iter()
            .filter(|(_, s)| s.paused)
            .map(|(p, _)| p.as_str())
            .collect();
        if !paused.is_empty() {
            why.push(format!("circuit breaker open on {}", paused.join(", ")));
        }
        if let Some(left) = left.filter(|l| !l.held_elsewhere.is_empty()) {
            why.push(format!(
                "{} held by other instances",
                left.held_elsewhere.len()
            ));
        }
        if why.is_empty() {
            why.push("the rest were no longer due".into());
        }
        eprintln!("\n{done} of {total} handles: {}", why.join("; "));
    }
}

fn render(total: Option<u64>, done: &BTreeMap<Platform, u64>) -> String {
    let count: u64 = done.values().sum();
    let per_platform = done
        .iter()
        .map(|(p, n)| format!("{} {n}", p.as_str()))
        .collect::<Vec<_>>()
        .join(" · ");
    match total {
        Some(total) if total > 0 => format!("{}  {per_platform}", bar(count, total)),
        _ => format!("{count} handles  {per_platform}"),
    }
}

/// `[####------] count/total (n%)`, for a `total` above zero.
fn bar(count: u64, total: u64) -> String {
    const WIDTH: u64 = 30;
    let filled = (count.min(total) * WIDTH / total) as usize;
    format!(
        "[{}{}] {count}/{total} ({}%)",
        "#".repeat(filled),
        "-".repeat(WIDTH as usize - filled),
        count.min(total) * 100 / total
    )
}

/// The per-platform summary: fetched / unrated / not found / failed / requests.
pub fn summary_table(summary: &RefreshSummary) -> String {
    let mut out = format!(
        "{:<11} {:>8} {:>8} {:>10} {:>7} {:>9}\n",
        "platform", "fetched", "unrated", "not found", "failed", "requests"
    );
    for (platform, s) in &summary.platforms {
        out.push_str(&format!(
            "{:<11} {:>8} {:>8} {:>10} {:>7} {:>9}{}\n",
            platform.as_str(),
            s.fetched,
            s.unrated,
            s.not_found,
            s.failed,
            s.requests,
            if s.paused {
                "  (paused: circuit breaker open)"
            } else {
                ""
            }
        ));
    }
    out.push_str(&format!(
        "{} handles in {:.1} s{}\n",
        summary.total(),
        summary.elapsed.as_secs_f64(),
        if summary.stopped {
            " (stopped early)"
        } else {
            ""
        }
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_progress() {
        let done = BTreeMap::from([(Platform::Codechef, 5), (Platform::Leetcode, 5)]);
        let line = render(Some(20), &done);
        assert!(
            line.starts_with("[###############---------------] 10/20 (50%)"),
            "{line}"
        );
        assert!(line.contains("codechef 5 · leetcode 5"));
    }

    #[test]
    fn the_summary_lists_every_platform() {
        let mut summary = RefreshSummary::default();
        summary.platforms.insert(
            Platform::Codeforces,
            PlatformSummary {
                fetched: 3,
                not_found: 1,
                requests: 2,
                ..Default::default()
            },
        );
        let table = summary_table(&summary);
        assert!(table.contains("codeforces"));
        assert!(table.contains("4 handles"));
    }
}
