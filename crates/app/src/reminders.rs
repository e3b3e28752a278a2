//! The reminder engine's use cases: the deadlines list, snooze, done, lead times,
//! the home screen, and the scheduler's [`tick`].
//!
//! The rules live in `canon_desk_core::reminders` (what is planned, what is due now)
//! and the bookkeeping in the store (reconciliation, firings); this module reads the
//! clock, words notifications in the user's language and hands them to the
//! [`Notifier`]. The shell calls [`tick`] at start, on a timer and on wake, and
//! [`due_count`] for the tray.

use canon_desk_core::deadlines::DeadlineKind;
use canon_desk_core::reminders::{self as engine, Announcement, DEFAULT_LEAD_DAYS};
use canon_desk_store::{
    check_lead_days, DeadlineAction, DeadlineRow, DeadlineStatus, ReconcileReport, Request,
    RequestStatus,
};
use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::notifier::{Notification, Notifier};
use crate::settings::Locale;
use crate::{Ctx, Result};

/// Setting that holds the global lead times (JSON array of days).
const LEAD_DAYS_KEY: &str = "reminders.lead_days";

/// How far ahead "due" reaches for the tray's count and the home screen's first
/// section: overdue, and due within the week.
const DUE_WITHIN: Duration = Duration::days(7);

/// How far ahead the home screen's second section reaches.
const COMING_WITHIN: Duration = Duration::days(31);

/// What one scheduler tick did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TickReport {
    /// What reconciliation changed.
    pub reconciled: ReconcileReport,
    /// Announcements recorded and shown (in one notification).
    pub announced: u32,
    /// Deadlines due (overdue or within the week, not snoozed) after the tick.
    pub due: u32,
}

/// A full reconciliation this recent is not run again by a tick: the one the home
/// screen's start-up answer ran a moment before the scheduler's first tick is as
/// good (every change to the record reconciles its own deadlines in its
/// transaction; only the passing of time needs the full one).
const TICK_RECONCILED_WITHIN: Duration = Duration::seconds(5);

/// One scheduler tick: reconciles every deadline with the record (a tacit contract's
/// term may have rolled over since the last tick; not again within
/// [`TICK_RECONCILED_WITHIN`] of the last full reconciliation), decides what is due now, records
/// it, then shows it as one notification worded in the user's language. A firing is
/// recorded before it is shown, so a crash in between loses one notification rather
/// than repeating it; a failure to show is logged, never retried.
pub async fn tick(ctx: &Ctx, notifier: &dyn Notifier) -> Result<TickReport> {
    let now = ctx.now();
    let lead_days = lead_times(ctx).await?;
    let locale = language(ctx).await?;
    let (reconciled, shown) = {
        let mut store = ctx.store();
        let reconciled = ctx
            .reconcile_all(&mut store, now, TICK_RECONCILED_WITHIN)?
            .unwrap_or_default();
        let (tracked, fired) = store.tracked_deadlines(&lead_days)?;
        let due = engine::due_now(&tracked, &fired, now);
        let fresh = store.record_firings(&due, now)?;
        let shown: Vec<(Announcement, DeadlineRow)> = if fresh.is_empty() {
            Vec::new()
        } else {
            let mut rows: std::collections::HashMap<String, DeadlineRow> = store
                .deadlines(now)?
                .into_iter()
                .map(|r| (r.key.clone(), r))
                .collect();
            fresh
                .into_iter()
                .filter_map(|a| rows.remove(&a.key).map(|r| (a, r)))
                .collect()
        };
        (reconciled, shown)
    };
    let announced = shown.len() as u32;
    if let Some(notification) = word(&shown, locale, now) {
        if let Err(e) = notifier.show(&notification) {
            tracing::warn!(error = %e.message, "a reminder notification could not be shown");
        }
    }
    Ok(TickReport {
        reconciled,
        announced,
        due: due_count(ctx).await?,
    })
}

/// How many deadlines need the user now: open (not snoozed, not done) and overdue or
/// due within the week. The tray shows it.
pub async fn due_count(ctx: &Ctx) -> Result<u32> {
    let now = ctx.now();
    let rows = ctx.store().open_deadlines_due_by(now, now + DUE_WITHIN)?;
    Ok(rows.iter().filter(|r| is_due(r, now)).count() as u32)
}

fn due_at(row: &DeadlineRow) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&row.due_at)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

