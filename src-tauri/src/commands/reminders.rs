//! Reminder commands: the home screen, the deadlines list, snooze, done, lead times,
//! the calendar export.

use canon_desk_app::exports::Exported;
use canon_desk_app::records::{Contract, DeadlineRow};
use canon_desk_app::reminders::{self, DeadlineFilter, DeadlinePage, Home, SnoozeUntil};
use canon_desk_app::{calendar, contracts};
use chrono::NaiveDate;

use super::{shielded, Answer, State};

/// What needs the user: due deadlines, the coming month, the outbox, hand-offs.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reminders_home(ctx: State<'_>) -> Answer<Home> {
    shielded(&ctx, |c| async move { reminders::home(&c).await })
}

/// Every deadline, filtered.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reminders_list(ctx: State<'_>, filter: DeadlineFilter) -> Answer<Vec<DeadlineRow>> {
    shielded(
        &ctx,
        move |c| async move { reminders::list(&c, filter).await },
    )
}

/// The first deadlines matching the filter, and how many match.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reminders_page(ctx: State<'_>, filter: DeadlineFilter, limit: u32) -> Answer<DeadlinePage> {
    shielded(&ctx, move |c| async move {
        reminders::page(&c, filter, limit).await
    })
}

/// How many deadlines are due (overdue or within the week).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reminders_due_count(ctx: State<'_>) -> Answer<u32> {
    shielded(&ctx, |c| async move { reminders::due_count(&c).await })
}

/// Snoozes a deadline.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reminder_snooze(ctx: State<'_>, id: i64, until: SnoozeUntil) -> Answer<DeadlineRow> {
    shielded(&ctx, move |c| async move {
        reminders::snooze(&c, id, until).await
    })
}

/// Marks a deadline done.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reminder_done(ctx: State<'_>, id: i64) -> Answer<DeadlineRow> {
    shielded(&ctx, move |c| async move { reminders::done(&c, id).await })
}

/// Opens again a deadline marked done.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reminder_reopen(ctx: State<'_>, id: i64) -> Answer<DeadlineRow> {
    shielded(
        &ctx,
        move |c| async move { reminders::reopen(&c, id).await },
    )
}

/// Sets one deadline's own lead times (`null`: back to the global ones).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reminder_set_lead_times(
    ctx: State<'_>,
    id: i64,
    days: Option<Vec<u32>>,
) -> Answer<DeadlineRow> {
    shielded(&ctx, move |c| async move {
        reminders::set_item_lead_times(&c, id, days).await
    })
}

/// The global lead times.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reminders_lead_times(ctx: State<'_>) -> Answer<Vec<u32>> {
    shielded(&ctx, |c| async move { reminders::lead_times(&c).await })
}

/// Sets the global lead times.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reminders_set_lead_times(ctx: State<'_>, days: Vec<u32>) -> Answer<Vec<u32>> {
    shielded(&ctx, move |c| async move {
        reminders::set_lead_times(&c, days).await
    })
}

/// Writes the calendar (ICS) of every open deadline to the export folder.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn export_calendar(ctx: State<'_>) -> Answer<Exported> {
    shielded(&ctx, |c| async move { calendar::export_ics(&c).await })
}

/// Sets (or clears) the last day of the current PO number's period.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contract_set_po_end(
    ctx: State<'_>,
    id: i64,
    valid_to: Option<NaiveDate>,
) -> Answer<Contract> {
    shielded(&ctx, move |c| async move {
        contracts::set_po_end(&c, id, valid_to).await
    })
}
