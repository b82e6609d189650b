//! CodeChef: the HTML profile page `GET /users/{handle}` (there is no public JSON API).
//!
//! A small hand-written scanner finds elements by class *token* (so the CSS selector
//! `.rating-number .rating-tooltip` in the page's `<style>` and `school-rating-number` do
//! not match), ignoring `<script>`, `<style>` and comments. What is read, and why:
//!
//! * Rating: the text of the **first** `.rating-number`, trailing `?` (provisional) removed.
//!   Pages of users with a DSA rating carry a second, hidden `.rating-number` block
//!   (`#rating-block-dsa-monday`, e.g. `0?` or `1101?`) that must be ignored.
//! * Highest rating: `(Highest Rating N)` after the first `.rating-number` and before the
//!   second one.
//! * Stars: `★`/`&#9733;` in the first `.rating-star` of that block, cross-checked against
//!   the rating thresholds ([`stars_for_rating`]); the page's own count wins, a mismatch is
//!   logged.
//! * Contests: the first `.contest-participated-count` not about DSA contests.
//!
//! Every value must be complete in the page (closing tag / `)` present), so a truncated
//! download can lose fields but never yields a shortened number. An unknown handle is
//! answered with a redirect to the home page, which [`parse_profile_response`] turns into
//! `NotFound` from the status and `Location` alone. An account with no rated contest has a
//! profile page without any rating block (the counter reads 0, the rating series is empty):
//! `Unrated`. A 200 page with neither rating markup nor the profile's own markup (home page,
//! challenge page, new template) is `Transient`.
//!
//! The contest series is the `date_versus_rating.all` array of the page's
//! `jQuery.extend(Drupal.settings, {...})` script (other series beside it, such as
//! `dsa_monday`, are a different rating and are ignored). It is found by two forward
//! searches and read as exactly one JSON value with serde_json's streaming deserializer, so
//! the work stays linear in the page whatever it holds (an unclosed or absurdly nested value
//! is an error, not a hang). Its values are strings (`"rating":"1222"`); `end_date` is
//! wall-clock time in India (UTC+05:30); each entry's old rating is the previous entry's
//! new one. A penalised entry (`reason: "Cheated in …"`) is still one of the user's rated
//! contests and is kept. A series that cannot be read is `None`: the rating read from the
//! markup still stands.

use serde_json::{Map, Value};

use super::time::{IST_OFFSET_MINUTES, local_date_time_ms};
use super::{count_u32, finite_f64};
use crate::outcome::{ContestResult, FetchOutcome, RatingSnapshot};

/// Interprets a whole CodeChef profile response: status, the `Location` header of a
/// redirect (not followed), and the body.
pub fn parse_profile_response(status: u16, location: Option<&str>, body: &[u8]) -> FetchOutcome {
    match status {
        200 => parse_profile_page(body),
        301 | 302 | 303 | 307 | 308 => match location {
            Some(target) if is_home_page(target) => FetchOutcome::NotFound,
            Some(target) => FetchOutcome::transient(format!(
                "CodeChef redirected to {target:?}, not to the home page"
            )),
            None => FetchOutcome::transient("CodeChef redirect without Location"),
        },
        404 => FetchOutcome::NotFound,
        other => FetchOutcome::transient(format!("CodeChef answered HTTP {other}")),
    }
}

/// `https://www.codechef.com/`, `/`, `https://codechef.com` and the like.
fn is_home_page(location: &str) -> bool {
    let rest = match location.find("://") {
        Some(i) => {
            let after = &location[i + 3..];
            let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
            let host = after[..host_end].to_ascii_lowercase();
            if host != "codechef.com" && host != "www.codechef.com" {
                return false;
            }
            &after[host_end..]
        }
        None => location,
    };
    let path = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    path.is_empty() || path == "/"
}

