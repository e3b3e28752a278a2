//! Contract commands.

use canon_desk_app::records::ContractSummary;
use canon_desk_app::{contracts, Result};

use super::{shielded, State};

/// Contracts, by number.
#[tauri::command]
#[specta::specta]
pub async fn contracts_list(ctx: State<'_>) -> Result<Vec<ContractSummary>> {
    shielded(ctx, |c| async move { contracts::list(&c).await }).await
}
