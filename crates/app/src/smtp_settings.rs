//! The user's SMTP server: saved in the settings table without the password, whose
//! only home is the OS keychain.

use serde::{Deserialize, Serialize};

use crate::mailer::{FailureCode, SmtpConfig};
use crate::secrets::smtp_key;
use crate::{Ctx, Error, ErrorCode, Result};

/// The settings key under which the configuration is stored as JSON.
pub const SETTING_KEY: &str = "smtp";

/// The SMTP settings as the interface sees them: never the password, only whether one
/// is saved in the keychain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SmtpSettings {
    /// The server, when one is set up; without one, requests go through the mail client.
    pub config: Option<SmtpConfig>,
    /// Whether a password is saved in the keychain for this server and user name.
    pub has_password: bool,
    /// Whether the OS keychain answered. When it did not (no Secret Service, a
    /// locked collection), the settings still open and save; only the password,
    /// which has no other home, cannot be saved or read until it answers again.
    pub keychain_available: bool,
}

/// The result of trying the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTest {
    /// Whether the server answered and accepted the login.
    pub ok: bool,
    /// What kind of failure, when it failed.
    pub code: Option<FailureCode>,
    /// The server's or the network's words, when it failed.
    pub reason: Option<String>,
}

/// The saved configuration, if any.
pub(crate) fn config(ctx: &Ctx) -> Result<Option<SmtpConfig>> {
    let raw = ctx.store().setting(SETTING_KEY)?;
    raw.map(|json| {
        serde_json::from_str(&json)
            .map_err(|e| Error::internal(format!("stored SMTP settings are unreadable: {e}")))
    })
    .transpose()
}

/// The password for `config`, read from the keychain off the async threads because
/// the keychain call blocks. `None` when the server needs no login or none is saved.
pub(crate) async fn password(ctx: &Ctx, config: &SmtpConfig) -> Result<Option<String>> {
    if config.username.is_empty() {
        return Ok(None);
    }
    let secrets = ctx.secrets();
    let key = smtp_key(&config.username, &config.host);
    tokio::task::spawn_blocking(move || secrets.get(&key))
        .await
        .map_err(|e| Error::internal(format!("keychain task: {e}")))?
}

/// The current settings. A keychain that does not answer is not an error here: the
/// settings open all the same and say so, so the user can still set up everything
/// that needs no password, and sees what to do about the keychain.
pub async fn get(ctx: &Ctx) -> Result<SmtpSettings> {
    let config = config(ctx)?;
    let (has_password, keychain_available) = match &config {
        Some(c) => match password(ctx, c).await {
            Ok(saved) => (saved.is_some(), true),
            Err(e) if e.code == ErrorCode::Keychain => {
                tracing::warn!(error = %e.message, "the keychain is unavailable");
                (false, false)
            }
            Err(e) => return Err(e),
        },
        None => (false, true),
    };
    Ok(SmtpSettings {
        config,
        has_password,
        keychain_available,
    })
}

/// Saves the server settings (validated; the password is not part of them).
pub async fn save(ctx: &Ctx, config: SmtpConfig) -> Result<SmtpSettings> {
    config.validate()?;
    let json = serde_json::to_string(&config)
        .map_err(|e| Error::internal(format!("encoding SMTP settings: {e}")))?;
    ctx.store().set_setting(SETTING_KEY, &json)?;
    tracing::info!(host = %config.host, port = config.port, "SMTP settings saved");
    get(ctx).await
}

/// Saves the password of the configured server in the keychain. An empty password
/// forgets the saved one.
pub async fn set_password(ctx: &Ctx, password: String) -> Result<SmtpSettings> {
    let config = config(ctx)?.ok_or_else(not_configured)?;
    if config.username.is_empty() {
        return Err(Error {
            code: ErrorCode::Validation,
            message: "set a user name before a password".to_owned(),
            field: Some("username".to_owned()),
        });
    }
    let secrets = ctx.secrets();
    let key = smtp_key(&config.username, &config.host);
    tokio::task::spawn_blocking(move || {
        if password.is_empty() {
            secrets.delete(&key)
        } else {
            secrets.set(&key, &password)
        }
    })
    .await
    .map_err(|e| Error::internal(format!("keychain task: {e}")))??;
    get(ctx).await
}

/// Connects to the configured server and logs in, without sending anything.
pub async fn test(ctx: &Ctx) -> Result<ConnectionTest> {
    let config = config(ctx)?.ok_or_else(not_configured)?;
    let password = password(ctx, &config).await?;
    Ok(outcome(
        ctx.mailer().test(&config, password.as_deref()).await,
    ))
}

/// Sends a real message to the sender address through the saved settings, so the
/// user sees a whole delivery work (the connection test only logs in). The words
/// come from the interface, in the user's language; an empty subject or body is
/// refused.
pub async fn send_test(ctx: &Ctx, subject: String, body: String) -> Result<ConnectionTest> {
    let config = config(ctx)?.ok_or_else(not_configured)?;
    if subject.trim().is_empty() || body.trim().is_empty() {
        return Err(Error {
            code: ErrorCode::Validation,
            message: "a test message needs a subject and a text".to_owned(),
            field: None,
        });
    }
    let message_id = crate::mailer::new_message_id(&config.from_address);
    let message = crate::mailer::build_message(
        &config,
        &crate::mailer::Letter {
            to: &config.from_address,
            subject: &subject,
            body: &body,
            attachments: &[],
            message_id: &message_id,
            date: ctx.now(),
        },
    )?;
    let password = password(ctx, &config).await?;
    let delivered = ctx
        .mailer()
        .deliver(&config, password.as_deref(), &message)
        .await;
    match &delivered {
        Ok(()) => tracing::info!(host = %config.host, "test message delivered"),
        Err(f) => {
            tracing::warn!(host = %config.host, code = f.code.as_str(), "test message failed")
        }
    }
    Ok(outcome(delivered))
}

/// A mailer's answer as the interface reads it.
fn outcome(result: std::result::Result<(), crate::mailer::MailFailure>) -> ConnectionTest {
    match result {
        Ok(()) => ConnectionTest {
            ok: true,
            code: None,
            reason: None,
        },
        Err(f) => ConnectionTest {
            ok: false,
            code: Some(f.code),
            reason: Some(f.reason),
        },
    }
}

/// The error when an SMTP action is asked for before a server is set up.
pub(crate) fn not_configured() -> Error {
    Error {
        code: ErrorCode::NotConfigured,
        message: "no SMTP server is set up".to_owned(),
        field: None,
    }
}
