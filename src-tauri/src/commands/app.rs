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

/// A point of start-up the interface reached, for `./x measure`.
#[derive(Debug, Clone, Copy, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum StartupStage {
    /// The first content of the page is painted.
    FirstPaint,
    /// The first screen with its data is painted and takes input.
    Interactive,
}

/// Logs a start-up stage the interface reached, once per page. `./x measure` times
/// the line's arrival on stderr; the blank reference window prints the same line.
/// It reads and writes nothing, so it needs neither the record nor `shielded`.
#[tauri::command]
#[specta::specta]
pub fn startup_mark(stage: StartupStage) {
    let stage = match stage {
        StartupStage::FirstPaint => "first-paint",
        StartupStage::Interactive => "interactive",
    };
    tracing::info!("startup mark stage={stage}");
}
