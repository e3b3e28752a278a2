//! What a request changes beyond itself: the reminders it plans and the records its
//! completion updates.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::requests::{self, Request, Transition};
use crate::{ts, Device, Error, Result, Store};
use canon_desk_core::device::DeviceStatus;

/// A reminder a request plans (a follow-up, the date Canon must be told, the due date
/// of a meter-reading request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// Row id.
    pub id: i64,
    /// What planned it, e.g. `request:12:follow_up`; unique, so planning twice is harmless.
    pub source_key: String,
    /// Title shown in the notification.
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

/// A reminder to plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderPlan {
    /// Unique key of what planned it.
    pub source_key: String,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Due instant.
    pub due_at: DateTime<Utc>,
    /// The request it belongs to.
    pub request_id: i64,
}

/// A change to a record that completing a request makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordChange {
    /// The device leaves the active fleet; its history is kept.
    DisposeDevice {
        /// The device.
        device_id: i64,
    },
    /// The contract's invoices go by email to `address`.
    InvoicesByEmail {
        /// The contract.
        contract_id: i64,
        /// The role address invoices go to.
        address: String,
    },
}

/// The invoice-delivery fields of a contract, as the audit log records their change.
#[derive(Debug, Serialize)]
struct InvoiceDelivery {
    invoice_delivery: String,
    invoice_address: String,
}

impl Store {
    /// Plans a reminder unless one with the same key exists, so restarts and retries
    /// never duplicate it. Returns whether a new row was written.
    pub fn plan_reminder(&mut self, plan: &ReminderPlan, now: DateTime<Utc>) -> Result<bool> {
        let written = self.conn.execute(
            "INSERT INTO reminders (source_key, title, body, due_at, request_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(source_key) DO NOTHING",
            params![
                plan.source_key,
                plan.title,
                plan.body,
                ts(plan.due_at),
                plan.request_id,
                ts(now)
            ],
        )?;
        Ok(written == 1)
    }

    /// The reminders a request planned, earliest first.
    pub fn request_reminders(&self, request_id: i64) -> Result<Vec<Reminder>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source_key, title, body, due_at, status, request_id FROM reminders
             WHERE request_id = ?1 ORDER BY due_at, id",
        )?;
        let rows = stmt.query_map([request_id], |r| {
            Ok(Reminder {
                id: r.get(0)?,
                source_key: r.get(1)?,
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
        // Devices are read before the transaction opens because their reader borrows
        // the store; nothing else writes in between, as the store is behind one mutex.
        let mut devices = Vec::new();
        for change in changes {
            if let RecordChange::DisposeDevice { device_id } = change {
                devices.push(self.device(*device_id)?);
            }
        }
        let tx = self.conn.transaction()?;
        let before = requests::get(&tx, id)?;
        requests::apply(&tx, &before, &Transition::Done, outcome, now)?;
        for change in changes {
            apply_change(&tx, change, &devices, now)?;
        }
        tx.execute(
            "UPDATE reminders SET status = 'done' WHERE request_id = ?1 AND status IN ('pending','snoozed')",
            [id],
        )?;
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

fn apply_change(
    tx: &rusqlite::Connection,
    change: &RecordChange,
    devices: &[Device],
    now: DateTime<Utc>,
) -> Result<()> {
    match change {
        RecordChange::DisposeDevice { device_id } => {
            let before = devices
                .iter()
                .find(|d| d.id == *device_id)
                .ok_or(Error::NotFound {
                    entity: "device",
                    id: *device_id,
                })?;
            tx.execute(
                "UPDATE devices SET status = 'disposed', updated_at = ?2 WHERE id = ?1",
                params![device_id, ts(now)],
            )?;
            let after = Device {
                status: DeviceStatus::Disposed,
                updated_at: ts(now),
                ..before.clone()
            };
            audit::record(
                tx,
                now,
                "device",
                *device_id,
                Action::Update,
                Some(before),
                Some(&after),
            )
        }
        RecordChange::InvoicesByEmail {
            contract_id,
            address,
        } => {
            let before = tx
                .query_row(
                    "SELECT invoice_delivery, invoice_address FROM contracts WHERE id = ?1",
                    [contract_id],
                    |r| {
                        Ok(InvoiceDelivery {
                            invoice_delivery: r.get(0)?,
                            invoice_address: r.get(1)?,
                        })
                    },
                )
                .optional()?
                .ok_or(Error::NotFound {
                    entity: "contract",
                    id: *contract_id,
                })?;
            tx.execute(
                "UPDATE contracts SET invoice_delivery = 'email', invoice_address = ?2, updated_at = ?3 WHERE id = ?1",
                params![contract_id, address, ts(now)],
            )?;
            let after = InvoiceDelivery {
                invoice_delivery: "email".to_owned(),
                invoice_address: address.clone(),
            };
            audit::record(
                tx,
                now,
                "contract",
                *contract_id,
                Action::Update,
                Some(&before),
                Some(&after),
            )
        }
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
