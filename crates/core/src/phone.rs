//! Canon France's phone line for professionals and its opening hours.
//!
//! The billing sheet gives one number for the phone-channel situations, with a menu
//! choice, opening hours in Paris time and a per-minute charge. Whether the line is
//! open is computed in Europe/Paris with `chrono-tz`, so it stays right across the
//! changes to and from summer time, whatever zone the user's computer is in.
//!
//! French public holidays are not in the source document, so they are not modelled:
//! on a public holiday falling on a weekday the line is reported open although it
//! probably is not. The interface says the hours are the sheet's.

use chrono::{DateTime, Datelike, Days, LocalResult, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Paris;
use serde::Serialize;

/// The facts of a phone line as a billing sheet states them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PhoneLine {
    /// The number as printed for French callers.
    pub number: &'static str,
    /// The same number in international form, for `tel:` links.
    pub number_e164: &'static str,
    /// The choice to make in the voice menu.
    pub menu_choice: u8,
    /// Opening time, Monday to Friday, Paris time, as `(hour, minute)`.
    pub opens: (u32, u32),
    /// Closing time, Monday to Friday, Paris time, as `(hour, minute)`.
    pub closes: (u32, u32),
    /// Service charge in euro cents per minute, on top of the price of the call.
    pub service_cents_per_minute: u32,
}

/// Canon France's line for professionals, as given on the billing sheet of December
/// 2022: 0 820 12 40 40, menu choice 4, Monday to Friday 08:30–18:00, 0.18 EUR per
/// minute plus the price of the call.
pub const CANON_FRANCE: PhoneLine = PhoneLine {
    number: "0 820 12 40 40",
    number_e164: "+33820124040",
    menu_choice: 4,
    opens: (8, 30),
    closes: (18, 0),
    service_cents_per_minute: 18,
};

/// The opening and closing times of [`CANON_FRANCE`] as times of day.
fn hours() -> (NaiveTime, NaiveTime) {
    let time = |(h, m): (u32, u32)| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    (time(CANON_FRANCE.opens), time(CANON_FRANCE.closes))
}

/// Whether Canon France's line is open at instant `at`: Monday to Friday, from 08:30
/// included to 18:00 excluded, Paris time.
pub fn is_open(at: DateTime<Utc>) -> bool {
    let local = at.with_timezone(&Paris);
    let (opens, closes) = hours();
    let weekday = !matches!(local.weekday(), Weekday::Sat | Weekday::Sun);
    weekday && local.time() >= opens && local.time() < closes
}

