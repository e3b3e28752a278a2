//! Use cases on sites.

use canon_desk_store::{Site, SiteInput};

use crate::{Ctx, Result};

/// Sites, by name.
pub async fn list(ctx: &Ctx) -> Result<Vec<Site>> {
    Ok(ctx.store().list_sites()?)
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
