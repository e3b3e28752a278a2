//! The demo organisation offered on first start, so a new user sees a real-looking
//! record at once. Every name, serial and number in it is invented.

use canon_desk_core::device::{DeviceKind, MeterTransmission, Ownership};
use canon_desk_store::{
    ContractInput, ContractKind, DeviceInput, OrganisationProfile, ReadingInput, ReadingSource,
    SiteInput,
};
use chrono::{Datelike, Months, NaiveDate};

use crate::overview::{self, Overview, DEMO_ANSWERED};
use crate::{Ctx, Result};

struct DemoDevice {
    serial: &'static str,
    model: &'static str,
    kind: DeviceKind,
    site: usize,
    ownership: Ownership,
    meter: MeterTransmission,
    /// Counters and their monthly page volume, for the reading history.
    counters: &'static [(&'static str, i64)],
}

const DEVICES: &[DemoDevice] = &[
    DemoDevice {
        serial: "XQD04127",
        model: "imageRUNNER ADVANCE DX C3826i",
        kind: DeviceKind::Mfp,
        site: 0,
        ownership: Ownership::Leased,
        meter: MeterTransmission::Automatic,
        counters: &[("black", 2_400), ("colour", 900)],
    },
    DemoDevice {
        serial: "WFK20381",
        model: "i-SENSYS X C1333iF",
        kind: DeviceKind::Mfp,
        site: 1,
        ownership: Ownership::Owned,
        meter: MeterTransmission::Manual,
        counters: &[("black", 650), ("colour", 210)],
    },
    DemoDevice {
        serial: "GBM00973",
        model: "imagePROGRAF TM-300",
        kind: DeviceKind::LargeFormat,
        site: 0,
        ownership: Ownership::Rented,
        meter: MeterTransmission::Manual,
        counters: &[("large_format", 35)],
    },
    DemoDevice {
        serial: "083021004417",
        model: "EOS R6 Mark II",
        kind: DeviceKind::Camera,
        site: 0,
        ownership: Ownership::Owned,
        meter: MeterTransmission::Manual,
        counters: &[],
    },
];

/// Loads the demo organisation into an empty record and records the answer.
pub async fn load(ctx: &Ctx) -> Result<Overview> {
    let now = ctx.now();
    let today = now.date_naive();
    fill(ctx, now, today)?;
    overview::get(ctx).await
}

/// Writes the demo records, all in one transaction (the organisation, its sites,
/// devices, readings and contract, or none of them); a plain function so the
/// store's lock is never held across an await.
fn fill(ctx: &Ctx, now: chrono::DateTime<chrono::Utc>, today: NaiveDate) -> Result<()> {
    Ok(ctx
        .store()
        .atomically(|store| write_demo(store, now, today))?)
}

fn write_demo(
    store: &mut canon_desk_store::Store,
    now: chrono::DateTime<chrono::Utc>,
    today: NaiveDate,
) -> canon_desk_store::Result<()> {
    {
        if store.organisation()?.is_some() || store.count_devices()? > 0 {
            // Loading the demo into a real record would mix invented data with the
            // user's; the offer is only made on an empty record anyway.
            store.set_setting(DEMO_ANSWERED, "declined")?;
            return Ok(());
        }
        store.save_organisation_profile(
            &OrganisationProfile {
                legal_name: "Atelier Lumière SARL".into(),
                country: "FR".into(),
                // Invented identifiers that pass their checks, so every screen that
                // uses them (letters, the bank check, CPS) has something to show.
                siren: Some("841234560".into()),
                siret: Some("84123456000016".into()),
                vat_number: Some("FR81841234560".into()),
                invoice_postal_address: "12 rue des Tanneurs, 69002 Lyon".into(),
                invoice_email: Some("factures@atelier-lumiere.example".into()),
                sales_contact_name: Some("Claire Martin".into()),
                sales_contact_email: Some("commercial.demo@example.com".into()),
                canon_iban: None,
                canon_bic: None,
                customer_numbers: vec!["C0048213".into()],
            },
            now,
        )?;
        let sites = [
            ("Siège", "12 rue des Tanneurs", "69002", "Lyon"),
            (
                "Atelier",
                "48 avenue Roger Salengro",
                "69100",
                "Villeurbanne",
            ),
        ]
        .into_iter()
        .map(|(name, address, postal_code, city)| {
            store.create_site(
                &SiteInput {
                    name: name.into(),
                    address: address.into(),
                    postal_code: postal_code.into(),
                    city: city.into(),
                    country: "FR".into(),
                },
                now,
            )
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
        let installed = NaiveDate::from_ymd_opt(today.year() - 2, 3, 15);
        let mut office = Vec::new();
        for d in DEVICES {
            let device = store.create_device(
                &DeviceInput {
                    serial: d.serial.into(),
                    model: d.model.into(),
                    kind: d.kind,
                    site_id: sites.get(d.site).map(|s| s.id),
                    ownership: d.ownership,
                    installed_on: installed,
                    meter_transmission: d.meter,
                    notes: String::new(),
                },
                now,
            )?;
            // Six monthly readings per counter, the latest at the start of this month.
            for (counter, monthly) in d.counters {
                for months_ago in (0..6u32).rev() {
                    let read_on = today
                        .with_day(1)
                        .and_then(|d| d.checked_sub_months(Months::new(months_ago)));
                    let Some(read_on) = read_on else { continue };
                    store.add_reading(
                        &ReadingInput {
                            device_id: device.id,
                            counter: (*counter).into(),
                            value: 40_000 + monthly * (24 - i64::from(months_ago)),
                            read_on,
                            source: if d.meter == MeterTransmission::Automatic {
                                ReadingSource::Automatic
                            } else {
                                ReadingSource::Manual
                            },
                            is_reset: false,
                        },
                        now,
                    )?;
                }
            }
            if d.kind.is_billed_by_page() && d.kind != DeviceKind::LargeFormat {
                office.push(device.id);
            }
        }
        let starts = NaiveDate::from_ymd_opt(today.year() - 2, 4, 1);
        let ends = NaiveDate::from_ymd_opt(today.year() + 3, 3, 31);
        store.create_contract(
            &ContractInput {
                number: "CF-MNT-2024-118305".into(),
                kind: ContractKind::Maintenance,
                customer_number: "C0048213".into(),
                po_number: Some("PO-2026-0147".into()),
                starts_on: starts,
                ends_on: ends,
                device_ids: office,
            },
            now,
        )?;
        store.set_setting(DEMO_ANSWERED, "loaded")?;
    }
    Ok(())
}

/// Records that the user prefers to start with an empty record.
pub async fn decline(ctx: &Ctx) -> Result<Overview> {
    ctx.store().set_setting(DEMO_ANSWERED, "declined")?;
    overview::get(ctx).await
}
