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
