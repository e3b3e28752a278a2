//! CSV exports that spreadsheet programs cannot run as formulas (OWASP's CSV
//! injection guidance), and the device import taking that form back.

use canon_desk_store::{ContractInput, ContractKind, DeviceInput, SiteInput, Store};

use super::{at, printer, TestResult};

/// What a spreadsheet would take as the start of a formula or a command.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Every cell of a CSV text, with its line.
fn cells(csv_text: &str) -> Result<Vec<String>, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        out.extend(record?.iter().map(str::to_owned));
    }
    Ok(out)
}

fn assert_safe(what: &str, csv_text: &str) -> TestResult {
    for cell in cells(csv_text)? {
        assert!(
            !cell.starts_with(TRIGGERS),
            "{what}: the cell {cell:?} would run as a formula in a spreadsheet:\n{csv_text}"
        );
    }
    Ok(())
}

#[test]
fn exports_are_safe_in_spreadsheets_and_devices_import_back_the_same() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let dangerous = [
        "=HYPERLINK(\"http://evil.example\",\"clic\")",
        "+33 4 78 00 00 00",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\tTabulé",
        "\rRetour",
    ];
    for (i, value) in dangerous.iter().enumerate() {
        let site = store.create_site(
            &SiteInput {
                name: format!("{value} site {i}"),
                address: "1 rue A".into(),
                postal_code: "69001".into(),
                city: "Lyon".into(),
                country: "FR".into(),
            },
            at(1),
        )?;
        store.create_device(
            &DeviceInput {
                model: (*value).to_owned(),
                site_id: Some(site.id),
                notes: (*value).to_owned(),
                ..printer(&format!("CSV{i:04}"))
            },
            at(1),
        )?;
    }
    store.create_contract(
        &ContractInput {
            number: dangerous[0].into(),
            kind: ContractKind::Maintenance,
            customer_number: dangerous[1].into(),
            po_number: Some(dangerous[3].into()),
            starts_on: None,
            ends_on: None,
            device_ids: Vec::new(),
        },
        at(1),
    )?;
    let devices = store.export_devices_csv()?;
    assert_safe("devices", &devices)?;
    assert_safe("contracts", &store.export_contracts_csv()?)?;
    assert_safe("readings", &store.export_readings_csv()?)?;

    // The export imports into another record as the same devices.
    let mut other = Store::open(&dir.path().join("b.db"))?;
    let report = other.import_devices(&devices, at(2))?;
    assert!(
        report.errors.is_empty(),
        "the export must import as it is: {:?}",
        report.errors
    );
    let original: Vec<(String, String, Option<String>, String)> = store
        .list_devices(&Default::default())?
        .into_iter()
        .map(|d| (d.serial, d.model, d.site_name, d.notes))
        .collect();
    let imported: Vec<(String, String, Option<String>, String)> = other
        .list_devices(&Default::default())?
        .into_iter()
        .map(|d| (d.serial, d.model, d.site_name, d.notes))
        .collect();
    assert_eq!(
        imported, original,
        "every text column must come back exactly as it was exported"
    );
    assert_eq!(
        other.export_devices_csv()?,
        devices,
        "an export of the imported record must be the same file"
    );
    Ok(())
}
