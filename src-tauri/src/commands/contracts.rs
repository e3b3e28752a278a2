//! Contract commands.

use canon_desk_app::contracts;
use canon_desk_app::contracts::NewContract;
use canon_desk_app::records::{
    Contract, ContractForm, ContractMatches, ContractPage, ContractSummary,
};
use chrono::NaiveDate;

use super::{shielded, Answer, State};

/// Contracts, by number.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contracts_list(ctx: State<'_>) -> Answer<Vec<ContractSummary>> {
    shielded(&ctx, |c| async move { contracts::list(&c).await })
}

/// One page of the contracts, by number.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contracts_page(ctx: State<'_>, offset: i64, limit: i64) -> Answer<ContractPage> {
    shielded(&ctx, move |c| async move {
        contracts::page(&c, offset, limit).await
    })
}

/// The contracts with these ids, for labels and a wizard's choice.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contracts_get(ctx: State<'_>, ids: Vec<i64>) -> Answer<Vec<ContractSummary>> {
    shielded(&ctx, |c| async move { contracts::by_ids(&c, ids).await })
}

/// The first contracts whose number contains `query`, and how many match.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contracts_search(ctx: State<'_>, query: String) -> Answer<ContractMatches> {
    shielded(
        &ctx,
        move |c| async move { contracts::search(&c, query).await },
    )
}

/// One contract in full, with its PO history and devices.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contract_get(ctx: State<'_>, id: i64) -> Answer<Contract> {
    shielded(&ctx, move |c| async move { contracts::get(&c, id).await })
}

/// Creates a contract with its first PO number and devices.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contract_create(ctx: State<'_>, input: NewContract) -> Answer<Contract> {
    shielded(
        &ctx,
        move |c| async move { contracts::create(&c, input).await },
    )
}

/// Edits a contract's fields.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contract_update(ctx: State<'_>, id: i64, form: ContractForm) -> Answer<Contract> {
    shielded(&ctx, move |c| async move {
        contracts::update(&c, id, form).await
    })
}

/// Sets a new PO number; the previous one is closed and kept.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contract_set_po(
    ctx: State<'_>,
    id: i64,
    po_number: String,
    valid_from: NaiveDate,
) -> Answer<Contract> {
    shielded(&ctx, move |c| async move {
        contracts::set_po(&c, id, po_number, valid_from).await
    })
}

/// Makes the contract cover exactly these devices.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contract_link_devices(ctx: State<'_>, id: i64, device_ids: Vec<i64>) -> Answer<Contract> {
    shielded(&ctx, move |c| async move {
        contracts::link_devices(&c, id, device_ids).await
    })
}

/// Deletes a contract (undoable).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contract_delete(ctx: State<'_>, id: i64) -> Answer<Contract> {
    shielded(
        &ctx,
        move |c| async move { contracts::delete(&c, id).await },
    )
}

/// Undoes a contract deletion.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn contract_restore(ctx: State<'_>, id: i64) -> Answer<Contract> {
    shielded(
        &ctx,
        move |c| async move { contracts::restore(&c, id).await },
    )
}
