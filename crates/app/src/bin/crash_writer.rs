//! A stand-in for the app's backend in the crash-safety test
//! (`crates/app/tests/crash`): it opens the record in a data directory through
//! [`Ctx::open`], as the app does at start, then carries on a sequence of 1,000
//! writes through the use cases, one user action each, and prints one line per write
//! only once the use case has returned `Ok`, flushed at once. The test kills it with
//! SIGKILL at a random point, checks that every acknowledged line is in the record,
//! and starts it again where the acknowledged writes end.
//!
//! Usage: `crash_writer <data dir> <run> <from>`: writes `<from>` to 999 of the
//! sequence; `<run>` keeps the keys of one run apart from those of the runs before it
//! (a write the kill interrupted after its commit is made again under a new key).
//! Lines (space-separated):
//!
//! ```text
//! ready
//! site <id> <name>
//! device <id> <serial> <site id>
//! reading <id> <device id> <value>
//! contract <id> <number> <po number> <device id> <device id>
//! note <device id> <notes>
//! request <id> <device id>
//! organisation <legal name>
//! done
//! ```
//!
//! After `done` it waits for its standard input to close, so the test's kill finds
//! it whatever the point chosen.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use canon_desk_app::clock::FixedClock;
use canon_desk_app::contracts::{self, NewContract};
use canon_desk_app::records::*;
use canon_desk_app::requests::{self, DraftInput};
use canon_desk_app::{devices, organisation, readings, sites, Ctx};
use canon_desk_core::catalogue::Situation;
use canon_desk_core::email_fr::RequestFacts;
use chrono::{NaiveDate, TimeZone, Utc};

/// Writes in the whole sequence, over every run.
const WRITES: u32 = 1_000;

/// The kinds of write, in the order they come round: each needs only what an
/// earlier one of the same round made (a device needs its site, a contract two
/// devices...), so every run starts a round with a site, wherever it resumes.
const ROUND: u32 = 8;

