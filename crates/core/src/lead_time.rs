//! The "1 month before" rule of Canon France's billing sheet.
//!
//! Several changes (a new PO number, a new billing entity, a new invoice address,
//! invoices by email) must reach Canon at least one month before they take effect.
//! This module turns an effective date into the date by which Canon must be told,
//! and tells, for a `today` the caller passes in, whether that date has passed.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The last day on which Canon can be told of a change taking effect on `effective`:
/// the same day one calendar month earlier, or the last day of that month when it
/// is shorter (31 March → 28 or 29 February, 31 May → 30 April).
///
/// Clamping to the month's end, rather than rolling over into the next month, keeps
/// the deadline at or before "one month before", so a user who meets it is never late.
/// Fails only for dates at the very start of the calendar range, where no earlier
/// month exists.
pub fn notify_by(effective: NaiveDate) -> Result<NaiveDate> {
    effective
        .checked_sub_months(Months::new(1))
        .ok_or_else(|| Error::Invalid {
            field: "effective_date",
            reason: "too early in the calendar to have a month before it".into(),
        })
}

/// Where a "1 month before" deadline stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LeadTimeStatus {
    /// The date the change takes effect.
    pub effective: NaiveDate,
    /// The last day on which Canon can be told (see [`notify_by`]).
    pub notify_by: NaiveDate,
    /// Whether `notify_by` is already behind `today`. On `notify_by` itself there is
    /// still time, so this is false that day.
    pub passed: bool,
    /// Days from `today` to `notify_by`: 0 on the last day, negative once passed
    /// (the number of days late).
    pub days_remaining: i64,
}

/// Where the deadline for a change taking effect on `effective` stands on `today`.
///
/// `today` is the caller's date in Europe/Paris, the zone that governs Canon
/// France's deadlines; this crate never reads the clock.
pub fn status(effective: NaiveDate, today: NaiveDate) -> Result<LeadTimeStatus> {
    let deadline = notify_by(effective)?;
    let days_remaining = deadline.signed_duration_since(today).num_days();
    Ok(LeadTimeStatus {
        effective,
        notify_by: deadline,
        passed: days_remaining < 0,
        days_remaining,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn notify_by_table() {
        let cases = [
            (date(2027, 3, 15), date(2027, 2, 15)),
            (date(2027, 3, 31), date(2027, 2, 28)),
            (date(2028, 3, 31), date(2028, 2, 29)),
            (date(2027, 5, 31), date(2027, 4, 30)),
            (date(2027, 1, 1), date(2026, 12, 1)),
            (date(2027, 3, 1), date(2027, 2, 1)),
        ];
        for (effective, expected) in cases {
            assert_eq!(
                notify_by(effective),
                Ok(expected),
                "wrong deadline for a change effective {effective}"
            );
        }
        assert!(
            notify_by(NaiveDate::MIN).is_err(),
            "the first representable date has no month before it"
        );
    }

    #[test]
    fn status_counts_days_and_knows_when_it_passed() {
        let effective = date(2027, 3, 31);
        let early = status(effective, date(2027, 2, 18));
        assert_eq!(
            early.map(|s| (s.passed, s.days_remaining)),
            Ok((false, 10)),
            "ten days before 28 February"
        );
        let last_day = status(effective, date(2027, 2, 28));
        assert_eq!(
            last_day.map(|s| (s.passed, s.days_remaining)),
            Ok((false, 0)),
            "the deadline day itself is still on time"
        );
        let late = status(effective, date(2027, 3, 2));
        assert_eq!(
            late.map(|s| (s.passed, s.days_remaining)),
            Ok((true, -2)),
            "two days late on 2 March"
        );
    }

    proptest! {
        #[test]
        fn deadline_is_28_to_31_days_before(days in 0i64..200_000) {
            let effective = date(1900, 1, 1) + chrono::Duration::days(days);
            let deadline = notify_by(effective);
            prop_assert!(deadline.is_ok(), "no deadline for {}", effective);
            let deadline = deadline.unwrap_or(effective);
            prop_assert!(deadline < effective, "deadline {} is not before {}", deadline, effective);
            let gap = effective.signed_duration_since(deadline).num_days();
            prop_assert!((28..=31).contains(&gap), "deadline {} is {} days before {}", deadline, gap, effective);
        }

        #[test]
        fn passed_iff_today_after_deadline(effective_days in 0i64..50_000, offset in -100i64..100) {
            let effective = date(2000, 1, 1) + chrono::Duration::days(effective_days);
            let today = effective + chrono::Duration::days(offset);
            let s = status(effective, today);
            prop_assert!(s.is_ok(), "no status for {}", effective);
            if let Ok(s) = s {
                prop_assert_eq!(s.passed, today > s.notify_by, "passed disagrees with the dates: {:?}", s);
                prop_assert_eq!(today + chrono::Duration::days(s.days_remaining), s.notify_by, "days_remaining does not lead to the deadline: {:?}", s);
            }
        }
    }
}
