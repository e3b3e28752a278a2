//! The demo organisation offered on first start, so a new user sees a real-looking
//! record at once. Every name, serial and number in it is invented.

use std::path::Path;

use canon_desk_core::catalogue::{LeadTime, Recipient, Situation};
use canon_desk_core::device::{DeviceKind, MeterTransmission, Ownership};
use canon_desk_core::email_fr::{self, EntityChange, RequestFacts};
use canon_desk_core::{lead_time, validate};
use canon_desk_store::{
    CanonContacts, ContractInput, ContractKind, DeviceInput, OrganisationProfile, ReadingInput,
    ReadingSource, RecordChange, Request, RequestChannel, RequestDraft, SiteInput, Store,
    Transition,
};
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};

use crate::documents::DOCUMENTS_DIR;
use crate::overview::{self, Overview, DEMO_ANSWERED};
use crate::requests::{self, CounterInput, DraftInput};
use crate::{Ctx, Result};

/// The demo organisation's name, as its letters sign it.
const LEGAL_NAME: &str = "Atelier Lumière SARL";
/// Its customer number at Canon France.
const CUSTOMER_NUMBER: &str = "C0048213";
/// Canon France's sales contact for it.
const SALES_NAME: &str = "Claire Martin";
const SALES_EMAIL: &str = "commercial.demo@example.com";
/// The person at the organisation who writes to Canon.
const CONTACT_NAME: &str = "Julien Roux";
/// Where its invoices go by email.
const INVOICE_EMAIL: &str = "factures@atelier-lumiere.example";
/// Its head office, where paper invoices went.
const HEAD_OFFICE: &str = "12 rue des Tanneurs, 69002 Lyon";
/// The workshop's address, where a device moves.
const WORKSHOP: &str = "48 avenue Roger Salengro, 69100 Villeurbanne";
/// The contract all the demo's requests are about.
const CONTRACT_NUMBER: &str = "CF-MNT-2024-118305";
/// Its purchase-order number.
const PO_NUMBER: &str = "PO-2026-0147";

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
    fill(ctx, &ctx.data_dir().join(DOCUMENTS_DIR), now, today)?;
    overview::get(ctx).await
}

/// Writes the demo records, all in one transaction (the organisation, its sites,
/// devices, readings, contract and request history, or none of them); a plain
/// function so the store's lock is never held across an await.
fn fill(ctx: &Ctx, docs: &Path, now: DateTime<Utc>, today: NaiveDate) -> Result<()> {
    Ok(ctx
        .store()
        .atomically(|store| write_demo(store, docs, now, today))?)
}

fn write_demo(
    store: &mut Store,
    docs: &Path,
    now: DateTime<Utc>,
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
                legal_name: LEGAL_NAME.into(),
                country: "FR".into(),
                // Invented identifiers that pass their checks, so every screen that
                // uses them (letters, the bank check, CPS) has something to show.
                siren: Some("841234560".into()),
                siret: Some("84123456000016".into()),
                vat_number: Some("FR81841234560".into()),
                invoice_postal_address: HEAD_OFFICE.into(),
                invoice_email: Some(INVOICE_EMAIL.into()),
                sales_contact_name: Some(SALES_NAME.into()),
                sales_contact_email: Some(SALES_EMAIL.into()),
                canon_iban: None,
                canon_bic: None,
                customer_numbers: vec![CUSTOMER_NUMBER.into()],
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
        let mut ids = Vec::new();
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
            ids.push(device.id);
        }
        let starts = NaiveDate::from_ymd_opt(today.year() - 2, 4, 1);
        let ends = NaiveDate::from_ymd_opt(today.year() + 3, 3, 31);
        let contract = store.create_contract(
            &ContractInput {
                number: CONTRACT_NUMBER.into(),
                kind: ContractKind::Maintenance,
                customer_number: CUSTOMER_NUMBER.into(),
                po_number: Some(PO_NUMBER.into()),
                starts_on: starts,
                ends_on: ends,
                device_ids: office,
            },
            now,
        )?;
        write_history(
            store,
            docs,
            &History {
                now,
                today,
                contract: contract.id,
                devices: ids,
            },
        )?;
        store.set_setting(DEMO_ANSWERED, "loaded")?;
    }
    Ok(())
}

/// What the demo's request history refers to.
struct History {
    /// The demo's clock: everything in the history happened before it.
    now: DateTime<Utc>,
    today: NaiveDate,
    /// The maintenance contract.
    contract: i64,
    /// The devices' ids, in the order of [`DEVICES`].
    devices: Vec<i64>,
}