/// CodeChef's star for a rating: 1★ below 1400, then one star per 200 points up to 6★
/// (2200–2499) and 7★ from 2500.
pub fn stars_for_rating(rating: u32) -> u32 {
    match rating {
        0..1400 => 1,
        1400..1600 => 2,
        1600..1800 => 3,
        1800..2000 => 4,
        2000..2200 => 5,
        2200..2500 => 6,
        _ => 7,
    }
}

/// Parses the HTML of a profile page (HTTP 200).
pub fn parse_profile_page(body: &[u8]) -> FetchOutcome {
    let html = String::from_utf8_lossy(body);
    let html = html.as_ref();

    // All three kinds of element located in one search: the page is ~80 KB.
    const COUNTER: usize = 0;
    const NUMBER: usize = 1;
    const STAR: usize = 2;
    const PROFILE: usize = 3;
    let mut counters = Vec::new();
    let mut numbers = Vec::new();
    let mut stars = Vec::new();
    let mut is_profile = false;
    for (class, at) in elements_with_class(
        html,
        &[
            "contest-participated-count",
            "rating-number",
            "rating-star",
            "user-details-container",
        ],
    ) {
        match class {
            COUNTER => counters.push(at),
            NUMBER => numbers.push(at),
            STAR => stars.push(at),
            PROFILE => is_profile = true,
            _ => {}
        }
    }

    // Real pages have one or two counters (contests, DSA contests): a few are enough, and
    // looking at each of thousands would make a hostile page quadratic.
    let contests = counters
        .iter()
        .take(4)
        .filter_map(|&start| inner_html(html, start, "</div>"))
        .map(strip_tags)
        .find(|text| !text.contains("DSA"))
        .map(|text| number_after(&text, ':'));
    let contests = match contests {
        None => None,
        Some(Some(n)) => Some(n),
        Some(None) => return FetchOutcome::transient("unreadable CodeChef contest counter"),
    };

    // An account with no rated contest has no rating block at all. That is only believed
    // from a profile page that says so: a counter reading 0, or (no counter) the profile's
    // own markup with an empty rating series. Anything else without a rating (a home page,
    // a challenge, a new template) is a parse failure, retried later.
    let Some(&first) = numbers.first() else {
        return match contests {
            Some(0) => FetchOutcome::Unrated,
            Some(_) => FetchOutcome::transient("CodeChef counts contests but shows no rating"),
            None if is_profile && has_empty_rating_series(html) => FetchOutcome::Unrated,
            None => FetchOutcome::transient("no rating on the CodeChef page (not a profile page?)"),
        };
    };
    let block_end = numbers.get(1).copied().unwrap_or(html.len());
    let block = &html[first..block_end];
    let Some(text) = leading_text(block) else {
        return FetchOutcome::transient("truncated CodeChef rating");
    };
    let text = text.trim();
    let value = text.strip_suffix('?').unwrap_or(text).trim();
    let rating = match value.parse::<u32>() {
        Ok(r) if r > 0 => r,
        Ok(_) | Err(_) if matches!(value, "0" | "NA" | "-" | "") => {
            // No rating is only believed with no contests: a counter reading 0, or no
            // counter at all (not one we failed to read).
            let no_contests = contests == Some(0) || (contests.is_none() && counters.is_empty());
            return if no_contests {
                FetchOutcome::Unrated
            } else {
                FetchOutcome::transient("CodeChef shows no rating but counts contests")
            };
        }
        _ => return FetchOutcome::transient(format!("unexpected CodeChef rating {value:?}")),
    };

    let highest = highest_rating(block).filter(|&h| h > 0);
    let page_stars = stars
        .iter()
        .find(|&&at| at > first && at < block_end)
        .and_then(|&start| inner_html(html, start, "</div>"))
        .map(|stars| (stars.matches("&#9733;").count() + stars.matches('★').count()) as u32)
        .filter(|&n| n > 0);
    let derived = stars_for_rating(rating);
    if let Some(shown) = page_stars.filter(|&n| n != derived) {
        tracing::warn!(
            rating,
            shown,
            derived,
            "CodeChef star count disagrees with thresholds"
        );
    }

    FetchOutcome::Rated(RatingSnapshot {
        contests: rating_series(html),
        rating: f64::from(rating),
        max_rating: highest.map(f64::from),
        attended_contests: contests,
        badge: Some(format!("{} star", page_stars.unwrap_or(derived))),
    })
}

