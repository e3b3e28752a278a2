//! Site commands.

use canon_desk_app::records::{Site, SiteInput, SiteMatches};
use canon_desk_app::{sites, Result};

use super::{shielded, State};

/// Sites, by name.
#[tauri::command]
#[specta::specta]
pub async fn sites_list(ctx: State<'_>) -> Result<Vec<Site>> {
    shielded(ctx, |c| async move { sites::list(&c).await }).await
}

/// The first sites whose name contains `query`, and how many match.
#[tauri::command]
#[specta::specta]
pub async fn sites_search(ctx: State<'_>, query: String) -> Result<SiteMatches> {
    shielded(ctx, move |c| async move { sites::search(&c, query).await }).await
}

/// Adds a site.
#[tauri::command]
#[specta::specta]
pub async fn site_create(ctx: State<'_>, input: SiteInput) -> Result<Site> {
    shielded(ctx, |c| async move { sites::create(&c, input).await }).await
}

/// Edits a site.
#[tauri::command]
#[specta::specta]
pub async fn site_update(ctx: State<'_>, id: i64, input: SiteInput) -> Result<Site> {
    shielded(
        ctx,
        move |c| async move { sites::update(&c, id, input).await },
    )
    .await
}

/// Deletes a site (undoable).
#[tauri::command]
#[specta::specta]
pub async fn site_delete(ctx: State<'_>, id: i64) -> Result<Site> {
    shielded(ctx, move |c| async move { sites::delete(&c, id).await }).await
}

/// Undoes a site deletion.
#[tauri::command]
#[specta::specta]
pub async fn site_restore(ctx: State<'_>, id: i64) -> Result<Site> {
    shielded(ctx, move |c| async move { sites::restore(&c, id).await }).await
}
