//! Completing a request updates the records it concerns, in the same transaction,
//! each change in the audit log; a record deleted since leaves the completion whole.

use canon_desk_app::records::*;
use canon_desk_app::requests::{self, CounterInput, DraftInput};
use canon_desk_app::{contracts, devices, organisation, Ctx};
use canon_desk_core::catalogue::Situation;
use canon_desk_core::email_fr::RequestFacts;
use canon_desk_store::{InvoiceDelivery, RequestStatus};
use chrono::NaiveDate;

use super::{at, open, seeded, TestResult};

type Outcome<T> = Result<T, Box<dyn std::error::Error>>;

/// A demo record in a temporary folder on Monday 23 November 2026, 09:30 UTC: the
/// folder (kept until the test ends), the context, an owned device and the contract.
async fn demo() -> Outcome<(tempfile::TempDir, Ctx, i64, i64)> {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 11, 23, 9, 30)?)?;
    let (device_id, _, contract_id) = seeded(&ctx).await?;
    Ok((dir, ctx, device_id, contract_id))
}

/// Creates a request, records Canon's answer on the phone and completes it.
async fn completed(ctx: &Ctx, input: DraftInput) -> Outcome<canon_desk_store::Request> {
    let prepared = requests::create(ctx, input).await?;
    let id = prepared.request.id;
    requests::record_call_outcome(ctx, id, "Noted by Canon".into()).await?;
    let done = requests::complete(ctx, id, "Done by Canon".into()).await?;
    assert_eq!(
        done.status,
        RequestStatus::Done,
        "request {id} must be done after completion"
    );
    Ok(done)
}

/// The audit entries of a record written at the test's instant, after creation.
async fn updates(ctx: &Ctx, entity: &str, id: i64) -> Outcome<Vec<canon_desk_store::AuditEntry>> {
    Ok(devices::history(ctx, entity.into(), id)
        .await?
        .into_iter()
        .filter(|e| e.action == "update")
        .collect())
}

/// Checks that an update of the record written after creation holds `needle`.
async fn assert_logged(ctx: &Ctx, entity: &str, id: i64, needle: &str, what: &str) -> TestResult {
    let log = updates(ctx, entity, id).await?;
    assert!(
        log.iter()
            .any(|e| e.after.as_deref().is_some_and(|a| a.contains(needle))),
        "{what}: {needle} not found in {log:?}"
    );
    Ok(())
}

async fn device(ctx: &Ctx, id: i64) -> Outcome<Device> {
    Ok(devices::list(ctx, DeviceFilter::default())
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or("the device left the list")?)
}

/// The demo's owned device with manual meters, covered by the demo contract.
async fn manual_device(ctx: &Ctx) -> Outcome<Device> {
    Ok(devices::list(ctx, DeviceFilter::default())
        .await?
        .into_iter()
        .find(|d| d.meter_transmission == MeterTransmission::Manual && d.serial == "WFK20381")
        .ok_or("the demo has no manual device WFK20381")?)
}

