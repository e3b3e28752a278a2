//! The SMTP password against the real OS keychain (Secret Service on Linux): saved
//! there, found again after a restart, forgotten on request, and never written to
//! the database.

use std::sync::Arc;

use canon_desk_tests::smtp;

use canon_desk_app::clock::FixedClock;
use canon_desk_app::mailer::{SmtpConfig, SmtpSecurity};
use canon_desk_app::records::DeviceFilter;
use canon_desk_app::requests::{self, DraftInput};
use canon_desk_app::secrets::{smtp_key, OsKeychain, SecretStore};
use canon_desk_app::{demo, devices, smtp_settings, Ctx};
use canon_desk_core::catalogue::Situation;
use canon_desk_store::RequestStatus;
use chrono::{TimeZone, Utc};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn open(dir: &std::path::Path) -> Result<Ctx, canon_desk_app::Error> {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or_default();
    Ctx::open(dir, Arc::new(FixedClock(now)))
}

/// Every byte the database files hold, WAL included.
fn database_bytes(dir: &std::path::Path) -> Vec<u8> {
    ["canon-desk.db", "canon-desk.db-wal"]
        .iter()
        .filter_map(|name| std::fs::read(dir.join(name)).ok())
        .flatten()
        .collect()
}

#[tokio::test]
async fn the_smtp_password_lives_in_the_keychain_only() -> TestResult {
    let dir = tempfile::tempdir()?;
    // A user name unique to this run, so that runs never see each other's entries.
    let username = format!("keychain-test-{}", std::process::id());
    let password = format!("pw-{}-Ω-not-in-sqlite", std::process::id());
    let config = SmtpConfig {
        host: "127.0.0.1".into(),
        port: 2525,
        security: SmtpSecurity::Plain,
        username: username.clone(),
        from_address: "desk@example.com".into(),
        from_name: "Canon Desk".into(),
        timeout_seconds: 5,
        trusted_certificate_pem: None,
    };
    {
        let ctx = open(dir.path())?;
        smtp_settings::save(&ctx, config.clone()).await?;
        let saved = smtp_settings::set_password(&ctx, password.clone()).await?;
        assert!(
            saved.has_password,
            "after saving, the settings must say a password is saved"
        );
    }
    let key = smtp_key(&username, "127.0.0.1");
    assert_eq!(
        OsKeychain.get(&key)?.as_deref(),
        Some(password.as_str()),
        "the password must be in the OS keychain under {key}"
    );
    let bytes = database_bytes(dir.path());
    assert!(!bytes.is_empty(), "the database files should exist");
    assert!(
        !bytes
            .windows(password.len())
            .any(|w| w == password.as_bytes()),
        "the password must never be written to the database"
    );

    // After a restart the app still knows a password is saved.
    let ctx = open(dir.path())?;
    assert!(
        smtp_settings::get(&ctx).await?.has_password,
        "the saved password must survive a restart"
    );

    // Saving an empty password forgets it.
    let cleared = smtp_settings::set_password(&ctx, String::new()).await?;
    assert!(
        !cleared.has_password,
        "an empty password must forget the saved one"
    );
    assert_eq!(
        OsKeychain.get(&key)?,
        None,
        "the keychain entry must be gone after forgetting"
    );
    Ok(())
}

