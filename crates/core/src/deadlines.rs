//! The deadline model every reminder is made of.
//!
//! Each source of deadlines (requests, PO periods, contracts, the CPS account,
//! invoices and membership) turns its part of the record into [`Deadline`]s: plain
//! values with a stable key, the instant they fall due and the zone that governs
//! them. The planner gathers them all; the store reconciles the list with what it
//! keeps (adding new keys, moving changed ones, closing the keys that disappeared),
//! so planning twice, or after a restart, never duplicates a reminder. The same
//! list feeds the home screen, the Reminders screen, the calendar export and the
//! calendar publisher: one event per deadline, its UID derived from the key, its
//! revision from [`Deadline::revision`].
//!
//! Nothing here reads the clock: instants are built from dates the caller passes in.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The hour of the day, in the governing zone, at which a date-only deadline is due:
/// the start of an office day, so a reminder "on the day" still leaves the day to act.
pub const DUE_HOUR: u32 = 9;

/// The zone that governs Canon France's deadlines (lead times, phone hours).
pub const CANON_FRANCE_ZONE: Tz = chrono_tz::Europe::Paris;

/// What a deadline is for. Its name is the last part of the deadline's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The date by which Canon must be told of a request's change (1 month before).
    NotifyBy,
    /// A week after a request left: has Canon answered?
    FollowUp,
    /// The date printed on a meter-reading request (after it, Canon bills an estimate).
    MeterReadingDue,
    /// The next PO number must reach Canon one month before the PO's period ends.
    PoRenewal,
    /// The last day to give notice on a contract (computed from its current term).
    ContractNotice,
    /// A contract that does not renew ends.
    ContractEnd,
    /// Canon should have validated the Business account (2 business days after asking).
    CpsAccountValidation,
    /// A CPS invoice paid by bank transfer is due.
    CpsInvoiceDue,
    /// A CPS invoice paid by card will be charged.
    CpsCardCharge,
    /// A one-off CPS membership expires: renew it.
    CpsMembershipRenewal,
    /// An auto-renewing CPS membership will be charged again.
    CpsMembershipCharge,
}

impl DeadlineKind {
    /// The kind's name as it ends a deadline key.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::NotifyBy => "notify_by",
            DeadlineKind::FollowUp => "follow_up",
            DeadlineKind::MeterReadingDue => "meter_reading_due",
            DeadlineKind::PoRenewal => "po_renewal",
            DeadlineKind::ContractNotice => "contract_notice",
            DeadlineKind::ContractEnd => "contract_end",
            DeadlineKind::CpsAccountValidation => "cps_account_validation",
            DeadlineKind::CpsInvoiceDue => "cps_invoice_due",
            DeadlineKind::CpsCardCharge => "cps_card_charge",
            DeadlineKind::CpsMembershipRenewal => "cps_membership_renewal",
            DeadlineKind::CpsMembershipCharge => "cps_membership_charge",
        }
    }

    /// Every kind.
    pub const ALL: [DeadlineKind; 11] = [
        DeadlineKind::NotifyBy,
        DeadlineKind::FollowUp,
        DeadlineKind::MeterReadingDue,
        DeadlineKind::PoRenewal,
        DeadlineKind::ContractNotice,
        DeadlineKind::ContractEnd,
        DeadlineKind::CpsAccountValidation,
        DeadlineKind::CpsInvoiceDue,
        DeadlineKind::CpsCardCharge,
        DeadlineKind::CpsMembershipRenewal,
        DeadlineKind::CpsMembershipCharge,
    ];

    /// The kind named `name` ([`DeadlineKind::as_str`]), if any.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// The record a deadline belongs to: what the interface opens when it is clicked,
/// and the first part of the deadline's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "type", content = "id")]
pub enum RecordRef {
    /// A request to Canon.
    Request(i64),
    /// A contract.
    Contract(i64),
    /// A PO number of a contract (row of the PO history).
    PoNumber(i64),
    /// The organisation's CPS Business account.
    CpsAccount(i64),
    /// A CPS subscription checkout (and the invoice it produced).
    CpsCheckout(i64),
    /// A CPS membership.
    CpsMembership(i64),
}

impl RecordRef {
    /// The key prefix: `request:12`, `contract:3`, ...
    pub fn key_prefix(self) -> String {
        format!("{}:{}", self.type_name(), self.id())
    }

    /// The record's type as it starts a key: `request`, `contract`, `po`, ...
    pub fn type_name(self) -> &'static str {
        match self {
            RecordRef::Request(_) => "request",
            RecordRef::Contract(_) => "contract",
            RecordRef::PoNumber(_) => "po",
            RecordRef::CpsAccount(_) => "cps_account",
            RecordRef::CpsCheckout(_) => "cps_checkout",
            RecordRef::CpsMembership(_) => "cps_membership",
        }
    }

    /// The record's row id.
    pub fn id(self) -> i64 {
        match self {
            RecordRef::Request(id)
            | RecordRef::Contract(id)
            | RecordRef::PoNumber(id)
            | RecordRef::CpsAccount(id)
            | RecordRef::CpsCheckout(id)
            | RecordRef::CpsMembership(id) => id,
        }
    }

    /// The record of type `type_name` ([`RecordRef::type_name`]) and row `id`.
    pub fn from_parts(type_name: &str, id: i64) -> Option<Self> {
        Some(match type_name {
            "request" => RecordRef::Request(id),
            "contract" => RecordRef::Contract(id),
            "po" => RecordRef::PoNumber(id),
            "cps_account" => RecordRef::CpsAccount(id),
            "cps_checkout" => RecordRef::CpsCheckout(id),
            "cps_membership" => RecordRef::CpsMembership(id),
            _ => return None,
        })
    }
}