impl History {
    /// The device of `serial` in [`DEVICES`].
    fn device(&self, serial: &str) -> Option<i64> {
        let index = DEVICES.iter().position(|d| d.serial == serial)?;
        self.devices.get(index).copied()
    }

    /// 09:00 UTC on `day`, never later than the demo's clock.
    fn at(&self, day: NaiveDate) -> DateTime<Utc> {
        day.and_hms_opt(9, 0, 0)
            .map(|t| t.and_utc())
            .map_or(self.now, |t| t.min(self.now))
    }

    /// The day `days` days before today.
    fn ago(&self, days: u64) -> NaiveDate {
        self.today
            .checked_sub_days(Days::new(days))
            .unwrap_or(self.today)
    }
}

/// What every demo letter carries: who writes, and the customer number.
fn facts() -> RequestFacts {
    RequestFacts {
        organisation: LEGAL_NAME.into(),
        contact_name: CONTACT_NAME.into(),
        customer_number: Some(CUSTOMER_NUMBER.into()),
        ..RequestFacts::default()
    }
}

/// Writes a request as the wizard would have saved it at `at`: the French message,
/// the recipient and the "tell Canon by" date worked out as for a real request, then
/// saved through the store, which plans its reminders.
fn write_request(
    store: &mut Store,
    docs: &Path,
    situation: Situation,
    mut input: DraftInput,
    at: DateTime<Utc>,
) -> canon_desk_store::Result<Request> {
    let entry = situation.entry();
    input.situation = Some(situation);
    input.facts.effective_date = input.effective_on;
    let recipient = match entry.email_recipient() {
        Some(Recipient::Fixed(address)) => Some(address.to_owned()),
        Some(Recipient::SalesContact) => {
            input.facts.addressee = Some(SALES_NAME.into());
            Some(SALES_EMAIL.to_owned())
        }
        Some(Recipient::AddressOnRequest) => input.request_address.clone(),
        None => None,
    };
    let notify_by = match entry.lead_time {
        LeadTime::OneMonthBefore => input
            .effective_on
            .and_then(|d| lead_time::notify_by(d).ok()),
        LeadTime::ByRequestDate => input.effective_on,
        LeadTime::None => None,
    };
    let message = email_fr::compose(situation, &input.facts);
    let facts_json =
        serde_json::to_string(&input).map_err(|e| canon_desk_store::Error::Corrupt {
            column: "requests.facts_json",
            value: e.to_string(),
        })?;
    let draft = RequestDraft {
        situation,
        channel: if entry.email_recipient().is_some() {
            None
        } else {
            Some(RequestChannel::Phone)
        },
        device_id: input.device_id,
        contract_id: input.contract_id,
        effective_on: input.effective_on,
        notify_by,
        recipient,
        subject: message
            .as_ref()
            .map(|m| m.subject.clone())
            .unwrap_or_default(),
        body: message.map(|m| m.body).unwrap_or_default(),
        facts_json,
        attachments: Vec::new(),
    };
    store.create_request(&draft, docs, at)
}

/// Marks a request as having left by `channel` at `at`. A call is recorded as the
/// call sheet records it: told, and acknowledged with what Canon said.
fn left(
    store: &mut Store,
    request: &Request,
    channel: RequestChannel,
    outcome: Option<&str>,
    at: DateTime<Utc>,
) -> canon_desk_store::Result<Request> {
    let sent = Transition::Sent {
        channel,
        eml_sha256: None,
    };
    let r = store.transition_request(request.id, &sent, None, at)?;
    match outcome {
        Some(outcome) if channel == RequestChannel::Phone => {
            store.transition_request(r.id, &Transition::Acknowledged, Some(outcome), at)
        }
        _ => Ok(r),
    }
}

