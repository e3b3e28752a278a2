//! The reminder engine's rules: which deadlines the record holds ([`plan`]) and
//! which of them must be announced now ([`due_now`]).
//!
//! Both are plain functions: "today" and "now" are parameters, and what has already
//! been announced is passed in, so the same rules run in the app's scheduler, after a
//! restart, and in a test that steps a clock through a whole year.
//!
//! Adding a source of deadlines is adding a field to [`PlanInput`] and a function to
//! [`SOURCES`]: nothing else in the engine changes.

use std::collections::HashSet;

use chrono::{DateTime, Days, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::catalogue::Situation;
use crate::deadlines::{Deadline, DeadlineKind, RecordRef, CANON_FRANCE_ZONE};
use crate::lead_time;

/// The days before a deadline at which it is announced when the user has not chosen
/// others: a month, a week, the day before, and on the day.
pub const DEFAULT_LEAD_DAYS: [u32; 4] = [30, 7, 1, 0];

/// The longest lead time accepted: a year ahead is already more than any source needs.
pub const MAX_LEAD_DAYS: u32 = 366;

/// Days after a request left the app at which Canon should have answered.
pub const FOLLOW_UP_DAYS: u64 = 7;

/// The renewal term of a tacitly renewed contract when the user gives none.
pub const DEFAULT_RENEWAL_MONTHS: u32 = 12;

/// Where a request stands, as far as its deadlines care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStage {
    /// Still in the app (draft or outbox): Canon has not been told.
    InApp,
    /// It left the app (sent, or acknowledged): Canon's answer is awaited.
    Left,
    /// Canon handled it.
    Done,
    /// The user gave it up.
    Cancelled,
}

/// What the planner needs to know of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestSource {
    /// Row id.
    pub id: i64,
    /// The billing situation.
    pub situation: Situation,
    /// Where it stands.
    pub stage: RequestStage,
    /// The date by which Canon must be told (for a meter-reading request, the date on
    /// Canon's request).
    pub notify_by: Option<NaiveDate>,
    /// The day it was created, in the governing zone: a "tell Canon by" date already
    /// behind it when the request was made is not planned (the wizard warned instead).
    pub created_on: NaiveDate,
    /// The day it left the app, in the governing zone.
    pub sent_on: Option<NaiveDate>,
    /// What it concerns (a serial or contract number).
    pub subject: String,
}

/// How a contract renews at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Renewal {
    /// Renews by itself for another term unless notice is given.
    Tacit,
    /// Ends unless both sides agree to renew.
    Express,
}

/// What the planner needs to know of a live (not deleted) contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractSource {
    /// Row id.
    pub id: i64,
    /// Canon contract number.
    pub number: String,
    /// The last day of its first term.
    pub ends_on: Option<NaiveDate>,
    /// Tacit or express.
    pub renewal: Renewal,
    /// Length of each renewed term; [`DEFAULT_RENEWAL_MONTHS`] when not given.
    pub renewal_months: Option<u32>,
    /// Notice period; without one, the notice falls on the term's last day.
    pub notice_months: Option<u32>,
    /// Terminated: it needs no reminder any more.
    pub terminated: bool,
}

/// What the planner needs to know of a PO number of a live contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoSource {
    /// Row id in the PO history.
    pub id: i64,
    /// The contract's number, to name it.
    pub contract_number: String,
    /// The PO number.
    pub po_number: String,
    /// The last day of its period, when known.
    pub valid_to: Option<NaiveDate>,
    /// A later PO number is already recorded: the next one reached the record.
    pub superseded: bool,
}

/// Everything the planner reads. Each source is a field; [`plan`] runs one function
/// per source ([`SOURCES`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInput {
    /// Today in the governing zone (Europe/Paris): a tacitly renewed contract's
    /// current term is the one today falls in.
    pub today: NaiveDate,
    /// Requests to Canon.
    pub requests: Vec<RequestSource>,
    /// Contracts (not deleted).
    pub contracts: Vec<ContractSource>,
    /// PO numbers of contracts (not deleted, not terminated).
    pub po_numbers: Vec<PoSource>,
}

impl PlanInput {
    /// An input with no record, for `today`.
    pub fn empty(today: NaiveDate) -> Self {
        PlanInput {
            today,
            requests: Vec::new(),
            contracts: Vec::new(),
            po_numbers: Vec::new(),
        }
    }
}

/// One source of deadlines: reads its part of the input, pushes its deadlines.
pub type Source = fn(&PlanInput, &mut Vec<Deadline>);

/// Every source, in no particular order (the plan is sorted by key).
pub const SOURCES: &[Source] = &[plan_requests, plan_contracts, plan_po_numbers];