/// The `date_versus_rating.all` series of the page's Drupal settings, oldest first.
fn rating_series(html: &str) -> Option<Vec<ContestResult>> {
    const SETTINGS: &str = "jQuery.extend(Drupal.settings";
    const KEY: &str = r#""date_versus_rating""#;
    let settings = &html[html.find(SETTINGS)? + SETTINGS.len()..];
    let value = settings[settings.find(KEY)? + KEY.len()..]
        .trim_start()
        .strip_prefix(':')?;
    // Reads one value and stops: the rest of the script and page is never looked at.
    let series = serde_json::Deserializer::from_str(value)
        .into_iter::<Map<String, Value>>()
        .next()?
        .ok()?;
    let Value::Array(all) = series.get("all")? else {
        return None;
    };
    let mut previous = None;
    all.iter()
        .map(|entry| {
            let result = contest_result(entry, previous)?;
            previous = Some(result.new_rating);
            Some(result)
        })
        .collect()
}

/// One entry of `date_versus_rating.all`, after an entry whose new rating was `previous`.
fn contest_result(entry: &Value, previous: Option<f64>) -> Option<ContestResult> {
    let text = |key: &str| entry.get(key).and_then(Value::as_str);
    let new_rating = match entry.get("rating")? {
        Value::String(rating) => rating.trim().parse().ok().filter(|r: &f64| r.is_finite()),
        other => finite_f64(other),
    }?;
    let rank = match entry.get("rank") {
        Some(Value::String(rank)) => rank.trim().parse().ok(),
        Some(other) => count_u32(other),
        None => None,
    };
    Some(ContestResult {
        contest_id: text("code").filter(|code| !code.is_empty())?.to_owned(),
        contest_name: text("name")?.to_owned(),
        time_ms: local_date_time_ms(text("end_date")?, IST_OFFSET_MINUTES)?,
        rank,
        old_rating: previous,
        new_rating,
    })
}

/// Whether the page's script data holds a rating series with no contest in it.
fn has_empty_rating_series(html: &str) -> bool {
    [
        r#""date_versus_rating":{"all":[]"#,
        r#""date_versus_rating":[]"#,
        r#""date_versus_rating":{}"#,
    ]
    .iter()
    .any(|empty| html.contains(empty))
}

/// `(Highest Rating N)` with the closing parenthesis present.
fn highest_rating(block: &str) -> Option<u32> {
    const MARK: &str = "(Highest Rating ";
    let rest = &block[block.find(MARK)? + MARK.len()..];
    rest[..rest.find(')')?].trim().parse().ok()
}

/// The first run of digits after `sep`, e.g. `No. of Contests Participated: 17` → 17.
fn number_after(text: &str, sep: char) -> Option<u32> {
    let rest = text[text.find(sep)? + sep.len_utf8()..].trim_start();
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// Text between `>` of the element starting at `start` and the next tag, if a tag follows.
fn leading_text(from_element: &str) -> Option<&str> {
    let open_end = tag_end(from_element, 0)?;
    let rest = &from_element[open_end..];
    Some(&rest[..rest.find('<')?])
}

/// The markup inside the element starting at `start`, up to `closing` (no nesting of the
/// same tag is expected in the elements read here). `None` if the closing tag is missing.
fn inner_html<'a>(html: &'a str, start: usize, closing: &str) -> Option<&'a str> {
    let open_end = tag_end(html, start)?;
    let rest = &html[open_end..];
    Some(&rest[..rest.find(closing)?])
}

/// Removes tags, keeping text.
fn strip_tags(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Byte offset just after the `>` closing the tag that starts at `start` (quotes respected).
fn tag_end(html: &str, start: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut quote = None;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i + 1),
            None => {}
        }
        i += 1;
    }
    None
}

