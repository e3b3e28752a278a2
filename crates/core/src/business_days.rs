//! Business-day arithmetic (Monday to Friday).
//!
//! CPS says a new Canon Business account is created and validated within "up to 2
//! business days"; the app uses this to tell the user when to expect the
//! password-reset email. Public holidays are not counted: neither source document
//! lists them and they differ by country, so a result may be a day or two early
//! around a holiday, which errs on the side of checking sooner.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::{Error, Result};

/// Whether `date` is a Monday to Friday.
pub fn is_business_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The date `n` business days after `start`: Friday + 2 is Tuesday, Saturday + 1 is
/// Monday, and `n = 0` returns `start` unchanged.
///
/// Fails only when the result would fall outside the calendar's range.
pub fn add_business_days(start: NaiveDate, n: u32) -> Result<NaiveDate> {
    let out_of_range = || Error::Invalid {
        field: "date",
        reason: "too far in the future".into(),
    };
    if n == 0 {
        return Ok(start);
    }
    // Counting from a weekend day gives the same result as counting from the Friday
    // before it, since the first day counted is the next Monday either way; starting
    // from a weekday lets whole weeks be added as 7 calendar days per 5 business days.
    let mut day = match start.weekday() {
        Weekday::Sat => start - Days::new(1),
        Weekday::Sun => start - Days::new(2),
        _ => start,
    };
    day = day
        .checked_add_days(Days::new(u64::from(n / 5) * 7))
        .ok_or_else(out_of_range)?;
    let mut left = n % 5;
    while left > 0 {
        day = day
            .checked_add_days(Days::new(1))
            .ok_or_else(out_of_range)?;
        if is_business_day(day) {
            left -= 1;
        }
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn add_business_days_table() {
        // 2026-06-12 is a Friday.
        let cases = [
            (
                date(2026, 6, 12),
                2,
                date(2026, 6, 16),
                "Friday + 2 is Tuesday",
            ),
            (
                date(2026, 6, 12),
                1,
                date(2026, 6, 15),
                "Friday + 1 is Monday",
            ),
            (
                date(2026, 6, 13),
                1,
                date(2026, 6, 15),
                "Saturday + 1 is Monday",
            ),
            (
                date(2026, 6, 14),
                2,
                date(2026, 6, 16),
                "Sunday + 2 is Tuesday",
            ),
            (
                date(2026, 6, 10),
                2,
                date(2026, 6, 12),
                "Wednesday + 2 is Friday",
            ),
            (
                date(2026, 6, 11),
                2,
                date(2026, 6, 15),
                "Thursday + 2 is Monday",
            ),
            (
                date(2026, 6, 13),
                5,
                date(2026, 6, 19),
                "Saturday + 5 is the next Friday",
            ),
            (
                date(2026, 6, 8),
                10,
                date(2026, 6, 22),
                "Monday + 10 is Monday two weeks on",
            ),
            (
                date(2026, 6, 13),
                0,
                date(2026, 6, 13),
                "adding nothing changes nothing",
            ),
        ];
        for (start, n, expected, what) in cases {
            assert_eq!(
                add_business_days(start, n),
                Ok(expected),
                "{what} ({start} + {n})"
            );
        }
        assert!(
            add_business_days(NaiveDate::MAX, 3).is_err(),
            "past the end of the calendar must fail, not panic"
        );
    }

    #[test]
    fn across_weekends_and_month_ends() {
        let cases = [
            (
                date(2026, 11, 27),
                date(2026, 12, 1),
                "Friday 27 November 2026 + 2 is Tuesday 1 December (the CPS example)",
            ),
            (
                date(2026, 4, 30),
                date(2026, 5, 4),
                "Thursday 30 April + 2 crosses the month end and a weekend",
            ),
            (
                date(2026, 12, 31),
                date(2027, 1, 4),
                "Thursday 31 December + 2 crosses the year end",
            ),
            (
                date(2026, 2, 28),
                date(2026, 3, 3),
                "Saturday 28 February + 2 is Tuesday 3 March",
            ),
            (
                date(2028, 2, 28),
                date(2028, 3, 1),
                "Monday 28 February 2028 + 2 crosses a leap day",
            ),
        ];
        for (start, expected, what) in cases {
            assert_eq!(add_business_days(start, 2), Ok(expected), "{what}");
        }
    }

    /// The obvious day-by-day count, to check the week-skipping version against.
    fn naive(start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = day + Days::new(1);
            if is_business_day(day) {
                left -= 1;
            }
        }
        day
    }

    proptest! {
        #[test]
        fn matches_day_by_day_count(days in 0i64..40_000, n in 0u32..60) {
            let start = date(2000, 1, 1) + chrono::Duration::days(days);
            let got = add_business_days(start, n);
            prop_assert_eq!(got.clone(), Ok(naive(start, n)), "{} + {} business days", start, n);
            if n > 0 {
                prop_assert!(got.is_ok_and(|d| is_business_day(d) && d > start), "{} + {} must land later on a weekday", start, n);
            }
        }
    }
}
