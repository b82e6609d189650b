//! Rating cards: a profile's ratings drawn as a small SVG for READMEs and web pages.
//!
//! A card is embedded in pages the service does not control, so it is self-contained and
//! inert by construction: no remote fonts, styles or images (system font stacks and
//! inline styles only), no scripts, every text XML-escaped (`& < > " '`), and every option
//! taken from an allow-list ([`Theme`], [`Hide`], the platforms) before anything is drawn.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime};
use profilehub_jobs::Platform;

use super::params::Choice;

/// The colours of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on white.
    Light,
    /// Light text on a dark background.
    Dark,
}

struct Palette {
    background: &'static str,
    border: &'static str,
    title: &'static str,
    text: &'static str,
    muted: &'static str,
    accent: &'static str,
}

impl Theme {
    fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: "#ffffff",
                border: "#d0d7de",
                title: "#1f2328",
                text: "#1f2328",
                muted: "#656d76",
                accent: "#0969da",
            },
            Theme::Dark => Palette {
                background: "#0d1117",
                border: "#30363d",
                title: "#e6edf3",
                text: "#e6edf3",
                muted: "#8d96a0",
                accent: "#58a6ff",
            },
        }
    }
}

impl Choice for Theme {
    const ALL: &'static [Self] = &[Theme::Light, Theme::Dark];
    const TYPE_NAME: &'static str = "string(theme)";
    fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    fn unknown(raw: &str, choices: &str) -> String {
        format!("Unknown theme `{raw}`; themes: {choices}.")
    }
}

/// What a card may leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hide {
    /// The display name beside the username.
    Name,
    /// Each platform's title (`expert`, `3 star`).
    Badge,
    /// The rated contests count.
    Contests,
}

impl Choice for Hide {
    const ALL: &'static [Self] = &[Hide::Name, Hide::Badge, Hide::Contests];
    const TYPE_NAME: &'static str = "string(hide)";
    fn as_str(self) -> &'static str {
        match self {
            Hide::Name => "name",
            Hide::Badge => "badge",
            Hide::Contests => "contests",
        }
    }
    fn unknown(raw: &str, choices: &str) -> String {
        format!("Unknown `hide` item `{raw}`; items: {choices}.")
    }
}

/// How a card is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardOptions {
    /// The platforms to show, in this order (those without a rating are left out).
    pub platforms: Vec<Platform>,
    /// The colours.
    pub theme: Theme,
    /// What to leave out.
    pub hide: Vec<Hide>,
}

impl CardOptions {
    /// A text that names these options (what a drawn card is cached under).
    pub fn key(&self) -> String {
        let names =
            |items: &mut dyn Iterator<Item = &'static str>| items.collect::<Vec<_>>().join(",");
        format!(
            "card|{}|{}|{}",
            names(&mut self.platforms.iter().map(|p| p.as_str())),
            self.theme.as_str(),
            names(&mut self.hide.iter().map(|h| h.as_str())),
        )
    }
}

/// One platform's tile.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    /// The platform.
    pub platform: Platform,
    /// The handle.
    pub handle: String,
    /// The rating, as shown.
    pub rating: i64,
    /// The platform's title for it.
    pub badge: Option<String>,
    /// Rated contests.
    pub contests: Option<i64>,
}

const WIDTH: u32 = 420;
const HEADER: u32 = 56;
const TILE: u32 = 44;
const FONT: &str = "-apple-system, 'Segoe UI', Helvetica, Arial, 'DejaVu Sans', sans-serif";

/// `text` with XML's five special characters escaped, and control characters (which XML
/// 1.0 cannot carry) dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn clipped(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn platform_label(platform: Platform) -> &'static str {
    match platform {
        Platform::Codechef => "CodeChef",
        Platform::Leetcode => "LeetCode",
        Platform::Codeforces => "Codeforces",
        Platform::Atcoder => "AtCoder",
    }
}

/// The frame every card shares: size, background, border, the accessible title.
fn frame(height: u32, palette: &Palette, title: &str, body: &str) -> String {
    framed(WIDTH, height, palette, title, body)
}

