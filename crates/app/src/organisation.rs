//! Use cases on the organisation's identity.

use canon_desk_store::OrganisationProfile;

use crate::{Ctx, Result};

/// The organisation's full identity, once set up.
pub async fn get(ctx: &Ctx) -> Result<Option<OrganisationProfile>> {
    Ok(ctx.store().organisation_profile()?)
}

/// Validates (errors name the camelCase field: `siren`, `vatNumber`, `canonIban`...)
/// and saves the whole identity, customer numbers included.
pub async fn save(ctx: &Ctx, input: OrganisationProfile) -> Result<OrganisationProfile> {
    let now = ctx.now();
    Ok(ctx.store().save_organisation_profile(&input, now)?)
}