/// Elements whose `class` attribute holds one of `classes` as a token, in document order:
/// (index into `classes`, offset of the element's `<`).
///
/// One forward pass over the start tags, outside `<script>`, `<style>` and comments: each
/// `<` is looked at once and each tag's text is read once (quotes respected), so the time is
/// linear in the page whatever it contains — a hostile page full of class names, `<`s or
/// comments costs no more per byte than a real one.
fn elements_with_class(html: &str, classes: &[&str]) -> Vec<(usize, usize)> {
    let raw_text = raw_text_ranges(html);
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut next_raw = 0;
    let mut from = 0;
    while let Some(i) = html[from..].find('<') {
        let lt = from + i;
        // Skip raw text (ranges are sorted by start; each is passed once).
        while next_raw < raw_text.len() && raw_text[next_raw].end <= lt {
            next_raw += 1;
        }
        if let Some(raw) = raw_text.get(next_raw)
            && raw.contains(&lt)
        {
            from = raw.end.max(lt + 1);
            continue;
        }
        // Only a start tag can carry a class: `<` then a letter.
        if !bytes.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
            from = lt + 1;
            continue;
        }
        let Some(end) = tag_end(html, lt) else {
            break; // an unterminated tag: nothing after it is markup
        };
        let tag = &html[lt + 1..end - 1];
        let name_len = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        if let Some(value) = class_attribute(&tag[name_len..]) {
            for (class_index, class) in classes.iter().enumerate() {
                if value.split_ascii_whitespace().any(|token| token == *class) {
                    found.push((class_index, lt));
                }
            }
        }
        from = end;
    }
    found
}

/// Byte ranges of comments and of `<script>` / `<style>` elements, whose text is not markup.
fn raw_text_ranges(html: &str) -> Vec<std::ops::Range<usize>> {
    // CodeChef's markup is lowercase; an upper-case <SCRIPT> would at worst let a class
    // name inside script text be considered, and it must still parse as a tag.
    const RAW: [(&str, &str); 3] = [
        ("<!--", "-->"),
        ("<script", "</script"),
        ("<style", "</style"),
    ];
    let mut ranges = Vec::new();
    for (open, close) in RAW {
        let mut from = 0;
        while let Some(i) = html[from..].find(open) {
            let start = from + i;
            let inner = start + open.len();
            let end = html[inner..].find(close).map_or(html.len(), |j| inner + j);
            ranges.push(start..end);
            from = end.max(inner);
        }
    }
    ranges.sort_by_key(|range| range.start);
    ranges
}

