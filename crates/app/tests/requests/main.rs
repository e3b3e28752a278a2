//! Billing requests against real parts: a SQLite file in a temporary directory and a
//! real SMTP server on 127.0.0.1 started by the test.

mod checks;
mod completion;
mod handoff;
mod once;
mod reminders;
mod smtp_words;
mod truth;
mod wizard_drafts;

use std::path::Path;
use std::sync::Arc;

use canon_desk_app::clock::FixedClock;
use canon_desk_app::mailer::{SmtpConfig, SmtpSecurity};
use canon_desk_app::records::*;
use canon_desk_app::requests::{self, AttachmentInput, CounterInput, DraftInput, Warning};
use canon_desk_app::{contracts, demo, devices, smtp_settings, Ctx, ErrorCode};
use canon_desk_core::catalogue::{Situation, CASE_MGT_EMAIL, SUPPORT_EMAIL};
use canon_desk_store::{RequestChannel, RequestStatus};
use canon_desk_tests::mime;
use canon_desk_tests::smtp::{self, Mode, SmtpServer};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Result<DateTime<Utc>, String> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .ok_or_else(|| format!("bad instant {y}-{m}-{d}"))
}

fn open(dir: &Path, now: DateTime<Utc>) -> Result<Ctx, canon_desk_app::Error> {
    Ctx::open(dir, Arc::new(FixedClock(now)))
}

fn config(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::Plain,
        username: String::new(),
        from_address: "desk@atelier.example".into(),
        from_name: "Atelier Lumière".into(),
        timeout_seconds: 2,
        trusted_certificate_pem: None,
    }
}

/// A record with the demo organisation (which has a sales contact), its devices and
/// its contract; returns the owned device's id and the contract's id.
async fn seeded(ctx: &Ctx) -> Result<(i64, String, i64), Box<dyn std::error::Error>> {
    demo::load(ctx).await?;
    let owned = devices::list(ctx, DeviceFilter::default())
        .await?
        .into_iter()
        .find(|d| d.ownership == Ownership::Owned)
        .ok_or("the demo has no owned device")?;
    let contract = contracts::list(ctx)
        .await?
        .into_iter()
        .next()
        .ok_or("the demo has no contract")?;
    Ok((owned.id, owned.serial, contract.id))
}

/// A file chosen in the wizard, kept by the app as the interface does it.
pub(crate) async fn stage(
    ctx: &Ctx,
    name: &str,
    bytes: &[u8],
    kind: &str,
) -> Result<AttachmentInput, canon_desk_app::Error> {
    use base64::Engine as _;
    requests::stage_attachment(
        ctx,
        canon_desk_app::upload::Upload {
            name: name.into(),
            base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        },
        kind.into(),
    )
    .await
}

/// Creates a request for `situation` about `device_id`, with what `more` adds.
pub(crate) async fn draft_for(
    ctx: &Ctx,
    situation: Situation,
    device_id: i64,
    more: DraftInput,
) -> Result<requests::Prepared, canon_desk_app::Error> {
    let input = DraftInput {
        situation: Some(situation),
        device_id: Some(device_id),
        ..more
    };
    requests::create(ctx, input).await
}

/// Sends request `id` by SMTP, checks it left, and returns the attachments (name and
/// bytes) of the last message `server` received.
pub(crate) async fn send_for_attachments(
    ctx: &Ctx,
    id: i64,
    server: &SmtpServer,
) -> Result<Vec<(String, Vec<u8>)>, Box<dyn std::error::Error>> {
    let sent = requests::send(ctx, id).await?;
    assert_eq!(
        sent.status,
        RequestStatus::Sent,
        "not sent: {:?}",
        sent.last_error
    );
    let received = server.received();
    let last = received.last().ok_or("the server received nothing")?;
    Ok(mime::attachments(&last.data))
}

