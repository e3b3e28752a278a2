//! Sending a request by SMTP (or handing it to the mail client), the outbox and retry.

use canon_desk_store::{Request, RequestChannel, RequestStatus, Transition};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
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
    /// The request, unchanged: it is marked sent only when the user confirms
    /// with [`confirm_mail_client`] that the mail client sent it.
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
    pending(&request)?;
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

/// Prepares the request for the user's mail client (no SMTP set up): returns the
/// `mailto:` URL to open. The request stays as it is until the user says the mail
/// went ([`confirm_mail_client`]): a mail client may be closed without sending.
/// Attachments cannot travel in a `mailto:` URL; the interface asks the user to
/// attach them in the mail client.
pub async fn hand_to_mail_client(ctx: &Ctx, id: i64) -> Result<MailtoHandoff> {
    let request = ctx.store().request(id)?;
    pending(&request)?;
    let to = recipient(&request)?;
    let url = format!(
        "mailto:{}?subject={}&body={}",
        utf8_percent_encode(&to, MAILTO),
        utf8_percent_encode(&request.draft.subject, MAILTO),
        utf8_percent_encode(&request.draft.body, MAILTO)
    );
    Ok(MailtoHandoff { url, request })
}

/// The user sent the request from their mail client: it is marked sent through
/// it and its follow-up reminder is planned.
pub async fn confirm_mail_client(ctx: &Ctx, id: i64) -> Result<Request> {
    let now = ctx.now();
    let mut store = ctx.store();
    pending(&store.request(id)?)?;
    let transition = Transition::Sent {
        channel: RequestChannel::MailClient,
        eml: None,
    };
    let request = store.transition_request(id, &transition, None, now)?;
    store.plan_reminder(&follow_up(&request, now), now)?;
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

    use super::MAILTO;

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
