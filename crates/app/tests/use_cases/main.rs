//! Use cases against a real SQLite file in a temporary directory.

use std::sync::Arc;

use canon_desk_app::clock::FixedClock;
use canon_desk_app::records::*;
use canon_desk_app::settings::{Locale, Settings, Theme};
use canon_desk_app::{demo, devices, overview, settings, sites, Ctx, ErrorCode};
use chrono::{TimeZone, Utc};

mod cps;
mod reminders;
mod startup;

pub(crate) type TestResult = Result<(), Box<dyn std::error::Error>>;

pub(crate) fn ctx(dir: &std::path::Path) -> Result<Ctx, canon_desk_app::Error> {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .single()
        .ok_or_else(|| canon_desk_app::Error::internal("bad date"))?;
    Ctx::open(dir, Arc::new(FixedClock(now)))
}

fn mfp(serial: &str) -> DeviceInput {
    DeviceInput {
        serial: serial.into(),
        model: "imageRUNNER ADVANCE DX C5840i".into(),
        kind: DeviceKind::Mfp,
        site_id: None,
        ownership: Ownership::Leased,
        installed_on: None,
        meter_transmission: MeterTransmission::Automatic,
        notes: String::new(),
    }
}

#[tokio::test]
async fn first_start_offers_the_demo_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    let first = overview::get(&ctx).await?;
    assert!(first.demo_offered, "an empty record must offer the demo");
    let loaded = demo::load(&ctx).await?;
    assert!(
        !loaded.demo_offered,
        "the demo must not be offered again once loaded"
    );
    assert!(
        loaded.device_count >= 3,
        "the demo should bring several devices, got {}",
        loaded.device_count
    );
    assert!(
        loaded.contract_count >= 1,
        "the demo should bring a contract"
    );
    assert!(
        loaded.reading_count >= 6,
        "the demo should bring meter readings"
    );
    assert!(
        loaded.organisation.is_some(),
        "the demo should bring an organisation"
    );
    drop(ctx);
    let reopened = overview::get(&self::ctx(dir.path())?).await?;
    assert_eq!(
        reopened, loaded,
        "the record must be the same after reopening"
    );
    Ok(())
}