#[tokio::test]
async fn parting_with_a_device_marks_it_disposed_in_its_history() -> TestResult {
    let (_dir, ctx, device_id, _) = demo().await?;
    completed(
        &ctx,
        DraftInput {
            situation: Some(Situation::DisposeOwnedDevice),
            device_id: Some(device_id),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(
        device(&ctx, device_id).await?.status,
        DeviceStatus::Disposed,
        "the device must be disposed"
    );
    assert_logged(
        &ctx,
        "device",
        device_id,
        "\"disposed\"",
        "the device's history must show it disposed",
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn moving_a_device_marks_it_moved_in_its_history() -> TestResult {
    let (_dir, ctx, device_id, _) = demo().await?;
    let site_before = device(&ctx, device_id).await?.site_id;
    completed(
        &ctx,
        DraftInput {
            situation: Some(Situation::MoveDevice),
            device_id: Some(device_id),
            facts: RequestFacts {
                new_address: Some("12 rue des Lilas, 69003 Lyon".into()),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    let moved = device(&ctx, device_id).await?;
    assert_eq!(
        moved.status,
        DeviceStatus::Moved,
        "the device must be moved"
    );
    assert_eq!(
        moved.site_id, site_before,
        "a free-text address names no site: the site stays"
    );
    assert_logged(
        &ctx,
        "device",
        device_id,
        "\"moved\"",
        "the device's history must show it moved",
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn automatic_meters_switch_the_device_to_automatic_transmission() -> TestResult {
    let (_dir, ctx, _, _) = demo().await?;
    let manual = manual_device(&ctx).await?;
    completed(
        &ctx,
        DraftInput {
            situation: Some(Situation::EnableAutomaticMeters),
            device_id: Some(manual.id),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(
        device(&ctx, manual.id).await?.meter_transmission,
        MeterTransmission::Automatic,
        "the device must now send its counters itself"
    );
    assert_logged(
        &ctx,
        "device",
        manual.id,
        "\"meterTransmission\":\"automatic\"",
        "the device's history must show the switch",
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_meter_reading_answer_saves_the_counters_sent_once() -> TestResult {
    let (_dir, ctx, _, _) = demo().await?;
    let manual = manual_device(&ctx).await?;
    let before = devices::readings(&ctx, manual.id).await?;
    let last = |counter: &str| {
        before
            .iter()
            .find(|r| r.counter == counter)
            .map(|r| r.value)
            .ok_or(format!("the demo device has no {counter} reading"))
    };
    let (black, colour) = (last("black")? + 500, last("colour")?);
    let answer = DraftInput {
        situation: Some(Situation::AnswerMeterReadingRequest),
        device_id: Some(manual.id),
        effective_on: NaiveDate::from_ymd_opt(2026, 11, 30),
        request_address: Some("releves@canon.example".into()),
        counters: vec![
            CounterInput {
                counter: "black".into(),
                value: black,
            },
            // Unchanged since the last reading: already there, not saved again.
            CounterInput {
                counter: "colour".into(),
                value: colour,
            },
        ],
        ..Default::default()
    };
    completed(&ctx, answer.clone()).await?;
    let after = devices::readings(&ctx, manual.id).await?;
    let saved: Vec<_> = after
        .iter()
        .filter(|r| !before.iter().any(|b| b.id == r.id))
        .collect();
    assert_eq!(
        saved
            .iter()
            .map(|r| (r.counter.as_str(), r.value, r.read_on, r.source))
            .collect::<Vec<_>>(),
        vec![(
            "black",
            black,
            NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("bad date")?,
            ReadingSource::Manual
        )],
        "only the new black counter is saved, as a manual reading of the day it was typed"
    );
    let reading = saved.first().ok_or("no reading saved")?;
    let log = devices::history(&ctx, "meter_reading".into(), reading.id).await?;
    assert!(
        log.iter().any(|e| e.action == "create"),
        "the saved reading must be in the audit log: {log:?}"
    );
    // The same counters answered again (a second request) add nothing.
    completed(&ctx, answer).await?;
    assert_eq!(
        devices::readings(&ctx, manual.id).await?.len(),
        after.len(),
        "counters already recorded must not be saved twice"
    );
    Ok(())
}

#[tokio::test]
async fn terminating_marks_the_contract_terminated_on_the_day() -> TestResult {
    let (_dir, ctx, device_id, contract_id) = demo().await?;
    completed(
        &ctx,
        DraftInput {
            situation: Some(Situation::TerminateContract),
            device_id: Some(device_id),
            contract_id: Some(contract_id),
            ..Default::default()
        },
    )
    .await?;
    let contract = contracts::get(&ctx, contract_id).await?;
    assert!(contract.terminated, "the contract must be terminated");
    assert_eq!(
        contract.form.ends_on,
        NaiveDate::from_ymd_opt(2026, 11, 23),
        "with no effective date it ends on the day of completion"
    );
    assert_logged(
        &ctx,
        "contract",
        contract_id,
        "\"terminated\":true",
        "the contract's history must show the termination",
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_new_po_number_is_pushed_from_the_effective_date() -> TestResult {
    let (_dir, ctx, _, contract_id) = demo().await?;
    let from = NaiveDate::from_ymd_opt(2027, 1, 1).ok_or("bad date")?;
    let input = DraftInput {
        situation: Some(Situation::ChangePoNumber),
        contract_id: Some(contract_id),
        effective_on: Some(from),
        facts: RequestFacts {
            po_number: Some("PO-2027-0001".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    completed(&ctx, input.clone()).await?;
    let contract = contracts::get(&ctx, contract_id).await?;
    let pos: Vec<_> = contract
        .po_numbers
        .iter()
        .map(|p| (p.po_number.as_str(), p.valid_from, p.valid_to))
        .collect();
    assert_eq!(
        pos.first().copied(),
        Some(("PO-2027-0001", Some(from), None)),
        "the new PO must be current from 1 January: {pos:?}"
    );
    assert_eq!(
        pos.get(1).map(|p| (p.0, p.2)),
        Some(("PO-2026-0147", from.pred_opt())),
        "the old PO must be kept, closed the day before: {pos:?}"
    );
    assert_logged(
        &ctx,
        "contract",
        contract_id,
        "PO-2027-0001",
        "the contract's history must show the new PO",
    )
    .await?;
    completed(&ctx, input).await?;
    assert_eq!(
        contracts::get(&ctx, contract_id).await?.po_numbers.len(),
        2,
        "the same PO completed twice is pushed once"
    );
    Ok(())
}

#[tokio::test]
async fn a_new_billing_entity_goes_to_the_contracts_of_the_device() -> TestResult {
    let (_dir, ctx, _, contract_id) = demo().await?;
    let covered = manual_device(&ctx).await?;
    completed(
        &ctx,
        DraftInput {
            situation: Some(Situation::ChangeBillingEntity),
            device_id: Some(covered.id),
            effective_on: NaiveDate::from_ymd_opt(2027, 1, 1),
            new_billing_entity: Some("  Lumière Holding SAS ".into()),
            facts: canon_desk_core::email_fr::RequestFacts {
                entity_change: Some(canon_desk_core::email_fr::EntityChange::Sale),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    let contract = contracts::get(&ctx, contract_id).await?;
    assert_eq!(
        contract.form.billing_entity, "Lumière Holding SAS",
        "the contract covering the device must be invoiced to the new entity"
    );
    assert_logged(
        &ctx,
        "contract",
        contract_id,
        "Lumière Holding SAS",
        "the contract's history must show the new entity",
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_new_invoice_address_reaches_the_contract_and_the_organisation() -> TestResult {
    let (_dir, ctx, _, contract_id) = demo().await?;
    let address = "Service comptable\n8 quai Perrache\n69002 Lyon";
    completed(
        &ctx,
        DraftInput {
            situation: Some(Situation::ChangeInvoiceAddress),
            contract_id: Some(contract_id),
            effective_on: NaiveDate::from_ymd_opt(2027, 1, 1),
            facts: RequestFacts {
                new_invoice_address: Some(address.into()),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    let contract = contracts::get(&ctx, contract_id).await?;
    assert_eq!(
        (
            contract.form.invoice_delivery,
            contract.form.invoice_address.as_str()
        ),
        (InvoiceDelivery::Paper, address),
        "the contract's invoices must go by post to the new address"
    );
    let org = organisation::get(&ctx).await?.ok_or("no organisation")?;
    assert_eq!(
        org.invoice_postal_address, address,
        "the organisation's invoice postal address must follow"
    );
    assert_logged(
        &ctx,
        "contract",
        contract_id,
        "8 quai Perrache",
        "the contract's history must show the new address",
    )
    .await?;
    assert_logged(
        &ctx,
        "organisation",
        1,
        "8 quai Perrache",
        "the organisation's history must show the new address",
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn invoices_by_email_switch_the_contract_to_email() -> TestResult {
    let (_dir, ctx, _, contract_id) = demo().await?;
    completed(
        &ctx,
        DraftInput {
            situation: Some(Situation::InvoicesByEmail),
            contract_id: Some(contract_id),
            effective_on: NaiveDate::from_ymd_opt(2027, 1, 1),
            facts: RequestFacts {
                invoice_email: Some(" comptabilite@atelier.example ".into()),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    let contract = contracts::get(&ctx, contract_id).await?;
    assert_eq!(
        (
            contract.form.invoice_delivery,
            contract.form.invoice_address.as_str()
        ),
        (InvoiceDelivery::Email, "comptabilite@atelier.example"),
        "the contract's invoices must go by email to the role address"
    );
    assert_logged(
        &ctx,
        "contract",
        contract_id,
        "\"invoiceDelivery\":\"email\"",
        "the contract's history must show the switch to email",
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_record_deleted_since_leaves_the_completion_whole() -> TestResult {
    let (_dir, ctx, _, contract_id) = demo().await?;
    let prepared = requests::create(
        &ctx,
        DraftInput {
            situation: Some(Situation::TerminateContract),
            contract_id: Some(contract_id),
            ..Default::default()
        },
    )
    .await?;
    let id = prepared.request.id;
    requests::record_call_outcome(&ctx, id, "Noted".into()).await?;
    // The demo's own history already changed the contract (its invoice address).
    let before = updates(&ctx, "contract", contract_id).await?.len();
    contracts::delete(&ctx, contract_id).await?;
    let done = requests::complete(&ctx, id, "Done".into()).await?;
    assert_eq!(
        done.status,
        RequestStatus::Done,
        "a deleted contract must not stop the completion"
    );
    let contract = contracts::get(&ctx, contract_id).await?;
    assert!(
        !contract.terminated && updates(&ctx, "contract", contract_id).await?.len() == before,
        "a deleted contract is left as it was"
    );
    Ok(())
}