#[tokio::test]
async fn every_email_situation_reaches_the_right_address_with_its_identifiers() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (device_id, serial, _contract) = seeded(&ctx).await?;
    let server = SmtpServer::start(Mode::Accept)?;
    smtp_settings::save(&ctx, config(server.port)).await?;
    let page = stage(
        &ctx,
        "releve-compteurs.pdf",
        b"%PDF-1.4 meter page",
        "meter_reading_page",
    )
    .await?;
    let kbis = stage(&ctx, "kbis-nouvelle-entite.pdf", b"%PDF-1.4 kbis", "kbis").await?;
    let cases: Vec<(Situation, DraftInput, &str, Option<&str>)> = vec![
        (
            Situation::MoveDevice,
            DraftInput {
                facts: canon_desk_core::email_fr::RequestFacts {
                    new_address: Some("12 rue des Lilas, 69003 Lyon".into()),
                    ..Default::default()
                },
                ..Default::default()
            },
            CASE_MGT_EMAIL,
            None,
        ),
        (
            Situation::DisposeOwnedDevice,
            DraftInput {
                attachments: vec![page.clone()],
                ..Default::default()
            },
            "commercial.demo@example.com",
            Some("releve-compteurs.pdf"),
        ),
        (
            Situation::ChangeBillingEntity,
            DraftInput {
                effective_on: NaiveDate::from_ymd_opt(2027, 2, 1),
                attachments: vec![kbis.clone()],
                facts: canon_desk_core::email_fr::RequestFacts {
                    new_entity_name: Some("Lumière Holding SAS".into()),
                    entity_change: Some(canon_desk_core::email_fr::EntityChange::Takeover),
                    ..Default::default()
                },
                ..Default::default()
            },
            "commercial.demo@example.com",
            Some("kbis-nouvelle-entite.pdf"),
        ),
        (
            Situation::TerminateContract,
            DraftInput::default(),
            "commercial.demo@example.com",
            None,
        ),
        (
            Situation::AnswerMeterReadingRequest,
            DraftInput {
                request_address: Some("releves@cf.canon.example".into()),
                effective_on: NaiveDate::from_ymd_opt(2026, 12, 5),
                counters: vec![CounterInput {
                    counter: "black".into(),
                    value: 9_999_999,
                }],
                ..Default::default()
            },
            "releves@cf.canon.example",
            None,
        ),
        (
            Situation::EnableAutomaticMeters,
            DraftInput::default(),
            SUPPORT_EMAIL,
            None,
        ),
    ];
    for (situation, input, to, attachment) in cases {
        let input = DraftInput {
            situation: Some(situation),
            device_id: Some(device_id),
            ..input
        };
        let prepared = requests::create(&ctx, input).await?;
        assert_eq!(
            prepared.request.draft.recipient.as_deref(),
            Some(to),
            "{situation:?}: wrong recipient"
        );
        assert!(
            prepared.missing.is_empty(),
            "{situation:?}: identifiers missing: {:?}",
            prepared.missing
        );
        let sent = requests::send(&ctx, prepared.request.id).await?;
        assert_eq!(
            sent.status,
            RequestStatus::Sent,
            "{situation:?}: not sent: {:?}",
            sent.last_error
        );
        let received = server.received();
        let last = received.last().ok_or("the server received nothing")?;
        assert_eq!(
            last.to,
            vec![to.to_owned()],
            "{situation:?}: the server saw another recipient"
        );
        let subject = mime::subject(&last.data);
        assert_eq!(
            subject, sent.draft.subject,
            "{situation:?}: the subject received differs from the one shown"
        );
        let body = mime::text_body(&last.data);
        assert!(
            body.contains(&serial),
            "{situation:?}: serial {serial} not in the body:\n{body}"
        );
        assert!(
            body.starts_with("Bonjour") || body.starts_with("Madame, Monsieur,"),
            "{situation:?}: the message must be French:\n{body}"
        );
        // What the user typed for this situation reaches Canon, in French.
        let typed = match situation {
            Situation::MoveDevice => Some("12 rue des Lilas, 69003 Lyon"),
            Situation::ChangeBillingEntity => Some("1er février 2027"),
            Situation::AnswerMeterReadingRequest => Some("  Noir et blanc\u{a0}: 9999999"),
            _ => None,
        };
        if let Some(typed) = typed {
            assert!(
                body.contains(typed),
                "{situation:?}: {typed:?} not in the body:\n{body}"
            );
        }
        // The organisation has one customer number: every letter carries it, so
        // Canon finds the account without writing back.
        assert!(
            body.contains("Numéro de client Canon\u{a0}: C0048213"),
            "{situation:?}: the customer number is missing:\n{body}"
        );
        if let Some(name) = attachment {
            assert!(
                last.data.contains(&format!("filename=\"{name}\"")),
                "{situation:?}: attachment {name} missing"
            );
        }
        assert_eq!(
            sent.eml_path, None,
            "{situation:?}: the .eml is a document now, not a path"
        );
        let hash = sent.eml_sha256.clone().ok_or("no .eml kept")?;
        let docs = canon_desk_app::documents::list(&ctx, DocumentEntity::Request, sent.id).await?;
        let eml = docs.iter().find(|d| d.sha256 == hash).ok_or(format!(
            "{situation:?}: the .eml is not a document of the request: {docs:?}"
        ))?;
        assert_eq!(
            (eml.kind, eml.file_name.as_str()),
            (
                DocumentKind::Email,
                format!("request-{}.eml", sent.id).as_str()
            ),
            "{situation:?}: the .eml document is named after the request"
        );
        let kept = std::fs::read_to_string(canon_desk_store::blob_path(
            &dir.path().join("documents"),
            &hash,
        )?)?;
        assert_eq!(
            kept.trim_end(),
            last.data.trim_end(),
            "{situation:?}: the .eml differs from what the server received"
        );
        let follow_ups = requests::reminders(&ctx, sent.id).await?;
        assert!(
            follow_ups
                .iter()
                .any(|r| r.source_key.ends_with(":follow_up")),
            "{situation:?}: no follow-up reminder"
        );
    }
    Ok(())
}