#[tokio::test]
async fn the_demo_history_holds_a_request_of_each_situation() -> TestResult {
    use canon_desk_app::requests;
    use canon_desk_core::catalogue::Situation;
    use canon_desk_store::{ReminderKind, RequestChannel, RequestStatus};

    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    let now = "2026-11-23T09:30:00";
    demo::load(&ctx).await?;
    let listed = requests::list(&ctx).await?;
    let checks: Vec<serde_json::Value> = devices::history(&ctx, "organisation".into(), 1)
        .await?
        .into_iter()
        .filter(|e| e.entity == "bank_check")
        .filter_map(|e| e.after.and_then(|a| serde_json::from_str(&a).ok()))
        .collect();
    for situation in Situation::ALL {
        let found = if situation == Situation::VerifyBankDetails {
            checks.len()
        } else {
            listed
                .iter()
                .filter(|r| r.draft.situation == situation)
                .count()
        };
        assert_eq!(
            found,
            1,
            "the demo's history must hold one {situation:?} (a recorded check for the bank details)"
        );
    }
    assert_eq!(
        listed.len(),
        9,
        "one request per billing situation, the bank check being a check"
    );
    assert_eq!(
        checks.first().map(|c| c["verdict"].clone()),
        Some(serde_json::json!("no_reference")),
        "the demo's bank check was run before any genuine details were recorded: {checks:?}"
    );
    assert_eq!(
        checks.first().map(|c| c["iban"].clone()),
        Some(serde_json::json!("FR76 3000 6000 0112 3456 7890 189")),
        "the checked IBAN reads grouped by four"
    );
    let count = |status: RequestStatus, channel: Option<RequestChannel>| {
        listed
            .iter()
            .filter(|r| r.status == status && (channel.is_none() || r.draft.channel == channel))
            .count()
    };
    assert_eq!(count(RequestStatus::Draft, None), 1, "one draft");
    assert_eq!(count(RequestStatus::Done, None), 5, "five handled by Canon");
    assert_eq!(
        count(RequestStatus::Sent, Some(RequestChannel::Email)),
        2,
        "two awaiting Canon after an email"
    );
    assert_eq!(
        count(RequestStatus::Acknowledged, Some(RequestChannel::Phone)),
        1,
        "one phoned (acknowledged on the call), awaiting Canon"
    );
    for r in &listed {
        assert!(
            r.created_at.as_str() < now,
            "{:?} must be dated before the demo's clock, was {}",
            r.draft.situation,
            r.created_at
        );
        if r.status != RequestStatus::Draft {
            assert!(
                r.sent_at.as_deref().is_some_and(|at| at < now),
                "{:?} must carry the date it left, before the demo's clock: {:?}",
                r.draft.situation,
                r.sent_at
            );
            assert!(
                !r.draft.subject.is_empty() || r.draft.channel == Some(RequestChannel::Phone),
                "{:?} must carry its French message",
                r.draft.situation
            );
        }
        assert!(r.eml_sha256.is_none(), "the demo sends no email");
        if r.draft.channel == Some(RequestChannel::Phone) {
            assert!(
                !r.outcome.is_empty(),
                "a phoned {:?} keeps what Canon said",
                r.draft.situation
            );
        }
        // Reminders are planned as for real requests: a follow-up for what awaits
        // Canon, none still open for what is done, and none due at once.
        let planned = requests::reminders(&ctx, r.id).await?;
        let open: Vec<_> = planned
            .iter()
            .filter(|m| m.status == "pending" || m.status == "fired")
            .collect();
        match r.status {
            RequestStatus::Sent | RequestStatus::Acknowledged => assert!(
                open.iter().any(|m| m.kind == ReminderKind::FollowUp),
                "{:?} awaits Canon: a follow-up must be planned, found {planned:?}",
                r.draft.situation
            ),
            RequestStatus::Done => assert!(
                open.is_empty(),
                "{:?} is done: nothing may remain open, found {planned:?}",
                r.draft.situation
            ),
            _ => {}
        }
        assert!(
            open.iter().all(|m| m.due_at.as_str() > now),
            "loading the demo must raise no reminder at once: {planned:?}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn declining_the_demo_keeps_the_record_empty() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    let after = demo::decline(&ctx).await?;
    assert!(!after.demo_offered, "declining must stop the offer");
    assert_eq!(after.device_count, 0, "declining must not add devices");
    Ok(())
}

#[tokio::test]
async fn devices_are_created_listed_and_edited() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    let site = sites::create(
        &ctx,
        SiteInput {
            name: "Siège".into(),
            address: "1 rue A".into(),
            postal_code: "75001".into(),
            city: "Paris".into(),
            country: "fr".into(),
        },
    )
    .await?;
    assert_eq!(site.country, "FR", "country codes are stored upper-case");
    let created = devices::create(
        &ctx,
        DeviceInput {
            site_id: Some(site.id),
            ..mfp(" xk 1234 ")
        },
    )
    .await?;
    assert_eq!(
        created.serial, "XK1234",
        "the serial must be stored without spaces, in capitals as Canon prints it"
    );
    assert_eq!(
        created.site_name.as_deref(),
        Some("Siège"),
        "the list shows the site's name"
    );

    let found = devices::list(
        &ctx,
        DeviceFilter {
            query: Some("siè".into()),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(
        found.len(),
        1,
        "searching by site name should find the device"
    );

    let edited = devices::update(
        &ctx,
        created.id,
        DeviceInput {
            model: "C3930i".into(),
            ..mfp("xk1234")
        },
    )
    .await?;
    assert_eq!(edited.model, "C3930i", "the edit was not saved");
    assert_eq!(
        edited.site_id, None,
        "the edit moved the device off its site"
    );
    Ok(())
}

#[tokio::test]
async fn bad_input_gets_typed_errors_and_changes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    let err = devices::create(&ctx, mfp("  ")).await.err();
    assert_eq!(
        err.as_ref().map(|e| (e.code, e.field.as_deref())),
        Some((ErrorCode::Validation, Some("serial"))),
        "an empty serial must be a validation error on serial, got {err:?}"
    );
    let err = devices::create(
        &ctx,
        DeviceInput {
            model: " ".into(),
            ..mfp("AB1")
        },
    )
    .await
    .err();
    assert_eq!(
        err.as_ref().map(|e| e.field.as_deref()),
        Some(Some("model")),
        "an empty model must point at the model, got {err:?}"
    );

    devices::create(&ctx, mfp("AB1")).await?;
    let err = devices::create(&ctx, mfp("AB 1")).await.err();
    assert_eq!(
        err.as_ref().map(|e| (e.code, e.field.as_deref())),
        Some((ErrorCode::Conflict, Some("serial"))),
        "a duplicate serial must be a conflict, got {err:?}"
    );
    let err = devices::create(
        &ctx,
        DeviceInput {
            site_id: Some(999),
            ..mfp("AB2")
        },
    )
    .await
    .err();
    assert_eq!(
        err.as_ref().map(|e| e.code),
        Some(ErrorCode::NotFound),
        "a missing site must be reported as not found, got {err:?}"
    );
    let err = devices::update(&ctx, 4242, mfp("ZZ9")).await.err();
    assert_eq!(
        err.as_ref().map(|e| e.code),
        Some(ErrorCode::NotFound),
        "editing a missing device must be not found, got {err:?}"
    );

    let all = devices::list(&ctx, DeviceFilter::default()).await?;
    assert_eq!(
        all.len(),
        1,
        "failed creations must leave nothing behind, found {all:?}"
    );
    Ok(())
}

#[tokio::test]
async fn settings_round_trip() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    assert_eq!(
        settings::get(&ctx).await?,
        Settings::default(),
        "defaults must apply before anything is saved"
    );
    let chosen = Settings {
        locale: Some(Locale::It),
        theme: Theme::Dark,
        export_dir: Some(dir.path().join("out").display().to_string()),
    };
    settings::set(&ctx, chosen.clone()).await?;
    assert_eq!(
        settings::get(&ctx).await?,
        chosen,
        "saved settings must come back"
    );
    let relative = Settings {
        export_dir: Some("exports".into()),
        ..chosen.clone()
    };
    let err = settings::set(&ctx, relative)
        .await
        .err()
        .ok_or("a relative export folder must be refused")?;
    assert_eq!(
        err.field.as_deref(),
        Some("exportDir"),
        "the error must name the export folder field: {err:?}"
    );
    assert_eq!(
        settings::get(&ctx).await?,
        chosen,
        "a refused change must leave the saved settings as they were"
    );
    Ok(())
}

#[tokio::test]
async fn desktop_preferences_round_trip() -> TestResult {
    use canon_desk_app::settings::{CloseAction, DesktopPrefs};
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    assert_eq!(
        settings::desktop(&ctx).await?,
        DesktopPrefs::default(),
        "no close action is chosen and the user was not told anything before a first close"
    );
    let chosen = DesktopPrefs {
        close_action: Some(CloseAction::Minimise),
        told_still_running: true,
    };
    settings::set_desktop(&ctx, chosen.clone()).await?;
    assert_eq!(
        settings::desktop(&ctx).await?,
        chosen,
        "the desktop preferences must come back"
    );
    assert_eq!(
        settings::get(&ctx).await?,
        Settings::default(),
        "the desktop preferences must not touch the interface's"
    );
    Ok(())
}

#[tokio::test]
async fn a_test_mail_reaches_the_sender_address_or_says_why_not() -> TestResult {
    use canon_desk_app::mailer::{SmtpConfig, SmtpSecurity};
    use canon_desk_app::smtp_settings;
    use canon_desk_tests::smtp::{self, Mode, SmtpServer};
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    let config = |port| SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::Plain,
        username: String::new(),
        from_address: "desk@atelier.example".into(),
        from_name: "Atelier".into(),
        timeout_seconds: 5,
        trusted_certificate_pem: None,
    };
    let err = smtp_settings::send_test(&ctx, "Test".into(), "Hello".into())
        .await
        .err()
        .ok_or("a test mail without a server must be refused")?;
    assert_eq!(
        err.code,
        ErrorCode::NotConfigured,
        "without a server the error must say none is set up: {err:?}"
    );

    let server = SmtpServer::start(Mode::Accept)?;
    smtp_settings::save(&ctx, config(server.port)).await?;
    let sent = smtp_settings::send_test(
        &ctx,
        "Canon Desk test".into(),
        "This message shows that sending works.".into(),
    )
    .await?;
    assert!(
        sent.ok,
        "the test mail must be delivered: {:?}",
        sent.reason
    );
    let received = server.received();
    assert_eq!(
        received.len(),
        1,
        "the server must receive exactly one message"
    );
    assert_eq!(
        received[0].to,
        vec!["desk@atelier.example".to_owned()],
        "the test mail goes to the sender address"
    );
    assert!(
        received[0].data.contains("Subject: Canon Desk test"),
        "the subject must be the one the interface gave: {}",
        received[0].data
    );

    smtp_settings::save(&ctx, config(smtp::closed_port()?)).await?;
    let failed = smtp_settings::send_test(&ctx, "Test".into(), "Hello".into()).await?;
    assert_eq!(
        (failed.ok, failed.code.map(|c| c.as_str())),
        (false, Some("refused")),
        "a port nothing answers on must be reported as such: {:?}",
        failed.reason
    );
    assert!(
        failed.reason.as_deref().is_some_and(|r| !r.is_empty()),
        "the failure must carry the network's words"
    );
    Ok(())
}
