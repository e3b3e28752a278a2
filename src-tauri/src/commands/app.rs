//! App-level commands: version, overview, demo offer.

use canon_desk_app::overview::Overview;
use canon_desk_app::{demo, overview, AppInfo, Result, StartupFailure};

use super::{shielded, State};

/// Version and data paths.
#[tauri::command]
#[specta::specta]
pub async fn app_info(ctx: State<'_>) -> Result<AppInfo> {
    shielded(ctx, |c| async move { Ok(c.info()) }).await
}

/// Counts and the first-start demo offer.
#[tauri::command]
#[specta::specta]
pub async fn overview(ctx: State<'_>) -> Result<Overview> {
    shielded(ctx, |c| async move { overview::get(&c).await }).await
}

/// Loads the demo organisation.
#[tauri::command]
#[specta::specta]
pub async fn demo_load(ctx: State<'_>) -> Result<Overview> {
    shielded(ctx, |c| async move { demo::load(&c).await }).await
}

/// Declines the demo organisation.
#[tauri::command]
#[specta::specta]
pub async fn demo_decline(ctx: State<'_>) -> Result<Overview> {
    shielded(ctx, |c| async move { demo::decline(&c).await }).await
}

/// Why the record could not be opened at start-up, if it could not; the interface
/// asks this first and shows the reason instead of the screens.
#[tauri::command]
#[specta::specta]
pub fn startup_failure(failure: tauri::State<'_, StartupState>) -> Option<StartupFailure> {
    failure.0.clone()
}

/// What start-up left for the interface: `None` when the record opened.
pub struct StartupState(pub Option<StartupFailure>);