fn framed(width: u32, height: u32, palette: &Palette, title: &str, body: &str) -> String {
    let title = escape(title);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{title}\">\
         <title>{title}</title>\
         <rect x=\"0.5\" y=\"0.5\" width=\"{w}\" height=\"{h}\" rx=\"6\" fill=\"{bg}\" stroke=\"{border}\"/>\
         <g font-family=\"{FONT}\">{body}</g></svg>",
        w = width - 1,
        h = height - 1,
        bg = palette.background,
        border = palette.border,
    )
}

/// The card of `username` (and `name`) with one tile per entry of `tiles`.
pub fn card(username: &str, name: Option<&str>, tiles: &[Tile], options: &CardOptions) -> String {
    let palette = options.theme.palette();
    let hidden = |what| options.hide.contains(&what);
    let mut body = String::new();
    let heading = match name.filter(|_| !hidden(Hide::Name)) {
        Some(name) => format!(
            "{} <tspan fill=\"{}\" font-weight=\"400\">({})</tspan>",
            escape(&clipped(username, 30)),
            palette.muted,
            escape(&clipped(name, 30))
        ),
        None => escape(&clipped(username, 30)),
    };
    body.push_str(&format!(
        "<text x=\"20\" y=\"34\" font-size=\"18\" font-weight=\"600\" fill=\"{}\">{heading}</text>",
        palette.title
    ));
    for (i, tile) in tiles.iter().enumerate() {
        let y = HEADER + u32::try_from(i).unwrap_or(0) * TILE;
        let mut detail = escape(&clipped(&tile.handle, 24));
        if let Some(badge) = tile.badge.as_deref().filter(|_| !hidden(Hide::Badge)) {
            detail.push_str(&format!(" · {}", escape(&clipped(badge, 20))));
        }
        if let Some(contests) = tile.contests.filter(|_| !hidden(Hide::Contests)) {
            let noun = if contests == 1 { "contest" } else { "contests" };
            detail.push_str(&format!(" · {contests} {noun}"));
        }
        body.push_str(&format!(
            "<line x1=\"20\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"{border}\"/>\
             <text x=\"20\" y=\"{ty}\" font-size=\"14\" font-weight=\"600\" fill=\"{text}\">{label}</text>\
             <text x=\"20\" y=\"{dy}\" font-size=\"12\" fill=\"{muted}\">{detail}</text>\
             <text x=\"{rx}\" y=\"{ry}\" font-size=\"22\" font-weight=\"700\" text-anchor=\"end\" fill=\"{accent}\">{rating}</text>",
            x2 = WIDTH - 20,
            border = palette.border,
            ty = y + 19,
            dy = y + 36,
            rx = WIDTH - 20,
            ry = y + 30,
            text = palette.text,
            muted = palette.muted,
            accent = palette.accent,
            label = platform_label(tile.platform),
            rating = tile.rating,
        ));
    }
    let height = HEADER + u32::try_from(tiles.len()).unwrap_or(0) * TILE + 12;
    let title = format!("{username}'s competitive programming ratings");
    frame(height, &palette, &title, &body)
}

/// A small card that says `message` instead of ratings ("no such user", "no ratings yet").
pub fn notice(heading: &str, message: &str, theme: Theme) -> String {
    let palette = theme.palette();
    let body = format!(
        "<text x=\"20\" y=\"34\" font-size=\"16\" font-weight=\"600\" fill=\"{}\">{}</text>\
         <text x=\"20\" y=\"58\" font-size=\"13\" fill=\"{}\">{}</text>",
        palette.title,
        escape(&clipped(heading, 40)),
        palette.muted,
        escape(&clipped(message, 60)),
    );
    frame(80, &palette, &format!("{heading}: {message}"), &body)
}

/// One point of a rating chart: when (epoch ms) and the rating after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartPoint {
    /// Epoch ms.
    pub time: i64,
    /// Rating.
    pub rating: i64,
}

const CHART_WIDTH: u32 = 640;
const CHART_HEIGHT: u32 = 320;
/// The plot area inside the chart: left, top, right, bottom edges.
const PLOT: (f64, f64, f64, f64) = (64.0, 60.0, 620.0, 270.0);
const DAY_MS: i64 = 86_400_000;

