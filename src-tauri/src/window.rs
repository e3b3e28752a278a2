//! The main window: brought forward by a second launch.

use tauri::{AppHandle, Manager, Runtime};

/// The label of the main window (tauri.conf.json).
pub const MAIN: &str = "main";

/// Shows, restores and focuses the main window.
pub fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let results = [window.show(), window.unminimize(), window.set_focus()];
        for result in results {
            if let Err(e) = result {
                tracing::warn!(error = %e, "the window could not be brought forward");
            }
        }
    }
}