fn is_due(row: &DeadlineRow, now: DateTime<Utc>) -> bool {
    row.status == DeadlineStatus::Open && due_at(row) <= now + DUE_WITHIN
}

/// Which deadlines the Reminders screen lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineFilter {
    /// Only those in this state; all when absent.
    pub status: Option<DeadlineStatus>,
    /// Only those of this kind.
    pub kind: Option<DeadlineKind>,
    /// Only those due within this many days (overdue ones included).
    pub within_days: Option<u32>,
}

/// The deadlines, open ones first by due date, then the closed ones.
pub async fn list(ctx: &Ctx, filter: DeadlineFilter) -> Result<Vec<DeadlineRow>> {
    let now = ctx.now();
    let rows = ctx.store().deadlines(now)?;
    Ok(rows
        .into_iter()
        .filter(|r| filter.status.is_none_or(|s| r.status == s))
        .filter(|r| filter.kind.is_none_or(|k| r.kind == k))
        .filter(|r| {
            filter
                .within_days
                .is_none_or(|d| due_at(r) <= now + Duration::days(i64::from(d)))
        })
        .collect())
}

/// The most rows [`page`] returns.
pub const MAX_PAGE_ROWS: u32 = 1_000;

/// The first deadlines of a list and how many it holds in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeadlinePage {
    /// Deadlines matching the filter, in all.
    pub total: u32,
    /// The first `limit` of them, in the order of [`list`].
    pub rows: Vec<DeadlineRow>,
}

/// The first `limit` (1..=1,000) deadlines of [`list`] and how many there are: the
/// Reminders screen shows a hundred and reads more when asked, so opening it costs
/// the same on a record of two thousand contracts.
pub async fn page(ctx: &Ctx, filter: DeadlineFilter, limit: u32) -> Result<DeadlinePage> {
    let mut rows = list(ctx, filter).await?;
    let total = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    rows.truncate(limit.clamp(1, MAX_PAGE_ROWS) as usize);
    Ok(DeadlinePage { total, rows })
}

/// How long to snooze.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "type", content = "date")]
pub enum SnoozeUntil {
    /// Tomorrow morning.
    Tomorrow,
    /// The same day next week.
    NextWeek,
    /// A chosen day.
    Date(NaiveDate),
}

/// Silences a deadline until the morning of the chosen day (09:00 in the zone that
/// governs it); it is announced again then.
pub async fn snooze(ctx: &Ctx, id: i64, until: SnoozeUntil) -> Result<DeadlineRow> {
    let now = ctx.now();
    let today = now.with_timezone(&Local).date_naive();
    let day = match until {
        SnoozeUntil::Tomorrow => today + Duration::days(1),
        SnoozeUntil::NextWeek => today + Duration::days(7),
        SnoozeUntil::Date(d) => d,
    };
    let mut store = ctx.store();
    let zone = store.deadline(id, now)?.zone;
    let instant = engine::snooze_instant(day, &zone);
    Ok(store.act_on_deadline(id, &DeadlineAction::Snooze(instant), now)?)
}

/// Marks a deadline done: it is not announced again unless its source changes.
pub async fn done(ctx: &Ctx, id: i64) -> Result<DeadlineRow> {
    let now = ctx.now();
    Ok(ctx
        .store()
        .act_on_deadline(id, &DeadlineAction::Done, now)?)
}

/// Opens again a deadline the user marked done.
pub async fn reopen(ctx: &Ctx, id: i64) -> Result<DeadlineRow> {
    let now = ctx.now();
    Ok(ctx
        .store()
        .act_on_deadline(id, &DeadlineAction::Reopen, now)?)
}

/// Sets one deadline's own lead times; `None` goes back to the global ones.
pub async fn set_item_lead_times(
    ctx: &Ctx,
    id: i64,
    days: Option<Vec<u32>>,
) -> Result<DeadlineRow> {
    let now = ctx.now();
    Ok(ctx
        .store()
        .act_on_deadline(id, &DeadlineAction::LeadDays(days), now)?)
}

/// The global lead times, in days before each deadline, largest first.
pub async fn lead_times(ctx: &Ctx) -> Result<Vec<u32>> {
    let raw = ctx.store().setting(LEAD_DAYS_KEY)?;
    Ok(raw
        .and_then(|r| serde_json::from_str::<Vec<u32>>(&r).ok())
        .and_then(|d| check_lead_days(&d).ok())
        .unwrap_or_else(|| DEFAULT_LEAD_DAYS.to_vec()))
}

