//! Use cases on sites.

use canon_desk_store::{Site, SiteInput, SiteMatches};

use crate::{Ctx, Result};

/// Sites, by name.
pub async fn list(ctx: &Ctx) -> Result<Vec<Site>> {
    Ok(ctx.store().list_sites()?)
}

/// How many matches a picker (a filter, a form's site) lists at once; more asks the
/// user to narrow the search.
pub const PICKER_MATCHES: i64 = 50;

/// The first sites whose name contains `query`, by name, and how many match: what
/// a site picker lists as the user types, never the whole list.
pub async fn search(ctx: &Ctx, query: String) -> Result<SiteMatches> {
    Ok(ctx.store().search_sites(&query, PICKER_MATCHES)?)
}

/// Adds a site.
pub async fn create(ctx: &Ctx, input: SiteInput) -> Result<Site> {
    let now = ctx.now();
    Ok(ctx.store().create_site(&input, now)?)
}

/// Archives a site; refused (conflict) while devices stand there.
pub async fn delete(ctx: &Ctx, id: i64) -> Result<Site> {
    let now = ctx.now();
    Ok(ctx.store().delete_site(id, now)?)
}

/// Edits a site.
pub async fn update(ctx: &Ctx, id: i64, input: SiteInput) -> Result<Site> {
    let now = ctx.now();
    Ok(ctx.store().update_site(id, &input, now)?)
}

/// Undoes [`delete`].
pub async fn restore(ctx: &Ctx, id: i64) -> Result<Site> {
    let now = ctx.now();
    Ok(ctx.store().restore_site(id, now)?)
}
