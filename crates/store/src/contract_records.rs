//! Contracts in full: every field, the purchase-order history, the devices covered,
//! soft deletion and undo.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::error::unique_violation;
use crate::lifecycle::{toggle_deleted, Soft};
use crate::{ts, ContractKind, Error, Result, Store};

/// How invoices reach the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceDelivery {
    /// By post, to a postal address.
    Paper,
    /// By email, to an address (a role address, not a person's).
    Email,
}

/// How the contract renews at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Renewal {
    /// Renews by itself unless notice is given.
    Tacit,
    /// Ends unless both sides agree to renew.
    Express,
}

/// One purchase-order number and the period it is valid for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PoNumber {
    /// Row id.
    pub id: i64,
    /// The PO number.
    pub po_number: String,
    /// First day it applies.
    pub valid_from: Option<NaiveDate>,
    /// Last day it applies; absent while it is the current one.
    pub valid_to: Option<NaiveDate>,
}

/// The fields of a contract the user edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContractForm {
    /// Canon contract number.
    pub number: String,
    /// Maintenance, lease or rental.
    pub kind: ContractKind,
    /// Canon customer number.
    pub customer_number: String,
    /// The legal entity invoiced.
    pub billing_entity: String,
    /// Paper or email.
    pub invoice_delivery: InvoiceDelivery,
    /// Postal address or email address, following `invoice_delivery`.
    pub invoice_address: String,
    /// Start date.
    pub starts_on: Option<NaiveDate>,
    /// End date.
    pub ends_on: Option<NaiveDate>,
    /// Tacit or express renewal.
    pub renewal: Renewal,
    /// Notice period in months.
    pub notice_months: Option<i64>,
    /// Length of each renewed term in months, for a tacitly renewed contract; 12 when
    /// not given.
    #[serde(default)]
    pub renewal_months: Option<i64>,
}

/// A contract with its PO history and covered devices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    /// Row id.
    pub id: i64,
    /// The edited fields.
    pub form: ContractForm,
    /// Every PO number, newest first; the first without `valid_to` is the current one.
    pub po_numbers: Vec<PoNumber>,
    /// Devices covered, by id.
    pub device_ids: Vec<i64>,
    /// When it was deleted, if it was (UTC, RFC 3339).
    pub deleted_at: Option<String>,
    /// Whether it was terminated (a completed termination request marks it so).
    pub terminated: bool,
}

const CONTRACTS: Soft = Soft {
    table: "contracts",
    column: "deleted_at",
    entity: "contract",
};

fn invalid(field: &'static str, reason: &str) -> Error {
    canon_desk_core::Error::Invalid {
        field,
        reason: reason.into(),
    }
    .into()
}

/// Checks and normalises a contract form; errors name the camelCase field.
fn clean(form: &ContractForm) -> Result<ContractForm> {
    let number = form.number.trim().to_owned();
    if number.is_empty() {
        return Err(canon_desk_core::Error::Required { field: "number" }.into());
    }
    let invoice_address = match form.invoice_delivery {
        InvoiceDelivery::Email => canon_desk_core::validate::email(&form.invoice_address)
            .map_err(|e| invalid("invoiceAddress", &e.to_string()))?,
        InvoiceDelivery::Paper => form.invoice_address.trim().to_owned(),
    };
    if let (Some(start), Some(end)) = (form.starts_on, form.ends_on) {
        if end < start {
            return Err(invalid("endsOn", "before the start date"));
        }
    }
    if form.notice_months.is_some_and(|m| !(0..=120).contains(&m)) {
        return Err(invalid("noticeMonths", "between 0 and 120 months"));
    }
    if form.renewal_months.is_some_and(|m| !(1..=120).contains(&m)) {
        return Err(invalid("renewalMonths", "between 1 and 120 months"));
    }
    Ok(ContractForm {
        number,
        customer_number: form.customer_number.trim().to_owned(),
        billing_entity: form.billing_entity.trim().to_owned(),
        invoice_address,
        ..form.clone()
    })
}

fn parse<T>(value: String, column: &'static str, f: impl Fn(&str) -> Option<T>) -> Result<T> {
    f(&value).ok_or(Error::Corrupt { column, value })
}

