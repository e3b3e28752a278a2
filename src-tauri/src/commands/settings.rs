//! Preference commands.

use canon_desk_app::settings::{self, Settings};
use canon_desk_app::Result;

use super::{shielded, State};

/// The saved preferences.
#[tauri::command]
#[specta::specta]
pub async fn settings_get(ctx: State<'_>) -> Result<Settings> {
    shielded(ctx, |c| async move { settings::get(&c).await }).await
}

/// Saves the preferences.
#[tauri::command]
#[specta::specta]
pub async fn settings_set(ctx: State<'_>, settings: Settings) -> Result<Settings> {
    shielded(ctx, |c| async move { settings::set(&c, settings).await }).await
}
