//! The reminders a request plans: a follow-up once it has left the app, whatever the
//! channel, and the "tell Canon by" date closed as soon as Canon is told.

use canon_desk_app::requests::{self, DraftInput};
use canon_desk_app::Ctx;
use canon_desk_core::catalogue::Situation;
use canon_desk_store::{Reminder, ReminderKind};
use chrono::NaiveDate;

use super::{at, open, seeded, TestResult};

/// The request's reminder of `kind`, with its status.
async fn reminder(ctx: &Ctx, id: i64, kind: ReminderKind) -> Result<Reminder, String> {
    let all = requests::reminders(ctx, id)
        .await
        .map_err(|e| format!("reminders of request {id}: {e:?}"))?;
    all.iter()
        .find(|r| r.kind == kind)
        .cloned()
        .ok_or(format!("request {id} has no {kind:?} reminder: {all:?}"))
}

#[tokio::test]
async fn a_phone_request_plans_a_follow_up_and_closes_its_deadline() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (_, _, contract_id) = seeded(&ctx).await?;
    let prepared = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::ChangePoNumber),
            contract_id: Some(contract_id),
            effective_on: NaiveDate::from_ymd_opt(2027, 3, 1),
            facts: canon_desk_core::email_fr::RequestFacts {
                po_number: Some("PO-2027-0042".into()),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    let id = prepared.request.id;
    let deadline = reminder(&ctx, id, ReminderKind::NotifyBy).await?;
    assert_eq!(
        deadline.status, "pending",
        "a deadline a month before 1 March must be planned"
    );
    requests::record_call_outcome(&ctx, id, "PO noted by Canon".into()).await?;
    assert_eq!(
        reminder(&ctx, id, ReminderKind::NotifyBy).await?.status,
        "done",
        "once Canon is told on the phone, the deadline reminder is done"
    );
    let follow = reminder(&ctx, id, ReminderKind::FollowUp).await?;
    assert_eq!(
        (follow.status.as_str(), follow.due_at.as_str()),
        ("pending", "2026-11-30T08:00:00.000Z"),
        "a phone request must plan its follow-up a week later, 09:00 in Paris"
    );
    Ok(())
}

#[tokio::test]
async fn sending_closes_the_tell_canon_by_reminder() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (device_id, _, _) = seeded(&ctx).await?;
    let prepared = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::ChangeBillingEntity),
            device_id: Some(device_id),
            effective_on: NaiveDate::from_ymd_opt(2027, 2, 1),
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
    assert_eq!(
        reminder(&ctx, id, ReminderKind::NotifyBy).await?.status,
        "pending",
        "the date Canon must be told by is planned while the request is a draft"
    );
    requests::hand_to_mail_client(&ctx, id).await?;
    assert_eq!(
        reminder(&ctx, id, ReminderKind::NotifyBy).await?.status,
        "pending",
        "handing the message to the mail client is not telling Canon yet"
    );
    requests::confirm_mail_client(&ctx, id).await?;
    assert_eq!(
        reminder(&ctx, id, ReminderKind::NotifyBy).await?.status,
        "done",
        "once the request is sent, its deadline reminder is done"
    );
    assert_eq!(
        reminder(&ctx, id, ReminderKind::FollowUp).await?.status,
        "pending",
        "the follow-up stays planned"
    );
    requests::cancel(&ctx, id).await?;
    assert_eq!(
        reminder(&ctx, id, ReminderKind::FollowUp).await?.status,
        "dismissed",
        "a cancelled request needs no follow-up"
    );
    Ok(())
}
