//! What reaches Canon is true: no empty attachment, no rented device "owned", the PO
//! number in force on the day, and what Canon said kept beside the completion note.

use canon_desk_app::records::*;
use canon_desk_app::requests::{self, DraftInput};
use canon_desk_app::{contracts, devices, ErrorCode};
use canon_desk_core::catalogue::Situation;
use chrono::NaiveDate;

use super::{at, open, seeded, stage, TestResult};

#[tokio::test]
async fn an_empty_file_is_refused_as_an_attachment() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let err = stage(&ctx, "releve-mars.pdf", b"", "meter_reading_page")
        .await
        .err();
    assert_eq!(
        err.as_ref().map(|e| (e.code, e.field.as_deref())),
        Some((ErrorCode::Validation, Some("file"))),
        "an empty file must be refused with a validation error on the file: {err:?}"
    );
    assert!(
        err.as_ref().is_some_and(|e| e.message.contains("empty")),
        "the message must say the file is empty: {err:?}"
    );
    Ok(())
}

#[tokio::test]
async fn only_an_owned_device_can_be_disposed_of() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (owned, _, _) = seeded(&ctx).await?;
    let listed = devices::list(
        &ctx,
        DeviceFilter {
            ownership: Some(Ownership::Owned),
            ..Default::default()
        },
    )
    .await?;
    assert!(
        listed.len() == 2 && listed.iter().all(|d| d.ownership == Ownership::Owned),
        "the disposal wizard's picker lists the two owned devices only: {listed:?}"
    );
    let fleet = devices::list(&ctx, DeviceFilter::default()).await?;
    for serial in ["GBM00973", "XQD04127"] {
        let device = fleet
            .iter()
            .find(|d| d.serial == serial)
            .ok_or(format!("the demo has no device {serial}"))?;
        let err = requests::create(
            &ctx,
            DraftInput {
                situation: Some(Situation::DisposeOwnedDevice),
                device_id: Some(device.id),
                ..Default::default()
            },
        )
        .await
        .err();
        assert_eq!(
            err.as_ref().map(|e| (e.code, e.field.as_deref())),
            Some((ErrorCode::Validation, Some("deviceId"))),
            "{serial} ({:?}) is not owned: disposing of it must be refused: {err:?}",
            device.ownership
        );
    }
    let prepared = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::DisposeOwnedDevice),
            device_id: Some(owned),
            ..Default::default()
        },
    )
    .await?;
    assert!(
        prepared.request.draft.body.contains("propriétaires"),
        "an owned device is disposed of as before:\n{}",
        prepared.request.draft.body
    );
    Ok(())
}

#[tokio::test]
async fn a_po_number_starting_next_year_is_not_the_one_in_force() -> TestResult {
    let dir = tempfile::tempdir()?;
    // Monday 30 November 2026: the demo's PO-2026-0147 is in force.
    let ctx = open(dir.path(), at(2026, 11, 30, 9, 30)?)?;
    let (_, _, contract_id) = seeded(&ctx).await?;
    let from = NaiveDate::from_ymd_opt(2027, 1, 1).ok_or("bad date")?;
    contracts::set_po(&ctx, contract_id, "PO-2027-0001".into(), from).await?;
    let listed = contracts::list(&ctx)
        .await?
        .into_iter()
        .find(|c| c.id == contract_id)
        .ok_or("the contract vanished")?;
    assert_eq!(
        listed.po_number.as_deref(),
        Some("PO-2026-0147"),
        "on 30 November 2026 the PO in force is the 2026 one, not the one from 1 January 2027"
    );
    let prepared = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::InvoicesByEmail),
            contract_id: Some(contract_id),
            facts: canon_desk_core::email_fr::RequestFacts {
                invoice_email: Some("factures@atelier.example".into()),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    let body = &prepared.request.draft.body;
    assert!(
        !body.contains("PO-2027-0001"),
        "a PO that starts next year must not be announced to Canon as the current one:\n{body}"
    );
    // A contract whose only PO starts in the future has none in force yet.
    let later = contracts::create(
        &ctx,
        contracts::NewContract {
            contract: ContractForm {
                number: "CF-LOC-2027-000001".into(),
                kind: ContractKind::Rental,
                customer_number: "C0048213".into(),
                billing_entity: "Atelier Lumière SARL".into(),
                invoice_delivery: InvoiceDelivery::Paper,
                invoice_address: "12 rue des Tanneurs, 69002 Lyon".into(),
                starts_on: Some(from),
                ends_on: None,
                renewal: Renewal::Express,
                notice_months: None,
                renewal_months: None,
            },
            po_number: Some("PO-2027-0002".into()),
            po_valid_from: Some(from),
            device_ids: Vec::new(),
        },
    )
    .await?;
    let listed = contracts::list(&ctx)
        .await?
        .into_iter()
        .find(|c| c.id == later.id)
        .ok_or("the new contract is not listed")?;
    assert_eq!(
        listed.po_number, None,
        "a PO from 1 January 2027 is not in force on 30 November 2026"
    );
    Ok(())
}

#[tokio::test]
async fn what_canon_said_on_the_phone_survives_the_completion_note() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (device_id, _, _) = seeded(&ctx).await?;
    let prepared = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::MoveDevice),
            device_id: Some(device_id),
            facts: canon_desk_core::email_fr::RequestFacts {
                new_address: Some("12 rue des Lilas, 69003 Lyon".into()),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    let id = prepared.request.id;
    requests::record_call_outcome(&ctx, id, "Ticket 4471932: move planned".into()).await?;
    let done = requests::complete(&ctx, id, "Technician came on 2 December".into()).await?;
    assert!(
        done.outcome.contains("Ticket 4471932: move planned"),
        "what Canon said on the phone (with its ticket) must be kept: {:?}",
        done.outcome
    );
    assert!(
        done.outcome.contains("Technician came on 2 December"),
        "the completion note must be kept: {:?}",
        done.outcome
    );
    Ok(())
}
