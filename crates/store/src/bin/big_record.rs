//! Writes a record of fleet size through the store's own code, for `./x measure`.
//!
//! Usage: `big_record DATA_DIR [DEVICES CONTRACTS READINGS]` (defaults 10,000 devices,
//! 2,000 contracts, 100,000 meter readings). The database is written where the app
//! looks for it (`DATA_DIR/canon-desk.db`) with the same writes the app makes (an
//! organisation, 50 sites, devices, contracts with a PO number and five devices each,
//! monthly readings), every one audited, all in one transaction, then the deadlines
//! are reconciled as the app's scheduler would. Everything derives from the indexes
//! and one fixed instant, so two runs write the same record. With `0 0 0` the record
//! is empty: created and migrated, as a first start leaves it.

use std::path::PathBuf;
use std::time::Instant;

use canon_desk_core::device::{DeviceKind, MeterTransmission, Ownership};
use canon_desk_store::{
    ContractInput, ContractKind, DeviceInput, OrganisationProfile, ReadingInput, ReadingSource,
    Scope, SiteInput, Store,
};
use chrono::{DateTime, Months, NaiveDate, Utc};

const MODELS: [(&str, DeviceKind); 8] = [
    ("imageRUNNER ADVANCE DX C5840i", DeviceKind::Mfp),
    ("imageRUNNER ADVANCE DX C3826i", DeviceKind::Mfp),
    ("i-SENSYS LBP722Cdw", DeviceKind::Printer),
    ("imagePRESS V1000", DeviceKind::ProductionPress),
    ("imagePROGRAF TM-300", DeviceKind::LargeFormat),
    ("imageRUNNER 2630i", DeviceKind::Mfp),
    ("i-SENSYS MF832Cdw", DeviceKind::Mfp),
    ("varioPRINT 140", DeviceKind::ProductionPress),
];
const SITES: i64 = 50;

type Outcome = Result<(), Box<dyn std::error::Error>>;

fn count(args: &[String], at: usize, default: i64) -> Result<i64, Box<dyn std::error::Error>> {
    match args.get(at) {
        Some(text) => Ok(text.parse()?),
        None => Ok(default),
    }
}

fn main() -> Outcome {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        return Err("usage: big_record DATA_DIR [DEVICES CONTRACTS READINGS]".into());
    };
    let devices = count(&args, 1, 10_000)?;
    let contracts = count(&args, 2, 2_000)?;
    let readings = count(&args, 3, 100_000)?;
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("canon-desk.db");
    if path.exists() {
        return Err(format!("{} exists: the record is written only once", path.display()).into());
    }
    let started = Instant::now();
    let now: DateTime<Utc> = "2026-11-02T08:00:00Z".parse()?;
    let mut store = Store::open(&path)?;
    if devices > 0 || contracts > 0 || readings > 0 {
        store.atomically(|s| write(s, now, devices, contracts, readings))?;
        store.reconcile_deadlines(Scope::All, now)?;
    }
    drop(store);
    eprintln!(
        "big_record: {devices} devices, {contracts} contracts, {readings} readings in {} ({:.1} s)",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn write(
    store: &mut Store,
    now: DateTime<Utc>,
    devices: i64,
    contracts: i64,
    readings: i64,
) -> canon_desk_store::Result<()> {
    // The demo's invented identifiers, which pass their checks.
    store.save_organisation_profile(
        &OrganisationProfile {
            legal_name: "Imprimerie du Rhône (fleet of the measurements)".into(),
            country: "FR".into(),
            siren: Some("841234560".into()),
            siret: Some("84123456000016".into()),
            vat_number: Some("FR81841234560".into()),
            invoice_postal_address: "12 rue des Tanneurs\n69002 Lyon".into(),
            invoice_email: Some("factures@imprimerie-rhone.example".into()),
            sales_contact_name: None,
            sales_contact_email: None,
            canon_iban: None,
            canon_bic: None,
            customer_numbers: vec!["100234567".into()],
        },
        now,
    )?;
    let mut sites = Vec::new();
    for s in 1..=SITES {
        let site = store.create_site(
            &SiteInput {
                name: format!("Site {s:02}"),
                address: format!("{s} rue de la République"),
                postal_code: format!("69{:03}", s),
                city: "Lyon".into(),
                country: "FR".into(),
            },
            now,
        )?;
        sites.push(site.id);
    }
    let installed = NaiveDate::from_ymd_opt(2023, 3, 15);
    let mut ids = Vec::new();
    for d in 0..devices {
        let (model, kind) = MODELS[(d % MODELS.len() as i64) as usize];
        let device = store.create_device(
            &DeviceInput {
                serial: format!("XK{:06}", (d * 7919) % 1_000_000),
                model: model.into(),
                kind,
                site_id: sites.get((d % SITES) as usize).copied(),
                ownership: [Ownership::Leased, Ownership::Owned, Ownership::Rented]
                    [(d % 3) as usize],
                installed_on: installed,
                meter_transmission: if d % 4 == 0 {
                    MeterTransmission::Manual
                } else {
                    MeterTransmission::Automatic
                },
                notes: String::new(),
            },
            now,
        )?;
        ids.push(device.id);
    }
    for c in 0..contracts {
        // Five devices per contract while there are devices; the end dates spread
        // over three years from the fixed instant, so deadlines fall in every month.
        let first = (c * 5) as usize;
        let device_ids = ids
            .get(first..(first + 5).min(ids.len()))
            .unwrap_or(&[])
            .to_vec();
        let ends_on = NaiveDate::from_ymd_opt(2026, 11, 28)
            .and_then(|d| d.checked_add_months(Months::new((c % 36) as u32)));
        store.create_contract(
            &ContractInput {
                number: format!("CT{c:05}"),
                kind: [
                    ContractKind::Maintenance,
                    ContractKind::Lease,
                    ContractKind::Rental,
                ][(c % 3) as usize],
                customer_number: "100234567".into(),
                po_number: Some(format!("PO{c:05}")),
                starts_on: NaiveDate::from_ymd_opt(2024, 1, 1),
                ends_on,
                device_ids,
            },
            now,
        )?;
    }
    // Monthly black counters, oldest first, spread evenly over the devices.
    if !ids.is_empty() {
        let per_device = readings / ids.len() as i64;
        let extra = readings % ids.len() as i64;
        for (i, id) in ids.iter().enumerate() {
            let n = per_device + i64::from((i as i64) < extra);
            for m in 0..n {
                let read_on = NaiveDate::from_ymd_opt(2026, 10, 1)
                    .and_then(|d| d.checked_sub_months(Months::new((n - 1 - m) as u32)));
                let Some(read_on) = read_on else { continue };
                store.add_reading(
                    &ReadingInput {
                        device_id: *id,
                        counter: "black".into(),
                        value: 10_000 + 2_500 * m,
                        read_on,
                        source: ReadingSource::Automatic,
                        is_reset: false,
                    },
                    now,
                )?;
            }
        }
    }
    Ok(())
}
