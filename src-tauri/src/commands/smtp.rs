//! SMTP server commands. The password goes straight to the keychain; only
//! `hasPassword` ever comes back.

use canon_desk_app::mailer::SmtpConfig;
use canon_desk_app::smtp_settings::{self, ConnectionTest, SmtpSettings};

use super::{shielded, Answer, State};

/// The SMTP settings (never the password).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn smtp_get(ctx: State<'_>) -> Answer<SmtpSettings> {
    shielded(&ctx, |c| async move { smtp_settings::get(&c).await })
}

/// Saves the server settings.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn smtp_save(ctx: State<'_>, config: SmtpConfig) -> Answer<SmtpSettings> {
    shielded(
        &ctx,
        |c| async move { smtp_settings::save(&c, config).await },
    )
}

/// Saves the password in the keychain (an empty one forgets it).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn smtp_set_password(ctx: State<'_>, password: String) -> Answer<SmtpSettings> {
    shielded(&ctx, |c| async move {
        smtp_settings::set_password(&c, password).await
    })
}

/// Connects and logs in without sending anything.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn smtp_test(ctx: State<'_>) -> Answer<ConnectionTest> {
    shielded(&ctx, |c| async move { smtp_settings::test(&c).await })
}

/// Sends a test message to the sender address, with the interface's words.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn smtp_send_test(ctx: State<'_>, subject: String, body: String) -> Answer<ConnectionTest> {
    shielded(&ctx, |c| async move {
        smtp_settings::send_test(&c, subject, body).await
    })
}
