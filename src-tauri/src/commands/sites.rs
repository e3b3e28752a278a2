//! Site commands.

use canon_desk_app::records::{Site, SiteInput};
use canon_desk_app::{sites, Result};

use super::{shielded, State};

/// Sites, by name.
#[tauri::command]
#[specta::specta]
pub async fn sites_list(ctx: State<'_>) -> Result<Vec<Site>> {
    shielded(ctx, |c| async move { sites::list(&c).await }).await
}

/// Adds a site.
#[tauri::command]
#[specta::specta]
pub async fn site_create(ctx: State<'_>, input: SiteInput) -> Result<Site> {
    shielded(ctx, |c| async move { sites::create(&c, input).await }).await
}
