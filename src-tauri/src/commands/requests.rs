//! Billing-request commands: the catalogue of situations, drafts, sending (SMTP or the
//! mail client), the outbox, phone calls, the history and the bank-details check.

use canon_desk_app::requests::{
    self, AttachmentInput, BankCheck, CallSheet, DraftInput, MailtoHandoff, Prepared,
};
use canon_desk_app::upload::Upload;
use canon_desk_core::catalogue::{Entry, CATALOGUE};
use canon_desk_store::{Reminder, Request};

use super::{shielded, Answer, State};

/// The ten billing situations of Canon France's sheet, in the sheet's order.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn requests_catalogue(ctx: State<'_>) -> Answer<Vec<Entry>> {
    shielded(&ctx, |_| async move { Ok(CATALOGUE.to_vec()) })
}

/// The request history, newest first.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn requests_list(ctx: State<'_>) -> Answer<Vec<Request>> {
    shielded(&ctx, |c| async move { requests::list(&c).await })
}

/// Requests that could not be sent, with their reasons.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn requests_outbox(ctx: State<'_>) -> Answer<Vec<Request>> {
    shielded(&ctx, |c| async move { requests::outbox(&c).await })
}

/// One request.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_get(ctx: State<'_>, id: i64) -> Answer<Request> {
    shielded(&ctx, move |c| async move { requests::get(&c, id).await })
}

/// Creates a request from a wizard and prepares it for review.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_create(ctx: State<'_>, input: DraftInput) -> Answer<Prepared> {
    shielded(&ctx, |c| async move { requests::create(&c, input).await })
}

/// Saves the subject and body the user reviewed.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_edit_message(
    ctx: State<'_>,
    id: i64,
    subject: String,
    body: String,
) -> Answer<Request> {
    shielded(&ctx, move |c| async move {
        requests::edit_message(&c, id, subject, body).await
    })
}

/// Sends a request through the configured SMTP server (a failure lands in the outbox).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_send(ctx: State<'_>, id: i64) -> Answer<Request> {
    shielded(&ctx, move |c| async move { requests::send(&c, id).await })
}

/// Tries an outbox request again.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_retry(ctx: State<'_>, id: i64) -> Answer<Request> {
    shielded(&ctx, move |c| async move { requests::retry(&c, id).await })
}

/// Requests left being sent when the app stopped: each may have reached Canon.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn requests_in_doubt(ctx: State<'_>) -> Answer<Vec<Request>> {
    shielded(&ctx, |c| async move { requests::in_doubt(&c).await })
}

/// The user found a request left being sent in their sent folder: it is marked sent.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_mark_sent(ctx: State<'_>, id: i64) -> Answer<Request> {
    shielded(
        &ctx,
        move |c| async move { requests::mark_sent(&c, id).await },
    )
}

/// The user did not find it there: it is sent again, as the same message.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_send_again(ctx: State<'_>, id: i64) -> Answer<Request> {
    shielded(
        &ctx,
        move |c| async move { requests::send_again(&c, id).await },
    )
}

/// Hands a request to the user's mail client: its channel becomes the mail client,
/// and its `mailto:` URL is opened by the desktop (see [`open_mailto`]).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_mail_client(
    app: tauri::AppHandle,
    ctx: State<'_>,
    id: i64,
) -> Answer<MailtoHandoff> {
    let handoff = shielded(&ctx, move |c| async move {
        requests::hand_to_mail_client(&c, id).await
    });
    Answer::new(async move {
        let mut handoff = handoff.await?;
        handoff.opened = match open_mailto(&app, &handoff.url) {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(id, error = %e, "no mail client opened the mailto: URL");
                false
            }
        };
        Ok(handoff)
    })
}

/// With this variable set to a file, the `mailto:` URLs of mail-client hand-offs are
/// appended to that file, one a line, instead of being opened: the end-to-end tests
/// read them there, and no mail client starts. Nothing else reads it.
pub const MAILTO_LOG_ENV: &str = "CANON_DESK_MAILTO_LOG";

/// Asks the desktop to open a `mailto:` URL (WebKitGTK does not pass a `mailto:`
/// navigation on), or writes it to [`MAILTO_LOG_ENV`]'s file when that is set.
fn open_mailto(app: &tauri::AppHandle, url: &str) -> std::result::Result<(), String> {
    if !url.starts_with("mailto:") {
        return Err(format!("not a mailto: URL: {url}"));
    }
    if let Some(log) = std::env::var_os(MAILTO_LOG_ENV) {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .map_err(|e| e.to_string())?;
        return writeln!(file, "{url}").map_err(|e| e.to_string());
    }
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| e.to_string())
}

/// Keeps a file chosen in the wizard, ready to attach to a request.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_attachment_stage(
    ctx: State<'_>,
    file: Upload,
    kind: String,
) -> Answer<AttachmentInput> {
    shielded(&ctx, move |c| async move {
        requests::stage_attachment(&c, file, kind).await
    })
}

/// The user sent the request from their mail client: marks it sent.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_mail_client_sent(ctx: State<'_>, id: i64) -> Answer<Request> {
    shielded(&ctx, move |c| async move {
        requests::confirm_mail_client(&c, id).await
    })
}

/// The call sheet of a phone request; `user_zone` is the interface's IANA zone.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_call_sheet(ctx: State<'_>, id: i64, user_zone: String) -> Answer<CallSheet> {
    shielded(&ctx, move |c| async move {
        requests::call_sheet(&c, id, user_zone).await
    })
}

/// Records what Canon said on the phone.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_record_call(ctx: State<'_>, id: i64, outcome: String) -> Answer<Request> {
    shielded(&ctx, move |c| async move {
        requests::record_call_outcome(&c, id, outcome).await
    })
}

/// Canon confirmed receipt.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_acknowledge(ctx: State<'_>, id: i64, note: String) -> Answer<Request> {
    shielded(&ctx, move |c| async move {
        requests::acknowledge(&c, id, note).await
    })
}

/// Canon handled the request; the records it concerns follow.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_complete(ctx: State<'_>, id: i64, outcome: String) -> Answer<Request> {
    shielded(&ctx, move |c| async move {
        requests::complete(&c, id, outcome).await
    })
}

/// The user gives a request up.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_cancel(ctx: State<'_>, id: i64) -> Answer<Request> {
    shielded(&ctx, move |c| async move { requests::cancel(&c, id).await })
}

/// Takes back a draft prepared for the wizard's review that the user did not keep.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_discard(ctx: State<'_>, id: i64) -> Answer<()> {
    shielded(
        &ctx,
        move |c| async move { requests::discard(&c, id).await },
    )
}

/// The reminders a request planned.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn request_reminders(ctx: State<'_>, id: i64) -> Answer<Vec<Reminder>> {
    shielded(
        &ctx,
        move |c| async move { requests::reminders(&c, id).await },
    )
}

/// Checks the IBAN and BIC printed on an invoice against the known-good details.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn bank_check(ctx: State<'_>, iban: String, bic: String) -> Answer<BankCheck> {
    shielded(&ctx, move |c| async move {
        requests::check_bank_details(&c, iban, bic).await
    })
}

/// Records the known-good IBAN and BIC from a genuine invoice.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn bank_set_known(ctx: State<'_>, iban: String, bic: String) -> Answer<()> {
    shielded(&ctx, move |c| async move {
        requests::set_known_bank_details(&c, iban, bic).await
    })
}
