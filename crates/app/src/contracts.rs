//! Use cases on contracts.

use canon_desk_store::ContractSummary;

use crate::{Ctx, Result};

/// Contracts, by number.
pub async fn list(ctx: &Ctx) -> Result<Vec<ContractSummary>> {
    Ok(ctx.store().list_contracts()?)
}