/// One contract by id, deleted or not.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<Contract> {
    let row = conn
        .prepare_cached(
            "SELECT number, kind, customer_number, billing_entity, invoice_delivery,
                    invoice_address, starts_on, ends_on, renewal, notice_months, deleted_at,
                    status, renewal_months
             FROM contracts WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                (r.get::<_, String>(2)?, r.get::<_, String>(3)?),
                (r.get::<_, String>(4)?, r.get::<_, String>(5)?),
                (r.get(6)?, r.get(7)?, r.get::<_, String>(8)?),
                (r.get(9)?, r.get(10)?, r.get::<_, String>(11)?, r.get(12)?),
            ))
        })
        .optional()?
        .ok_or(Error::NotFound {
            entity: "contract",
            id,
        })?;
    let ((number, kind), (customer_number, billing_entity), (delivery, invoice_address)) =
        (row.0, row.1, row.2);
    let (starts_on, ends_on, renewal) = row.3;
    let (notice_months, deleted_at, status, renewal_months) = row.4;
    let form = ContractForm {
        number,
        kind: parse(kind, "contracts.kind", |k| {
            [
                ContractKind::Maintenance,
                ContractKind::Lease,
                ContractKind::Rental,
            ]
            .into_iter()
            .find(|c| kind_str(*c) == k)
        })?,
        customer_number,
        billing_entity,
        invoice_delivery: parse(delivery, "contracts.invoice_delivery", |d| match d {
            "paper" => Some(InvoiceDelivery::Paper),
            "email" => Some(InvoiceDelivery::Email),
            _ => None,
        })?,
        invoice_address,
        starts_on,
        ends_on,
        renewal: parse(renewal, "contracts.renewal", |d| match d {
            "tacit" => Some(Renewal::Tacit),
            "express" => Some(Renewal::Express),
            _ => None,
        })?,
        notice_months,
        renewal_months,
    };
    let po_numbers = conn
        .prepare_cached(
            "SELECT id, po_number, valid_from, valid_to FROM contract_po_numbers
             WHERE contract_id = ?1 ORDER BY valid_from DESC NULLS LAST, id DESC",
        )?
        .query_map([id], |r| {
            Ok(PoNumber {
                id: r.get(0)?,
                po_number: r.get(1)?,
                valid_from: r.get(2)?,
                valid_to: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let device_ids = conn
        .prepare_cached(
            "SELECT device_id FROM contract_devices WHERE contract_id = ?1 ORDER BY device_id",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Contract {
        id,
        form,
        po_numbers,
        device_ids,
        deleted_at,
        terminated: status == "terminated",
    })
}

pub(crate) fn kind_str(kind: ContractKind) -> &'static str {
    match kind {
        ContractKind::Maintenance => "maintenance",
        ContractKind::Lease => "lease",
        ContractKind::Rental => "rental",
    }
}

fn delivery_str(d: InvoiceDelivery) -> &'static str {
    match d {
        InvoiceDelivery::Paper => "paper",
        InvoiceDelivery::Email => "email",
    }
}

fn renewal_str(r: Renewal) -> &'static str {
    match r {
        Renewal::Tacit => "tacit",
        Renewal::Express => "express",
    }
}

