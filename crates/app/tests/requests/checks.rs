//! The bank-details check and the phone line's hours across DST changes, with fixed clocks.

use canon_desk_app::requests::{self, BankVerdict, DraftInput};
use canon_desk_core::catalogue::Situation;

use super::{at, open, seeded, TestResult};

#[tokio::test]
async fn different_bank_details_raise_the_fraud_warning() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    seeded(&ctx).await?;
    let first = requests::check_bank_details(
        &ctx,
        "FR76 3000 6000 0112 3456 7890 189".into(),
        "DEUTFRPP".into(),
    )
    .await?;
    assert_eq!(
        first.verdict,
        BankVerdict::NoReference,
        "nothing recorded yet to compare with"
    );
    assert_eq!(
        first.remittance_email, "ar.france@canon-europe.com",
        "wrong remittance address"
    );
    requests::set_known_bank_details(
        &ctx,
        "FR7630006000011234567890189".into(),
        "DEUTFRPP".into(),
    )
    .await?;
    let cases = [
        (
            "fr76 3000 6000 0112 3456 7890 189",
            "deutfrpp",
            BankVerdict::Match,
            "the same details in another spacing must match",
        ),
        (
            "FR76 3000 6000 0112 3456 7890 189",
            "DEUTFRPPXXX",
            BankVerdict::Match,
            "the primary office's BIC written with XXX is the same bank, not a fraud signal",
        ),
        (
            "FR76 3000 6000 0112 3456 7890 189",
            "DEUTFRPPABC",
            BankVerdict::Mismatch,
            "another branch's BIC must raise the fraud warning",
        ),
        (
            "DE89 3704 0044 0532 0130 00",
            "DEUTFRPP",
            BankVerdict::Mismatch,
            "another IBAN must raise the fraud warning",
        ),
    ];
    for (iban, bic, expected, why) in cases {
        let check = requests::check_bank_details(&ctx, iban.into(), bic.into()).await?;
        assert_eq!(check.verdict, expected, "{iban} / {bic}: {why}");
    }
    let bad = requests::check_bank_details(&ctx, "FR76 0000".into(), "DEUTFRPP".into()).await;
    assert!(bad.is_err(), "an invalid IBAN must be refused");
    Ok(())
}

#[tokio::test]
async fn the_call_sheet_follows_paris_hours_across_dst() -> TestResult {
    // 06:29 UTC is 08:29 in Paris after the spring change (UTC+2): closed, opens at 06:30 UTC.
    // 07:29 UTC is 08:29 in Paris in winter (UTC+1): closed, opens at 07:30 UTC.
    let cases = [
        (at(2027, 3, 29, 6, 29)?, false, at(2027, 3, 29, 6, 30)?),
        (at(2027, 3, 29, 6, 30)?, true, at(2027, 3, 29, 6, 30)?),
        (at(2026, 11, 23, 7, 29)?, false, at(2026, 11, 23, 7, 30)?),
        (at(2026, 10, 23, 16, 0)?, false, at(2026, 10, 26, 7, 30)?),
    ];
    for (now, open_now, next) in cases {
        let dir = tempfile::tempdir()?;
        let ctx = open(dir.path(), now)?;
        let prepared = requests::create(
            &ctx,
            DraftInput {
                situation: Some(Situation::ChangePoNumber),
                ..Default::default()
            },
        )
        .await?;
        let sheet = requests::call_sheet(&ctx, prepared.request.id, "Europe/Rome".into()).await?;
        assert_eq!(
            sheet.open_now, open_now,
            "at {now} the line open must be {open_now}"
        );
        assert_eq!(
            sheet.next_opening, next,
            "at {now} the line next opens at {next}"
        );
    }
    Ok(())
}
