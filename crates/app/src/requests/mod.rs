//! The billing wizards' requests to Canon France: draft, prepare, send (SMTP or the
//! user's mail client), outbox and retry, phone calls, and the request history.
//!
//! The message to Canon is always French (composed by `canon_desk_core::email_fr`);
//! the interface shows an English or Italian summary of what it says beside it.

pub(crate) mod bank;
mod draft;
mod phone;
mod send;
mod summary;

pub use bank::{check_bank_details, set_known_bank_details, BankCheck, BankVerdict};
pub(crate) use draft::today_paris;
pub use draft::{
    create, edit_message, stage_attachment, AttachmentInput, CounterInput, DraftInput, Prepared,
    Warning, ATTACHMENTS_DIR,
};
pub use phone::{call_sheet, record_call_outcome, CallSheet};
pub use send::{
    awaits_mail_client_answer, confirm_mail_client, hand_to_mail_client, in_doubt, mark_sent,
    retry, send, send_again, MailtoHandoff,
};
pub use summary::Summary;

use canon_desk_core::catalogue::Situation;
use canon_desk_core::validate;
use canon_desk_store::{RecordChange, Reminder, Request, RequestStatus, Transition};

use crate::{Ctx, Result};

/// One request.
pub async fn get(ctx: &Ctx, id: i64) -> Result<Request> {
    Ok(ctx.store().request(id)?)
}

/// The request history, newest first.
pub async fn list(ctx: &Ctx) -> Result<Vec<Request>> {
    Ok(ctx.store().list_requests(None)?)
}

/// Requests that could not be sent, with their reasons, newest first.
pub async fn outbox(ctx: &Ctx) -> Result<Vec<Request>> {
    Ok(ctx.store().list_requests(Some(RequestStatus::Outbox))?)
}

/// The reminders a request planned.
pub async fn reminders(ctx: &Ctx, id: i64) -> Result<Vec<Reminder>> {
    Ok(ctx.store().request_reminders(id)?)
}

/// Canon confirmed receipt; `note` records what they said.
pub async fn acknowledge(ctx: &Ctx, id: i64, note: String) -> Result<Request> {
    let now = ctx.now();
    Ok(ctx
        .store()
        .transition_request(id, &Transition::Acknowledged, Some(&note), now)?)
}

/// The user gives the request up.
pub async fn cancel(ctx: &Ctx, id: i64) -> Result<Request> {
    let now = ctx.now();
    Ok(ctx
        .store()
        .transition_request(id, &Transition::Cancelled, None, now)?)
}

/// Takes back a draft the user never meant to make: the wizard prepared it for its
/// review and the user went Back or closed the review without sending, handing off,
/// phoning or keeping it as a draft. Nothing of it stays in the request history.
pub async fn discard(ctx: &Ctx, id: i64) -> Result<()> {
    let now = ctx.now();
    Ok(ctx.store().discard_draft(id, now)?)
}

/// Canon handled the request: it is marked done and, in the same transaction, the
/// records it concerns follow (each change in the audit log):
///
/// - parting with an owned device takes it out of the active fleet (its history stays);
/// - moving a device marks it moved (the new address is free text, so its site stays);
/// - automatic meters switch the device's meter transmission to automatic;
/// - a meter-reading answer saves the counters sent as manual readings of the day
///   the request was written, unless already recorded;
/// - terminating marks the contract terminated, ending on the effective date (the
///   day of completion when the request has none);
/// - a new PO number is pushed on the contract from the effective date (the previous
///   one is kept in the PO history);
/// - a change of billing entity gives the new entity's name, when the wizard was
///   given it, to the request's contract or else every contract covering the device;
/// - a new invoice address goes to the contracts with that customer number and to
///   the organisation, by email or post following its shape;
/// - invoices by email switch the contract to email delivery at the role address.
///
/// A change whose record the request does not name, or that was deleted since, is
/// left out: the request is completed all the same. Applying a change twice is
/// harmless (a record already as asked is left alone).
pub async fn complete(ctx: &Ctx, id: i64, outcome: String) -> Result<Request> {
    let now = ctx.now();
    let mut store = ctx.store();
    let request = store.request(id)?;
    let input = draft::stored_input(&request)?;
    let facts = &input.facts;
    let device = request.draft.device_id;
    let contract = request.draft.contract_id;
    let effective = request
        .draft
        .effective_on
        .unwrap_or_else(|| draft::today_paris(now));
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut changes = Vec::new();
    match request.draft.situation {
        Situation::DisposeOwnedDevice => {
            changes.extend(device.map(|device_id| RecordChange::DisposeDevice { device_id }));
        }
        Situation::MoveDevice => {
            changes.extend(device.map(|device_id| RecordChange::MoveDevice { device_id }));
        }
        Situation::EnableAutomaticMeters => {
            changes.extend(device.map(|device_id| RecordChange::AutomaticMeters { device_id }));
        }
        Situation::AnswerMeterReadingRequest => {
            if let Some(device_id) = device {
                let written = chrono::DateTime::parse_from_rfc3339(&request.created_at)
                    .map(|t| t.with_timezone(&chrono::Utc))
                    .unwrap_or(now);
                changes.push(RecordChange::Readings {
                    device_id,
                    read_on: input
                        .facts
                        .read_on
                        .unwrap_or_else(|| draft::today_paris(written)),
                    counters: input
                        .counters
                        .iter()
                        .map(|c| (c.counter.clone(), c.value))
                        .collect(),
                });
            }
        }
        Situation::TerminateContract => {
            changes.extend(contract.map(|contract_id| RecordChange::TerminateContract {
                contract_id,
                ends_on: effective,
            }));
        }
        Situation::ChangePoNumber => {
            if let (Some(contract_id), Some(po_number)) = (contract, text(&facts.po_number)) {
                changes.push(RecordChange::NewPoNumber {
                    contract_id,
                    po_number,
                    valid_from: effective,
                });
            }
        }
        Situation::ChangeBillingEntity => {
            if let Some(billing_entity) = text(&input.new_billing_entity) {
                let contracts = match (contract, device) {
                    (Some(id), _) => vec![id],
                    (None, Some(device_id)) => store.device_contract_ids(device_id)?,
                    (None, None) => Vec::new(),
                };
                changes.extend(contracts.into_iter().map(|contract_id| {
                    RecordChange::BillingEntity {
                        contract_id,
                        billing_entity: billing_entity.clone(),
                    }
                }));
            }
        }
        Situation::ChangeInvoiceAddress => {
            if let (Some(contract_id), Some(address)) = (contract, text(&facts.new_invoice_address))
            {
                changes.push(RecordChange::InvoiceAddress {
                    contract_id,
                    by_email: validate::email(&address).is_ok(),
                    address,
                });
            }
        }
        Situation::InvoicesByEmail => {
            if let (Some(contract_id), Some(address)) = (contract, text(&facts.invoice_email)) {
                changes.push(RecordChange::InvoicesByEmail {
                    contract_id,
                    address,
                });
            }
        }
        Situation::VerifyBankDetails => {}
    }
    Ok(store.complete_request(id, Some(&outcome), &changes, now)?)
}