/// `username`'s rating on `platform` over time as a line chart: one point per contest
/// (`points` oldest first, at least one), a rating axis and a date axis (UTC), both
/// labelled.
pub fn history_chart(
    username: &str,
    platform: Platform,
    points: &[ChartPoint],
    theme: Theme,
) -> String {
    let palette = theme.palette();
    let (left, top, right, bottom) = PLOT;
    let (first, last) = match (points.first(), points.last()) {
        (Some(first), Some(last)) => (first, last),
        _ => return notice(username, "No contests yet", theme),
    };
    let (low, high) = points.iter().fold((i64::MAX, i64::MIN), |(lo, hi), p| {
        (lo.min(p.rating), hi.max(p.rating))
    });
    let step = rating_step(high - low);
    let y_low = low.div_euclid(step) * step;
    let y_high = (high.div_euclid(step) + 1) * step;
    // A single contest (or several on one day) still gets a time axis a month wide.
    let (t_low, t_high) = if last.time - first.time < 30 * DAY_MS {
        (first.time - 15 * DAY_MS, last.time + 15 * DAY_MS)
    } else {
        (first.time, last.time)
    };
    let x = |t: i64| left + (right - left) * (t - t_low) as f64 / (t_high - t_low) as f64;
    let y = |r: i64| bottom - (bottom - top) * (r - y_low) as f64 / (y_high - y_low) as f64;

    let mut body = format!(
        "<text x=\"20\" y=\"30\" font-size=\"16\" font-weight=\"600\" fill=\"{title}\">{user} \
         <tspan fill=\"{muted}\" font-weight=\"400\">· {label} rating</tspan></text>\
         <text x=\"{rx}\" y=\"32\" font-size=\"20\" font-weight=\"700\" text-anchor=\"end\" fill=\"{accent}\">{latest}</text>",
        title = palette.title,
        muted = palette.muted,
        accent = palette.accent,
        user = escape(&clipped(username, 30)),
        label = platform_label(platform),
        rx = CHART_WIDTH - 20,
        latest = last.rating,
    );
    // The rating axis: a grid line and a label per step.
    let mut rating = y_low;
    while rating <= y_high {
        let gy = y(rating);
        body.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{gy:.1}\" x2=\"{right}\" y2=\"{gy:.1}\" stroke=\"{grid}\"/>\
             <text x=\"{lx}\" y=\"{ly:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"{muted}\">{rating}</text>",
            grid = palette.border,
            muted = palette.muted,
            lx = left - 8.0,
            ly = gy + 4.0,
        ));
        rating += step;
    }
    // The date axis: a tick and a label per year, quarter or month, whichever fits.
    for (tick, label) in date_ticks(t_low, t_high) {
        let tx = x(tick);
        body.push_str(&format!(
            "<line x1=\"{tx:.1}\" y1=\"{bottom}\" x2=\"{tx:.1}\" y2=\"{tb}\" stroke=\"{muted}\"/>\
             <text x=\"{tx:.1}\" y=\"{ly}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{muted}\">{label}</text>",
            tb = bottom + 4.0,
            ly = bottom + 17.0,
            muted = palette.muted,
        ));
    }
    body.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"{muted}\"/>\
         <line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\" stroke=\"{muted}\"/>\
         <text x=\"{mx}\" y=\"{xy}\" font-size=\"12\" text-anchor=\"middle\" fill=\"{muted}\">Contest date (UTC)</text>\
         <text x=\"16\" y=\"{my}\" font-size=\"12\" text-anchor=\"middle\" fill=\"{muted}\" transform=\"rotate(-90 16 {my})\">Rating</text>",
        muted = palette.muted,
        mx = (left + right) / 2.0,
        xy = bottom + 38.0,
        my = (top + bottom) / 2.0,
    ));
    let line: Vec<String> = points
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.time), y(p.rating)))
        .collect();
    body.push_str(&format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{accent}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>",
        line.join(" "),
        accent = palette.accent,
    ));
    // Dots while they stay apart; past that the line says it all.
    if points.len() <= 80 {
        for p in points {
            body.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\"/>",
                x(p.time),
                y(p.rating),
                palette.accent
            ));
        }
    }
    let title = format!(
        "{username}'s {} rating over {} contests",
        platform_label(platform),
        points.len()
    );
    framed(CHART_WIDTH, CHART_HEIGHT, &palette, &title, &body)
}

/// A round rating step giving at most six grid lines over `span`.
fn rating_step(span: i64) -> i64 {
    [50, 100, 200, 250, 500, 1000, 2000, 5000]
        .into_iter()
        .find(|step| span / step < 6)
        .unwrap_or(10_000)
}

