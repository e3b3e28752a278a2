//! Sending a request by SMTP (or handing it to the mail client), the outbox and retry.

use std::path::{Path, PathBuf};

use canon_desk_store::{Attachment, Request, RequestChannel, RequestStatus, Transition};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use super::draft::ATTACHMENTS_DIR;
use crate::documents::DOCUMENTS_DIR;
use crate::mailer::{build_message, FileAttachment};
use crate::smtp_settings;
use crate::{Ctx, Error, ErrorCode, Result};

/// A request handed to the user's mail client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MailtoHandoff {
    /// The `mailto:` URL with the recipient, subject and body.
    pub url: String,
    /// The request, its channel now the mail client: it is marked sent only when
    /// the user confirms with [`confirm_mail_client`] that the mail client sent it.
    pub request: Request,
    /// Whether the desktop took the URL to a mail client: `false` from
    /// [`hand_to_mail_client`]; the shell that opens the URL sets it.
    pub opened: bool,
}

fn recipient(request: &Request) -> Result<String> {
    request
        .draft
        .recipient
        .clone()
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| Error {
            code: ErrorCode::Validation,
            message: "the request has no recipient".to_owned(),
            field: Some("recipient".to_owned()),
        })
}

/// Sends the request through the configured SMTP server. A failure of the server or
/// the network is not an error of this call: the request goes to the outbox with the
/// reason and is returned, so nothing typed is lost and it can be retried.
pub async fn send(ctx: &Ctx, id: i64) -> Result<Request> {
    let config = smtp_settings::config(ctx)?.ok_or_else(smtp_settings::not_configured)?;
    let request = ctx.store().request(id)?;
    pending(&request)?;
    let to = recipient(&request)?;
    let mut files = Vec::new();
    for a in &request.draft.attachments {
        let path = attachment_path(ctx, a)?;
        let bytes = tokio::fs::read(&path).await.map_err(|e| Error {
            code: ErrorCode::Validation,
            message: format!("attachment {} cannot be read: {e}", a.file_name),
            field: Some("attachments".to_owned()),
        })?;
        files.push(FileAttachment {
            file_name: a.file_name.clone(),
            bytes,
        });
    }
    let message = build_message(
        &config,
        &to,
        &request.draft.subject,
        &request.draft.body,
        &files,
    )?;
    let password = smtp_settings::password(ctx, &config).await?;
    // The exact message is kept before it goes, under its content hash in the
    // documents: a write that fails stops here, before anything is sent, rather than
    // after, when a retry would send the message a second time.
    let docs = ctx.data_dir().join(DOCUMENTS_DIR);
    let (eml_sha256, _size) = canon_desk_store::store_bytes(&docs, &message.formatted())?;
    let result = ctx
        .mailer()
        .deliver(&config, password.as_deref(), &message)
        .await;
    let now = ctx.now();
    match result {
        Ok(()) => {
            let mut store = ctx.store();
            let sent = store.record_sent_email(id, &docs, &eml_sha256, now)?;
            tracing::info!(id, "request sent");
            Ok(sent)
        }
        Err(failure) => {
            tracing::warn!(
                id,
                code = failure.code.as_str(),
                "request kept in the outbox"
            );
            let transition = Transition::Failed {
                code: failure.code.as_str().to_owned(),
                reason: failure.reason,
            };
            Ok(ctx.store().transition_request(id, &transition, None, now)?)
        }
    }
}

/// Where an attachment's file is: the request's document stored under its content
/// hash or, for a request made before attachments were documents, the path it kept,
/// accepted only inside the data folder's `attachments/`.
fn attachment_path(ctx: &Ctx, a: &Attachment) -> Result<PathBuf> {
    let unreadable = |reason: &str| Error {
        code: ErrorCode::Validation,
        message: format!("attachment {} cannot be read: {reason}", a.file_name),
        field: Some("attachments".to_owned()),
    };
    if let Some(hash) = &a.sha256 {
        return Ok(canon_desk_store::blob_path(
            &ctx.data_dir().join(DOCUMENTS_DIR),
            hash,
        )?);
    }
    let path = a
        .path
        .as_deref()
        .ok_or_else(|| unreadable("it names no file"))?;
    let root = ctx
        .data_dir()
        .join(ATTACHMENTS_DIR)
        .canonicalize()
        .map_err(|e| unreadable(&e.to_string()))?;
    let resolved = Path::new(path)
        .canonicalize()
        .map_err(|e| unreadable(&e.to_string()))?;
    if resolved.starts_with(&root) && resolved.is_file() {
        Ok(resolved)
    } else {
        Err(unreadable("it lies outside the data folder"))
    }
}

/// Tries an outbox request again.
pub async fn retry(ctx: &Ctx, id: i64) -> Result<Request> {
    send(ctx, id).await
}