/// Every open deadline the record holds, sorted by key. A deadline that is met (a
/// request sent, a PO followed by the next one) or whose source is gone is simply
/// absent: the store closes what it kept under that key.
pub fn plan(input: &PlanInput) -> Vec<Deadline> {
    let mut out = Vec::new();
    for source in SOURCES {
        source(input, &mut out);
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

/// The records the user gave up (a cancelled request): their deadlines are closed as
/// dismissed rather than done.
pub fn given_up(input: &PlanInput) -> Vec<RecordRef> {
    input
        .requests
        .iter()
        .filter(|r| r.stage == RequestStage::Cancelled)
        .map(|r| RecordRef::Request(r.id))
        .collect()
}

/// A request's "tell Canon by" date (the date on a meter-reading request) while it is
/// still in the app, then its follow-up a week after it left, until Canon handled it.
fn plan_requests(input: &PlanInput, out: &mut Vec<Deadline>) {
    for r in &input.requests {
        let record = RecordRef::Request(r.id);
        match r.stage {
            RequestStage::InApp => {
                if let Some(date) = r.notify_by.filter(|d| *d >= r.created_on) {
                    let kind = if r.situation == Situation::AnswerMeterReadingRequest {
                        DeadlineKind::MeterReadingDue
                    } else {
                        DeadlineKind::NotifyBy
                    };
                    out.push(Deadline::on_date(
                        record,
                        kind,
                        date,
                        CANON_FRANCE_ZONE,
                        &r.subject,
                    ));
                }
            }
            RequestStage::Left => {
                let date = r
                    .sent_on
                    .and_then(|d| d.checked_add_days(Days::new(FOLLOW_UP_DAYS)));
                if let Some(date) = date {
                    out.push(Deadline::on_date(
                        record,
                        DeadlineKind::FollowUp,
                        date,
                        CANON_FRANCE_ZONE,
                        &r.subject,
                    ));
                }
            }
            RequestStage::Done | RequestStage::Cancelled => {}
        }
    }
}

/// The last day of the term of a contract first ending on `ends_on` that `today`
/// falls in, each renewal adding `term_months`: term `k` ends the day before
/// `ends_on + 1 day + k × term_months`, so a term ending on the last day of February
/// keeps ending on the last day of February, 29th included. `None` only at the far
/// end of the calendar.
pub fn current_term_end(
    ends_on: NaiveDate,
    term_months: u32,
    today: NaiveDate,
) -> Option<NaiveDate> {
    if today <= ends_on {
        return Some(ends_on);
    }
    let renews_on = ends_on.succ_opt()?;
    let term = term_months.max(1);
    // Jump close to today's term, then step: at most a couple of steps remain.
    let months_since = (today.year_months() - renews_on.year_months()).max(0) as u32;
    let mut k = (months_since / term).saturating_sub(1);
    loop {
        let end = renews_on
            .checked_add_months(Months::new(k.checked_mul(term)?))?
            .pred_opt()?;
        if end >= today {
            return Some(end);
        }
        k = k.checked_add(1)?;
    }
}

/// Months since year 0, for the jump in [`current_term_end`].
trait YearMonths {
    fn year_months(&self) -> i64;
}

impl YearMonths for NaiveDate {
    fn year_months(&self) -> i64 {
        use chrono::Datelike;
        i64::from(self.year()) * 12 + i64::from(self.month0())
    }
}

/// A tacitly renewed contract: the last day to give notice on its current term
/// (`notice_months` before the term's last day, clamped to the month's end like the
/// "1 month before" rule). Express renewal: the day it ends, while it has not.
fn plan_contracts(input: &PlanInput, out: &mut Vec<Deadline>) {
    for c in input.contracts.iter().filter(|c| !c.terminated) {
        let Some(ends_on) = c.ends_on else { continue };
        let record = RecordRef::Contract(c.id);
        match c.renewal {
            Renewal::Tacit => {
                let term = c.renewal_months.unwrap_or(DEFAULT_RENEWAL_MONTHS);
                let notice = current_term_end(ends_on, term, input.today).and_then(|end| {
                    end.checked_sub_months(Months::new(c.notice_months.unwrap_or(0)))
                });
                if let Some(date) = notice {
                    out.push(Deadline::on_date(
                        record,
                        DeadlineKind::ContractNotice,
                        date,
                        CANON_FRANCE_ZONE,
                        &c.number,
                    ));
                }
            }
            Renewal::Express => {
                if input.today <= ends_on {
                    out.push(Deadline::on_date(
                        record,
                        DeadlineKind::ContractEnd,
                        ends_on,
                        CANON_FRANCE_ZONE,
                        &c.number,
                    ));
                }
            }
        }
    }
}

/// A PO number whose period ends and that no later PO follows yet: the next one must
/// reach Canon one month before the new period starts (the day after `valid_to`).
fn plan_po_numbers(input: &PlanInput, out: &mut Vec<Deadline>) {
    for p in input.po_numbers.iter().filter(|p| !p.superseded) {
        let Some(new_period) = p.valid_to.and_then(|d| d.succ_opt()) else {
            continue;
        };
        let Ok(date) = lead_time::notify_by(new_period) else {
            continue;
        };
        out.push(Deadline::on_date(
            RecordRef::PoNumber(p.id),
            DeadlineKind::PoRenewal,
            date,
            CANON_FRANCE_ZONE,
            format!("{} · {}", p.contract_number, p.po_number),
        ));
    }
}

/// A deadline as the store keeps it, with what the user did to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    /// The deadline's key.
    pub key: String,
    /// When it falls due.
    pub due_at: DateTime<Utc>,
    /// The zone that governs it (an IANA name; Europe/Paris when it does not parse).
    pub zone: String,
    /// Days before `due_at` to announce it (the item's own, else the global setting).
    pub lead_days: Vec<u32>,
    /// Silenced until then; announced again at that instant.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// Marked done (or closed): never announced.
    pub done: bool,
}

/// The announcements already made: (deadline key, instant announced).
pub type Fired = HashSet<(String, DateTime<Utc>)>;

/// One announcement of one deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    /// The deadline's key.
    pub key: String,
    /// The instant it was due to be announced: with the key, what is recorded as
    /// fired, so it never fires twice.
    pub at: DateTime<Utc>,
    /// The lead time it stands for; `None` for the end of a snooze.
    pub lead_days: Option<u32>,
    /// When the deadline falls due.
    pub due_at: DateTime<Utc>,
}

