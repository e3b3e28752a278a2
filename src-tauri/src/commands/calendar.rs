//! The user's own calendar (CalDAV) and the weekly digest. The CalDAV password goes
//! straight to the keychain; only `hasPassword` ever comes back.

use canon_desk_app::calendar::digest::{self, DigestSettings};
use canon_desk_app::calendar::publish::{
    self, CalendarOutcome, CalendarSettings, ConnectRequest, DisconnectOutcome, PublishStatus,
};

use super::{shielded, Answer, State};

/// The Calendar section of Settings: the connection and where publishing stands.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn calendar_settings(ctx: State<'_>) -> Answer<CalendarSettings> {
    shielded(&ctx, |c| async move { publish::settings(&c).await })
}

/// Logs in to a CalDAV server and lists its calendars; keeps the login if accepted.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn calendar_connect(ctx: State<'_>, request: ConnectRequest) -> Answer<CalendarOutcome> {
    shielded(&ctx, |c| async move { publish::connect(&c, request).await })
}

/// Lists the connected server's calendars again.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn calendar_list(ctx: State<'_>) -> Answer<CalendarOutcome> {
    shielded(&ctx, |c| async move { publish::calendars(&c).await })
}

/// Publishes into the calendar at `href`, or into a new "Canon Desk" calendar.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn calendar_choose(ctx: State<'_>, href: Option<String>) -> Answer<CalendarOutcome> {
    shielded(&ctx, |c| async move { publish::choose(&c, href).await })
}

/// Publishes what is waiting now, whatever the back-off says.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn calendar_publish_now(ctx: State<'_>) -> Answer<PublishStatus> {
    shielded(&ctx, |c| async move { publish::publish_now(&c).await })
}

/// Disconnects, first removing the published events when asked.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn calendar_disconnect(ctx: State<'_>, remove_events: bool) -> Answer<DisconnectOutcome> {
    shielded(&ctx, move |c| async move {
        publish::disconnect(&c, remove_events).await
    })
}

/// The weekly digest's choices.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn digest_get(ctx: State<'_>) -> Answer<DigestSettings> {
    shielded(&ctx, |c| async move { digest::settings(&c).await })
}

/// Saves the weekly digest's choices.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn digest_save(ctx: State<'_>, settings: DigestSettings) -> Answer<DigestSettings> {
    shielded(&ctx, |c| async move {
        digest::save_settings(&c, settings).await
    })
}