/// Hands the request to the user's mail client (no SMTP set up): records that its
/// channel is now the mail client and returns the `mailto:` URL to open. The request
/// stays unsent until the user says the mail went ([`confirm_mail_client`]): a mail
/// client may be closed without sending. Until then, a request still in the app whose
/// channel is the mail client is one the user must be asked about
/// ([`awaits_mail_client_answer`]), after a restart too. Attachments cannot travel in
/// a `mailto:` URL; the interface asks the user to attach them in the mail client.
pub async fn hand_to_mail_client(ctx: &Ctx, id: i64) -> Result<MailtoHandoff> {
    let now = ctx.now();
    let mut store = ctx.store();
    let request = store.request(id)?;
    pending(&request)?;
    let to = recipient(&request)?;
    let url = mailto_url(&to, &request.draft.subject, &request.draft.body);
    let request = if request.draft.channel == Some(RequestChannel::MailClient) {
        request
    } else {
        let mut draft = request.draft;
        draft.channel = Some(RequestChannel::MailClient);
        store.update_request(id, &draft, now)?
    };
    tracing::info!(id, "request handed to the mail client");
    Ok(MailtoHandoff {
        url,
        request,
        opened: false,
    })
}

/// Whether the user has to say if the mail client sent `request`: it was handed to
/// the mail client and has not left the app.
pub fn awaits_mail_client_answer(request: &Request) -> bool {
    request.draft.channel == Some(RequestChannel::MailClient)
        && matches!(request.status, RequestStatus::Draft | RequestStatus::Outbox)
}

/// The `mailto:` URL of a message (RFC 6068): every part percent-encoded, and the
/// body's line breaks as CRLF (`%0D%0A`), whatever the text held.
fn mailto_url(to: &str, subject: &str, body: &str) -> String {
    let crlf = body
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\r\n");
    let subject = subject.replace(['\r', '\n'], " ");
    format!(
        "mailto:{}?subject={}&body={}",
        utf8_percent_encode(to, MAILTO),
        utf8_percent_encode(&subject, MAILTO),
        utf8_percent_encode(&crlf, MAILTO)
    )
}

/// The user sent the request from their mail client: it is marked sent through
/// it, with the date, and its follow-up reminder is planned. Only a request handed
/// to the mail client ([`hand_to_mail_client`]) and still in the app can be.
pub async fn confirm_mail_client(ctx: &Ctx, id: i64) -> Result<Request> {
    let now = ctx.now();
    let mut store = ctx.store();
    let request = store.request(id)?;
    pending(&request)?;
    if !awaits_mail_client_answer(&request) {
        return Err(Error {
            code: ErrorCode::InvalidState,
            message: format!("request {id} was not handed to the mail client"),
            field: None,
        });
    }
    let transition = Transition::Sent {
        channel: RequestChannel::MailClient,
        eml_sha256: None,
    };
    let request = store.transition_request(id, &transition, None, now)?;
    tracing::info!(id, "request sent from the mail client");
    Ok(request)
}

/// Refuses a request that has already left the app.
fn pending(request: &Request) -> Result<()> {
    if matches!(request.status, RequestStatus::Draft | RequestStatus::Outbox) {
        Ok(())
    } else {
        Err(Error {
            code: ErrorCode::InvalidState,
            message: format!("request {} has already left the app", request.id),
            field: None,
        })
    }
}

/// What a `mailto:` URL leaves as is: RFC 3986's unreserved characters, and `@`,
/// which mail clients expect unencoded in addresses. Everything else (spaces,
/// line breaks, `&`, `?`, accents in UTF-8) is percent-encoded.
const MAILTO: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

#[cfg(test)]
mod tests {
    use percent_encoding::utf8_percent_encode;

    use super::{mailto_url, MAILTO};

    #[test]
    fn mailto_bodies_break_lines_with_crlf() {
        let url = mailto_url(
            "a@canon.example",
            "Objet\nsur deux lignes",
            "Bonjour,\n\nMerci.\r\nFin\r",
        );
        assert!(
            url.ends_with("&body=Bonjour%2C%0D%0A%0D%0AMerci.%0D%0AFin%0D%0A"),
            "every line break must become %0D%0A (RFC 6068): {url}"
        );
        assert!(
            url.contains("?subject=Objet%20sur%20deux%20lignes&"),
            "a subject keeps no line break: {url}"
        );
    }

    #[test]
    fn mailto_parts_are_encoded_for_any_mail_client() {
        let encoded = utf8_percent_encode("Relevés & co?\r\nN°1 = 100%", MAILTO).to_string();
        assert_eq!(
            encoded, "Relev%C3%A9s%20%26%20co%3F%0D%0AN%C2%B01%20%3D%20100%25",
            "accents, &, ?, line breaks and % must all be encoded"
        );
        assert_eq!(
            utf8_percent_encode("factures@canon.example", MAILTO).to_string(),
            "factures@canon.example",
            "an address must stay readable"
        );
    }
}
