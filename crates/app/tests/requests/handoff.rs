//! The mail-client hand-off as the history records it, and attachments kept as the
//! request's documents (named by content hash, never by a path from the page).

use canon_desk_app::records::{DocumentEntity, DocumentKind};
use canon_desk_app::requests::{self, AttachmentInput, DraftInput};
use canon_desk_app::{backup, documents, smtp_settings, ErrorCode};
use canon_desk_core::catalogue::Situation;
use canon_desk_store::{Attachment, RequestChannel, RequestDraft, RequestStatus, Store};
use canon_desk_tests::smtp::{Mode, SmtpServer};

use super::{at, config, draft_for, open, seeded, send_for_attachments, stage, TestResult};

/// A demo record in a fresh data folder on 23 November 2026, 09:30 UTC, with the
/// id and serial number of its owned device.
async fn demo_record(
) -> Result<(tempfile::TempDir, canon_desk_app::Ctx, i64, String), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (device_id, serial, _) = seeded(&ctx).await?;
    Ok((dir, ctx, device_id, serial))
}

#[tokio::test]
async fn a_mail_client_handoff_is_recorded_and_asked_about_until_answered() -> TestResult {
    let (dir, ctx, device_id, serial) = demo_record().await?;
    let now = at(2026, 11, 23, 9, 30)?;
    let prepared = draft_for(
        &ctx,
        Situation::TerminateContract,
        device_id,
        DraftInput::default(),
    )
    .await?;
    let id = prepared.request.id;
    assert!(
        prepared.request.draft.body.contains('\n'),
        "the letter has several lines"
    );

    // A request never handed to the mail client cannot be confirmed as sent by it.
    let early = requests::confirm_mail_client(&ctx, id)
        .await
        .err()
        .ok_or("confirming before the hand-off must be refused")?;
    assert_eq!(early.code, ErrorCode::InvalidState, "{early:?}");

    let handoff = requests::hand_to_mail_client(&ctx, id).await?;
    let body = handoff
        .url
        .split_once("&body=")
        .map(|(_, b)| b)
        .ok_or("no body in the mailto: URL")?;
    assert!(body.contains("%0D%0A"), "line breaks must be CRLF: {body}");
    assert_eq!(
        body.matches("%0A").count(),
        body.matches("%0D%0A").count(),
        "no bare LF may remain (RFC 6068): {body}"
    );
    assert!(body.contains(&serial), "the body carries the serial number");
    assert_eq!(
        (
            handoff.request.status,
            handoff.request.draft.channel,
            handoff.request.sent_at.clone()
        ),
        (RequestStatus::Draft, Some(RequestChannel::MailClient), None),
        "the hand-off records the channel, not a sending"
    );
    let listed = requests::list(&ctx).await?;
    assert_eq!(
        listed
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.draft.channel),
        Some(RequestChannel::MailClient),
        "the history shows the mail client at once"
    );
    assert!(
        requests::awaits_mail_client_answer(&handoff.request),
        "the user must be asked whether it was sent"
    );

    // "Not yet", then a restart: still unsent, still to be asked about.
    drop(ctx);
    let ctx = open(dir.path(), now)?;
    let reopened = requests::get(&ctx, id).await?;
    assert_eq!(
        (reopened.status, reopened.draft.channel),
        (RequestStatus::Draft, Some(RequestChannel::MailClient)),
        "the hand-off survives a restart"
    );
    assert!(
        requests::awaits_mail_client_answer(&reopened),
        "after a restart the question is asked again"
    );
    // Handing it over again is allowed and changes nothing else.
    let again = requests::hand_to_mail_client(&ctx, id).await?;
    assert_eq!(again.request.status, RequestStatus::Draft, "still a draft");

    // "Sent": marked sent through the mail client, with its date.
    let later = at(2026, 11, 24, 8, 15)?;
    drop(ctx);
    let ctx = open(dir.path(), later)?;
    let sent = requests::confirm_mail_client(&ctx, id).await?;
    assert_eq!(
        (sent.status, sent.draft.channel),
        (RequestStatus::Sent, Some(RequestChannel::MailClient)),
        "the answer marks it sent from the mail client"
    );
    assert!(
        sent.sent_at
            .as_deref()
            .is_some_and(|t| t.starts_with("2026-11-24T08:15")),
        "the sending date is the answer's: {:?}",
        sent.sent_at
    );
    assert!(
        !requests::awaits_mail_client_answer(&sent),
        "no question once it is sent"
    );
    drop(ctx);
    let ctx = open(dir.path(), later)?;
    assert_eq!(
        requests::get(&ctx, id).await?.status,
        RequestStatus::Sent,
        "the answer survives a restart"
    );
    Ok(())
}

