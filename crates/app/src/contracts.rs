//! Use cases on contracts.

use canon_desk_store::{Contract, ContractForm, ContractMatches, ContractPage, ContractSummary};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Ctx, Result};

/// A new contract: its fields, its first PO number and the devices it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewContract {
    /// The contract's fields.
    pub contract: ContractForm,
    /// The first PO number, if known.
    pub po_number: Option<String>,
    /// When that PO number starts to apply (defaults to the contract's start).
    pub po_valid_from: Option<NaiveDate>,
    /// Devices covered.
    pub device_ids: Vec<i64>,
}

/// The first contracts whose number contains `query`, by number, and how many
/// match: what the contract filter lists as the user types, never the whole list.
pub async fn search(ctx: &Ctx, query: String) -> Result<ContractMatches> {
    Ok(ctx
        .store()
        .search_contracts(&query, crate::sites::PICKER_MATCHES)?)
}

/// One page of the contracts, by number, each with the PO number in force today,
/// and how many there are: the Contracts screen shows the first page and reads
/// more when asked.
pub async fn page(ctx: &Ctx, offset: i64, limit: i64) -> Result<ContractPage> {
    crate::limits::check_page(offset, limit)?;
    let today = crate::requests::today_paris(ctx.now());
    Ok(ctx.store().page_contracts(today, offset, limit)?)
}

/// The contracts with these ids (deleted ones included), each with the PO number in
/// force today: the labels of the requests listed, the contract a wizard chose.
pub async fn by_ids(ctx: &Ctx, ids: Vec<i64>) -> Result<Vec<ContractSummary>> {
    let today = crate::requests::today_paris(ctx.now());
    Ok(ctx.store().contracts_by_ids(&ids, today)?)
}

/// Contracts, by number, each with the PO number in force today (in Paris, the
/// zone Canon France's periods follow).
pub async fn list(ctx: &Ctx) -> Result<Vec<ContractSummary>> {
    let today = crate::requests::today_paris(ctx.now());
    Ok(ctx.store().list_contracts(today)?)
}

/// One contract in full, with its PO history and devices.
pub async fn get(ctx: &Ctx, id: i64) -> Result<Contract> {
    Ok(ctx.store().contract(id)?)
}

/// Creates a contract.
pub async fn create(ctx: &Ctx, input: NewContract) -> Result<Contract> {
    let now = ctx.now();
    let po = input.po_number.as_deref().map(|p| (p, input.po_valid_from));
    Ok(ctx
        .store()
        .create_contract_record(&input.contract, po, &input.device_ids, now)?)
}

/// Edits a contract's fields.
pub async fn update(ctx: &Ctx, id: i64, form: ContractForm) -> Result<Contract> {
    let now = ctx.now();
    Ok(ctx.store().update_contract(id, &form, now)?)
}

/// Sets a new PO number from `valid_from`; the previous one is closed and kept.
pub async fn set_po(
    ctx: &Ctx,
    id: i64,
    po_number: String,
    valid_from: NaiveDate,
) -> Result<Contract> {
    let now = ctx.now();
    Ok(ctx
        .store()
        .set_contract_po(id, &po_number, valid_from, now)?)
}

/// Makes the contract cover exactly these devices.
pub async fn link_devices(ctx: &Ctx, id: i64, device_ids: Vec<i64>) -> Result<Contract> {
    let now = ctx.now();
    Ok(ctx.store().link_contract_devices(id, &device_ids, now)?)
}

/// Deletes a contract (soft: undoable with [`restore`]).
pub async fn delete(ctx: &Ctx, id: i64) -> Result<Contract> {
    let now = ctx.now();
    Ok(ctx.store().delete_contract(id, now)?)
}

/// Undoes [`delete`].
pub async fn restore(ctx: &Ctx, id: i64) -> Result<Contract> {
    let now = ctx.now();
    Ok(ctx.store().restore_contract(id, now)?)
}

/// Sets (or clears) the last day of the current PO number's period; the next PO
/// number is then due at Canon a month before the new period.
pub async fn set_po_end(ctx: &Ctx, id: i64, valid_to: Option<NaiveDate>) -> Result<Contract> {
    let now = ctx.now();
    Ok(ctx.store().set_contract_po_end(id, valid_to, now)?)
}