/// Closes the current PO the day before `from` and opens `po` from `from`.
pub(crate) fn push_po(
    conn: &Connection,
    id: i64,
    po: &str,
    from: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let po = po.trim();
    if po.is_empty() {
        return Err(canon_desk_core::Error::Required { field: "poNumber" }.into());
    }
    // The current PO is the latest one; its period may already have a known end
    // (set for the reminder of the next PO), which the new one then follows.
    let current: Option<(i64, Option<NaiveDate>, Option<NaiveDate>)> = conn
        .query_row(
            "SELECT id, valid_from, valid_to FROM contract_po_numbers WHERE contract_id = ?1
             ORDER BY valid_from DESC NULLS LAST, id DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((current_id, current_from, _)) =
        current.filter(|(_, _, to)| to.is_none_or(|to| to >= from))
    {
        if current_from.is_some_and(|f| f >= from) {
            return Err(invalid(
                "validFrom",
                "not after the current PO number's start",
            ));
        }
        conn.execute(
            "UPDATE contract_po_numbers SET valid_to = ?2 WHERE id = ?1",
            params![current_id, from.pred_opt().unwrap_or(from)],
        )?;
    }
    conn.execute(
        "INSERT INTO contract_po_numbers (contract_id, po_number, valid_from, created_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![id, po, from, ts(now)],
    )?;
    Ok(())
}

fn link(conn: &Connection, id: i64, device_ids: &[i64]) -> Result<()> {
    let ids = crate::json_ids(device_ids);
    conn.execute(
        "DELETE FROM contract_devices WHERE contract_id = ?1
           AND device_id NOT IN (SELECT value FROM json_each(?2))",
        params![id, ids],
    )?;
    for device in device_ids {
        conn.execute(
            "INSERT INTO contract_devices (contract_id, device_id) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
            params![id, device],
        )?;
    }
    Ok(())
}

impl Store {
    /// The contracts (not deleted) that cover a device, by id.
    pub fn device_contract_ids(&self, device_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id FROM contracts c JOIN contract_devices cd ON cd.contract_id = c.id
             WHERE cd.device_id = ?1 AND c.deleted_at IS NULL ORDER BY c.id",
        )?;
        let ids = stmt.query_map([device_id], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// One contract in full, deleted or not.
    pub fn contract(&self, id: i64) -> Result<Contract> {
        load(&self.conn, id)
    }

    /// Creates a contract with its first PO number (valid from `po_from`, else the
    /// start date) and the devices it covers.
    pub fn create_contract_record(
        &mut self,
        form: &ContractForm,
        po: Option<(&str, Option<NaiveDate>)>,
        device_ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<Contract> {
        let f = clean(form)?;
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO contracts (number, kind, customer_number, billing_entity, invoice_delivery,
                 invoice_address, starts_on, ends_on, renewal, notice_months, created_at, updated_at,
                 renewal_months)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
            params![f.number, kind_str(f.kind), f.customer_number, f.billing_entity,
                delivery_str(f.invoice_delivery), f.invoice_address, f.starts_on, f.ends_on,
                renewal_str(f.renewal), f.notice_months, ts(now), f.renewal_months],
        )
        .map_err(|e| unique_violation(e, "number", &f.number))?;
        let id = tx.last_insert_rowid();
        if let Some((po, from)) = po.filter(|(p, _)| !p.trim().is_empty()) {
            tx.execute(
                "INSERT INTO contract_po_numbers (contract_id, po_number, valid_from, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, po.trim(), from.or(f.starts_on), ts(now)],
            )?;
        }
        link(&tx, id, device_ids)?;
        crate::reminders::reconcile(&tx, crate::Scope::Contract(id), now)?;
        let after = load(&tx, id)?;
        audit::record(&tx, now, "contract", id, Action::Create, None, Some(&after))?;
        tx.commit()?;
        Ok(after)
    }

    /// Replaces a contract's edited fields; PO numbers and devices have their own calls.
    pub fn update_contract(
        &mut self,
        id: i64,
        form: &ContractForm,
        now: DateTime<Utc>,
    ) -> Result<Contract> {
        let f = clean(form)?;
        self.change_contract(id, now, |tx| {
            tx.execute(
                "UPDATE contracts SET number = ?2, kind = ?3, customer_number = ?4, billing_entity = ?5,
                     invoice_delivery = ?6, invoice_address = ?7, starts_on = ?8, ends_on = ?9,
                     renewal = ?10, notice_months = ?11, updated_at = ?12, renewal_months = ?13
                 WHERE id = ?1",
                params![id, f.number, kind_str(f.kind), f.customer_number, f.billing_entity,
                    delivery_str(f.invoice_delivery), f.invoice_address, f.starts_on, f.ends_on,
                    renewal_str(f.renewal), f.notice_months, ts(now), f.renewal_months],
            )
            .map_err(|e| unique_violation(e, "number", &f.number))?;
            Ok(())
        })
    }

    /// Sets a new PO number from `valid_from`: the current one is closed the day
    /// before and kept, never overwritten.
    pub fn set_contract_po(
        &mut self,
        id: i64,
        po_number: &str,
        valid_from: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Contract> {
        self.change_contract(id, now, |tx| push_po(tx, id, po_number, valid_from, now))
    }

    /// Sets (or clears) the last day of the current PO number's period: a month
    /// before the next period starts, the next PO number is due at Canon.
    pub fn set_contract_po_end(
        &mut self,
        id: i64,
        valid_to: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Contract> {
        self.change_contract(id, now, |tx| {
            let current: Option<(i64, Option<NaiveDate>)> = tx
                .query_row(
                    "SELECT id, valid_from FROM contract_po_numbers WHERE contract_id = ?1
                     ORDER BY valid_from DESC NULLS LAST, id DESC LIMIT 1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((po_id, from)) = current else {
                return Err(canon_desk_core::Error::Required { field: "poNumber" }.into());
            };
            if let (Some(from), Some(to)) = (from, valid_to) {
                if to < from {
                    return Err(invalid("poValidTo", "before the PO number's start"));
                }
            }
            tx.execute(
                "UPDATE contract_po_numbers SET valid_to = ?2 WHERE id = ?1",
                params![po_id, valid_to],
            )?;
            Ok(())
        })
    }

    /// Makes the contract cover exactly these devices.
    pub fn link_contract_devices(
        &mut self,
        id: i64,
        device_ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<Contract> {
        self.change_contract(id, now, |tx| link(tx, id, device_ids))
    }

    /// Soft-deletes a contract; its PO history and device links stay for undo.
    pub fn delete_contract(&mut self, id: i64, now: DateTime<Utc>) -> Result<Contract> {
        let tx = self.conn.savepoint()?;
        let c = toggle_deleted(&tx, CONTRACTS, id, true, now, load)?;
        crate::reminders::reconcile(&tx, crate::Scope::Contract(id), now)?;
        tx.commit()?;
        Ok(c)
    }

    /// Undoes [`Store::delete_contract`].
    pub fn restore_contract(&mut self, id: i64, now: DateTime<Utc>) -> Result<Contract> {
        let tx = self.conn.savepoint()?;
        let c = toggle_deleted(&tx, CONTRACTS, id, false, now, load)?;
        crate::reminders::reconcile(&tx, crate::Scope::Contract(id), now)?;
        tx.commit()?;
        Ok(c)
    }

    /// Runs one change on a contract in a transaction with its audit entry.
    fn change_contract(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
        change: impl FnOnce(&Connection) -> Result<()>,
    ) -> Result<Contract> {
        let tx = self.conn.savepoint()?;
        let before = load(&tx, id)?;
        change(&tx)?;
        crate::reminders::reconcile(&tx, crate::Scope::Contract(id), now)?;
        let after = load(&tx, id)?;
        audit::record(
            &tx,
            now,
            "contract",
            id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }
}
