//! The records use cases against a real data directory: errors name the fields,
//! PO history, readings, documents, CSV, undo and backups.

use std::sync::Arc;

use canon_desk_app::clock::FixedClock;
use canon_desk_app::contracts::NewContract;
use canon_desk_app::documents::AttachInput;
use canon_desk_app::records::*;
use canon_desk_app::{
    backup, contracts, csv, devices, documents, organisation, readings, Ctx, ErrorCode,
};
use chrono::{NaiveDate, TimeZone, Utc};

mod uploads;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn ctx(dir: &std::path::Path) -> Result<Ctx, canon_desk_app::Error> {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .single()
        .ok_or_else(|| canon_desk_app::Error::internal("bad date"))?;
    Ctx::open(dir, Arc::new(FixedClock(now)))
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
}

fn mfp(serial: &str) -> DeviceInput {
    DeviceInput {
        serial: serial.into(),
        model: "imageRUNNER ADVANCE DX C5840i".into(),
        kind: DeviceKind::Mfp,
        site_id: None,
        ownership: Ownership::Leased,
        installed_on: None,
        meter_transmission: MeterTransmission::Manual,
        notes: String::new(),
    }
}

#[tokio::test]
async fn organisation_errors_name_the_interface_field() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    let mut profile = OrganisationProfile {
        legal_name: "Studio Rossi".into(),
        country: "IT".into(),
        siren: None,
        siret: None,
        vat_number: Some("07643520567".into()),
        invoice_postal_address: "Via Roma 1, Milano".into(),
        invoice_email: None,
        sales_contact_name: None,
        sales_contact_email: None,
        canon_iban: Some("IT60X0542811101000000123456".into()),
        canon_bic: Some("not a bic".into()),
        customer_numbers: vec![],
    };
    let err = organisation::save(&ctx, profile.clone()).await.err();
    assert_eq!(
        err.as_ref().map(|e| (e.code, e.field.as_deref())),
        Some((ErrorCode::Validation, Some("canonBic"))),
        "a bad BIC must be a validation error on canonBic, got {err:?}"
    );
    profile.canon_bic = None;
    let saved = organisation::save(&ctx, profile).await?;
    assert_eq!(
        saved.vat_number.as_deref(),
        Some("IT07643520567"),
        "a Partita IVA gets its IT prefix"
    );
    assert_eq!(
        organisation::get(&ctx).await?,
        Some(saved),
        "the saved identity must come back"
    );
    Ok(())
}

