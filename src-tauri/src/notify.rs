//! OS notifications through `tauri-plugin-notification`. They are sent from Rust,
//! so the window is granted nothing.

use canon_desk_app::settings::{self, Locale};
use canon_desk_app::Ctx;
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::texts;

/// Shows a notification that opens nothing in particular when clicked.
pub fn show_plain<R: Runtime>(app: &AppHandle<R>, title: &str, body: &str) {
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        tracing::warn!(error = %e, "a notification could not be shown");
    }
}

/// The user's language for what the shell says itself.
pub async fn locale(ctx: &Ctx) -> Locale {
    let chosen = settings::get(ctx).await.ok().and_then(|s| s.locale);
    texts::resolve(chosen, sys_locale::get_locale().as_deref())
}