/// The value of `class="..."` / `class='...'` / `class=...` in a tag's attribute text.
fn class_attribute(attrs: &str) -> Option<&str> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the start of an attribute name.
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'='
            && bytes[i] != b'/'
        {
            i += 1;
        }
        let name = &attrs[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] != b'=' {
            if name.is_empty() {
                i += 1;
            }
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = i + 1;
                let len = attrs[start..].find(q as char)?;
                i = start + len + 1;
                &attrs[start..start + len]
            }
            Some(_) => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                &attrs[start..i]
            }
            None => "",
        };
        if name.eq_ignore_ascii_case("class") {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_tokens_are_matched_exactly() {
        let html = r#"<style>.rating-number .rating-tooltip{}</style>
            <div class="school-rating-number">9</div>
            <script>var s = '<div class="rating-number">666</div>';</script>
            <!-- <div class="rating-number">777</div> -->
            <div id=x class='big rating-number' data-x="a>b">1500</div>"#;
        let found = elements_with_class(html, &["rating-number"]);
        assert_eq!(found.len(), 1);
        assert_eq!(leading_text(&html[found[0].1..]), Some("1500"));
    }

    #[test]
    fn home_page_redirect_targets_are_recognised() {
        for home in [
            "https://www.codechef.com/",
            "https://www.codechef.com",
            "/",
            "https://codechef.com/?ref=x",
        ] {
            assert!(is_home_page(home), "{home}");
        }
        for other in [
            "https://www.codechef.com/users/x",
            "https://evil.example/",
            "/login",
        ] {
            assert!(!is_home_page(other), "{other}");
        }
    }

    #[test]
    fn synthetic_redirect_to_the_home_page_is_not_found() {
        assert_eq!(
            parse_profile_response(302, Some("https://www.codechef.com/"), b""),
            FetchOutcome::NotFound
        );
        assert!(
            parse_profile_response(302, Some("https://www.codechef.com/login"), b"").is_transient()
        );
        assert!(parse_profile_response(302, None, b"").is_transient());
    }

    #[test]
    fn synthetic_profile_with_no_contests_is_unrated() {
        let page = br#"<div class="contest-participated-count">No. of Contests Participated: <b>0</b></div>
            <div class="rating-number">0</div><small>(Highest Rating 0)</small>"#;
        assert_eq!(parse_profile_page(page), FetchOutcome::Unrated);
        let page = br#"<div class="contest-participated-count">No. of Contests Participated: <b>0</b></div>"#;
        assert_eq!(parse_profile_page(page), FetchOutcome::Unrated);
    }

    #[test]
    fn synthetic_profile_showing_na_without_any_contest_counter_is_unrated() {
        let page = br#"<div class="rating-number">NA</div><small>(Highest Rating 0)</small>"#;
        assert_eq!(parse_profile_page(page), FetchOutcome::Unrated);
    }

    #[test]
    fn an_unreadable_contest_counter_is_not_taken_for_zero_contests() {
        let page = br#"<div class="contest-participated-count">No. of Contests Participated: <b>"#;
        assert!(parse_profile_page(page).is_transient());
        let page = br#"<div class="contest-participated-count">No. of Contests Participated: <b>1"#;
        let page = [&page[..], br#"<div class="rating-number">NA</div>"#].concat();
        assert!(parse_profile_page(&page).is_transient());
    }

    #[test]
    fn a_zero_rating_with_contests_is_not_believed() {
        let page = br#"<div class="contest-participated-count">No. of Contests Participated: <b>4</b></div>
            <div class="rating-number">0</div>"#;
        assert!(parse_profile_page(page).is_transient());
    }

    #[test]
    fn a_challenge_page_is_transient() {
        let page = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>";
        assert!(parse_profile_page(page).is_transient());
    }

    #[test]
    fn hostile_pages_parse_in_linear_time() {
        // Each would take a quadratic parser minutes (a crafted 600 KB page took 45 s);
        // a linear one takes milliseconds, even unoptimised. The bound only catches a
        // return to quadratic work.
        let two_mib = 2 * 1024 * 1024;
        let class_names = "class=\"rating-number\" ".repeat(two_mib / 22);
        let open_angles = "<div class=\"rating-number\"".repeat(two_mib / 27);
        let comments = "<!-- x --><span class=\"contest-participated-count\">".repeat(two_mib / 52);
        let counters = "<div class=\"contest-participated-count\">DSA".repeat(two_mib / 46);
        for page in [class_names, open_angles, comments, counters] {
            let started = std::time::Instant::now();
            let outcome = parse_profile_page(page.as_bytes());
            assert!(
                started.elapsed() < std::time::Duration::from_secs(5),
                "{:?} for a {} byte page",
                started.elapsed(),
                page.len()
            );
            assert!(outcome.is_transient(), "{outcome:?}");
        }
    }

    /// A profile page reduced to what the parser reads, with `series` as the value of
    /// `date_versus_rating`.
    fn synthetic_page_with_series(series: &str) -> String {
        format!(
            r#"<script>jQuery.extend(Drupal.settings, {{"basePath":"\/","date_versus_rating":{series},"x":1}});</script>
            <div class="contest-participated-count">No. of Contests Participated: <b>2</b></div>
            <div class="rating-number">1500</div><small>(Highest Rating 1500)</small>"#
        )
    }

    fn series_of(page: &str) -> Option<Vec<ContestResult>> {
        match parse_profile_page(page.as_bytes()) {
            FetchOutcome::Rated(snapshot) => {
                assert_eq!(snapshot.rating, 1500.0, "the rating always stands");
                snapshot.contests
            }
            other => panic!("not rated: {other:?}"),
        }
    }

    #[test]
    fn synthetic_series_reads_all_in_any_key_order_and_chains_old_ratings() {
        let page = synthetic_page_with_series(
            r#"{"dsa_monday":[{"code":"DSA1","rating":"9","rank":"1","name":"D","end_date":"2026-05-25 21:00:00"}],
                "all":[{"code":"A1","rating":"1400","rank":"Inactive","name":"First","end_date":"2024-02-29 05:30:00"},
                       {"code":"A2","rating":1500,"rank":7,"name":"Second","end_date":"2024-03-01 00:00:00"}]}"#,
        );
        assert_eq!(
            series_of(&page),
            Some(vec![
                ContestResult {
                    contest_id: "A1".into(),
                    contest_name: "First".into(),
                    // `date -u -d '2024-02-29 05:30:00 +0530' +%s` = 1709164800
                    time_ms: 1_709_164_800_000,
                    rank: None,
                    old_rating: None,
                    new_rating: 1400.0,
                },
                ContestResult {
                    contest_id: "A2".into(),
                    contest_name: "Second".into(),
                    // `date -u -d '2024-03-01 00:00:00 +0530' +%s` = 1709231400
                    time_ms: 1_709_231_400_000,
                    rank: Some(7),
                    old_rating: Some(1400.0),
                    new_rating: 1500.0,
                },
            ])
        );
    }

    #[test]
    fn an_unreadable_series_is_dropped_and_the_rating_kept() {
        for series in [
            r#"{"all":[{"code":"A1","rating":"n/a","rank":"1","name":"N","end_date":"2024-02-29 05:30:00"}]}"#,
            r#"{"all":[{"code":"A1","rating":"1400","rank":"1","name":"N","end_date":"29/02/2024"}]}"#,
            r#"{"all":[{"rating":"1400","rank":"1","name":"N","end_date":"2024-02-29 05:30:00"}]}"#,
            r#"{"all":{}}"#,
            r#"{"dsa_monday":[]}"#,
            r#"[]"#,
            r#"{"all":[{"code":"A1""#,
        ] {
            assert_eq!(
                series_of(&synthetic_page_with_series(series)),
                None,
                "{series}"
            );
        }
        let without_settings = synthetic_page_with_series(r#"{"all":[]}"#).replace(
            "jQuery.extend(Drupal.settings",
            "jQuery.extend(Other.settings",
        );
        assert_eq!(series_of(&without_settings), None);
    }

    #[test]
    fn a_hostile_series_behind_a_good_rating_parses_in_linear_time() {
        let two_mib = 2 * 1024 * 1024;
        for series in [
            "[".repeat(two_mib),
            format!(r#"{{"all":["{}"#, "x".repeat(two_mib)),
            format!(
                r#"{{"all":[{}"#,
                r#"{"code":"A","rating":"1","name":"n","end_date":"2024-01-01 00:00:00"},"#
                    .repeat(two_mib / 70)
            ),
            r#""date_versus_rating":"#.repeat(two_mib / 21),
        ] {
            let page = synthetic_page_with_series(&series);
            let started = std::time::Instant::now();
            assert_eq!(series_of(&page), None);
            assert!(
                started.elapsed() < std::time::Duration::from_secs(2),
                "{:?} for a {} byte page",
                started.elapsed(),
                page.len()
            );
        }
    }

    #[test]
    fn star_thresholds() {
        assert_eq!(stars_for_rating(912), 1);
        assert_eq!(stars_for_rating(1399), 1);
        assert_eq!(stars_for_rating(1400), 2);
        assert_eq!(stars_for_rating(1723), 3);
        assert_eq!(stars_for_rating(1800), 4);
        assert_eq!(stars_for_rating(2199), 5);
        assert_eq!(stars_for_rating(2499), 6);
        assert_eq!(stars_for_rating(2500), 7);
    }
}