#[tokio::test]
async fn attachments_are_documents_of_the_request_carried_by_backups() -> TestResult {
    let (dir, ctx, device_id, _serial) = demo_record().await?;
    let bytes = b"%PDF-1.4 extrait K-bis".to_vec();
    let kbis = stage(&ctx, "K-bis société.pdf", &bytes, "kbis").await?;
    let prepared = draft_for(
        &ctx,
        Situation::ChangeBillingEntity,
        device_id,
        DraftInput {
            effective_on: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
            attachments: vec![kbis.clone()],
            facts: canon_desk_core::email_fr::RequestFacts {
                new_entity_name: Some("Lumière Holding SAS".into()),
                entity_change: Some(canon_desk_core::email_fr::EntityChange::Takeover),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    let id = prepared.request.id;
    let docs = documents::list(&ctx, DocumentEntity::Request, id).await?;
    assert_eq!(
        docs.iter()
            .map(|d| (d.sha256.as_str(), d.file_name.as_str(), d.kind))
            .collect::<Vec<_>>(),
        vec![(
            kbis.sha256.as_str(),
            "K-bis société.pdf",
            DocumentKind::Kbis
        )],
        "the K-bis must be a document of the request"
    );
    let attachment = prepared
        .request
        .draft
        .attachments
        .first()
        .ok_or("the request has no attachment")?;
    assert_eq!(
        (attachment.sha256.as_deref(), attachment.path.as_deref()),
        (Some(kbis.sha256.as_str()), None),
        "the request names its attachment by content, never by a path"
    );
    assert!(
        !dir.path().join(requests::ATTACHMENTS_DIR).exists(),
        "nothing is kept outside the documents any more"
    );

    // A backup carries it: restored into another data folder, the request is sent
    // from there with its K-bis.
    let archive = dir.path().join("backup.zip");
    backup::create(&ctx, archive.display().to_string()).await?;
    let elsewhere = tempfile::tempdir()?;
    let restored = open(elsewhere.path(), at(2026, 11, 23, 10, 0)?)?;
    backup::restore(&restored, archive.display().to_string()).await?;
    let server = SmtpServer::start(Mode::Accept)?;
    smtp_settings::save(&restored, config(server.port)).await?;
    assert_eq!(
        send_for_attachments(&restored, id, &server).await?,
        vec![("K-bis société.pdf".to_owned(), bytes)],
        "the restored request must send its K-bis under its own name"
    );
    Ok(())
}

#[tokio::test]
async fn forged_attachments_are_refused_and_old_paths_still_send() -> TestResult {
    let (dir, ctx, device_id, _serial) = demo_record().await?;
    let page = stage(&ctx, "page.pdf", b"%PDF-1.4 page", "meter_reading_page").await?;
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, b"not for Canon")?;
    let forgeries = [
        (
            "a hash of content never stored",
            AttachmentInput {
                sha256: "0".repeat(64),
                ..page.clone()
            },
        ),
        (
            "a path instead of a hash",
            AttachmentInput {
                sha256: secret.display().to_string(),
                ..page.clone()
            },
        ),
        (
            "a relative path as a hash",
            AttachmentInput {
                sha256: format!("../../{}", page.sha256),
                ..page.clone()
            },
        ),
        (
            "a name with directories",
            AttachmentInput {
                file_name: "../../secret.txt".into(),
                ..page.clone()
            },
        ),
        (
            "an unknown kind",
            AttachmentInput {
                kind: "passport".into(),
                ..page.clone()
            },
        ),
    ];
    let before = requests::list(&ctx).await?.len();
    for (what, forged) in forgeries {
        let refused = draft_for(
            &ctx,
            Situation::DisposeOwnedDevice,
            device_id,
            DraftInput {
                attachments: vec![forged],
                ..Default::default()
            },
        )
        .await
        .err()
        .ok_or_else(|| format!("{what} must be refused"))?;
        assert_eq!(
            (refused.code, refused.field.as_deref()),
            (ErrorCode::Validation, Some("attachments")),
            "{what}: {refused:?}"
        );
    }
    assert_eq!(
        requests::list(&ctx).await?.len(),
        before,
        "a refused request leaves nothing behind"
    );

    // A request made before attachments were documents names a path inside the
    // data folder's attachments/: it still sends; one naming a path elsewhere does not.
    let server = SmtpServer::start(Mode::Accept)?;
    smtp_settings::save(&ctx, config(server.port)).await?;
    let kept = dir.path().join(requests::ATTACHMENTS_DIR).join("ab12");
    std::fs::create_dir_all(&kept)?;
    let old_file = kept.join("ancien relevé.pdf");
    std::fs::write(&old_file, b"%PDF-1.4 old page")?;
    let legacy = |path: &std::path::Path| RequestDraft {
        situation: Situation::DisposeOwnedDevice,
        channel: None,
        device_id: Some(device_id),
        contract_id: None,
        effective_on: None,
        notify_by: None,
        recipient: Some("commercial.demo@example.com".into()),
        subject: "Cession".into(),
        body: "Bonjour,\nci-joint le relevé.".into(),
        // What the wizard stored then, attachments named by path included.
        facts_json: serde_json::json!({
            "situation": "dispose_owned_device",
            "deviceId": device_id,
            "facts": canon_desk_core::email_fr::RequestFacts::default(),
            "counters": [],
            "attachments": [{ "path": path, "kind": "meter_reading_page" }],
        })
        .to_string(),
        attachments: vec![Attachment {
            sha256: None,
            path: Some(path.display().to_string()),
            file_name: "ancien relevé.pdf".into(),
            kind: "meter_reading_page".into(),
        }],
    };
    let now = at(2026, 11, 23, 9, 30)?;
    let (old_id, outside_id) = {
        let mut store = Store::open(&dir.path().join("canon-desk.db"))?;
        let docs = dir.path().join(documents::DOCUMENTS_DIR);
        (
            store.create_request(&legacy(&old_file), &docs, now)?.id,
            store.create_request(&legacy(&secret), &docs, now)?.id,
        )
    };
    assert_eq!(
        send_for_attachments(&ctx, old_id, &server).await?,
        vec![(
            "ancien relevé.pdf".to_owned(),
            b"%PDF-1.4 old page".to_vec()
        )],
        "an old request's kept file must still travel"
    );
    let done = requests::complete(&ctx, old_id, "Contrat clôturé".into()).await?;
    assert_eq!(
        done.status,
        RequestStatus::Done,
        "an old request with an attachment can still be completed"
    );
    let outside = requests::send(&ctx, outside_id)
        .await
        .err()
        .ok_or("a path outside the data folder must not be read")?;
    assert_eq!(
        (outside.code, outside.field.as_deref()),
        (ErrorCode::Validation, Some("attachments")),
        "{outside:?}"
    );
    assert_eq!(
        server.received().len(),
        1,
        "nothing may be sent with a file from outside the data folder"
    );
    Ok(())
}
