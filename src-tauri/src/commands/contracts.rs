//! Contract commands.

use canon_desk_app::contracts::NewContract;
use canon_desk_app::records::{
    Contract, ContractForm, ContractMatches, ContractPage, ContractSummary,
};
use canon_desk_app::{contracts, Result};
use chrono::NaiveDate;

use super::{shielded, State};

/// Contracts, by number.
#[tauri::command]
#[specta::specta]
pub async fn contracts_list(ctx: State<'_>) -> Result<Vec<ContractSummary>> {
    shielded(ctx, |c| async move { contracts::list(&c).await }).await
}

/// One page of the contracts, by number.
#[tauri::command]
#[specta::specta]
pub async fn contracts_page(ctx: State<'_>, offset: i64, limit: i64) -> Result<ContractPage> {
    shielded(ctx, move |c| async move {
        contracts::page(&c, offset, limit).await
    })
    .await
}

/// The contracts with these ids, for labels and a wizard's choice.
#[tauri::command]
#[specta::specta]
pub async fn contracts_get(ctx: State<'_>, ids: Vec<i64>) -> Result<Vec<ContractSummary>> {
    shielded(ctx, |c| async move { contracts::by_ids(&c, ids).await }).await
}

/// The first contracts whose number contains `query`, and how many match.
#[tauri::command]
#[specta::specta]
pub async fn contracts_search(ctx: State<'_>, query: String) -> Result<ContractMatches> {
    shielded(
        ctx,
        move |c| async move { contracts::search(&c, query).await },
    )
    .await
}

/// One contract in full, with its PO history and devices.
#[tauri::command]
#[specta::specta]
pub async fn contract_get(ctx: State<'_>, id: i64) -> Result<Contract> {
    shielded(ctx, move |c| async move { contracts::get(&c, id).await }).await
}

/// Creates a contract with its first PO number and devices.
#[tauri::command]
#[specta::specta]
pub async fn contract_create(ctx: State<'_>, input: NewContract) -> Result<Contract> {
    shielded(
        ctx,
        move |c| async move { contracts::create(&c, input).await },
    )
    .await
}

/// Edits a contract's fields.
#[tauri::command]
#[specta::specta]
pub async fn contract_update(ctx: State<'_>, id: i64, form: ContractForm) -> Result<Contract> {
    shielded(ctx, move |c| async move {
        contracts::update(&c, id, form).await
    })
    .await
}

/// Sets a new PO number; the previous one is closed and kept.
#[tauri::command]
#[specta::specta]
pub async fn contract_set_po(
    ctx: State<'_>,
    id: i64,
    po_number: String,
    valid_from: NaiveDate,
) -> Result<Contract> {
    shielded(ctx, move |c| async move {
        contracts::set_po(&c, id, po_number, valid_from).await
    })
    .await
}

/// Makes the contract cover exactly these devices.
#[tauri::command]
#[specta::specta]
pub async fn contract_link_devices(
    ctx: State<'_>,
    id: i64,
    device_ids: Vec<i64>,
) -> Result<Contract> {
    shielded(ctx, move |c| async move {
        contracts::link_devices(&c, id, device_ids).await
    })
    .await
}

/// Deletes a contract (undoable).
#[tauri::command]
#[specta::specta]
pub async fn contract_delete(ctx: State<'_>, id: i64) -> Result<Contract> {
    shielded(ctx, move |c| async move { contracts::delete(&c, id).await }).await
}

/// Undoes a contract deletion.
#[tauri::command]
#[specta::specta]
pub async fn contract_restore(ctx: State<'_>, id: i64) -> Result<Contract> {
    shielded(
        ctx,
        move |c| async move { contracts::restore(&c, id).await },
    )
    .await
}
