//! Sending a request by SMTP (or handing it to the mail client), the outbox and retry.

use canon_desk_store::{Request, RequestChannel, RequestStatus, Transition};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::draft::follow_up;
use crate::mailer::{build_message, FileAttachment};
use crate::smtp_settings;
use crate::{Ctx, Error, ErrorCode, Result};

/// A request handed to the user's mail client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MailtoHandoff {
    /// The `mailto:` URL with the recipient, subject and body.
    pub url: String,
    /// The request, now marked sent through the mail client.
    pub request: Request,
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
    if !matches!(request.status, RequestStatus::Draft | RequestStatus::Outbox) {
        return Err(Error {
            code: ErrorCode::InvalidState,
            message: format!("request {id} has already left the app"),
            field: None,
        });
    }
    let to = recipient(&request)?;
    let mut files = Vec::new();
    for a in &request.draft.attachments {
        let bytes = tokio::fs::read(&a.path).await.map_err(|e| Error {
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
    let result = ctx
        .mailer()
        .deliver(&config, password.as_deref(), &message)
        .await;
    let now = ctx.now();
    match result {
        Ok(()) => {
            let bytes = message.formatted();
            let dir = ctx.data_dir().join("mail");
            tokio::fs::create_dir_all(&dir).await?;
            let path = dir.join(format!("{id}-{}.eml", now.format("%Y%m%dT%H%M%S%.3fZ")));
            tokio::fs::write(&path, &bytes).await?;
            let sha = hex::encode(Sha256::digest(&bytes));
            let transition = Transition::Sent {
                channel: RequestChannel::Email,
                eml: Some((path.display().to_string(), sha)),
            };
            let mut store = ctx.store();
            let sent = store.transition_request(id, &transition, None, now)?;
            store.plan_reminder(&follow_up(&sent, now), now)?;
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

/// Tries an outbox request again.
pub async fn retry(ctx: &Ctx, id: i64) -> Result<Request> {
    send(ctx, id).await
}

/// Hands the request to the user's mail client (no SMTP set up): returns the
/// `mailto:` URL to open and marks the request sent through the mail client.
/// Attachments cannot travel in a `mailto:` URL; the interface asks the user to
/// attach them in the mail client.
pub async fn hand_to_mail_client(ctx: &Ctx, id: i64) -> Result<MailtoHandoff> {
    let now = ctx.now();
    let mut store = ctx.store();
    let request = store.request(id)?;
    let to = recipient(&request)?;
    let url = format!(
        "mailto:{}?subject={}&body={}",
        encode(&to),
        encode(&request.draft.subject),
        encode(&request.draft.body)
    );
    let transition = Transition::Sent {
        channel: RequestChannel::MailClient,
        eml: None,
    };
    let request = store.transition_request(id, &transition, None, now)?;
    store.plan_reminder(&follow_up(&request, now), now)?;
    Ok(MailtoHandoff { url, request })
}

/// Percent-encodes everything but RFC 3986's unreserved characters (and `@` in
/// addresses, which mail clients expect as is).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
