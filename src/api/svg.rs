//! Rating cards: a profile's ratings drawn as a small SVG for READMEs and web pages.
//!
//! A card is embedded in pages the service does not control, so it is self-contained and
//! inert by construction: no remote fonts, styles or images (system font stacks and
//! inline styles only), no scripts, every text XML-escaped (`& < > " '`), and every option
//! taken from an allow-list ([`Theme`], [`Hide`], the platforms) before anything is drawn.

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
    let title = escape(title);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{title}\">\
         <title>{title}</title>\
         <rect x=\"0.5\" y=\"0.5\" width=\"{w}\" height=\"{h}\" rx=\"6\" fill=\"{bg}\" stroke=\"{border}\"/>\
         <g font-family=\"{FONT}\">{body}</g></svg>",
        w = WIDTH - 1,
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

#[cfg(test)]
mod tests {
    use super::*;

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
