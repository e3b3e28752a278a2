//! The rules of publishing deadlines outside the app: when a failed calendar
//! publication is tried again, and what the weekly digest lists and when it is due.
//!
//! The calendar publisher keeps no list of operations: what is waiting is whatever
//! differs between the open deadlines and what the calendar was last sent, so a
//! change made while the server is away is never lost and never queued twice. Only
//! the rhythm of retries is kept, and it is decided here. Nothing here reads the
//! clock: "now" and "today" are parameters.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

/// The waits between attempts after 1, 2, 3... failures in a row, in seconds: quick
/// at first (a laptop waking up reconnects within a minute), then no more than
/// hourly, so a server that stays away is neither hammered nor forgotten.
pub const RETRY_STEPS_SECONDS: [i64; 7] = [30, 60, 120, 300, 900, 1800, 3600];

/// How long to wait after `failures` failures in a row before trying again; no wait
/// before the first attempt.
pub fn retry_delay(failures: u32) -> Duration {
    if failures == 0 {
        return Duration::zero();
    }
    let step = (failures as usize - 1).min(RETRY_STEPS_SECONDS.len() - 1);
    Duration::seconds(RETRY_STEPS_SECONDS[step])
}

/// The instant of the next attempt after the `failures`-th failure in a row at `at`.
pub fn next_attempt(at: DateTime<Utc>, failures: u32) -> DateTime<Utc> {
    at + retry_delay(failures)
}

/// How far ahead the weekly digest looks.
pub const DIGEST_AHEAD_DAYS: i64 = 14;

/// What the digest lists: the overdue items, then those due within the coming
/// fortnight, each earliest first. `due_at` tells when an item falls due.
pub fn digest_sections<T>(
    items: &[T],
    due_at: impl Fn(&T) -> DateTime<Utc>,
    now: DateTime<Utc>,
) -> (Vec<&T>, Vec<&T>) {
    let horizon = now + Duration::days(DIGEST_AHEAD_DAYS);
    let mut overdue: Vec<&T> = items.iter().filter(|i| due_at(i) < now).collect();
    let mut coming: Vec<&T> = items
        .iter()
        .filter(|i| {
            let at = due_at(i);
            at >= now && at <= horizon
        })
        .collect();
    overdue.sort_by_key(|i| due_at(i));
    coming.sort_by_key(|i| due_at(i));
    (overdue, coming)
}

/// The name of the ISO week `day` falls in (`2026-W49`): the digest is sent once
/// per such week.
pub fn week_name(day: NaiveDate) -> String {
    let week = day.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// Whether the digest is due on `today` (in the user's zone) when the user chose
/// `weekday` and the last one went in the week named `last_sent`: it is once the
/// chosen day of the week has come and none has gone this week. A computer that is
/// off on the chosen day sends it on the next start within the same week. Returns
/// the week to record once it is sent.
pub fn digest_due(today: NaiveDate, weekday: Weekday, last_sent: Option<&str>) -> Option<String> {
    let this_week = week_name(today);
    let day_has_come = today.weekday().num_days_from_monday() >= weekday.num_days_from_monday();
    (day_has_come && last_sent != Some(this_week.as_str())).then_some(this_week)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    #[test]
    fn retries_slow_down_then_stay_hourly() {
        let waits: Vec<i64> = (0..10).map(|n| retry_delay(n).num_seconds()).collect();
        assert_eq!(
            waits,
            vec![0, 30, 60, 120, 300, 900, 1800, 3600, 3600, 3600],
            "the wait after each failure in a row"
        );
        assert_eq!(
            next_attempt(at("2026-12-01T10:00:00Z"), 2),
            at("2026-12-01T10:01:00Z"),
            "the second failure waits a minute"
        );
        assert_eq!(
            retry_delay(u32::MAX).num_seconds(),
            3600,
            "a very long outage still waits an hour, without overflowing"
        );
    }

    #[test]
    fn the_digest_lists_overdue_then_the_coming_fortnight_earliest_first() {
        let now = at("2026-12-01T08:00:00Z");
        let items = vec![
            ("later", at("2026-12-20T08:00:00Z")),
            ("in-a-week", at("2026-12-08T08:00:00Z")),
            ("long-overdue", at("2026-10-01T08:00:00Z")),
            ("tomorrow", at("2026-12-02T08:00:00Z")),
            ("yesterday", at("2026-11-30T08:00:00Z")),
            ("edge", at("2026-12-15T08:00:00Z")),
        ];
        let (overdue, coming) = digest_sections(&items, |i| i.1, now);
        fn names(v: Vec<&(&'static str, DateTime<Utc>)>) -> Vec<&'static str> {
            v.iter().map(|i| i.0).collect()
        }
        assert_eq!(
            names(overdue),
            vec!["long-overdue", "yesterday"],
            "overdue items, oldest first"
        );
        assert_eq!(
            names(coming),
            vec!["tomorrow", "in-a-week", "edge"],
            "the next fourteen days, the last day included, nothing beyond"
        );
    }

    #[test]
    fn the_digest_goes_once_a_week_from_the_chosen_day() {
        // 2026-11-30 is a Monday (ISO week 49); the user chose Wednesday.
        let monday = date(2026, 11, 30);
        let wednesday = date(2026, 12, 2);
        let friday = date(2026, 12, 4);
        let next_monday = date(2026, 12, 7);
        assert_eq!(
            digest_due(monday, Weekday::Wed, None),
            None,
            "not before the chosen day"
        );
        assert_eq!(
            digest_due(wednesday, Weekday::Wed, None).as_deref(),
            Some("2026-W49"),
            "due on the chosen day"
        );
        assert_eq!(
            digest_due(friday, Weekday::Wed, Some("2026-W48")).as_deref(),
            Some("2026-W49"),
            "a computer off on Wednesday sends it on Friday"
        );
        assert_eq!(
            digest_due(friday, Weekday::Wed, Some("2026-W49")),
            None,
            "never twice in a week"
        );
        assert_eq!(
            digest_due(next_monday, Weekday::Wed, Some("2026-W49")),
            None,
            "the next week waits for its Wednesday"
        );
        assert_eq!(
            week_name(date(2027, 1, 1)),
            "2026-W53",
            "the ISO week-year, not the calendar year, names the week around New Year"
        );
    }
}