/// One request of each of the nine billing situations, in the states real use leaves
/// them in (handled long ago, awaiting Canon, phoned with its outcome, a draft), and
/// one bank-details check. Nothing is sent: the requests are written as history, dated
/// before the demo's clock, and their follow-ups fall after it, so loading the demo
/// raises no reminder at once.
fn write_history(store: &mut Store, docs: &Path, h: &History) -> canon_desk_store::Result<()> {
    let contract = Some(h.contract);
    let office = h.device("XQD04127");
    let manual = h.device("WFK20381");
    let plotter = h.device("GBM00973");
    let this_year = NaiveDate::from_ymd_opt(h.today.year(), 1, 1);

    // Automatic meters on the colour MFP, long ago: why it reports by itself.
    let at = h.at(h.ago(200));
    let r = write_request(
        store,
        docs,
        Situation::EnableAutomaticMeters,
        DraftInput {
            device_id: office,
            facts: RequestFacts {
                serial_number: Some("XQD04127".into()),
                ..facts()
            },
            ..DraftInput::default()
        },
        at,
    )?;
    let r = left(store, &r, RequestChannel::Email, None, at)?;
    let changes: Vec<RecordChange> = office
        .map(|device_id| RecordChange::AutomaticMeters { device_id })
        .into_iter()
        .collect();
    store.complete_request(
        r.id,
        Some("Canon a activé la remontée automatique des compteurs."),
        &changes,
        h.at(h.ago(190)),
    )?;

    // Paper invoices to the head office, then invoices by email: both phoned, both done.
    let at = h.at(h.ago(150));
    let r = write_request(
        store,
        docs,
        Situation::ChangeInvoiceAddress,
        DraftInput {
            contract_id: contract,
            effective_on: Some(h.ago(110)),
            facts: RequestFacts {
                contract_number: Some(CONTRACT_NUMBER.into()),
                new_invoice_address: Some(HEAD_OFFICE.into()),
                ..facts()
            },
            ..DraftInput::default()
        },
        at,
    )?;
    let r = left(
        store,
        &r,
        RequestChannel::Phone,
        Some("Appel du service facturation, dossier 2508-1142 : adresse modifiée."),
        at,
    )?;
    store.complete_request(
        r.id,
        None,
        &[RecordChange::InvoiceAddress {
            contract_id: h.contract,
            address: HEAD_OFFICE.into(),
            by_email: false,
        }],
        h.at(h.ago(140)),
    )?;
    let at = h.at(h.ago(75));
    let r = write_request(
        store,
        docs,
        Situation::InvoicesByEmail,
        DraftInput {
            contract_id: contract,
            effective_on: Some(h.ago(40)),
            facts: RequestFacts {
                contract_number: Some(CONTRACT_NUMBER.into()),
                invoice_email: Some(INVOICE_EMAIL.into()),
                po_number: Some(PO_NUMBER.into()),
                ..facts()
            },
            ..DraftInput::default()
        },
        at,
    )?;
    let r = left(
        store,
        &r,
        RequestChannel::Phone,
        Some("Dossier 2509-0318 : factures envoyées par e-mail à partir de la prochaine."),
        at,
    )?;
    store.complete_request(
        r.id,
        None,
        &[RecordChange::InvoicesByEmail {
            contract_id: h.contract,
            address: INVOICE_EMAIL.into(),
        }],
        h.at(h.ago(60)),
    )?;

    // This year's purchase-order number, phoned in December and done.
    if let Some(effective) = this_year {
        let at = h.at(effective
            .checked_sub_days(Days::new(31))
            .unwrap_or(effective));
        let r = write_request(
            store,
            docs,
            Situation::ChangePoNumber,
            DraftInput {
                contract_id: contract,
                effective_on: Some(effective),
                facts: RequestFacts {
                    contract_number: Some(CONTRACT_NUMBER.into()),
                    po_number: Some(PO_NUMBER.into()),
                    ..facts()
                },
                ..DraftInput::default()
            },
            at,
        )?;
        let r = left(
            store,
            &r,
            RequestChannel::Phone,
            Some("Noté par Canon France, référence 2512-0077."),
            at,
        )?;
        store.complete_request(
            r.id,
            None,
            &[RecordChange::NewPoNumber {
                contract_id: h.contract,
                po_number: PO_NUMBER.into(),
                valid_from: effective,
            }],
            h.at(effective
                .checked_sub_days(Days::new(20))
                .unwrap_or(effective)),
        )?;
    }

    // Canon asked for the hand-read MFP's counters last month: answered and done.
    // The counters sent are the reading of the 1st, already in the record.
    let read_on = h
        .today
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(1)));
    if let Some(read_on) = read_on {
        let counters: Vec<CounterInput> = DEVICES
            .iter()
            .find(|d| d.serial == "WFK20381")
            .map(|d| d.counters)
            .unwrap_or_default()
            .iter()
            .map(|(counter, monthly)| CounterInput {
                counter: (*counter).into(),
                value: 40_000 + monthly * 23,
            })
            .collect();
        let lines: Vec<String> = counters
            .iter()
            .map(|c| email_fr::counter_line(&c.counter, c.value))
            .collect();
        let at = h.at(read_on.checked_add_days(Days::new(2)).unwrap_or(read_on));
        let r = write_request(
            store,
            docs,
            Situation::AnswerMeterReadingRequest,
            DraftInput {
                device_id: manual,
                contract_id: contract,
                effective_on: read_on.checked_add_days(Days::new(10)),
                request_address: Some("releves.compteurs@cf.canon.example".into()),
                facts: RequestFacts {
                    serial_number: Some("WFK20381".into()),
                    contract_number: Some(CONTRACT_NUMBER.into()),
                    meter_readings: Some(lines.join("\n")),
                    counters: counters
                        .iter()
                        .map(|c| email_fr::CounterValue {
                            counter: c.counter.clone(),
                            value: c.value,
                        })
                        .collect(),
                    read_on: Some(read_on),
                    ..facts()
                },
                counters: counters.clone(),
                ..DraftInput::default()
            },
            at,
        )?;
        let r = left(store, &r, RequestChannel::Email, None, at)?;
        store.complete_request(
            r.id,
            Some("Facture établie sur les relevés envoyés."),
            &manual
                .map(|device_id| RecordChange::Readings {
                    device_id,
                    read_on,
                    counters: counters
                        .iter()
                        .map(|c| (c.counter.clone(), c.value))
                        .collect(),
                })
                .into_iter()
                .collect::<Vec<_>>(),
            h.at(read_on.checked_add_days(Days::new(6)).unwrap_or(read_on)),
        )?;
    }

    // Genuine-looking bank details checked before any were recorded as known.
    let bank = (
        validate::iban("FR7630006000011234567890189"),
        validate::bic("DEUTFRPP"),
    );
    if let (Ok(iban), Ok(bic)) = bank {
        let check = requests::bank::compare(iban, bic, CanonContacts::default());
        store.record_bank_check(&requests::bank::history_entry(&check), h.at(h.ago(15)))?;
    }

    // Awaiting Canon: the plotter's move and the terms of termination asked by email,
    // the owned MFP's disposal told on the phone.
    let at = h.at(h.ago(6));
    let r = write_request(
        store,
        docs,
        Situation::MoveDevice,
        DraftInput {
            device_id: plotter,
            facts: RequestFacts {
                serial_number: Some("GBM00973".into()),
                current_address: Some(HEAD_OFFICE.into()),
                new_address: Some(WORKSHOP.into()),
                ..facts()
            },
            ..DraftInput::default()
        },
        at,
    )?;
    left(store, &r, RequestChannel::Email, None, at)?;
    let at = h.at(h.ago(4));
    let r = write_request(
        store,
        docs,
        Situation::TerminateContract,
        DraftInput {
            device_id: office,
            contract_id: contract,
            facts: RequestFacts {
                serial_number: Some("XQD04127".into()),
                contract_number: Some(CONTRACT_NUMBER.into()),
                ..facts()
            },
            ..DraftInput::default()
        },
        at,
    )?;
    left(store, &r, RequestChannel::Email, None, at)?;
    let at = h.at(h.ago(2));
    let r = write_request(
        store,
        docs,
        Situation::DisposeOwnedDevice,
        DraftInput {
            device_id: manual,
            facts: RequestFacts {
                serial_number: Some("WFK20381".into()),
                ..facts()
            },
            ..DraftInput::default()
        },
        at,
    )?;
    left(
        store,
        &r,
        RequestChannel::Phone,
        Some("Appel 2611-0457 : Canon attend le dernier relevé des compteurs avant la sortie du parc."),
        at,
    )?;

    // A draft: the takeover by the group's new company, not sent yet.
    let effective = h
        .today
        .with_day(1)
        .and_then(|d| d.checked_add_months(Months::new(3)));
    write_request(
        store,
        docs,
        Situation::ChangeBillingEntity,
        DraftInput {
            device_id: office,
            contract_id: contract,
            effective_on: effective,
            facts: RequestFacts {
                serial_number: Some("XQD04127".into()),
                contract_number: Some(CONTRACT_NUMBER.into()),
                new_entity_name: Some("Lumière Création SAS".into()),
                entity_change: Some(EntityChange::Takeover),
                ..facts()
            },
            new_billing_entity: Some("Lumière Création SAS".into()),
            ..DraftInput::default()
        },
        h.at(h.ago(1)),
    )?;
    Ok(())
}

/// Records that the user prefers to start with an empty record.
pub async fn decline(ctx: &Ctx) -> Result<Overview> {
    ctx.store().set_setting(DEMO_ANSWERED, "declined")?;
    overview::get(ctx).await
}
