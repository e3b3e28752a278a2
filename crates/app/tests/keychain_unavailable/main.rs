//! Settings with the OS keychain unavailable (no D-Bus session, so no Secret
//! Service): they still open and save everything that needs no secret, the password
//! is refused with the keychain error, and it is written nowhere else: not in any
//! file under the data directory (WAL included), not in the logs.
//!
//! Its own test binary, because it points this process at a D-Bus session that does
//! not exist; nothing else runs in the process.

use std::sync::Arc;

use canon_desk_app::clock::FixedClock;
use canon_desk_app::mailer::{SmtpConfig, SmtpSecurity};
use canon_desk_app::{backup, exports, smtp_settings, Ctx, ErrorCode};
use canon_desk_tests::canary::{self, contains, Logs};
use chrono::{TimeZone, Utc};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[tokio::test]
async fn without_a_keychain_settings_save_and_no_secret_is_written_anywhere() -> TestResult {
    // No D-Bus session: the Secret Service cannot be reached (and no X display to
    // start one from).
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/canon-desk-test/bus",
    );
    std::env::remove_var("DISPLAY");
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);

    let root = tempfile::tempdir()?;
    let data = root.path().join("data");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .ok_or("bad date")?;
    let ctx = Ctx::open(&data, Arc::new(FixedClock(now)))?;
    let canary = format!("canary-{}-Ω-never-stored", std::process::id());
    let config = SmtpConfig {
        host: "smtp.example.com".into(),
        port: 587,
        security: SmtpSecurity::StartTls,
        username: "desk@example.com".into(),
        from_address: "desk@example.com".into(),
        from_name: "Atelier Lumière".into(),
        timeout_seconds: 5,
        trusted_certificate_pem: None,
    };

    let saved = smtp_settings::save(&ctx, config.clone()).await;
    let saved = saved.map_err(|e| {
        format!("the settings must save without a keychain (nothing in them is secret): {e:?}")
    })?;
    assert_eq!(
        saved.config.as_ref(),
        Some(&config),
        "the server settings must be kept"
    );
    assert!(
        !saved.keychain_available && !saved.has_password,
        "the settings must say the keychain is unavailable and no password is saved: {saved:?}"
    );
    let opened = smtp_settings::get(&ctx).await?;
    assert!(
        opened.config.is_some() && !opened.keychain_available,
        "Settings must open without a keychain: {opened:?}"
    );

    let refused = smtp_settings::set_password(&ctx, canary.clone())
        .await
        .err();
    assert_eq!(
        refused.as_ref().map(|e| e.code),
        Some(ErrorCode::Keychain),
        "a password must be refused with the keychain error, not kept elsewhere: {refused:?}"
    );

    // A backup and an export are files a secret must not reach either.
    backup::create(&ctx, root.path().join("backup.zip").display().to_string()).await?;
    exports::export_csv(
        &ctx,
        exports::ExportKind::Devices,
        exports::Separator::Comma,
    )
    .await?;
    drop(ctx);

    let files = canary::files_under(root.path())?;
    assert!(
        files.iter().any(|f| f.ends_with("canon-desk.db")),
        "the search must cover the database: {files:?}"
    );
    let holding = canary::files_holding(root.path(), &canary)?;
    assert!(
        holding.is_empty(),
        "the password must be written nowhere, it is in {holding:?}"
    );
    let logged = logs.bytes();
    assert!(
        contains(&logged, "keychain"),
        "the logs must have been captured (they say the keychain is unavailable)"
    );
    assert!(
        !contains(&logged, &canary),
        "the password must never reach the logs"
    );
    Ok(())
}