#[tokio::test]
async fn contracts_keep_po_history_and_readings_refuse_going_back() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    let d = devices::create(&ctx, mfp("XK1")).await?;
    let c = contracts::create(
        &ctx,
        NewContract {
            contract: ContractForm {
                number: "CT-9".into(),
                kind: ContractKind::Lease,
                customer_number: "C-1".into(),
                billing_entity: "Studio".into(),
                invoice_delivery: InvoiceDelivery::Paper,
                invoice_address: "1 rue A".into(),
                starts_on: Some(day(1, 1)),
                ends_on: Some(day(12, 31)),
                renewal: Renewal::Express,
                notice_months: Some(3),
                renewal_months: None,
            },
            po_number: Some("PO-A".into()),
            po_valid_from: None,
            device_ids: vec![d.id],
        },
    )
    .await?;
    let c = contracts::set_po(&ctx, c.id, "PO-B".into(), day(6, 1)).await?;
    assert_eq!(
        c.po_numbers.len(),
        2,
        "the previous PO must be kept: {:?}",
        c.po_numbers
    );
    assert_eq!(
        c.po_numbers.get(1).and_then(|p| p.valid_to),
        Some(day(5, 31)),
        "and closed"
    );
    let found = devices::list(
        &ctx,
        DeviceFilter {
            contract_id: Some(c.id),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(found.len(), 1, "filtering by contract must find its device");

    let reading = |value, read_on, is_reset| ReadingInput {
        device_id: d.id,
        counter: "black".into(),
        value,
        read_on,
        source: ReadingSource::Manual,
        is_reset,
    };
    readings::add(&ctx, reading(5000, day(3, 1), false)).await?;
    let err = readings::add(&ctx, reading(4000, day(4, 1), false))
        .await
        .err();
    assert_eq!(
        err.as_ref().map(|e| (e.code, e.field.as_deref())),
        Some((ErrorCode::Validation, Some("value"))),
        "a lower reading must be refused on value, got {err:?}"
    );
    assert!(
        err.is_some_and(|e| e.message.contains("5000")),
        "the message must quote the previous value"
    );
    readings::add(&ctx, reading(10, day(4, 1), true)).await?;
    assert!(
        csv::export_readings(&ctx)
            .await?
            .contains("XK1,black,10,2026-04-01,manual,1"),
        "export"
    );
    Ok(())
}

#[tokio::test]
async fn documents_undo_csv_and_backup_round_trip() -> TestResult {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let ctx = ctx(&data)?;
    let d = devices::create(&ctx, mfp("XK2")).await?;
    let src = dir.path().join("page.pdf");
    std::fs::write(&src, b"meter page")?;
    let doc = documents::attach(
        &ctx,
        AttachInput {
            entity: DocumentEntity::Device,
            entity_id: d.id,
            source_path: src.display().to_string(),
            kind: DocumentKind::MeterReadingPage,
        },
    )
    .await?;
    let path = documents::path(&ctx, doc.id).await?;
    assert!(
        path.starts_with(&data.canonicalize()?.display().to_string()),
        "{path} must be in the data dir"
    );

    let report = csv::import_devices(&ctx, "serial,model,kind,ownership,meter_transmission\nXK3,C1,mfp,owned,manual\nXK3,C1,mfp,owned,manual\n".into()).await?;
    assert_eq!(
        report.errors.first().map(|e| (e.line, e.field.as_str())),
        Some((3, "serial")),
        "duplicate on line 3"
    );
    assert_eq!(
        devices::list(&ctx, DeviceFilter::default()).await?.len(),
        1,
        "all or nothing"
    );

    let archive = dir.path().join("b.zip").display().to_string();
    backup::create(&ctx, archive.clone()).await?;
    devices::delete(&ctx, d.id).await?;
    assert!(
        devices::list(&ctx, DeviceFilter::default())
            .await?
            .is_empty(),
        "deleted"
    );
    devices::restore(&ctx, d.id).await?;
    readings::add(
        &ctx,
        ReadingInput {
            device_id: d.id,
            counter: "black".into(),
            value: 4321,
            read_on: day(11, 1),
            source: ReadingSource::Manual,
            is_reset: false,
        },
    )
    .await?;
    let history = devices::history(&ctx, "device".into(), d.id).await?;
    let seen: Vec<_> = history
        .iter()
        .map(|h| (h.entity.as_str(), h.action.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("device", "create"),
            ("document", "create"),
            ("device", "delete"),
            ("device", "restore"),
            ("meter_reading", "create"),
        ],
        "create, the attached document, delete, restore and the reading must all be in the history"
    );
    assert!(
        history
            .get(1)
            .and_then(|h| h.after.as_deref())
            .is_some_and(|a| a.contains("page.pdf") && a.contains(&format!("\"id\":{}", doc.id))),
        "the document's entry must be that document, named: {history:?}"
    );
    assert!(
        history
            .get(4)
            .and_then(|h| h.after.as_deref())
            .is_some_and(|a| a.contains("4321")),
        "the reading's entry must carry its value: {history:?}"
    );
    devices::delete(&ctx, d.id).await?;
    backup::restore(&ctx, archive).await?;
    assert_eq!(
        devices::list(&ctx, DeviceFilter::default()).await?.len(),
        1,
        "the backup's device is back"
    );
    assert_eq!(
        documents::list(&ctx, DocumentEntity::Device, d.id)
            .await?
            .len(),
        1,
        "with its document"
    );
    Ok(())
}