#[tokio::test]
async fn faults_leave_the_request_in_the_outbox_across_a_restart_then_retry_sends() -> TestResult {
    let dir = tempfile::tempdir()?;
    let now = at(2026, 11, 23, 9, 30)?;
    let ctx = open(dir.path(), now)?;
    let (device_id, _serial, _) = seeded(&ctx).await?;
    let reject = SmtpServer::start(Mode::Reject)?;
    let (_silent, silent_port) = smtp::silent_listener()?;
    let faults = [
        (smtp::closed_port()?, "refused"),
        (reject.port, "rejected"),
        (silent_port, "timeout"),
    ];
    let mut ids = Vec::new();
    for (port, code) in faults {
        smtp_settings::save(&ctx, config(port)).await?;
        let prepared = requests::create(
            &ctx,
            DraftInput {
                situation: Some(Situation::EnableAutomaticMeters),
                device_id: Some(device_id),
                ..Default::default()
            },
        )
        .await?;
        let kept = requests::send(&ctx, prepared.request.id).await?;
        assert_eq!(
            kept.status,
            RequestStatus::Outbox,
            "a {code} fault must leave the request in the outbox"
        );
        assert_eq!(
            kept.error_code.as_deref(),
            Some(code),
            "wrong failure code: {:?}",
            kept.last_error
        );
        assert!(
            kept.last_error.as_deref().is_some_and(|r| !r.is_empty()),
            "the outbox must say why"
        );
        ids.push(prepared.request.id);
    }
    drop(ctx);
    let ctx = open(dir.path(), now)?;
    let outbox = requests::outbox(&ctx).await?;
    assert_eq!(outbox.len(), 3, "the outbox must survive a restart");
    let good = SmtpServer::start(Mode::Accept)?;
    smtp_settings::save(&ctx, config(good.port)).await?;
    for id in ids {
        let sent = requests::retry(&ctx, id).await?;
        assert_eq!(
            sent.status,
            RequestStatus::Sent,
            "retry must send: {:?}",
            sent.last_error
        );
        assert_eq!(sent.attempts, 2, "one failed and one good attempt");
    }
    assert_eq!(
        good.received().len(),
        3,
        "the server must receive the three retried requests"
    );
    assert!(
        requests::outbox(&ctx).await?.is_empty(),
        "the outbox must be empty after retrying"
    );
    Ok(())
}

