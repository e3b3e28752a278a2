//! The main window: brought forward (tray, second launch, a clicked notification),
//! and what closing it does. Closing does not end the app, so reminders keep coming:
//! the window hides to the tray or, where the desktop shows no tray, is minimised;
//! Quit in the tray menu ends it, and so does closing a window already minimised
//! (the taskbar's or the dash's Quit). The first time, the user is told.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use canon_desk_app::settings::{self, CloseAction, DesktopPrefs};
use canon_desk_app::Ctx;
use canon_desk_core::deadlines::RecordRef;
use tauri::{AppHandle, Manager, Runtime, WebviewWindow, Window};

use crate::{notify, texts};

/// The label of the main window (tauri.conf.json).
pub const MAIN: &str = "main";

/// What the shell knows about the desktop: whether it shows a tray, and the
/// desktop preferences as last saved (read when the window closes, without the store).
pub struct Desktop {
    /// Whether a tray icon is shown (looked up at start and whenever Settings asks).
    pub tray_shown: AtomicBool,
    /// The saved preferences.
    pub prefs: Mutex<DesktopPrefs>,
}

impl Desktop {
    /// The preferences as last saved.
    pub fn prefs(&self) -> DesktopPrefs {
        self.prefs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// What closing the window does now.
    pub fn close_action(&self) -> CloseAction {
        CloseAction::effective(
            self.prefs().close_action,
            self.tray_shown.load(Ordering::Relaxed),
        )
    }
}

fn main_window<R: Runtime>(app: &AppHandle<R>) -> Option<WebviewWindow<R>> {
    app.get_webview_window(MAIN)
}

/// Shows, restores and focuses the main window.
pub fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = main_window(app) {
        let results = [window.show(), window.unminimize(), window.set_focus()];
        for result in results {
            if let Err(e) = result {
                tracing::warn!(error = %e, "the window could not be brought forward");
            }
        }
    }
}

/// Shows the window minimised (a hidden start where no tray would bring it back).
pub fn minimised<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = main_window(app) {
        for result in [window.show(), window.minimize()] {
            if let Err(e) = result {
                tracing::warn!(error = %e, "the window could not be shown minimised");
            }
        }
    }
}

/// Brings the window forward on `record` (a clicked notification). The interface
/// listens for the `canondesk:open` event and goes to the record's screen; `None`
/// (a group of deadlines) goes to the overview. The event is dispatched in the page
/// by the shell itself, so the window needs no event permission.
pub fn open_record<R: Runtime>(app: &AppHandle<R>, record: Option<RecordRef>) {
    bring_forward(app);
    let Some(window) = main_window(app) else {
        return;
    };
    let detail = serde_json::json!({ "record": record });
    let script =
        format!("window.dispatchEvent(new CustomEvent('canondesk:open', {{ detail: {detail} }}));");
    if let Err(e) = window.eval(&script) {
        tracing::warn!(error = %e, "the window could not be sent to the record");
    }
}

/// Called when the user closes a window: the main window hides or minimises instead,
/// unless the record could not be opened (then there is nothing to remind of and the
/// app ends as usual).
pub fn on_close_requested<R: Runtime>(window: &Window<R>, api: &tauri::CloseRequestApi) {
    let app = window.app_handle();
    if window.label() != MAIN {
        return;
    }
    let (Some(desktop), Some(ctx)) = (app.try_state::<Desktop>(), app.try_state::<Arc<Ctx>>())
    else {
        return;
    };
    let action = desktop.close_action();
    // A window that is already minimised and is closed again (from the taskbar or
    // GNOME's dash, "Quit") means quit: without a tray there would be no other way.
    if action == CloseAction::Minimise && window.is_minimized().unwrap_or(false) {
        tracing::info!("minimised window closed: quitting");
        return;
    }
    api.prevent_close();
    let result = match action {
        CloseAction::Tray => window.hide(),
        CloseAction::Minimise => window.minimize(),
    };
    if let Err(e) = result {
        tracing::warn!(error = %e, ?action, "the window could not be put away");
    }
    tracing::info!(?action, "window closed; the app keeps running");

    let prefs = desktop.prefs();
    if prefs.told_still_running {
        return;
    }
    let told = DesktopPrefs {
        told_still_running: true,
        ..prefs
    };
    *desktop
        .prefs
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = told.clone();
    let ctx = Arc::clone(ctx.inner());
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let locale = notify::locale(&ctx).await;
        let (title, body) = texts::still_running(locale, action);
        notify::show_plain(&app, title, body);
        if let Err(e) = settings::set_desktop(&ctx, told).await {
            tracing::warn!(error = %e, "could not record that the user was told the app still runs");
        }
    });
}
