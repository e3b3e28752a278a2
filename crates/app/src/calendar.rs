//! The calendar export: every open deadline as one RFC 5545 event, written to the
//! export folder like the other exports.
//!
//! An event's UID is derived from the deadline's stable key (`<key>@canon-desk`) and
//! its SEQUENCE is the deadline's stored revision, bumped each time it moves: a
//! calendar that imports the file again updates its events instead of adding copies.
//! Alarms sit at the deadline's lead times, as absolute instants. The same events are
//! published one by one into the user's own calendar by CalDAV ([`publish`]), and
//! the coming deadlines are mailed weekly ([`digest`]).

mod dav;
pub mod digest;
mod merge;
pub mod publish;

pub use dav::FoundCalendar;
pub use digest::{digest_if_due, DigestRun, DigestSettings};
pub use publish::{publish_now, publish_pending, PublishStatus};

use canon_desk_core::reminders as engine;
use canon_desk_store::{DeadlineRow, DeadlineStatus};
use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike};

use crate::exports::{create_fresh, export_dir, Exported};
use crate::reminders::kind_title;
use crate::settings::Locale;
use crate::{Ctx, Result};

/// The domain the UIDs end with.
const UID_DOMAIN: &str = "canon-desk";

/// The UID of a deadline's event: stable as long as its key is.
pub fn uid(key: &str) -> String {
    format!("{key}@{UID_DOMAIN}")
}

/// Whether a deadline belongs in a calendar: open or snoozed (closed ones are left out).
pub(crate) fn is_published(row: &DeadlineRow) -> bool {
    matches!(row.status, DeadlineStatus::Open | DeadlineStatus::Snoozed)
}

/// The event of one deadline, `lead_days` standing in for a deadline without its own;
/// `None` for a row whose date cannot be read.
pub(crate) fn event(
    row: &DeadlineRow,
    lead_days: &[u32],
    locale: Locale,
    now: DateTime<Utc>,
) -> Option<Event> {
    let due = DateTime::parse_from_rfc3339(&row.due_at).ok()?;
    let due = due.with_timezone(&Utc);
    let title = kind_title(row.kind, locale);
    let summary = if row.subject.is_empty() {
        title.to_owned()
    } else {
        format!("{title} — {}", row.subject)
    };
    let mut event = Event::new();
    event
        .uid(&uid(&row.key))
        .sequence(row.revision)
        .timestamp(now)
        .summary(&summary)
        .starts(due)
        .ends(due + Duration::minutes(30));
    // Absolute triggers at the engine's own lead instants (09:00 in the governing
    // zone, N days before): a relative "-P30D" on a UTC start would drift by an
    // hour across a DST change.
    let days = row.lead_days.as_deref().unwrap_or(lead_days);
    // Each alarm gets a UID and stamp of its own that do not change from one writing
    // to the next (the crate would draw a random UID and read the wall clock), so
    // the same deadline always gives the same text.
    for (lead, at) in engine::lead_instants(due, engine::zone(&row.zone), days) {
        let mut alarm = Alarm::display(&summary, at);
        alarm
            .uid(&format!("{}:alarm:{lead}@{UID_DOMAIN}", row.key))
            .timestamp(now);
        event.alarm(alarm);
    }
    Some(event.done())
}

/// The calendar text for `rows` (open and snoozed deadlines; closed ones are left out),
/// `lead_days` standing in for a deadline without its own.
pub fn calendar(
    rows: &[DeadlineRow],
    lead_days: &[u32],
    locale: Locale,
    now: DateTime<Utc>,
) -> String {
    let mut cal = Calendar::new();
    cal.name("Canon Desk");
    for row in rows.iter().filter(|r| is_published(r)) {
        if let Some(event) = event(row, lead_days, locale, now) {
            cal.push(event);
        }
    }
    cal.done().to_string()
}

/// One deadline as a CalDAV resource: a calendar holding its one event.
pub(crate) fn resource(
    row: &DeadlineRow,
    lead_days: &[u32],
    locale: Locale,
    now: DateTime<Utc>,
) -> Option<String> {
    let mut cal = Calendar::new();
    cal.push(event(row, lead_days, locale, now)?);
    Some(cal.done().to_string())
}

/// Writes the calendar of every open deadline to the export folder.
pub async fn export_ics(ctx: &Ctx) -> Result<Exported> {
    let now = ctx.now();
    let lead_days = crate::reminders::lead_times(ctx).await?;
    let locale = crate::settings::get(ctx)
        .await?
        .locale
        .unwrap_or(Locale::En);
    let rows = {
        let mut store = ctx.store();
        store.reconcile_deadlines(canon_desk_store::Scope::All, now)?;
        store.deadlines(now)?
    };
    let text = calendar(&rows, &lead_days, locale, now);
    let dir = export_dir(ctx).await?;
    let (path, mut file) = create_fresh(&dir, "deadlines", "ics", now)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    file.sync_all()?;
    tracing::info!(path = %path.display(), "calendar written");
    Ok(Exported {
        path: path.display().to_string(),
        size_bytes: i64::try_from(text.len()).unwrap_or(i64::MAX),
    })
}
