//! The billing wizards' requests to Canon France: draft, prepare, send (SMTP or the
//! user's mail client), outbox and retry, phone calls, and the request history.
//!
//! The message to Canon is always French (composed by `canon_desk_core::email_fr`);
//! the interface shows an English or Italian summary of what it says beside it.

mod bank;
mod draft;
mod phone;
mod send;
mod summary;

pub use bank::{check_bank_details, set_known_bank_details, BankCheck, BankVerdict};
pub use draft::{
    create, edit_message, stage_attachment, AttachmentInput, CounterInput, DraftInput, Prepared,
    Warning, ATTACHMENTS_DIR,
};
pub use phone::{call_sheet, record_call_outcome, CallSheet};
pub use send::{
    awaits_mail_client_answer, confirm_mail_client, hand_to_mail_client, retry, send, MailtoHandoff,
};
pub use summary::Summary;

use canon_desk_core::catalogue::Situation;
use canon_desk_store::{RecordChange, Reminder, Request, RequestStatus, Transition};

use crate::{Ctx, Error, ErrorCode, Result};

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

/// Canon handled the request: it is marked done and the records it concerns follow.
/// Parting with an owned device takes it out of the active fleet (its history stays);
/// invoices by email switch the contract to email delivery at the role address.
pub async fn complete(ctx: &Ctx, id: i64, outcome: String) -> Result<Request> {
    let now = ctx.now();
    let mut store = ctx.store();
    let request = store.request(id)?;
    let facts = draft::stored_input(&request)?;
    let mut changes = Vec::new();
    match request.draft.situation {
        Situation::DisposeOwnedDevice => {
            let device_id = request.draft.device_id.ok_or_else(|| missing("deviceId"))?;
            changes.push(RecordChange::DisposeDevice { device_id });
        }
        Situation::InvoicesByEmail => {
            let contract_id = request
                .draft
                .contract_id
                .ok_or_else(|| missing("contractId"))?;
            let address = facts
                .facts
                .invoice_email
                .clone()
                .filter(|a| !a.trim().is_empty())
                .ok_or_else(|| missing("invoiceEmail"))?;
            changes.push(RecordChange::InvoicesByEmail {
                contract_id,
                address: address.trim().to_owned(),
            });
        }
        _ => {}
    }
    Ok(store.complete_request(id, Some(&outcome), &changes, now)?)
}

/// The error for a request that lacks what its completion needs.
fn missing(field: &str) -> Error {
    Error {
        code: ErrorCode::Validation,
        message: format!("the request has no {field}"),
        field: Some(field.to_owned()),
    }
}
