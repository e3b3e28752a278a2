//! Preference commands.

use canon_desk_app::settings::{self, Settings};

use super::{shielded, Answer, State};

/// The saved preferences.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn settings_get(ctx: State<'_>) -> Answer<Settings> {
    shielded(&ctx, |c| async move { settings::get(&c).await })
}

/// Saves the preferences.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn settings_set(ctx: State<'_>, settings: Settings) -> Answer<Settings> {
    shielded(&ctx, |c| async move { settings::set(&c, settings).await })
}