/// Ticks at the first of each year, quarter or month (the finest with at most seven)
/// between `from` and `to` (epoch ms), labelled `2025` or `2025-04`.
fn date_ticks(from: i64, to: i64) -> Vec<(i64, String)> {
    for months in [1, 3, 12] {
        let (mut year, mut month) = year_month(from);
        let mut ticks = Vec::new();
        loop {
            // The next month boundary on this step's grid after `from`.
            month += 1;
            if month > 12 {
                month = 1;
                year += 1;
            }
            if (month - 1) % months != 0 {
                continue;
            }
            let at = month_start(year, month);
            if at > to {
                break;
            }
            let label = if months == 12 {
                format!("{year}")
            } else {
                format!("{year}-{month:02}")
            };
            ticks.push((at, label));
            if ticks.len() > 7 {
                break;
            }
        }
        if ticks.len() <= 7 {
            return ticks;
        }
    }
    // More than seven years: one tick every few years.
    let (first_year, _) = year_month(from);
    let (last_year, _) = year_month(to);
    let every = (last_year - first_year) / 6 + 1;
    ((first_year + 1)..=last_year)
        .filter(|year| year % every == 0)
        .map(|year| (month_start(year, 1), format!("{year}")))
        .collect()
}

/// The first instant (epoch ms, UTC) of `month` (1–12) of `year`.
fn month_start(year: i64, month: i64) -> i64 {
    i32::try_from(year)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, 1))
        .map_or(0, |date| {
            date.and_time(NaiveTime::MIN).and_utc().timestamp_millis()
        })
}

/// The year and month (1–12) of an instant (epoch ms, UTC).
fn year_month(ms: i64) -> (i64, i64) {
    DateTime::from_timestamp_millis(ms).map_or((1970, 1), |at| {
        (i64::from(at.year()), i64::from(at.month()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_start_at_midnight_utc_and_instants_fall_in_their_month() {
        assert_eq!(year_month(0), (1970, 1));
        // `date -u -d 2025-07-01 +%s` = 1751328000.
        assert_eq!(month_start(2025, 7), 1_751_328_000_000);
        // `date -u -d 2025-07-26 +%s` = 1753488000.
        assert_eq!(year_month(1_753_488_000_000), (2025, 7));
        assert_eq!(year_month(month_start(2025, 7) - 1), (2025, 6));
        for (year, month) in [(1900, 2), (2000, 2), (2024, 12), (2099, 1)] {
            assert_eq!(year_month(month_start(year, month)), (year, month));
        }
    }

    #[test]
    fn date_ticks_pick_the_finest_grid_with_at_most_seven_labels() {
        let at = month_start;
        let months = date_ticks(at(2025, 1) + 1, at(2025, 5));
        let labels: Vec<&str> = months.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["2025-02", "2025-03", "2025-04", "2025-05"]);
        let quarters = date_ticks(at(2024, 2), at(2025, 8));
        let labels: Vec<&str> = quarters.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "2024-04", "2024-07", "2024-10", "2025-01", "2025-04", "2025-07"
            ]
        );
        let years = date_ticks(at(2019, 6), at(2025, 8));
        let labels: Vec<&str> = years.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["2020", "2021", "2022", "2023", "2024", "2025"]);
        let decades = date_ticks(at(2001, 6), at(2025, 8));
        assert!(decades.len() <= 7 && decades.len() >= 4, "{decades:?}");
    }

    #[test]
    fn rating_steps_keep_the_grid_to_six_lines() {
        assert_eq!(rating_step(0), 50);
        assert_eq!(rating_step(240), 50);
        assert_eq!(rating_step(300), 100);
        assert_eq!(rating_step(2_900), 500);
        for span in [0, 1, 99, 1_000, 3_999, 40_000] {
            assert!(span / rating_step(span) < 6 || rating_step(span) == 10_000);
        }
    }

    #[test]
    fn the_five_special_characters_are_escaped_and_controls_dropped() {
        assert_eq!(
            escape("<a href=\"x\">Tom & 'Jerry'</a>\u{0}\u{1b}"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;"
        );
    }

    #[test]
    fn long_texts_are_clipped_with_an_ellipsis() {
        assert_eq!(clipped("abcdef", 4), "abc…");
        assert_eq!(clipped("abc", 4), "abc");
    }
}
