//! What a request changes beyond itself: the reminders it plans (through the reminder
//! engine, see `reminders.rs`) and the records its completion updates.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::requests::{self, Request, Transition};
use crate::{contract_records, devices, profile, readings};
use crate::{ts, Contract, Device, Error, InvoiceDelivery, Result, Store};
use canon_desk_core::device::{DeviceStatus, MeterTransmission};

/// A reminder a request plans (a follow-up, the date Canon must be told, the due date
/// of a meter-reading request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// Row id.
    pub id: i64,
    /// What planned it, e.g. `request:12:follow_up`; unique, so planning twice is harmless.
    pub source_key: String,
    /// What it is for, read from `source_key`: the interface words its title from it.
    pub kind: ReminderKind,
    /// Title in English, as planned; shown only for a kind the interface does not know.
    pub title: String,
    /// Text shown under the title.
    pub body: String,
    /// When it is due (UTC, RFC 3339).
    pub due_at: String,
    /// `pending`, `fired`, `snoozed`, `done` or `dismissed`.
    pub status: String,
    /// The request it belongs to.
    pub request_id: Option<i64>,
}

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// The date by which Canon must be told (or, for a meter-reading request, the
    /// date Canon expects the counters by).
    NotifyBy,
    /// A week after the request left: has Canon answered?
    FollowUp,
    /// Anything else; its stored title is shown.
    Other,
}

impl ReminderKind {
    /// The kind of a reminder planned under `source_key` (`request:<id>:<kind>`).
    pub fn of(source_key: &str) -> Self {
        match source_key.rsplit(':').next() {
            Some("notify_by" | "meter_reading_due") => ReminderKind::NotifyBy,
            Some("follow_up") => ReminderKind::FollowUp,
            _ => ReminderKind::Other,
        }
    }
}

/// A change to a record that completing a request makes. Each one is safe to apply
/// twice (a record already in the state asked for is left alone, with no audit entry)
/// and is left out when its record was deleted since the request was made: the
/// completion itself never fails for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordChange {
    /// The device leaves the active fleet; its history is kept.
    DisposeDevice {
        /// The device.
        device_id: i64,
    },
    /// The device was moved (the wizard takes the new address as free text, so no
    /// site is set).
    MoveDevice {
        /// The device.
        device_id: i64,
    },
    /// The device now sends its counters by itself.
    AutomaticMeters {
        /// The device.
        device_id: i64,
    },
    /// The counters sent to Canon become manual readings of `read_on`, unless the
    /// same value is already recorded for that counter (or a higher one up to that
    /// date, which a reading must never fall below).
    Readings {
        /// The device.
        device_id: i64,
        /// The day the counters were read.
        read_on: NaiveDate,
        /// Counter name and value.
        counters: Vec<(String, i64)>,
    },
    /// The contract is terminated, ending on `ends_on`.
    TerminateContract {
        /// The contract.
        contract_id: i64,
        /// Its last day.
        ends_on: NaiveDate,
    },
    /// The contract's PO number becomes `po_number` from `valid_from`; the current
    /// one is closed the day before and kept in the PO history.
    NewPoNumber {
        /// The contract.
        contract_id: i64,
        /// The new PO number.
        po_number: String,
        /// First day it applies.
        valid_from: NaiveDate,
    },
    /// The contract is invoiced to another legal entity.
    BillingEntity {
        /// The contract.
        contract_id: i64,
        /// The new entity's name.
        billing_entity: String,
    },
    /// The contract's invoices go by email to `address`.
    InvoicesByEmail {
        /// The contract.
        contract_id: i64,
        /// The role address invoices go to.
        address: String,
    },
    /// Invoices go to a new address: every contract with the request's customer
    /// number (the contract itself when it has none) and the organisation's invoice
    /// address take it, by post or by email following its shape.
    InvoiceAddress {
        /// The contract the request named.
        contract_id: i64,
        /// The new address.
        address: String,
        /// Whether it is an email address (else a postal one).
        by_email: bool,
    },
}

impl RecordChange {
    /// The contract the change edits, if it edits one.
    fn contract_id(&self) -> Option<i64> {
        match self {
            RecordChange::TerminateContract { contract_id, .. }
            | RecordChange::NewPoNumber { contract_id, .. }
            | RecordChange::BillingEntity { contract_id, .. }
            | RecordChange::InvoicesByEmail { contract_id, .. }
            | RecordChange::InvoiceAddress { contract_id, .. } => Some(*contract_id),
            _ => None,
        }
    }
}

