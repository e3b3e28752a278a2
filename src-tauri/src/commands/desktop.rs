//! Desktop preferences: start at login (the operating system keeps it: an XDG
//! autostart entry, a LaunchAgent, a registry Run key) and what closing the window
//! does. These read shell state (the tray, the autostart entry) besides calling the
//! use case that saves the preference, still through [`shielded`].

use canon_desk_app::settings::{self, CloseAction, DesktopPrefs};
use canon_desk_app::{Error, ErrorCode, Result};
use serde::Serialize;
use std::sync::atomic::Ordering;
use tauri::{AppHandle, Manager};
use tauri_plugin_autostart::ManagerExt;

use super::{shielded, Answer, State};
use crate::{tray, window::Desktop};

/// The desktop preferences as Settings shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DesktopSettings {
    /// Whether the app starts (hidden in the tray) when the user logs in.
    pub start_at_login: bool,
    /// Whether the desktop shows tray icons (on Linux: a StatusNotifierWatcher answers).
    pub tray_shown: bool,
    /// What the user chose for closing the window, if anything.
    pub close_action: Option<CloseAction>,
    /// What closing the window does now (the choice, or what fits the desktop).
    pub closes_to: CloseAction,
}

fn autostart_failed(e: impl std::fmt::Display) -> Error {
    Error {
        code: ErrorCode::Storage,
        message: format!("the start-at-login entry could not be read or written: {e}"),
        field: Some("startAtLogin".to_owned()),
    }
}

async fn read(app: &AppHandle) -> Result<DesktopSettings> {
    // The bus is asked again: a tray extension may have been turned on since start.
    let tray_shown = tokio::task::spawn_blocking(tray::shown)
        .await
        .map_err(|e| Error::internal(format!("tray look-up: {e}")))?;
    let desktop = app.state::<Desktop>();
    desktop.tray_shown.store(tray_shown, Ordering::Relaxed);
    let start_at_login = app.autolaunch().is_enabled().map_err(autostart_failed)?;
    Ok(DesktopSettings {
        start_at_login,
        tray_shown,
        close_action: desktop.prefs().close_action,
        closes_to: desktop.close_action(),
    })
}

/// The desktop preferences.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn desktop_get(ctx: State<'_>, app: AppHandle) -> Answer<DesktopSettings> {
    shielded(&ctx, |_| async move { read(&app).await })
}

/// Turns start at login on or off and saves what closing the window does.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn desktop_set(
    ctx: State<'_>,
    app: AppHandle,
    start_at_login: bool,
    close_action: Option<CloseAction>,
) -> Answer<DesktopSettings> {
    shielded(&ctx, |c| async move {
        let autolaunch = app.autolaunch();
        if autolaunch.is_enabled().map_err(autostart_failed)? != start_at_login {
            if start_at_login {
                autolaunch.enable().map_err(autostart_failed)?;
            } else {
                autolaunch.disable().map_err(autostart_failed)?;
            }
            tracing::info!(start_at_login, "start at login changed");
        }
        let desktop = app.state::<Desktop>();
        let prefs = DesktopPrefs {
            close_action,
            ..desktop.prefs()
        };
        settings::set_desktop(&c, prefs.clone()).await?;
        *desktop
            .prefs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = prefs;
        read(&app).await
    })
}
