//! A request reaches Canon once: two sends at the same time deliver one message, and
//! a process that dies after delivering and before recording it does not send the
//! message again when it starts next.

use std::sync::Arc;

use canon_desk_app::mailer::{BoxFuture, MailFailure, Mailer, SmtpConfig, SmtpMailer};
use canon_desk_app::records::DocumentEntity;
use canon_desk_app::requests::{self, DraftInput};
use canon_desk_app::smtp_settings;
use canon_desk_core::catalogue::Situation;
use canon_desk_store::RequestStatus;
use canon_desk_tests::smtp::{Mode, SmtpServer};

use super::{at, config, open, seeded, TestResult};

/// A request about the demo's owned device, ready to send by SMTP to `server`.
async fn ready(
    ctx: &canon_desk_app::Ctx,
    server: &SmtpServer,
) -> Result<i64, Box<dyn std::error::Error>> {
    let (device_id, _, _) = seeded(ctx).await?;
    smtp_settings::save(ctx, config(server.port)).await?;
    let prepared = requests::create(
        ctx,
        DraftInput {
            situation: Some(Situation::DisposeOwnedDevice),
            device_id: Some(device_id),
            ..Default::default()
        },
    )
    .await?;
    Ok(prepared.request.id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_sends_at_once_deliver_one_message() -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = SmtpServer::start(Mode::Accept)?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let id = ready(&ctx, &server).await?;
    let (first, second) = tokio::join!(requests::send(&ctx, id), requests::send(&ctx, id));
    let received = server.received().len();
    assert_eq!(
        received, 1,
        "two sends at once must deliver one message, the server got {received}: {first:?} / {second:?}"
    );
    assert!(
        first.is_ok() != second.is_ok(),
        "exactly one of the two sends must succeed: {first:?} / {second:?}"
    );
    Ok(())
}

/// Delivers for real, then dies as a process killed at that instant would: nothing
/// after the delivery runs.
#[derive(Debug)]
struct DiesAfterDelivery;

impl Mailer for DiesAfterDelivery {
    fn deliver<'a>(
        &'a self,
        config: &'a SmtpConfig,
        password: Option<&'a str>,
        message: &'a lettre::Message,
    ) -> BoxFuture<'a, Result<(), MailFailure>> {
        Box::pin(async move {
            SmtpMailer.deliver(config, password, message).await?;
            panic!("the process dies after delivering, before recording");
        })
    }

    fn test<'a>(
        &'a self,
        config: &'a SmtpConfig,
        password: Option<&'a str>,
    ) -> BoxFuture<'a, Result<(), MailFailure>> {
        SmtpMailer.test(config, password)
    }
}

#[tokio::test]
async fn a_process_killed_after_delivery_does_not_resend_on_restart() -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = SmtpServer::start(Mode::Accept)?;
    let id = {
        let ctx = Arc::new(
            open(dir.path(), at(2026, 11, 23, 9, 30)?)?.with_mailer(Arc::new(DiesAfterDelivery)),
        );
        let id = ready(&ctx, &server).await?;
        let sending = Arc::clone(&ctx);
        let died = tokio::spawn(async move { requests::send(&sending, id).await }).await;
        assert!(
            died.is_err(),
            "the stand-in crash must stop the send: {died:?}"
        );
        id
    };
    assert_eq!(
        server.received().len(),
        1,
        "the first delivery must have reached the server"
    );
    // The app starts again on the same data.
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 45)?)?;
    let again = requests::retry(&ctx, id).await;
    assert_eq!(
        server.received().len(),
        1,
        "after the restart the message must not be sent again on its own: {again:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_request_left_sending_is_asked_about_then_marked_sent_or_sent_again_as_the_same_message(
) -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = SmtpServer::start(Mode::Accept)?;
    let mut ids = Vec::new();
    {
        let ctx = Arc::new(
            open(dir.path(), at(2026, 11, 23, 9, 30)?)?.with_mailer(Arc::new(DiesAfterDelivery)),
        );
        let first = ready(&ctx, &server).await?;
        let device_id = requests::get(&ctx, first)
            .await?
            .draft
            .device_id
            .ok_or("the request names no device")?;
        let second = requests::create(
            &ctx,
            DraftInput {
                situation: Some(Situation::DisposeOwnedDevice),
                device_id: Some(device_id),
                ..Default::default()
            },
        )
        .await?
        .request
        .id;
        for id in [first, second] {
            let sending = Arc::clone(&ctx);
            let died = tokio::spawn(async move { requests::send(&sending, id).await }).await;
            assert!(died.is_err(), "the stand-in crash must stop send {id}");
            ids.push(id);
        }
    }
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 45)?)?;
    let doubtful: Vec<i64> = requests::in_doubt(&ctx)
        .await?
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(
        doubtful,
        vec![ids[1], ids[0]],
        "both requests left while sending must be shown as may have been sent"
    );
    let [first, second] = ids[..] else {
        return Err("two requests were expected".into());
    };
    let marked = requests::mark_sent(&ctx, first).await?;
    assert_eq!(
        marked.status,
        RequestStatus::Sent,
        "marked sent: {marked:?}"
    );
    let eml = marked
        .eml_sha256
        .clone()
        .ok_or("the kept message is gone")?;
    let docs = canon_desk_app::documents::list(&ctx, DocumentEntity::Request, first).await?;
    assert!(
        docs.iter().any(|d| d.sha256 == eml),
        "the message kept when it was claimed must be a document of the request: {docs:?}"
    );
    let again = requests::send_again(&ctx, second).await?;
    assert_eq!(again.status, RequestStatus::Sent, "sent again: {again:?}");
    let received = server.received();
    assert_eq!(
        received.len(),
        3,
        "two first copies and one copy sent again"
    );
    let ids_of = |data: &str| -> Vec<String> {
        data.lines()
            .filter(|l| l.to_ascii_lowercase().starts_with("message-id:"))
            .map(|l| {
                l.split_once(':')
                    .map(|(_, v)| v.trim().to_owned())
                    .unwrap_or_default()
            })
            .collect()
    };
    let second_copies: Vec<Vec<String>> = [&received[1], &received[2]]
        .iter()
        .map(|m| ids_of(&m.data))
        .collect();
    assert!(
        second_copies[0].len() == 1 && second_copies[0] == second_copies[1],
        "the copy sent again must carry the first copy's Message-ID: {second_copies:?}"
    );
    assert_eq!(
        again.message_id.as_ref(),
        second_copies[0].first(),
        "the request keeps the Message-ID its copies carry"
    );
    assert!(
        requests::in_doubt(&ctx).await?.is_empty(),
        "nothing is left in doubt"
    );
    Ok(())
}

#[tokio::test]
async fn the_date_of_a_message_comes_from_the_apps_clock() -> TestResult {
    let dir = tempfile::tempdir()?;
    let server = SmtpServer::start(Mode::Accept)?;
    // A clock far from the machine's: 23 November 2026, 09:30 UTC.
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let id = ready(&ctx, &server).await?;
    requests::send(&ctx, id).await?;
    let received = server.received();
    let data = &received.first().ok_or("nothing received")?.data;
    let date = data
        .lines()
        .find(|l| l.starts_with("Date:"))
        .ok_or("the message has no Date header")?;
    assert!(
        date.contains("23 Nov 2026 09:30:00"),
        "the Date header must be the app's clock (23 Nov 2026 09:30:00): {date}"
    );
    Ok(())
}
