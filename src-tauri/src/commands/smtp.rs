//! SMTP server commands. The password goes straight to the keychain; only
//! `hasPassword` ever comes back.

use canon_desk_app::mailer::SmtpConfig;
use canon_desk_app::smtp_settings::{self, ConnectionTest, SmtpSettings};
use canon_desk_app::Result;

use super::{shielded, State};

/// The SMTP settings (never the password).
#[tauri::command]
#[specta::specta]
pub async fn smtp_get(ctx: State<'_>) -> Result<SmtpSettings> {
    shielded(ctx, |c| async move { smtp_settings::get(&c).await }).await
}

/// Saves the server settings.
#[tauri::command]
#[specta::specta]
pub async fn smtp_save(ctx: State<'_>, config: SmtpConfig) -> Result<SmtpSettings> {
    shielded(
        ctx,
        |c| async move { smtp_settings::save(&c, config).await },
    )
    .await
}

/// Saves the password in the keychain (an empty one forgets it).
#[tauri::command]
#[specta::specta]
pub async fn smtp_set_password(ctx: State<'_>, password: String) -> Result<SmtpSettings> {
    shielded(ctx, |c| async move {
        smtp_settings::set_password(&c, password).await
    })
    .await
}

/// Connects and logs in without sending anything.
#[tauri::command]
#[specta::specta]
pub async fn smtp_test(ctx: State<'_>) -> Result<ConnectionTest> {
    shielded(ctx, |c| async move { smtp_settings::test(&c).await }).await
}

/// Sends a test message to the sender address, with the interface's words.
#[tauri::command]
#[specta::specta]
pub async fn smtp_send_test(
    ctx: State<'_>,
    subject: String,
    body: String,
) -> Result<ConnectionTest> {
    shielded(ctx, |c| async move {
        smtp_settings::send_test(&c, subject, body).await
    })
    .await
}
