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

/// The organisation's history entries that are bank-details checks, as JSON.
async fn bank_checks(
    ctx: &canon_desk_app::Ctx,
) -> Result<Vec<serde_json::Value>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for entry in canon_desk_app::devices::history(ctx, "organisation".into(), 1).await? {
        if entry.entity == "bank_check" {
            assert_eq!(entry.action, "create", "a check is written as a new entry");
            let after = entry.after.ok_or("a bank check entry has no content")?;
            out.push(serde_json::from_str(&after)?);
        }
    }
    Ok(out)
}

#[tokio::test]
async fn every_bank_check_is_kept_in_the_organisations_history() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    seeded(&ctx).await?;
    let before = bank_checks(&ctx).await?.len();
    requests::set_known_bank_details(
        &ctx,
        "FR7630006000011234567890189".into(),
        "DEUTFRPP".into(),
    )
    .await?;
    requests::check_bank_details(
        &ctx,
        "fr7630006000011234567890189".into(),
        "deutfrpp".into(),
    )
    .await?;
    requests::check_bank_details(
        &ctx,
        "FR76 3000 4000 0312 3456 7890 143".into(),
        "BNPAFRPPXXX".into(),
    )
    .await?;
    // A refused IBAN is no check: nothing is kept.
    let bad = requests::check_bank_details(&ctx, "FR76 0000".into(), "DEUTFRPP".into()).await;
    assert!(bad.is_err(), "an invalid IBAN must be refused");

    // Read back from the file by a second opening, as after a restart.
    drop(ctx);
    let ctx = open(dir.path(), at(2026, 11, 23, 10, 0)?)?;
    let checks = bank_checks(&ctx).await?;
    assert_eq!(
        checks.len(),
        before + 2,
        "two checks must leave two history rows, found {checks:?}"
    );
    let (first, second) = (&checks[before], &checks[before + 1]);
    assert_eq!(
        first["verdict"], "match",
        "the first check matched: {first}"
    );
    assert_eq!(
        first["iban"], "FR76 3000 6000 0112 3456 7890 189",
        "the IBAN is kept grouped by four: {first}"
    );
    assert_eq!(first["bic"], "DEUTFRPP", "the BIC entered is kept: {first}");
    assert_eq!(
        first["warnings"],
        serde_json::json!([]),
        "details at the stated bank carry no warning: {first}"
    );
    assert_eq!(
        second["verdict"], "mismatch",
        "the second check did not match: {second}"
    );
    assert_eq!(
        second["iban"], "FR76 3000 4000 0312 3456 7890 143",
        "the second IBAN entered is kept: {second}"
    );
    assert_eq!(
        second["warnings"],
        serde_json::json!(["other_bank"]),
        "details at another bank are flagged in the history: {second}"
    );
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