#[tokio::test]
async fn a_wrong_password_is_an_auth_failure_and_the_right_one_sends_over_starttls() -> TestResult {
    let dir = tempfile::tempdir()?;
    let username = format!("auth-test-{}", std::process::id());
    let server = smtp::SmtpServer::start_secure(&username, "the-right-one")?;
    let config = SmtpConfig {
        // The certificate is issued to localhost, so the client must ask for that name.
        host: "localhost".into(),
        port: server.port,
        security: SmtpSecurity::StartTls,
        username: username.clone(),
        from_address: "desk@example.com".into(),
        from_name: "Canon Desk".into(),
        timeout_seconds: 5,
        trusted_certificate_pem: server.certificate_pem.clone(),
    };
    let ctx = open(dir.path())?;
    smtp_settings::save(&ctx, config).await?;

    smtp_settings::set_password(&ctx, "a-wrong-one".into()).await?;
    let refused = smtp_settings::test(&ctx).await?;
    assert!(
        !refused.ok,
        "a wrong password must not pass the connection test"
    );
    assert_eq!(
        refused.code.map(|c| c.as_str()),
        Some("auth"),
        "a refused login must be reported as an authentication failure: {:?}",
        refused.reason
    );

    // A request sent with the wrong password waits in the outbox, saying why.
    demo::load(&ctx).await?;
    let device = devices::list(&ctx, DeviceFilter::default())
        .await?
        .into_iter()
        .next()
        .ok_or("the demo has no device")?;
    let prepared = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::EnableAutomaticMeters),
            device_id: Some(device.id),
            ..Default::default()
        },
    )
    .await?;
    let kept = requests::send(&ctx, prepared.request.id).await?;
    assert_eq!(
        (kept.status, kept.error_code.as_deref()),
        (RequestStatus::Outbox, Some("auth")),
        "a refused login must leave the request in the outbox as an auth failure: {:?}",
        kept.last_error
    );
    assert!(
        server.received().is_empty(),
        "nothing may be delivered without a login"
    );

    smtp_settings::set_password(&ctx, "the-right-one".into()).await?;
    let accepted = smtp_settings::test(&ctx).await?;
    assert!(
        accepted.ok,
        "the right password over STARTTLS must pass: {:?}",
        accepted.reason
    );
    let sent = requests::retry(&ctx, prepared.request.id).await?;
    assert_eq!(
        sent.status,
        RequestStatus::Sent,
        "the retry must send: {:?}",
        sent.last_error
    );
    assert_eq!(
        server.received().len(),
        1,
        "the server must have received the retried request"
    );

    smtp_settings::set_password(&ctx, String::new()).await?;
    Ok(())
}

/// Every file under `dir`, at any depth, with its bytes.
fn every_file(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((path, bytes));
            }
        }
    }
    out
}