/// Sets the global lead times (one to ten, 0 to 366 days; 0 is the day itself).
pub async fn set_lead_times(ctx: &Ctx, days: Vec<u32>) -> Result<Vec<u32>> {
    let days = check_lead_days(&days)?;
    let json = serde_json::to_string(&days).map_err(|e| crate::Error::internal(e.to_string()))?;
    ctx.store().set_setting(LEAD_DAYS_KEY, &json)?;
    Ok(days)
}

/// The most rows each section of the home screen lists; the rest are counted, and the
/// Reminders and Requests screens list them all. A record with two thousand contracts
/// may have hundreds of deadlines in the coming month: the home screen stays the same
/// size (and as quick to show) whatever the record holds.
pub const HOME_LIMIT: usize = 10;

/// What the home screen shows: what needs the user, most urgent first, each
/// section cut at [`HOME_LIMIT`] rows with its full count beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Home {
    /// Overdue and due within the week (open, not snoozed), the most urgent first.
    pub due: Vec<DeadlineRow>,
    /// How many deadlines are due in all.
    pub due_total: u32,
    /// Due later within the coming month.
    pub coming: Vec<DeadlineRow>,
    /// How many deadlines are coming in all.
    pub coming_total: u32,
    /// Requests that could not be sent, waiting in the outbox.
    pub outbox: Vec<Request>,
    /// How many requests wait in the outbox in all.
    pub outbox_total: u32,
    /// Requests handed to the mail client: was it sent?
    pub awaiting_answer: Vec<Request>,
    /// How many requests wait for that answer in all.
    pub awaiting_answer_total: u32,
}

/// The first [`HOME_LIMIT`] rows and how many there were.
fn first_rows<T>(mut rows: Vec<T>) -> (Vec<T>, u32) {
    let total = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    rows.truncate(HOME_LIMIT);
    (rows, total)
}

/// How long a full reconciliation stays good enough for the home screen: the
/// scheduler's period, since it ticks (and reconciles) that often.
const HOME_RECONCILED_WITHIN: Duration = Duration::seconds(60);

/// The home screen. It reconciles first, so it is right from the first start,
/// unless the scheduler's tick has just done so (both run at start).
pub async fn home(ctx: &Ctx) -> Result<Home> {
    let now = ctx.now();
    let mut store = ctx.store();
    ctx.reconcile_all(&mut store, now, HOME_RECONCILED_WITHIN)?;
    let rows = store.open_deadlines_due_by(now, now + COMING_WITHIN)?;
    let (due, rest): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .filter(|r| r.status == DeadlineStatus::Open)
        .partition(|r| is_due(r, now));
    let coming = rest
        .into_iter()
        .filter(|r| due_at(r) <= now + COMING_WITHIN)
        .collect();
    let outbox = store.list_requests(Some(RequestStatus::Outbox))?;
    let awaiting_answer = store
        .list_requests(Some(RequestStatus::Draft))?
        .into_iter()
        .filter(crate::requests::awaits_mail_client_answer)
        .collect();
    let (due, due_total) = first_rows(due);
    let (coming, coming_total) = first_rows(coming);
    let (outbox, outbox_total) = first_rows(outbox);
    let (awaiting_answer, awaiting_answer_total) = first_rows(awaiting_answer);
    Ok(Home {
        due,
        due_total,
        coming,
        coming_total,
        outbox,
        outbox_total,
        awaiting_answer,
        awaiting_answer_total,
    })
}

/// The user's language for notifications: the one chosen in Settings, else the
/// system's, as the interface and the tray resolve it.
async fn language(ctx: &Ctx) -> Result<Locale> {
    let chosen = crate::settings::get(ctx).await?.locale;
    Ok(crate::settings::resolve_locale(
        chosen,
        sys_locale::get_locale().as_deref(),
    ))
}