impl Store {
    /// The reminders a request planned, earliest first.
    pub fn request_reminders(&self, request_id: i64) -> Result<Vec<Reminder>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source_key, title, body, due_at, status, request_id FROM reminders
             WHERE request_id = ?1 ORDER BY due_at, id",
        )?;
        let rows = stmt.query_map([request_id], |r| {
            let source_key: String = r.get(1)?;
            Ok(Reminder {
                id: r.get(0)?,
                kind: ReminderKind::of(&source_key),
                source_key,
                title: r.get(2)?,
                body: r.get(3)?,
                due_at: r.get(4)?,
                status: r.get(5)?,
                request_id: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks a request done and applies `changes` to the records it concerns, all in
    /// one transaction: either Canon's answer is reflected everywhere or nowhere.
    /// The request's pending reminders are closed as well.
    pub fn complete_request(
        &mut self,
        id: i64,
        outcome: Option<&str>,
        changes: &[RecordChange],
        now: DateTime<Utc>,
    ) -> Result<Request> {
        let tx = self.conn.transaction()?;
        let before = requests::get(&tx, id)?;
        requests::apply(&tx, &before, &Transition::Done, outcome, now)?;
        for change in changes {
            apply_change(&tx, change, now)?;
            if let Some(contract_id) = change.contract_id() {
                // A terminated contract or a new PO moves the contract's deadlines.
                crate::reminders::reconcile(&tx, crate::Scope::Contract(contract_id), now)?;
            }
        }
        let after = requests::get(&tx, id)?;
        audit::record(
            &tx,
            now,
            "request",
            id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }
}

/// A record a completion changes: its table, its name in the audit log, and how
/// to read it inside the transaction.
struct Record<T> {
    table: &'static str,
    entity: &'static str,
    load: fn(&Connection, i64) -> Result<T>,
}

const DEVICE: Record<Device> = Record {
    table: "devices",
    entity: "device",
    load: devices::load,
};

const CONTRACT: Record<Contract> = Record {
    table: "contracts",
    entity: "contract",
    load: contract_records::load,
};

/// Whether a record exists and is not (soft-)deleted.
fn alive<T>(tx: &Connection, record: &Record<T>, id: i64) -> Result<bool> {
    let deleted: Option<Option<String>> = tx
        .query_row(
            &format!("SELECT deleted_at FROM {} WHERE id = ?1", record.table),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(matches!(deleted, Some(None)))
}

/// Runs `change` on a record with its audit entry, unless the record is gone (or
/// deleted) or `change` reports it was already as asked.
fn change_record<T: Serialize>(
    tx: &Connection,
    record: &Record<T>,
    id: i64,
    now: DateTime<Utc>,
    change: impl FnOnce(&T) -> Result<bool>,
) -> Result<()> {
    if !alive(tx, record, id)? {
        return Ok(());
    }
    let before = (record.load)(tx, id)?;
    if !change(&before)? {
        return Ok(());
    }
    tx.execute(
        &format!("UPDATE {} SET updated_at = ?2 WHERE id = ?1", record.table),
        params![id, ts(now)],
    )?;
    let after = (record.load)(tx, id)?;
    audit::record(
        tx,
        now,
        record.entity,
        id,
        Action::Update,
        Some(&before),
        Some(&after),
    )
}

fn apply_change(tx: &Connection, change: &RecordChange, now: DateTime<Utc>) -> Result<()> {
    match change {
        RecordChange::DisposeDevice { device_id } => {
            change_record(tx, &DEVICE, *device_id, now, |d| {
                set_device_status(tx, d, DeviceStatus::Disposed, "disposed")
            })
        }
        RecordChange::MoveDevice { device_id } => {
            change_record(tx, &DEVICE, *device_id, now, |d| {
                set_device_status(tx, d, DeviceStatus::Moved, "moved")
            })
        }
        RecordChange::AutomaticMeters { device_id } => {
            change_record(tx, &DEVICE, *device_id, now, |d| {
                if d.meter_transmission == MeterTransmission::Automatic {
                    return Ok(false);
                }
                tx.execute(
                    "UPDATE devices SET meter_transmission = 'automatic' WHERE id = ?1",
                    [d.id],
                )?;
                Ok(true)
            })
        }
        RecordChange::Readings {
            device_id,
            read_on,
            counters,
        } => {
            if !alive(tx, &DEVICE, *device_id)? {
                return Ok(());
            }
            for (counter, value) in counters {
                save_reading(tx, *device_id, counter, *value, *read_on, now)?;
            }
            Ok(())
        }
        RecordChange::TerminateContract {
            contract_id,
            ends_on,
        } => change_record(tx, &CONTRACT, *contract_id, now, |c| {
            if c.terminated && c.form.ends_on == Some(*ends_on) {
                return Ok(false);
            }
            tx.execute(
                "UPDATE contracts SET status = 'terminated', ends_on = ?2 WHERE id = ?1",
                params![c.id, ends_on],
            )?;
            Ok(true)
        }),
        RecordChange::NewPoNumber {
            contract_id,
            po_number,
            valid_from,
        } => change_record(tx, &CONTRACT, *contract_id, now, |c| {
            let po = po_number.trim();
            // Already recorded (by hand, or by an earlier completion), or the record
            // holds a PO from that date or later, entered since: left as it is.
            let recorded = c
                .po_numbers
                .iter()
                .any(|p| p.po_number == po && p.valid_from.is_none_or(|from| from <= *valid_from));
            let later = c
                .po_numbers
                .iter()
                .any(|p| p.valid_from.is_some_and(|from| from >= *valid_from));
            if po.is_empty() || recorded || later {
                return Ok(false);
            }
            contract_records::push_po(tx, c.id, po, *valid_from, now)?;
            Ok(true)
        }),
        RecordChange::BillingEntity {
            contract_id,
            billing_entity,
        } => change_record(tx, &CONTRACT, *contract_id, now, |c| {
            let entity = billing_entity.trim();
            if entity.is_empty() || c.form.billing_entity == entity {
                return Ok(false);
            }
            tx.execute(
                "UPDATE contracts SET billing_entity = ?2 WHERE id = ?1",
                params![c.id, entity],
            )?;
            Ok(true)
        }),
        RecordChange::InvoicesByEmail {
            contract_id,
            address,
        } => set_invoice_address(tx, *contract_id, address, InvoiceDelivery::Email, now),
        RecordChange::InvoiceAddress {
            contract_id,
            address,
            by_email,
        } => {
            let address = address.trim();
            if address.is_empty() {
                return Ok(());
            }
            let delivery = if *by_email {
                InvoiceDelivery::Email
            } else {
                InvoiceDelivery::Paper
            };
            let customer: Option<String> = tx
                .query_row(
                    "SELECT customer_number FROM contracts WHERE id = ?1",
                    [contract_id],
                    |r| r.get(0),
                )
                .optional()?;
            let mut ids = vec![*contract_id];
            if let Some(number) = customer.filter(|n| !n.trim().is_empty()) {
                let mut stmt = tx.prepare_cached(
                    "SELECT id FROM contracts WHERE customer_number = ?1 AND id <> ?2 ORDER BY id",
                )?;
                let more = stmt
                    .query_map(params![number, contract_id], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                ids.extend(more);
            }
            for id in ids {
                set_invoice_address(tx, id, address, delivery, now)?;
            }
            set_organisation_invoice_address(tx, address, *by_email, now)
        }
    }
}

/// Sets a device's status, telling whether it changed.
fn set_device_status(
    tx: &Connection,
    device: &Device,
    status: DeviceStatus,
    column: &str,
) -> Result<bool> {
    if device.status == status {
        return Ok(false);
    }
    tx.execute(
        "UPDATE devices SET status = ?2 WHERE id = ?1",
        params![device.id, column],
    )?;
    Ok(true)
}

/// Sends a contract's invoices to `address`, by email or post.
fn set_invoice_address(
    tx: &Connection,
    contract_id: i64,
    address: &str,
    delivery: InvoiceDelivery,
    now: DateTime<Utc>,
) -> Result<()> {
    change_record(tx, &CONTRACT, contract_id, now, |c| {
        if c.form.invoice_delivery == delivery && c.form.invoice_address == address {
            return Ok(false);
        }
        let column = match delivery {
            InvoiceDelivery::Email => "email",
            InvoiceDelivery::Paper => "paper",
        };
        tx.execute(
            "UPDATE contracts SET invoice_delivery = ?2, invoice_address = ?3 WHERE id = ?1",
            params![c.id, column, address],
        )?;
        Ok(true)
    })
}

/// The organisation's own invoice address (postal, or email) becomes `address`; no
/// organisation yet, or the same address already, changes nothing.
fn set_organisation_invoice_address(
    tx: &Connection,
    address: &str,
    by_email: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(before) = profile::load(tx)? else {
        return Ok(());
    };
    let same = if by_email {
        before.invoice_email.as_deref() == Some(address)
    } else {
        before.invoice_postal_address == address
    };
    if same {
        return Ok(());
    }
    let sql = if by_email {
        "UPDATE organisation SET invoice_email = ?1, updated_at = ?2 WHERE id = 1"
    } else {
        "UPDATE organisation SET invoice_postal_address = ?1, updated_at = ?2 WHERE id = 1"
    };
    tx.execute(sql, params![address, ts(now)])?;
    let after = profile::load(tx)?;
    audit::record(
        tx,
        now,
        "organisation",
        1,
        Action::Update,
        Some(&before),
        after.as_ref(),
    )
}

/// Records one counter sent to Canon as a manual reading, unless that value is
/// already recorded for the counter, a higher one was read up to that day, or it
/// would be above a later reading.
fn save_reading(
    tx: &Connection,
    device_id: i64,
    counter: &str,
    value: i64,
    read_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let counter = counter.trim();
    if counter.is_empty() || value < 0 {
        return Ok(());
    }
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM meter_readings WHERE device_id = ?1 AND counter = ?2
             AND deleted_at IS NULL AND (value = ?3 OR (value > ?3 AND read_on <= ?4)))",
        params![device_id, counter, value, read_on],
        |r| r.get(0),
    )?;
    if known {
        return Ok(());
    }
    let input = readings::ReadingInput {
        device_id,
        counter: counter.to_owned(),
        value,
        read_on,
        source: readings::ReadingSource::Manual,
        is_reset: false,
    };
    // The same checks as a reading typed in: one that does not fit between the
    // device's readings (above a later one) is left out rather than failing the
    // completion.
    match readings::insert_checked(tx, &input, now) {
        Ok(_) => Ok(()),
        Err(Error::Domain(canon_desk_core::Error::Invalid { field: "value", .. })) => Ok(()),
        Err(e) => Err(e),
    }
}

/// What the wizards need from the organisation record: the Canon sales contact and
/// the known-good bank details printed on Canon's invoices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CanonContacts {
    /// The Canon sales contact's name.
    pub sales_contact_name: Option<String>,
    /// The Canon sales contact's email address.
    pub sales_contact_email: Option<String>,
    /// Canon France's IBAN as known to be genuine.
    pub canon_iban: Option<String>,
    /// Canon France's BIC as known to be genuine.
    pub canon_bic: Option<String>,
}

impl Store {
    /// The sales contact and known-good bank details; empty when no organisation exists.
    pub fn canon_contacts(&self) -> Result<CanonContacts> {
        Ok(self
            .conn
            .query_row(
                "SELECT sales_contact_name, sales_contact_email, canon_iban, canon_bic
                 FROM organisation WHERE id = 1",
                [],
                |r| {
                    Ok(CanonContacts {
                        sales_contact_name: r.get(0)?,
                        sales_contact_email: r.get(1)?,
                        canon_iban: r.get(2)?,
                        canon_bic: r.get(3)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Replaces the sales contact and known-good bank details of the organisation,
    /// which must exist.
    pub fn set_canon_contacts(
        &mut self,
        contacts: &CanonContacts,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let before = Store::contacts_in(&tx)?;
        let changed = tx.execute(
            "UPDATE organisation SET sales_contact_name = ?1, sales_contact_email = ?2,
                canon_iban = ?3, canon_bic = ?4, updated_at = ?5 WHERE id = 1",
            params![
                contacts.sales_contact_name,
                contacts.sales_contact_email,
                contacts.canon_iban,
                contacts.canon_bic,
                ts(now)
            ],
        )?;
        if changed == 0 {
            return Err(Error::NotFound {
                entity: "organisation",
                id: 1,
            });
        }
        audit::record(
            &tx,
            now,
            "organisation",
            1,
            Action::Update,
            before.as_ref(),
            Some(contacts),
        )?;
        tx.commit()?;
        Ok(())
    }

    fn contacts_in(conn: &rusqlite::Connection) -> Result<Option<CanonContacts>> {
        Ok(conn
            .query_row(
                "SELECT sales_contact_name, sales_contact_email, canon_iban, canon_bic
                 FROM organisation WHERE id = 1",
                [],
                |r| {
                    Ok(CanonContacts {
                        sales_contact_name: r.get(0)?,
                        sales_contact_email: r.get(1)?,
                        canon_iban: r.get(2)?,
                        canon_bic: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }
}