/// Records a CPS account request for `login` (an Italian photographer without VAT).
async fn request_cps_account(ctx: &Ctx, login: &str) -> TestResult {
    use canon_desk_app::cps::{self, AccountWizard};
    use canon_desk_app::upload::Upload;
    use canon_desk_core::cps::ProofDocument;
    use canon_desk_store::CpsAccountRequest;

    cps::account_request(
        ctx,
        AccountWizard {
            request: CpsAccountRequest {
                login_email: login.to_owned(),
                has_vat: false,
                proof_kind: ProofDocument::BusinessLicence,
                old_cps_email: None,
                requested_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
                    .ok_or("a valid date")?,
            },
            proof: Upload {
                name: "licenza.pdf".into(),
                base64: "JVBERi0xLjQgbGljZW56YQ==".into(),
            },
        },
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn the_canon_password_lives_in_the_keychain_only() -> TestResult {
    use canon_desk_app::cps::{self, password_key};

    let dir = tempfile::tempdir()?;
    let login = format!("cps-keychain-{}@example.it", std::process::id());
    let password = format!("Canon-{}-Ω-never-in-a-file", std::process::id());
    {
        let ctx = open(dir.path())?;
        request_cps_account(&ctx, &login).await?;
        let view = cps::password_set(&ctx, password.clone()).await?;
        assert!(view.has_password, "the account must say a password is kept");
        // Copying reads it back from the keychain onto the system clipboard.
        cps::password_copy(&ctx).await?;
        let pasted = arboard::Clipboard::new()?.get_text()?;
        assert_eq!(
            pasted, password,
            "Copy must put the password on the clipboard"
        );
        let overview = cps::overview(&ctx).await?;
        let answer = serde_json::to_string(&overview)?;
        assert!(
            !answer.contains(&password),
            "the screen's data must never carry the password"
        );
    }
    assert_eq!(
        OsKeychain.get(&password_key(&login))?.as_deref(),
        Some(password.as_str()),
        "the password must be in the OS keychain under {}",
        password_key(&login)
    );
    let files = every_file(dir.path());
    assert!(
        files.iter().any(|(p, _)| p.ends_with("canon-desk.db")),
        "the data directory should hold the database: {:?}",
        files.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for (path, bytes) in &files {
        assert!(
            !bytes
                .windows(password.len())
                .any(|w| w == password.as_bytes()),
            "the password was written to {path:?}"
        );
    }
    // A restart still knows it is kept; an empty password forgets it.
    let ctx = open(dir.path())?;
    assert!(
        cps::overview(&ctx)
            .await?
            .account
            .is_some_and(|a| a.has_password),
        "the kept password must survive a restart"
    );
    cps::password_set(&ctx, String::new()).await?;
    assert_eq!(
        OsKeychain.get(&password_key(&login))?,
        None,
        "an empty password must forget the kept one"
    );
    // A new login email takes the kept password with it.
    cps::password_set(&ctx, password.clone()).await?;
    let moved = format!("cps-keychain-moved-{}@example.it", std::process::id());
    let view = cps::account_set_login(&ctx, moved.clone()).await?;
    assert!(view.has_password, "the password must follow the new login");
    assert_eq!(
        OsKeychain.get(&password_key(&login))?,
        None,
        "nothing may stay under the old login"
    );
    assert_eq!(
        OsKeychain.get(&password_key(&moved))?.as_deref(),
        Some(password.as_str()),
        "the password must be under the new login"
    );
    cps::password_set(&ctx, String::new()).await?;
    Ok(())
}

/// The system clipboard's text (None: it holds no text).
fn clipboard_text() -> Result<Option<String>, arboard::Error> {
    match arboard::Clipboard::new()?.get_text() {
        Ok(text) => Ok(Some(text)),
        Err(arboard::Error::ContentNotAvailable) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Waits up to `within` for the system clipboard's text to be other than `text`;
/// answers what it holds then (None: no text at all).
async fn clipboard_after(
    text: &str,
    within: std::time::Duration,
) -> Result<Option<String>, arboard::Error> {
    let until = std::time::Instant::now() + within;
    loop {
        let held = clipboard_text()?;
        if held.as_deref() != Some(text) || std::time::Instant::now() >= until {
            return Ok(held);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_copied_password_leaves_the_clipboard_unless_something_else_was_copied() -> TestResult {
    use canon_desk_app::cps;

    let dir = tempfile::tempdir()?;
    let wait = std::time::Duration::from_secs(3);
    let ctx = open(dir.path())?.with_clipboard_clear_after(wait);
    let login = format!("cps-clipboard-{}@example.it", std::process::id());
    let password = format!("Canon-{}-clipboard-Ω", std::process::id());
    request_cps_account(&ctx, &login).await?;
    cps::password_set(&ctx, password.clone()).await?;

    // Copied, it is there to paste; the wait comes back for the window to say.
    let seconds = cps::password_copy(&ctx).await?;
    assert_eq!(
        seconds, 3,
        "the copy must answer the wait before the clipboard is emptied"
    );
    assert_eq!(
        clipboard_text()?.as_deref(),
        Some(password.as_str()),
        "Copy must put the password on the clipboard"
    );
    // Left alone, it goes: the clipboard holds no text once the wait is over.
    let after = clipboard_after(&password, wait * 4).await?;
    assert_eq!(
        after, None,
        "the password must leave the clipboard about {wait:?} after the copy; the clipboard holds {after:?}"
    );

    // Copied twice, half a wait apart: the second copy gets its whole wait.
    cps::password_copy(&ctx).await?;
    tokio::time::sleep(wait / 2).await;
    cps::password_copy(&ctx).await?;
    tokio::time::sleep(wait * 3 / 4).await;
    assert_eq!(
        clipboard_text()?.as_deref(),
        Some(password.as_str()),
        "the first copy's wait is over, but the second copy's is not: the password must still be there"
    );
    let after = clipboard_after(&password, wait * 4).await?;
    assert_eq!(
        after, None,
        "the password must leave the clipboard once the second copy's wait is over; it holds {after:?}"
    );

    // Copied again, then something else copied before the wait is over: that stays.
    cps::password_copy(&ctx).await?;
    let mine = format!("a note copied by the user {}", std::process::id());
    arboard::Clipboard::new()?.set_text(mine.clone())?;
    tokio::time::sleep(wait * 3 / 2).await;
    assert_eq!(
        clipboard_text()?.as_deref(),
        Some(mine.as_str()),
        "what the user copied after the password must not be emptied"
    );

    // Quitting before the wait is over takes it off at once.
    let lasting = open(dir.path())?.with_clipboard_clear_after(std::time::Duration::from_secs(600));
    cps::password_copy(&lasting).await?;
    assert_eq!(
        clipboard_text()?.as_deref(),
        Some(password.as_str()),
        "Copy must put the password on the clipboard"
    );
    cps::clipboard_on_exit(&lasting);
    assert_eq!(
        clipboard_text()?,
        None,
        "quitting must take a password copied moments ago off the clipboard"
    );
    cps::password_set(&ctx, String::new()).await?;
    Ok(())
}

#[tokio::test]
async fn a_password_saved_through_the_app_is_in_no_file_and_no_log() -> TestResult {
    use canon_desk_tests::canary::{self, contains, Logs};
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
    let server = smtp::SmtpServer::start(smtp::Mode::Accept)?;
    let username = format!("canary-{}", std::process::id());
    let canary = format!("canary-pw-{}-Ω-keychain-only", std::process::id());
    let ctx = open(&data)?;
    smtp_settings::save(
        &ctx,
        SmtpConfig {
            host: "127.0.0.1".into(),
            port: server.port,
            security: SmtpSecurity::Plain,
            username: username.clone(),
            from_address: "desk@example.com".into(),
            from_name: "Canon Desk".into(),
            timeout_seconds: 5,
            trusted_certificate_pem: None,
        },
    )
    .await?;
    let saved = smtp_settings::set_password(&ctx, canary.clone()).await?;
    assert!(
        saved.has_password && saved.keychain_available,
        "the password must be saved in the keychain: {saved:?}"
    );
    // The app uses it (a request sent, a connection test), then writes what it
    // writes: a backup, an export.
    demo::load(&ctx).await?;
    let device = devices::list(&ctx, DeviceFilter::default())
        .await?
        .into_iter()
        .next()
        .ok_or("the demo has no device")?;
    let prepared = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::EnableAutomaticMeters),
            device_id: Some(device.id),
            ..Default::default()
        },
    )
    .await?;
    requests::send(&ctx, prepared.request.id).await?;
    smtp_settings::test(&ctx).await?;
    canon_desk_app::backup::create(&ctx, root.path().join("backup.zip").display().to_string())
        .await?;
    canon_desk_app::exports::export_csv(
        &ctx,
        canon_desk_app::exports::ExportKind::Devices,
        canon_desk_app::exports::Separator::Comma,
    )
    .await?;
    drop(ctx);

    let files = canary::files_under(root.path())?;
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("canon-desk.db-wal") || f.ends_with("canon-desk.db")),
        "the search must cover the database and its WAL: {files:?}"
    );
    let holding = canary::files_holding(root.path(), &canary)?;
    assert!(
        holding.is_empty(),
        "the password must be in no file under the data directory: {holding:?}"
    );
    let logged = logs.bytes();
    assert!(
        contains(&logged, "SMTP settings saved"),
        "the logs must have been captured"
    );
    assert!(
        !contains(&logged, &canary),
        "the password must never reach the logs"
    );
    let key = smtp_key(&username, "127.0.0.1");
    assert_eq!(
        OsKeychain.get(&key)?.as_deref(),
        Some(canary.as_str()),
        "the password must be in the keychain"
    );
    OsKeychain.delete(&key)?;
    Ok(())
}

#[tokio::test]
async fn the_caldav_password_is_in_the_keychain_and_in_no_file_under_the_data_dir() -> TestResult {
    use canon_desk_app::calendar::publish::{self, ConnectRequest};
    use canon_desk_app::contracts::{self, NewContract};
    use canon_desk_app::secrets::caldav_key;
    use canon_desk_tests::caldav::Radicale;

    let username = format!("caldav-canary-{}", std::process::id());
    let password = format!("cal-pw-{}-Ω-canary", std::process::id());
    let server = Radicale::start(&username, &password)?;
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path())?;
    let connected = publish::connect(
        &ctx,
        ConnectRequest {
            server_url: server.url(),
            username: username.clone(),
            password: password.clone(),
        },
    )
    .await?;
    assert!(connected.ok, "the server refused the login: {connected:?}");
    let chosen = publish::choose(&ctx, None).await?;
    assert!(chosen.ok, "no calendar: {chosen:?}");
    contracts::create(
        &ctx,
        NewContract {
            contract: canon_desk_tests::contract_ending(
                "CT-CANARY",
                chrono::NaiveDate::from_ymd_opt(2027, 1, 29).ok_or("a valid date")?,
            ),
            po_number: None,
            po_valid_from: None,
            device_ids: Vec::new(),
        },
    )
    .await?;
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!(
        (status.published, status.failures),
        (1, 0),
        "published with the keychain's password: {status:?}"
    );
    let key = caldav_key(&username, &server.url());
    assert_eq!(
        OsKeychain.get(&key)?.as_deref(),
        Some(password.as_str()),
        "the password is in the OS keychain under {key}"
    );
    let files = every_file(dir.path());
    assert!(
        files.iter().any(|(p, _)| p.ends_with("canon-desk.db")),
        "the data dir holds the database: {:?}",
        files.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for (path, bytes) in &files {
        assert!(
            !bytes
                .windows(password.len())
                .any(|w| w == password.as_bytes()),
            "the CalDAV password is written in {}",
            path.display()
        );
    }
    let done = publish::disconnect(&ctx, true).await?;
    assert_eq!(done.removed, 1, "the event is removed: {done:?}");
    assert_eq!(
        OsKeychain.get(&key)?,
        None,
        "disconnecting takes the password out of the keychain"
    );
    Ok(())
}