/// One deadline derived from the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// Stable key, `<record>:<id>:<kind>` (e.g. `request:12:follow_up`): the same
    /// deadline planned again has the same key, whatever its date.
    pub key: String,
    /// What it is for.
    pub kind: DeadlineKind,
    /// The record it belongs to.
    pub record: RecordRef,
    /// When it falls due.
    pub due_at: DateTime<Utc>,
    /// The IANA zone that governs it (e.g. `Europe/Paris`).
    pub zone: String,
    /// Words from the record that name what it concerns (a serial number, a contract
    /// number, a level): data, shown as typed, never translated.
    pub subject: String,
    /// Days before `due_at` at which to announce it, overriding the global setting;
    /// `None` takes the global lead times.
    pub lead_days: Option<Vec<u32>>,
}

impl Deadline {
    /// A deadline of `kind` for `record`, due at [`DUE_HOUR`] on `date` in `zone`.
    pub fn on_date(
        record: RecordRef,
        kind: DeadlineKind,
        date: NaiveDate,
        zone: Tz,
        subject: impl Into<String>,
    ) -> Self {
        Deadline {
            key: format!("{}:{}", record.key_prefix(), kind.as_str()),
            kind,
            record,
            due_at: due_instant(date, zone),
            zone: zone.name().to_owned(),
            subject: subject.into(),
            lead_days: None,
        }
    }

    /// A short fingerprint of what a calendar event shows of this deadline: it changes
    /// when the deadline moves, its subject changes or its lead times change, and only
    /// then, so a published event is rewritten exactly when it must be.
    pub fn revision(&self) -> String {
        // FNV-1a over the fields that matter: stable across builds and platforms,
        // unlike `std`'s hasher, which is randomly seeded.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let lead = self
            .lead_days
            .as_ref()
            .map(|days| {
                days.iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .unwrap_or_default();
        let text = format!(
            "{}|{}|{}|{}|{}",
            self.key,
            self.due_at.to_rfc3339(),
            self.zone,
            self.subject,
            lead
        );
        for byte in text.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{hash:016x}")
    }
}

/// [`DUE_HOUR`] o'clock on `date` in `zone`, as a UTC instant. On the rare day where
/// that hour does not exist or exists twice (a DST change at 09:00, which no European
/// zone has), the earliest valid instant after it is taken.
pub fn due_instant(date: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let mut time = NaiveTime::from_hms_opt(DUE_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    // Walk forward an hour at a time through a gap; a gap is never longer than a few hours.
    for _ in 0..24 {
        if let Some(local) = zone.from_local_datetime(&date.and_time(time)).earliest() {
            return local.with_timezone(&Utc);
        }
        time = time.overflowing_add_signed(chrono::Duration::hours(1)).0;
    }
    Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")
    }

    #[test]
    fn the_key_names_the_record_and_the_kind_and_not_the_date() {
        let a = Deadline::on_date(
            RecordRef::Request(12),
            DeadlineKind::FollowUp,
            date(2026, 3, 1),
            CANON_FRANCE_ZONE,
            "",
        );
        let b = Deadline::on_date(
            RecordRef::Request(12),
            DeadlineKind::FollowUp,
            date(2026, 4, 1),
            CANON_FRANCE_ZONE,
            "",
        );
        assert_eq!(a.key, "request:12:follow_up", "the key format changed");
        assert_eq!(a.key, b.key, "moving a deadline must keep its key");
        assert_ne!(
            a.revision(),
            b.revision(),
            "moving a deadline must change its revision"
        );
        assert_eq!(
            a.revision(),
            a.clone().revision(),
            "the revision must be stable"
        );
    }

    #[test]
    fn nine_in_paris_on_both_sides_of_the_dst_changes() {
        let winter = due_instant(date(2026, 3, 28), CANON_FRANCE_ZONE);
        let summer = due_instant(date(2026, 3, 30), CANON_FRANCE_ZONE);
        let back = due_instant(date(2026, 10, 26), CANON_FRANCE_ZONE);
        assert_eq!(
            winter.to_rfc3339(),
            "2026-03-28T08:00:00+00:00",
            "CET is UTC+1"
        );
        assert_eq!(
            summer.to_rfc3339(),
            "2026-03-30T07:00:00+00:00",
            "CEST is UTC+2"
        );
        assert_eq!(
            back.to_rfc3339(),
            "2026-10-26T08:00:00+00:00",
            "back to CET"
        );
    }
}