/// What a deadline asks of the user, in `locale`.
pub fn kind_title(kind: DeadlineKind, locale: Locale) -> &'static str {
    use DeadlineKind::*;
    use Locale::*;
    match (kind, locale) {
        (NotifyBy, En) => "Tell Canon France",
        (NotifyBy, Fr) => "Informer Canon France",
        (NotifyBy, It) => "Informa Canon France",
        (FollowUp, En) => "Follow up with Canon France",
        (FollowUp, Fr) => "Relancer Canon France",
        (FollowUp, It) => "Sollecita Canon France",
        (MeterReadingDue, En) => "Send the meter readings to Canon",
        (MeterReadingDue, Fr) => "Envoyer les relevés de compteurs à Canon",
        (MeterReadingDue, It) => "Invia la lettura dei contatori a Canon",
        (PoRenewal, En) => "Send Canon the next PO number",
        (PoRenewal, Fr) => "Envoyer à Canon le prochain numéro de bon de commande",
        (PoRenewal, It) => "Invia a Canon il prossimo numero d’ordine",
        (ContractNotice, En) => "Last day to give notice on the contract",
        (ContractNotice, Fr) => "Dernier jour pour résilier le contrat",
        (ContractNotice, It) => "Ultimo giorno per la disdetta del contratto",
        (ContractEnd, En) => "The contract ends",
        (ContractEnd, Fr) => "Le contrat prend fin",
        (ContractEnd, It) => "Il contratto scade",
        (CpsAccountValidation, En) => "Canon should have validated the Business account",
        (CpsAccountValidation, Fr) => "Canon aurait dû valider le compte Business",
        (CpsAccountValidation, It) => "Canon dovrebbe aver convalidato l’account Business",
        (CpsInvoiceDue, En) => "A CPS invoice is due",
        (CpsInvoiceDue, Fr) => "Une facture CPS arrive à échéance",
        (CpsInvoiceDue, It) => "Una fattura CPS è in scadenza",
        (CpsCardCharge, En) => "Your card will be charged for CPS",
        (CpsCardCharge, Fr) => "Votre carte sera débitée pour CPS",
        (CpsCardCharge, It) => "La tua carta verrà addebitata per CPS",
        (CpsMembershipRenewal, En) => "Renew the CPS membership",
        (CpsMembershipRenewal, Fr) => "Renouveler l’adhésion CPS",
        (CpsMembershipRenewal, It) => "Rinnova l’iscrizione CPS",
        (CpsMembershipCharge, En) => "The CPS membership renews",
        (CpsMembershipCharge, Fr) => "L’adhésion CPS se renouvelle",
        (CpsMembershipCharge, It) => "L’iscrizione CPS si rinnova",
    }
}

/// A date as the user reads it, in their zone.
fn local_date(at: DateTime<Utc>, locale: Locale) -> String {
    let d = at.with_timezone(&Local).date_naive();
    match locale {
        Locale::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
        }
        Locale::Fr | Locale::It => d.format("%d/%m/%Y").to_string(),
    }
}

/// One line for a deadline: what it concerns and when it falls due.
pub(crate) fn line(row: &DeadlineRow, locale: Locale, now: DateTime<Utc>) -> String {
    let at = due_at(row);
    let date = local_date(at, locale);
    let when = match (at < now, locale) {
        (false, Locale::En) => format!("due {date}"),
        (false, Locale::Fr) => format!("échéance le {date}"),
        (false, Locale::It) => format!("scadenza il {date}"),
        (true, Locale::En) => format!("overdue since {date}"),
        (true, Locale::Fr) => format!("en retard depuis le {date}"),
        (true, Locale::It) => format!("scaduto il {date}"),
    };
    let colon = if locale == Locale::Fr { "\u{a0}:" } else { ":" };
    if row.subject.is_empty() {
        format!("{}{colon} {when}", kind_title(row.kind, locale))
    } else {
        format!(
            "{} — {}{colon} {when}",
            kind_title(row.kind, locale),
            row.subject
        )
    }
}

