//! Reminder commands: the home screen, the deadlines list, snooze, done, lead times,
//! the calendar export.

use canon_desk_app::exports::Exported;
use canon_desk_app::records::{Contract, DeadlineRow};
use canon_desk_app::reminders::{self, DeadlineFilter, DeadlinePage, Home, SnoozeUntil};
use canon_desk_app::{calendar, contracts, Result};
use chrono::NaiveDate;

use super::{shielded, State};

/// What needs the user: due deadlines, the coming month, the outbox, hand-offs.
#[tauri::command]
#[specta::specta]
pub async fn reminders_home(ctx: State<'_>) -> Result<Home> {
    shielded(ctx, |c| async move { reminders::home(&c).await }).await
}

/// Every deadline, filtered.
#[tauri::command]
#[specta::specta]
pub async fn reminders_list(ctx: State<'_>, filter: DeadlineFilter) -> Result<Vec<DeadlineRow>> {
    shielded(
        ctx,
        move |c| async move { reminders::list(&c, filter).await },
    )
    .await
}

/// The first deadlines matching the filter, and how many match.
#[tauri::command]
#[specta::specta]
pub async fn reminders_page(
    ctx: State<'_>,
    filter: DeadlineFilter,
    limit: u32,
) -> Result<DeadlinePage> {
    shielded(ctx, move |c| async move {
        reminders::page(&c, filter, limit).await
    })
    .await
}

/// How many deadlines are due (overdue or within the week).
#[tauri::command]
#[specta::specta]
pub async fn reminders_due_count(ctx: State<'_>) -> Result<u32> {
    shielded(ctx, |c| async move { reminders::due_count(&c).await }).await
}

/// Snoozes a deadline.
#[tauri::command]
#[specta::specta]
pub async fn reminder_snooze(ctx: State<'_>, id: i64, until: SnoozeUntil) -> Result<DeadlineRow> {
    shielded(ctx, move |c| async move {
        reminders::snooze(&c, id, until).await
    })
    .await
}

/// Marks a deadline done.
#[tauri::command]
#[specta::specta]
pub async fn reminder_done(ctx: State<'_>, id: i64) -> Result<DeadlineRow> {
    shielded(ctx, move |c| async move { reminders::done(&c, id).await }).await
}

/// Opens again a deadline marked done.
#[tauri::command]
#[specta::specta]
pub async fn reminder_reopen(ctx: State<'_>, id: i64) -> Result<DeadlineRow> {
    shielded(ctx, move |c| async move { reminders::reopen(&c, id).await }).await
}

/// Sets one deadline's own lead times (`null`: back to the global ones).
#[tauri::command]
#[specta::specta]
pub async fn reminder_set_lead_times(
    ctx: State<'_>,
    id: i64,
    days: Option<Vec<u32>>,
) -> Result<DeadlineRow> {
    shielded(ctx, move |c| async move {
        reminders::set_item_lead_times(&c, id, days).await
    })
    .await
}

/// The global lead times.
#[tauri::command]
#[specta::specta]
pub async fn reminders_lead_times(ctx: State<'_>) -> Result<Vec<u32>> {
    shielded(ctx, |c| async move { reminders::lead_times(&c).await }).await
}

/// Sets the global lead times.
#[tauri::command]
#[specta::specta]
pub async fn reminders_set_lead_times(ctx: State<'_>, days: Vec<u32>) -> Result<Vec<u32>> {
    shielded(ctx, move |c| async move {
        reminders::set_lead_times(&c, days).await
    })
    .await
}

/// Writes the calendar (ICS) of every open deadline to the export folder.
#[tauri::command]
#[specta::specta]
pub async fn export_calendar(ctx: State<'_>) -> Result<Exported> {
    shielded(ctx, |c| async move { calendar::export_ics(&c).await }).await
}

/// Sets (or clears) the last day of the current PO number's period.
#[tauri::command]
#[specta::specta]
pub async fn contract_set_po_end(
    ctx: State<'_>,
    id: i64,
    valid_to: Option<NaiveDate>,
) -> Result<Contract> {
    shielded(ctx, move |c| async move {
        contracts::set_po_end(&c, id, valid_to).await
    })
    .await
}