/// The next instant the line opens: `at` itself when it is open, otherwise the
/// coming 08:30 Paris time on a weekday (Friday 18:00 → Monday 08:30).
pub fn next_opening(at: DateTime<Utc>) -> DateTime<Utc> {
    if is_open(at) {
        return at;
    }
    let local = at.with_timezone(&Paris);
    let (opens, _) = hours();
    let mut day = local.date_naive();
    if local.time() >= opens {
        day = day + Days::new(1);
    }
    // At most three days ahead (Friday evening to Monday); the bound only guards
    // against a time zone rule that would make 08:30 not exist for a week.
    for _ in 0..8 {
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            // 08:30 never falls in Paris's summer-time gap (02:00–03:00) or fold, but
            // the match keeps that an assumption the code does not rely on.
            match Paris.from_local_datetime(&day.and_time(opens)) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                    return t.with_timezone(&Utc)
                }
                LocalResult::None => {}
            }
        }
        day = day + Days::new(1);
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn the_line_is_the_sheets() {
        assert_eq!(
            CANON_FRANCE.number.replace(' ', ""),
            "0820124040",
            "the number must be the sheet's"
        );
        assert_eq!(
            CANON_FRANCE.number_e164, "+33820124040",
            "the international form must match the French one"
        );
        assert_eq!(CANON_FRANCE.menu_choice, 4, "the sheet says menu choice 4");
        assert_eq!(
            CANON_FRANCE.service_cents_per_minute, 18,
            "the sheet says 0.18 EUR per minute"
        );
    }

    #[test]
    fn opening_hours_in_winter_and_summer() {
        // Winter (UTC+1): Friday 27 March 2026, 08:30 Paris = 07:30 UTC.
        assert!(
            !is_open(utc(2026, 3, 27, 7, 29)),
            "08:29 Paris in winter is before opening"
        );
        assert!(
            is_open(utc(2026, 3, 27, 7, 30)),
            "08:30 Paris in winter is opening time"
        );
        assert!(
            is_open(utc(2026, 3, 27, 16, 59)),
            "17:59 Paris in winter is open"
        );
        assert!(
            !is_open(utc(2026, 3, 27, 17, 0)),
            "18:00 Paris in winter is closed"
        );
        // Summer (UTC+2): Monday 30 March 2026, the day after the change, 08:30 Paris = 06:30 UTC.
        assert!(
            !is_open(utc(2026, 3, 30, 6, 29)),
            "08:29 Paris in summer is before opening"
        );
        assert!(
            is_open(utc(2026, 3, 30, 6, 30)),
            "08:30 Paris in summer is opening time"
        );
        assert!(
            !is_open(utc(2026, 3, 30, 16, 0)),
            "18:00 Paris in summer is closed"
        );
        assert!(!is_open(utc(2026, 3, 28, 10, 0)), "Saturday is closed");
        assert!(
            !is_open(utc(2026, 3, 29, 10, 0)),
            "Sunday (the day summer time starts) is closed"
        );
    }

    #[test]
    fn next_opening_across_the_march_change() {
        // Friday 27 March 2026 19:00 Paris (18:00 UTC, winter) → Monday 30 March 08:30 Paris (06:30 UTC, summer).
        assert_eq!(
            next_opening(utc(2026, 3, 27, 18, 0)),
            utc(2026, 3, 30, 6, 30),
            "the Monday after the change opens at 06:30 UTC"
        );
        // Sunday 29 March 2026 at 02:30 UTC is just after the clocks went forward.
        assert_eq!(
            next_opening(utc(2026, 3, 29, 2, 30)),
            utc(2026, 3, 30, 6, 30),
            "from the change itself, Monday 08:30 summer time"
        );
    }

    #[test]
    fn next_opening_across_the_october_change() {
        // Friday 23 October 2026 18:00 Paris (16:00 UTC, summer) → Monday 26 October 08:30 Paris (07:30 UTC, winter).
        assert_eq!(
            next_opening(utc(2026, 10, 23, 16, 0)),
            utc(2026, 10, 26, 7, 30),
            "the Monday after the change opens at 07:30 UTC"
        );
        // Sunday 25 October 2026 00:30 and 01:30 UTC are both 02:30 Paris (the repeated hour).
        assert_eq!(
            next_opening(utc(2026, 10, 25, 0, 30)),
            utc(2026, 10, 26, 7, 30),
            "from the first 02:30 of the fold"
        );
        assert_eq!(
            next_opening(utc(2026, 10, 25, 1, 30)),
            utc(2026, 10, 26, 7, 30),
            "from the second 02:30 of the fold"
        );
        assert!(
            is_open(utc(2026, 10, 26, 7, 30)),
            "Monday 08:30 winter time is open"
        );
        assert!(
            !is_open(utc(2026, 10, 26, 6, 30)),
            "Monday 07:30 Paris (06:30 UTC) in winter is still closed"
        );
    }

    #[test]
    fn friday_evening_to_monday_morning() {
        // Friday 12 June 2026 18:00 Paris = 16:00 UTC; Monday 15 June 08:30 Paris = 06:30 UTC.
        let friday_close = utc(2026, 6, 12, 16, 0);
        assert!(!is_open(friday_close), "Friday 18:00 is closed");
        assert_eq!(
            next_opening(friday_close),
            utc(2026, 6, 15, 6, 30),
            "Friday 18:00 must lead to Monday 08:30"
        );
        let open = utc(2026, 6, 12, 15, 59);
        assert_eq!(
            next_opening(open),
            open,
            "while open, the next opening is now"
        );
        assert_eq!(
            next_opening(utc(2026, 6, 15, 5, 0)),
            utc(2026, 6, 15, 6, 30),
            "early Monday leads to the same day's opening"
        );
    }

    proptest! {
        #[test]
        fn next_opening_is_open_and_not_far(minutes in 0i64..(3 * 365 * 24 * 60)) {
            let at = utc(2025, 1, 1, 0, 0) + chrono::Duration::minutes(minutes);
            let next = next_opening(at);
            prop_assert!(next >= at, "next opening {} is before {}", next, at);
            prop_assert!(is_open(next), "next opening {} is not open", next);
            // Friday 18:00 to Monday 08:30 is 62 h 30 min, and one hour more on the
            // weekend the clocks go back (the night of Saturday to Sunday is 25 h long).
            let longest = chrono::Duration::minutes(62 * 60 + 30 + 60);
            prop_assert!(next - at <= longest, "{} is {} min after {}, more than a weekend", next, (next - at).num_minutes(), at);
            if next != at {
                prop_assert!(!is_open(next - chrono::Duration::minutes(1)), "the line was already open a minute before {}", next);
            }
        }
    }
}
