//! OS notifications through `tauri-plugin-notification`: the shell's side of the
//! [`Notifier`] seam. They are sent from Rust, so the window is granted nothing.
//!
//! A click on a notification brings the window to its record where the platform
//! reports the click: Linux (the notification server's `default` action, when the
//! server supports actions: GNOME, KDE, dunst do), Windows (while the toast is on
//! screen, not from the Action Center), macOS (the banner or the Notification
//! Center). The record travels in the notification's `extra` payload.

use canon_desk_app::notifier::{Notification, Notifier};
use canon_desk_app::settings::{self, Locale};
use canon_desk_app::{Ctx, Error, Result};
use canon_desk_core::deadlines::RecordRef;
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::{texts, window};

/// The `extra` key that carries the record to open.
const RECORD: &str = "record";

/// Shows reminders as OS notifications.
pub struct OsNotifier<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> OsNotifier<R> {
    /// A notifier for `app`; [`listen_for_clicks`] must have been called for clicks
    /// to be reported.
    pub fn new(app: AppHandle<R>) -> Self {
        OsNotifier { app }
    }
}

impl<R: Runtime> Notifier for OsNotifier<R> {
    fn show(&self, notification: &Notification) -> Result<()> {
        tracing::info!(keys = ?notification.keys, "notification shown");
        self.app
            .notification()
            .builder()
            .title(&notification.title)
            .body(&notification.body)
            .extra(RECORD, notification.record)
            .show()
            .map_err(|e| Error::internal(format!("the notification could not be shown: {e}")))
    }
}

/// Shows a notification that opens nothing in particular when clicked.
pub fn show_plain<R: Runtime>(app: &AppHandle<R>, title: &str, body: &str) {
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        tracing::warn!(error = %e, "a notification could not be shown");
    }
}

/// Brings the window to the record of a clicked notification.
pub fn listen_for_clicks<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let registered = app.notification().on_action(move |performed| {
        if performed.action_id() != "tap" {
            return;
        }
        let record = performed
            .notification()
            .and_then(|n| n.extra().get(RECORD).cloned())
            .and_then(|v| serde_json::from_value::<Option<RecordRef>>(v).ok())
            .flatten();
        tracing::info!(?record, "notification clicked");
        window::open_record(&handle, record);
    });
    if let Err(e) = registered {
        tracing::warn!(error = %e, "clicks on notifications will not be reported");
    }
}

/// The user's language for what the shell says itself.
pub async fn locale(ctx: &Ctx) -> Locale {
    let chosen = settings::get(ctx).await.ok().and_then(|s| s.locale);
    texts::resolve(chosen, sys_locale::get_locale().as_deref())
}
