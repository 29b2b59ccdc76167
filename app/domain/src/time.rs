//! Times as Vietnamese users read and type them. The contest runs in Vietnam, so wall-clock times
//! are shown and entered in Indochina Time (UTC+7, no daylight saving).

const OFFSET_MS: i64 = 7 * 3600 * 1000;

/// (year, month, day) of a day number counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Day number of a date (inverse of [`civil`]).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

struct Local {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
}

fn local(ms: i64) -> Local {
    let t = ms + OFFSET_MS;
    let days = t.div_euclid(86_400_000);
    let rest = t.rem_euclid(86_400_000) / 1000;
    let (year, month, day) = civil(days);
    Local { year, month, day, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60 }
}

/// "08:30 ngày 10/07/2017".
pub fn format_datetime(ms: i64) -> String {
    let t = local(ms);
    format!("{:02}:{:02} ngày {:02}/{:02}/{}", t.hour, t.minute, t.day, t.month, t.year)
}

/// "08:30:15", for saved-at stamps.
pub fn format_clock(ms: i64) -> String {
    let t = local(ms);
    format!("{:02}:{:02}:{:02}", t.hour, t.minute, t.second)
}

/// "14:05" for a duration of 14 minutes 5 seconds; hours when needed ("1:02:03").
pub fn format_duration(ms: i64) -> String {
    let total = ms.max(0) / 1000;
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m:02}:{s:02}") }
}

/// A countdown: like [`format_duration`] but rounding up, so "00:00" shows only once time is up.
pub fn format_countdown(ms: i64) -> String {
    format_duration((ms.max(0) + 999) / 1000 * 1000)
}

/// The value of an `<input type="datetime-local">`: "2017-07-10T08:30".
pub fn to_input(ms: i64) -> String {
    let t = local(ms);
    format!("{}-{:02}-{:02}T{:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute)
}

/// A date and time as Vietnamese forms write them, day first and 24-hour: "10/07/2017 08:30".
pub fn to_vietnamese_input(ms: i64) -> String {
    let t = local(ms);
    format!("{:02}/{:02}/{} {:02}:{:02}", t.day, t.month, t.year, t.hour, t.minute)
}

/// Parses a time typed in Vietnam time: "10/07/2017 08:30" (day first, 24-hour; "10/7/2017 8:30"
/// too), or a `datetime-local` value "2017-07-10T08:30" (seconds optional).
pub fn parse_input(input: &str) -> Option<i64> {
    let input = input.trim();
    let (year, month, day, time) = match input.split_once('T') {
        Some((date, time)) => {
            let mut d = date.split('-');
            let ymd: (i64, u32, u32) =
                (d.next()?.parse().ok()?, d.next()?.parse().ok()?, d.next()?.parse().ok()?);
            d.next().is_none().then_some(())?;
            (ymd.0, ymd.1, ymd.2, time)
        }
        None => {
            let (date, time) = input.split_once(' ')?;
            let mut d = date.split('/');
            let (day, month, year): (u32, u32, i64) =
                (d.next()?.parse().ok()?, d.next()?.parse().ok()?, d.next()?.parse().ok()?);
            (d.next().is_none() && year >= 1000).then_some(())?;
            (year, month, day, time.trim())
        }
    };
    let mut t = time.split(':');
    let (hour, minute): (i64, i64) = (t.next()?.parse().ok()?, t.next()?.parse().ok()?);
    let second: i64 = t.next().map_or(Some(0), |s| s.split('.').next()?.parse().ok())?;
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && (0..24).contains(&hour)
        && (0..60).contains(&minute);
    if !valid || !(0..60).contains(&second) || civil(days_from_civil(year, month, day)) != (year, month, day)
    {
        return None;
    }
    Some(
        days_from_civil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000
            - OFFSET_MS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2017-07-10T01:30:00Z is 08:30 in Vietnam.
    const T: i64 = 1_499_650_200_000;

    #[test]
    fn times_show_in_vietnam_time() {
        assert_eq!(format_datetime(T), "08:30 ngày 10/07/2017");
        assert_eq!(format_clock(T + 15_000), "08:30:15");
        assert_eq!(format_datetime(T + 16 * 3600 * 1000), "00:30 ngày 11/07/2017", "crossing midnight");
    }

    #[test]
    fn input_values_round_trip_and_bad_ones_are_refused() {
        assert_eq!(to_input(T), "2017-07-10T08:30");
        assert_eq!(parse_input("2017-07-10T08:30"), Some(T));
        assert_eq!(parse_input("2017-07-10T08:30:15"), Some(T + 15_000));
        assert_eq!(parse_input("2017-02-29T08:30"), None);
        assert_eq!(parse_input("2017-07-10 08:30"), None);
        assert_eq!(parse_input(""), None);
        assert_eq!(to_vietnamese_input(T), "10/07/2017 08:30");
        assert_eq!(parse_input("10/07/2017 08:30"), Some(T));
        assert_eq!(parse_input(" 10/7/2017  8:30 "), Some(T), "leading zeros optional");
        assert_eq!(parse_input("31/06/2017 08:30"), None);
        assert_eq!(parse_input("10/07/17 08:30"), None, "four-digit years only");
        assert_eq!(parse_input("10/07/2017 8:30 PM"), None, "24-hour clock");
    }

    #[test]
    fn durations_read_as_minutes_and_seconds() {
        assert_eq!(format_duration(845_000), "14:05");
        assert_eq!(format_duration(3_723_000), "1:02:03");
        assert_eq!(format_duration(-5), "00:00");
        assert_eq!(format_countdown(900), "00:01", "a countdown shows zero only when time is up");
        assert_eq!(format_countdown(0), "00:00");
        assert_eq!(format_countdown(59_001), "01:00");
    }
}