#[tokio::test]
async fn completing_requests_updates_the_records() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (device_id, _serial, contract_id) = seeded(&ctx).await?;
    let dispose = draft_for(
        &ctx,
        Situation::DisposeOwnedDevice,
        device_id,
        DraftInput::default(),
    )
    .await?;
    let handoff = requests::hand_to_mail_client(&ctx, dispose.request.id).await?;
    assert!(
        handoff
            .url
            .starts_with("mailto:commercial.demo@example.com?subject="),
        "bad mailto URL {}",
        handoff.url
    );
    let handed = requests::get(&ctx, dispose.request.id).await?;
    assert_eq!(
        (handed.status, handed.draft.channel),
        (RequestStatus::Draft, Some(RequestChannel::MailClient)),
        "opening the mail client records the channel but does not mark the request sent"
    );
    let sent = requests::confirm_mail_client(&ctx, dispose.request.id).await?;
    assert_eq!(
        (sent.status, sent.draft.channel),
        (RequestStatus::Sent, Some(RequestChannel::MailClient)),
        "the user's confirmation marks it sent through the mail client"
    );
    let again = requests::confirm_mail_client(&ctx, dispose.request.id)
        .await
        .err()
        .ok_or("a request already sent cannot be confirmed again")?;
    assert_eq!(
        again.code,
        ErrorCode::InvalidState,
        "confirming twice is refused: {again:?}"
    );
    requests::complete(&ctx, dispose.request.id, "Contrat clôturé".into()).await?;
    let disposed = devices::list(&ctx, DeviceFilter::default())
        .await?
        .into_iter()
        .find(|d| d.id == device_id)
        .ok_or("device gone")?;
    assert_eq!(
        disposed.status,
        DeviceStatus::Disposed,
        "the device must leave the active fleet"
    );

    let by_email = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::InvoicesByEmail),
            contract_id: Some(contract_id),
            effective_on: NaiveDate::from_ymd_opt(2026, 12, 10),
            facts: canon_desk_core::email_fr::RequestFacts {
                invoice_email: Some("marie.dupont@atelier.example".into()),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    assert!(
        by_email.warnings.contains(&Warning::PersonalInvoiceEmail),
        "a personal address must be flagged"
    );
    assert!(
        by_email.warnings.contains(&Warning::DeadlinePassed),
        "10 December is less than a month after 23 November"
    );
    let sheet = requests::call_sheet(&ctx, by_email.request.id, "America/New_York".into()).await?;
    assert_eq!(
        (sheet.number.as_str(), sheet.menu_choice),
        ("0 820 12 40 40", 4),
        "wrong line"
    );
    assert!(sheet.open_now, "Monday 10:30 in Paris the line is open");
    // Invoices by email needs the contract number; the customer number comes with
    // it, so Canon finds the account at once.
    let customer = sheet
        .identifiers
        .iter()
        .find(|r| r.identifier == canon_desk_core::catalogue::Identifier::CustomerNumber);
    assert_eq!(
        customer.and_then(|r| r.value.as_deref()),
        Some("C0048213"),
        "the call sheet must have the customer number ready: {:?}",
        sheet.identifiers
    );
    // From abroad the 0820 line often cannot be reached: the written channels
    // come with the sheet.
    assert_eq!(
        (
            sheet.sales_contact_email.as_deref(),
            sheet.case_management_email.as_str()
        ),
        (Some("commercial.demo@example.com"), CASE_MGT_EMAIL),
        "the call sheet must keep the email channels in view"
    );
    requests::record_call_outcome(&ctx, by_email.request.id, "OK".into()).await?;
    let done = requests::complete(&ctx, by_email.request.id, "Factures par e-mail".into()).await?;
    assert_eq!(done.status, RequestStatus::Done, "the request must be done");
    let again = requests::cancel(&ctx, done.id).await.err().map(|e| e.code);
    assert_eq!(
        again,
        Some(ErrorCode::InvalidState),
        "a done request cannot be cancelled"
    );
    Ok(())
}

