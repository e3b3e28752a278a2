//! The user's own calendar (CalDAV) and the weekly digest. The CalDAV password goes
//! straight to the keychain; only `hasPassword` ever comes back.

use canon_desk_app::calendar::digest::{self, DigestSettings};
use canon_desk_app::calendar::publish::{
    self, CalendarOutcome, CalendarSettings, ConnectRequest, DisconnectOutcome, PublishStatus,
};
use canon_desk_app::Result;

use super::{shielded, State};

/// The Calendar section of Settings: the connection and where publishing stands.
#[tauri::command]
#[specta::specta]
pub async fn calendar_settings(ctx: State<'_>) -> Result<CalendarSettings> {
    shielded(ctx, |c| async move { publish::settings(&c).await }).await
}

/// Logs in to a CalDAV server and lists its calendars; keeps the login if accepted.
#[tauri::command]
#[specta::specta]
pub async fn calendar_connect(ctx: State<'_>, request: ConnectRequest) -> Result<CalendarOutcome> {
    shielded(ctx, |c| async move { publish::connect(&c, request).await }).await
}

/// Lists the connected server's calendars again.
#[tauri::command]
#[specta::specta]
pub async fn calendar_list(ctx: State<'_>) -> Result<CalendarOutcome> {
    shielded(ctx, |c| async move { publish::calendars(&c).await }).await
}

/// Publishes into the calendar at `href`, or into a new "Canon Desk" calendar.
#[tauri::command]
#[specta::specta]
pub async fn calendar_choose(ctx: State<'_>, href: Option<String>) -> Result<CalendarOutcome> {
    shielded(ctx, |c| async move { publish::choose(&c, href).await }).await
}

/// Publishes what is waiting now, whatever the back-off says.
#[tauri::command]
#[specta::specta]
pub async fn calendar_publish_now(ctx: State<'_>) -> Result<PublishStatus> {
    shielded(ctx, |c| async move { publish::publish_now(&c).await }).await
}

/// Disconnects, first removing the published events when asked.
#[tauri::command]
#[specta::specta]
pub async fn calendar_disconnect(ctx: State<'_>, remove_events: bool) -> Result<DisconnectOutcome> {
    shielded(ctx, move |c| async move {
        publish::disconnect(&c, remove_events).await
    })
    .await
}

/// The weekly digest's choices.
#[tauri::command]
#[specta::specta]
pub async fn digest_get(ctx: State<'_>) -> Result<DigestSettings> {
    shielded(ctx, |c| async move { digest::settings(&c).await }).await
}

/// Saves the weekly digest's choices.
#[tauri::command]
#[specta::specta]
pub async fn digest_save(ctx: State<'_>, settings: DigestSettings) -> Result<DigestSettings> {
    shielded(
        ctx,
        |c| async move { digest::save_settings(&c, settings).await },
    )
    .await
}