/// The one notification for what fell due, or nothing. Several at once are grouped:
/// the count in the title, the first three in the body.
fn word(
    shown: &[(Announcement, DeadlineRow)],
    locale: Locale,
    now: DateTime<Utc>,
) -> Option<Notification> {
    let (_, first) = shown.first()?;
    let keys = shown.iter().map(|(a, _)| a.key.clone()).collect();
    if shown.len() == 1 {
        let subject = if first.subject.is_empty() {
            String::new()
        } else {
            format!("{} — ", first.subject)
        };
        let at = due_at(first);
        let date = local_date(at, locale);
        let body = match (at < now, locale) {
            (false, Locale::En) => format!("{subject}due {date}."),
            (false, Locale::Fr) => format!("{subject}échéance le {date}."),
            (false, Locale::It) => format!("{subject}scadenza il {date}."),
            (true, Locale::En) => format!("{subject}overdue since {date}."),
            (true, Locale::Fr) => format!("{subject}en retard depuis le {date}."),
            (true, Locale::It) => format!("{subject}scaduto il {date}."),
        };
        return Some(Notification {
            title: kind_title(first.kind, locale).to_owned(),
            body,
            record: Some(first.record),
            keys,
        });
    }
    let n = shown.len();
    let title = match locale {
        Locale::En => format!("{n} deadlines need you"),
        Locale::Fr => format!("{n} échéances vous attendent"),
        Locale::It => format!("{n} scadenze ti aspettano"),
    };
    let mut body: Vec<String> = shown
        .iter()
        .take(3)
        .map(|(_, r)| line(r, locale, now))
        .collect();
    if n > 3 {
        let more = n - 3;
        body.push(match locale {
            Locale::En => format!("and {more} more"),
            Locale::Fr => format!("et {more} de plus"),
            Locale::It => format!("e altre {more}"),
        });
    }
    Some(Notification {
        title,
        body: body.join("\n"),
        record: None,
        keys,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use canon_desk_core::deadlines::RecordRef;

    /// An open contract deadline of `kind`, due at `due` (RFC 3339), for unit tests.
    pub(crate) fn row(kind: DeadlineKind, subject: &str, due: &str) -> DeadlineRow {
        DeadlineRow {
            id: 1,
            key: format!("contract:1:{}", kind.as_str()),
            kind,
            record: RecordRef::Contract(1),
            due_at: due.into(),
            zone: "Europe/Paris".into(),
            subject: subject.into(),
            status: DeadlineStatus::Open,
            snoozed_until: None,
            lead_days: None,
            revision: 0,
            situation: None,
            contract_id: Some(1),
        }
    }

    fn announced(r: &DeadlineRow) -> (Announcement, DeadlineRow) {
        let at = due_at(r);
        (
            Announcement {
                key: r.key.clone(),
                at,
                lead_days: Some(0),
                due_at: at,
            },
            r.clone(),
        )
    }

    #[test]
    fn one_deadline_is_one_notification_that_opens_its_record() {
        let now = "2026-06-01T08:00:00Z".parse().unwrap_or_default();
        let r = row(
            DeadlineKind::ContractNotice,
            "CT-1",
            "2026-06-30T07:00:00.000Z",
        );
        let n = word(&[announced(&r)], Locale::Fr, now);
        assert_eq!(
            n.as_ref().map(|n| (n.title.as_str(), n.record)),
            Some((
                "Dernier jour pour résilier le contrat",
                Some(RecordRef::Contract(1))
            )),
            "a single deadline is named and opens its record: {n:?}"
        );
        assert!(
            n.is_some_and(|n| n.body.starts_with("CT-1 — échéance le ")),
            "the body names the contract and the date in French"
        );
    }

    #[test]
    fn several_deadlines_are_grouped_in_one_notification() {
        let now = "2026-06-01T08:00:00Z".parse().unwrap_or_default();
        let rows: Vec<_> = (0..5)
            .map(|i| {
                row(
                    DeadlineKind::PoRenewal,
                    &format!("CT-{i}"),
                    "2026-05-30T07:00:00.000Z",
                )
            })
            .map(|r| announced(&r))
            .collect();
        let n = word(&rows, Locale::It, now);
        assert_eq!(
            n.as_ref().map(|n| (
                n.title.as_str(),
                n.record,
                n.keys.len(),
                n.body.lines().count()
            )),
            Some(("5 scadenze ti aspettano", None, 5, 4)),
            "five deadlines: one notification, three lines and a count of the rest: {n:?}"
        );
        assert!(
            n.is_some_and(|n| n.body.contains("scaduto il") && n.body.ends_with("e altre 2")),
            "overdue deadlines are said so, in Italian"
        );
    }

    #[test]
    fn every_kind_has_a_title_in_every_language() {
        for kind in DeadlineKind::ALL {
            for locale in [Locale::En, Locale::Fr, Locale::It] {
                assert!(
                    !kind_title(kind, locale).is_empty(),
                    "{kind:?} has no title in {locale:?}"
                );
            }
        }
    }
}