type Failure = Box<dyn std::error::Error>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Failure> {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), Some(run), Some(from)) = (args.next(), args.next(), args.next()) else {
        return Err("usage: crash_writer <data dir> <run> <from>".into());
    };
    let dir = PathBuf::from(dir);
    let run: u32 = run.to_string_lossy().parse()?;
    let from: u32 = from.to_string_lossy().parse()?;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .single()
        .ok_or("bad date")?;
    let ctx = Ctx::open(&dir, Arc::new(FixedClock(now)))?;
    let mut out = std::io::stdout().lock();
    let mut ack = |line: String| -> std::io::Result<()> {
        writeln!(out, "{line}")?;
        out.flush()
    };
    ack("ready".into())?;
    let day = NaiveDate::from_ymd_opt(2026, 11, 2).ok_or("bad date")?;
    let (mut site, mut devices_made) = (0_i64, Vec::<i64>::new());
    for i in from..WRITES {
        let key = format!("{run}-{i}");
        match (i - from) % ROUND {
            0 => {
                let made = sites::create(
                    &ctx,
                    SiteInput {
                        name: format!("Site {key}"),
                        address: format!("{i} rue de la Paix"),
                        postal_code: "75002".into(),
                        city: "Paris".into(),
                        country: "FR".into(),
                    },
                )
                .await?;
                site = made.id;
                ack(format!("site {} Site {key}", made.id))?;
            }
            1 | 3 => {
                // Serials keep letters and digits only.
                let serial = format!("CR{run:03}N{i:04}");
                let made = devices::create(
                    &ctx,
                    DeviceInput {
                        serial: serial.clone(),
                        model: "imageRUNNER ADVANCE DX C5840i".into(),
                        kind: DeviceKind::Mfp,
                        site_id: Some(site),
                        ownership: Ownership::Leased,
                        installed_on: Some(day),
                        meter_transmission: MeterTransmission::Manual,
                        notes: String::new(),
                    },
                )
                .await?;
                devices_made.push(made.id);
                ack(format!("device {} {serial} {site}", made.id))?;
            }
            2 => {
                let device = last(&devices_made, 1)?;
                let made = readings::add(
                    &ctx,
                    ReadingInput {
                        device_id: device,
                        counter: "black".into(),
                        value: i64::from(i) * 100,
                        read_on: day,
                        source: ReadingSource::Manual,
                        is_reset: false,
                    },
                )
                .await?;
                ack(format!("reading {} {device} {}", made.id, made.value))?;
            }
            4 => {
                let pair = vec![last(&devices_made, 2)?, last(&devices_made, 1)?];
                let made = contracts::create(
                    &ctx,
                    NewContract {
                        contract: ContractForm {
                            number: format!("CT{key}"),
                            kind: ContractKind::Maintenance,
                            customer_number: "4400123".into(),
                            billing_entity: "Atelier Lumière SARL".into(),
                            invoice_delivery: InvoiceDelivery::Paper,
                            invoice_address: "12 rue des Lilas, 69003 Lyon".into(),
                            starts_on: Some(day),
                            ends_on: NaiveDate::from_ymd_opt(2029, 11, 1),
                            renewal: Renewal::Tacit,
                            notice_months: Some(3),
                            renewal_months: None,
                        },
                        po_number: Some(format!("PO{key}")),
                        po_valid_from: None,
                        device_ids: pair.clone(),
                    },
                )
                .await?;
                ack(format!(
                    "contract {} CT{key} PO{key} {} {}",
                    made.id, pair[0], pair[1]
                ))?;
            }
            5 => {
                let id = last(&devices_made, 1)?;
                let mut input = device_input(&devices::by_ids(&ctx, vec![id]).await?)?;
                input.notes = format!("note-{key}");
                devices::update(&ctx, id, input).await?;
                ack(format!("note {id} note-{key}"))?;
            }
            6 => {
                let device = last(&devices_made, 1)?;
                let made = requests::create(
                    &ctx,
                    DraftInput {
                        situation: Some(Situation::MoveDevice),
                        device_id: Some(device),
                        facts: RequestFacts {
                            new_address: Some(format!("{i} avenue Jean Jaurès, 69007 Lyon")),
                            ..Default::default()
                        },
                        ..Default::default()
                    },
                )
                .await?;
                ack(format!("request {} {device}", made.request.id))?;
            }
            _ => {
                organisation::save(
                    &ctx,
                    OrganisationProfile {
                        legal_name: format!("Org {key}"),
                        country: "FR".into(),
                        siren: None,
                        siret: None,
                        vat_number: None,
                        invoice_postal_address: "12 rue des Lilas, 69003 Lyon".into(),
                        invoice_email: None,
                        sales_contact_name: None,
                        sales_contact_email: None,
                        canon_iban: None,
                        canon_bic: None,
                        customer_numbers: vec!["4400123".into()],
                    },
                )
                .await?;
                ack(format!("organisation Org {key}"))?;
            }
        }
    }
    ack("done".into())?;
    // Waits to be killed (or for the test to close the pipe).
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
    Ok(())
}

/// The `n`th device made in this run, counting back from the last.
fn last(made: &[i64], n: usize) -> Result<i64, Failure> {
    made.len()
        .checked_sub(n)
        .and_then(|i| made.get(i).copied())
        .ok_or_else(|| "no device made yet in this run".into())
}

/// A device's fields as the edit form sends them back.
fn device_input(found: &[Device]) -> Result<DeviceInput, Failure> {
    let d = found.first().ok_or("the device just made is gone")?;
    Ok(DeviceInput {
        serial: d.serial.clone(),
        model: d.model.clone(),
        kind: d.kind,
        site_id: d.site_id,
        ownership: d.ownership,
        installed_on: d.installed_on,
        meter_transmission: d.meter_transmission,
        notes: d.notes.clone(),
    })
}