#[tokio::test]
async fn a_counter_below_the_last_reading_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    demo::load(&ctx).await?;
    // The demo's owned office printer has six months of readings per counter.
    let device_id = devices::list(&ctx, DeviceFilter::default())
        .await?
        .into_iter()
        .find(|d| d.serial == "WFK20381")
        .ok_or("the demo has no device WFK20381")?
        .id;
    let readings = devices::readings(&ctx, device_id).await?;
    let last = readings
        .first()
        .ok_or("the demo's WFK20381 has no readings, so nothing can be below the last")?;
    let err = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::AnswerMeterReadingRequest),
            device_id: Some(device_id),
            counters: vec![CounterInput {
                counter: last.counter.clone(),
                value: last.value - 1,
            }],
            ..Default::default()
        },
    )
    .await
    .err();
    assert_eq!(
        err.as_ref().map(|e| e.code),
        Some(ErrorCode::Validation),
        "a lower counter must be refused: {err:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_file_chosen_in_the_wizard_arrives_attached_under_its_own_name() -> TestResult {
    use base64::Engine as _;
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (device_id, _serial, _contract) = seeded(&ctx).await?;
    let server = SmtpServer::start(Mode::Accept)?;
    smtp_settings::save(&ctx, config(server.port)).await?;
    let bytes = b"%PDF-1.4 releve de mars".to_vec();
    let staged = requests::stage_attachment(
        &ctx,
        canon_desk_app::upload::Upload {
            name: "relevé mars.pdf".into(),
            base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
        },
        "meter_reading_page".into(),
    )
    .await?;
    assert_eq!(
        (staged.file_name.as_str(), staged.sha256.len()),
        ("relevé mars.pdf", 64),
        "the chosen file must come back as its name and content hash: {staged:?}"
    );
    let refused = requests::stage_attachment(
        &ctx,
        canon_desk_app::upload::Upload {
            name: "x.pdf".into(),
            base64: String::new(),
        },
        "passport".into(),
    )
    .await
    .err()
    .ok_or("an unknown attachment kind must be refused")?;
    assert_eq!(refused.code, ErrorCode::Validation, "bad kind: {refused:?}");

    let prepared = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::DisposeOwnedDevice),
            device_id: Some(device_id),
            attachments: vec![staged],
            ..Default::default()
        },
    )
    .await?;
    let attached = send_for_attachments(&ctx, prepared.request.id, &server).await?;
    assert_eq!(
        attached,
        vec![("relevé mars.pdf".to_owned(), bytes)],
        "the message must carry the chosen file under the name the user saw"
    );
    Ok(())
}

#[tokio::test]
async fn a_message_that_cannot_be_kept_is_not_sent() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (device_id, _serial, _) = seeded(&ctx).await?;
    let server = SmtpServer::start(Mode::Accept)?;
    smtp_settings::save(&ctx, config(server.port)).await?;
    let prepared = draft_for(
        &ctx,
        Situation::EnableAutomaticMeters,
        device_id,
        DraftInput::default(),
    )
    .await?;
    // The documents folder cannot be written: a file stands where it should be.
    let docs = dir.path().join("documents");
    if docs.exists() {
        std::fs::remove_dir_all(&docs)?;
    }
    std::fs::write(&docs, b"not a folder")?;
    let refused = requests::send(&ctx, prepared.request.id).await.err();
    assert!(
        refused.is_some(),
        "sending must fail when the message cannot be kept"
    );
    assert!(
        server.received().is_empty(),
        "nothing may leave when the copy could not be written first"
    );
    let draft = requests::get(&ctx, prepared.request.id).await?;
    assert_eq!(
        (draft.status, draft.attempts),
        (RequestStatus::Draft, 0),
        "the request stays a draft, never attempted"
    );
    // Once the folder is back, it goes once.
    std::fs::remove_file(&docs)?;
    let sent = requests::send(&ctx, prepared.request.id).await?;
    assert_eq!(sent.status, RequestStatus::Sent, "{:?}", sent.last_error);
    assert_eq!(
        server.received().len(),
        1,
        "the message must go exactly once"
    );
    Ok(())
}
