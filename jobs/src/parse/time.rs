//! Calendar arithmetic for the contest series: the few date-time spellings the platforms
//! use, turned into epoch milliseconds.
//!
//! Written by hand (Howard Hinnant's `days_from_civil`) rather than pulling a date-time
//! crate into the tree for two formats. Like every parser here it reads bytes, never
//! slices a `&str` at an untrusted offset, and answers `None` for anything that is not
//! exactly the expected spelling of a real date (month 13, 31 April, 25:00 are refused).

/// Minutes east of UTC of India Standard Time, in which CodeChef writes its dates.
pub(crate) const IST_OFFSET_MINUTES: i64 = 5 * 60 + 30;

/// Days from 1970-01-01 to the proleptic Gregorian date `year`-`month`-`day` (negative
/// before 1970). `month` is 1–12 and `day` valid for it; callers check.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400; // [0, 399]
    let shifted_month = (month + 9) % 12; // March = 0 … February = 11
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1; // [0, 365]
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A fixed-width run of ASCII digits at `at..at + len`.
fn digits(bytes: &[u8], at: usize, len: usize) -> Option<i64> {
    let run = bytes.get(at..at.checked_add(len)?)?;
    run.iter().try_fold(0i64, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
    })
}

/// `YYYY-MM-DD?HH:MM:SS` (any single separator byte at `?` is checked by the caller) at
/// the start of `bytes`, as epoch ms of that wall-clock time in UTC.
fn wall_clock_ms(bytes: &[u8]) -> Option<i64> {
    if bytes.get(4) != Some(&b'-')
        || bytes.get(7) != Some(&b'-')
        || bytes.get(13) != Some(&b':')
        || bytes.get(16) != Some(&b':')
    {
        return None;
    }
    let year = digits(bytes, 0, 4)?;
    let month = digits(bytes, 5, 2)?;
    let day = digits(bytes, 8, 2)?;
    let hour = digits(bytes, 11, 2)?;
    let minute = digits(bytes, 14, 2)?;
    let second = digits(bytes, 17, 2)?;
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60;
    valid.then(|| {
        let seconds =
            days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
        seconds * 1000
    })
}

/// ISO 8601 / RFC 3339 with an explicit offset, as AtCoder writes `EndTime`:
/// `2025-07-26T22:40:00+09:00` (also `Z`, `-03:00`, and an optional fraction of a second,
/// kept to the millisecond).
pub(crate) fn rfc3339_ms(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.get(10) != Some(&b'T') {
        return None;
    }
    let local = wall_clock_ms(bytes)?;
    let mut at = 19;
    let mut fraction_ms = 0;
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            if at - start < 3 {
                fraction_ms = fraction_ms * 10 + i64::from(bytes[at] - b'0');
            }
            at += 1;
        }
        match at - start {
            0 => return None,
            1 => fraction_ms *= 100,
            2 => fraction_ms *= 10,
            _ => {}
        }
    }
    let offset_minutes = match bytes.get(at..)? {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let hours = digits(bytes, at + 1, 2)?;
            let minutes = digits(bytes, at + 4, 2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let magnitude = hours * 60 + minutes;
            if *sign == b'-' { -magnitude } else { magnitude }
        }
        _ => return None,
    };
    Some(local + fraction_ms - offset_minutes * 60_000)
}

/// `YYYY-MM-DD HH:MM:SS` with no offset in the text, read as wall-clock time at
/// `offset_minutes` east of UTC (CodeChef's `end_date`, in IST).
pub(crate) fn local_date_time_ms(text: &str, offset_minutes: i64) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() != 19 || bytes[10] != b' ' {
        return None;
    }
    Some(wall_clock_ms(bytes)? - offset_minutes * 60_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_civil_agrees_with_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        // `date -u -d 2024-02-29 +%s` = 1709164800
        assert_eq!(days_from_civil(2024, 2, 29) * 86_400, 1_709_164_800);
    }

    #[test]
    fn rfc3339_respects_the_offset() {
        // `date -u -d 2025-07-26T22:40:00+09:00 +%s` = 1753537200
        assert_eq!(
            rfc3339_ms("2025-07-26T22:40:00+09:00"),
            Some(1_753_537_200_000)
        );
        assert_eq!(rfc3339_ms("2025-07-26T13:40:00Z"), Some(1_753_537_200_000));
        assert_eq!(
            rfc3339_ms("2025-07-26T10:40:00-03:00"),
            Some(1_753_537_200_000)
        );
        assert_eq!(
            rfc3339_ms("2025-07-26T13:40:00.25Z"),
            Some(1_753_537_200_250)
        );
        assert_eq!(
            rfc3339_ms("2025-07-26T13:40:00.123456Z"),
            Some(1_753_537_200_123)
        );
    }

    #[test]
    fn ist_wall_clock_is_five_and_a_half_hours_ahead_of_utc() {
        // `date -u -d '2025-03-12 22:00:06 +0530' +%s` = 1741797006
        assert_eq!(
            local_date_time_ms("2025-03-12 22:00:06", IST_OFFSET_MINUTES),
            Some(1_741_797_006_000)
        );
    }

    #[test]
    fn anything_but_a_real_date_in_the_exact_spelling_is_refused() {
        for bad in [
            "",
            "2025-07-26",
            "2025-07-26T22:40:00",
            "2025-07-26T22:40:00+9:00",
            "2025-07-26T22:40:00+09:00 ",
            "2025-13-01T00:00:00Z",
            "2025-04-31T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2025-07-26T24:00:00Z",
            "2025-07-26T22:60:00Z",
            "2025-07-26T22:40:00.Z",
            "2025-07-26 22:40:00Z",
            "２０２５-07-26T22:40:00Z",
            "2025-07-26T22:40:00+24:00",
        ] {
            assert_eq!(rfc3339_ms(bad), None, "{bad:?}");
        }
        for bad in [
            "2025-03-12T22:00:06",
            "2025-03-12 22:00",
            "2025-03-12 22:00:06+05:30",
            "2025-03-1２ 22:00:06",
        ] {
            assert_eq!(local_date_time_ms(bad, IST_OFFSET_MINUTES), None, "{bad:?}");
        }
    }
}
