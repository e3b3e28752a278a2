//! A request exists once the user sends, hands off, phones or keeps it: a draft the
//! wizard prepared for its review and the user left is taken back without a trace
//! in the request history.

use canon_desk_app::requests::{self, DraftInput};
use canon_desk_app::ErrorCode;
use canon_desk_core::catalogue::Situation;

use super::{at, draft_for, open, seeded, TestResult};

#[tokio::test]
async fn a_draft_left_in_the_review_leaves_no_row_but_a_handed_off_one_stays() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (device_id, _serial, _) = seeded(&ctx).await?;
    let before = requests::list(&ctx).await?.len();

    let left = draft_for(
        &ctx,
        Situation::TerminateContract,
        device_id,
        DraftInput::default(),
    )
    .await?;
    requests::discard(&ctx, left.request.id).await?;
    let after = requests::list(&ctx).await?;
    assert_eq!(
        after.len(),
        before,
        "a draft the user went back from must leave no row in the history: {:?}",
        after.iter().map(|r| (r.id, r.status)).collect::<Vec<_>>()
    );

    let handed = draft_for(
        &ctx,
        Situation::TerminateContract,
        device_id,
        DraftInput::default(),
    )
    .await?;
    requests::hand_to_mail_client(&ctx, handed.request.id).await?;
    let refused = requests::discard(&ctx, handed.request.id)
        .await
        .err()
        .map(|e| e.code);
    assert_eq!(
        refused,
        Some(ErrorCode::InvalidState),
        "a request handed to the mail client may have left: it must not be taken back"
    );
    assert_eq!(
        requests::list(&ctx).await?.len(),
        before + 1,
        "the handed-off request stays in the history"
    );
    // It waits for "was it sent?": the badge on Requests counts it, and only it.
    assert_eq!(
        canon_desk_app::overview::get(&ctx).await?.requests_to_check,
        1,
        "the request handed to the mail client must be counted for the badge"
    );
    Ok(())
}