/// The zone named `name`, or Europe/Paris.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(CANON_FRANCE_ZONE)
}

/// The instants at which a deadline due at `due_at` is announced, one per lead time,
/// latest first: `days` calendar days earlier at the same wall-clock time in `zone`,
/// so an announcement "a week before" stays at 09:00 across a DST change.
pub fn lead_instants(
    due_at: DateTime<Utc>,
    zone: Tz,
    lead_days: &[u32],
) -> Vec<(u32, DateTime<Utc>)> {
    let local = due_at.with_timezone(&zone).naive_local();
    let mut days: Vec<u32> = lead_days
        .iter()
        .copied()
        .filter(|d| *d <= MAX_LEAD_DAYS)
        .collect();
    days.sort_unstable();
    days.dedup();
    days.into_iter()
        .filter_map(|d| {
            let earlier = local.checked_sub_days(Days::new(u64::from(d)))?;
            let at = zone
                .from_local_datetime(&earlier)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                // A wall-clock time inside a DST gap: an hour later exists.
                .or_else(|| {
                    zone.from_local_datetime(&(earlier + chrono::Duration::hours(1)))
                        .earliest()
                        .map(|t| t.with_timezone(&Utc))
                })?;
            Some((d, at))
        })
        .collect()
}

/// The announcements due at `now`: for each open deadline, the latest of its lead
/// instants (and the end of its snooze) that is not after `now`, unless that one has
/// already fired. Earlier lead times that passed unannounced (the computer was off)
/// are superseded by the latest one, never announced in a burst; nothing is
/// announced before its instant; a snoozed deadline is silent until its snooze ends.
/// `fired` holds the (key, instant) pairs already announced. Sorted by due date.
pub fn due_now(tracked: &[Tracked], fired: &Fired, now: DateTime<Utc>) -> Vec<Announcement> {
    let mut out = Vec::new();
    for t in tracked.iter().filter(|t| !t.done) {
        if t.snoozed_until.is_some_and(|s| s > now) {
            continue;
        }
        let mut latest: Option<(Option<u32>, DateTime<Utc>)> =
            lead_instants(t.due_at, zone(&t.zone), &t.lead_days)
                .into_iter()
                .filter(|(_, at)| *at <= now)
                .map(|(d, at)| (Some(d), at))
                .max_by_key(|(_, at)| *at);
        if let Some(until) = t.snoozed_until {
            if latest.is_none_or(|(_, at)| until > at) {
                latest = Some((None, until));
            }
        }
        if let Some((lead_days, at)) = latest {
            if !fired.contains(&(t.key.clone(), at)) {
                out.push(Announcement {
                    key: t.key.clone(),
                    at,
                    lead_days,
                    due_at: t.due_at,
                });
            }
        }
    }
    out.sort_by(|a, b| a.due_at.cmp(&b.due_at).then_with(|| a.key.cmp(&b.key)));
    out
}

/// Snoozing "until tomorrow" or "next week": that day, at the deadline hour in the
/// governing zone. `today` is the user's date.
pub fn snooze_instant(until: NaiveDate, zone_name: &str) -> DateTime<Utc> {
    crate::deadlines::due_instant(until, zone(zone_name))
}

#[cfg(test)]
#[path = "reminders_tests.rs"]
mod tests;
