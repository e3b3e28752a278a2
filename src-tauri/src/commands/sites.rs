//! Site commands.

use canon_desk_app::records::{Site, SiteInput, SiteMatches};
use canon_desk_app::sites;

use super::{shielded, Answer, State};

/// Sites, by name.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn sites_list(ctx: State<'_>) -> Answer<Vec<Site>> {
    shielded(&ctx, |c| async move { sites::list(&c).await })
}

/// The first sites whose name contains `query`, and how many match.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn sites_search(ctx: State<'_>, query: String) -> Answer<SiteMatches> {
    shielded(&ctx, move |c| async move { sites::search(&c, query).await })
}

/// Adds a site.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn site_create(ctx: State<'_>, input: SiteInput) -> Answer<Site> {
    shielded(&ctx, |c| async move { sites::create(&c, input).await })
}

/// Edits a site.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn site_update(ctx: State<'_>, id: i64, input: SiteInput) -> Answer<Site> {
    shielded(
        &ctx,
        move |c| async move { sites::update(&c, id, input).await },
    )
}

/// Deletes a site (undoable).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn site_delete(ctx: State<'_>, id: i64) -> Answer<Site> {
    shielded(&ctx, move |c| async move { sites::delete(&c, id).await })
}

/// Undoes a site deletion.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn site_restore(ctx: State<'_>, id: i64) -> Answer<Site> {
    shielded(&ctx, move |c| async move { sites::restore(&c, id).await })
}
