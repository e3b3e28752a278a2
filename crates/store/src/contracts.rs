//! Contracts with Canon and the devices they cover.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::error::{corrupt, unique_violation};
use crate::{ts, Result, Store};

/// The kinds of contract Canon France offers for office equipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    /// Maintenance, billed per page.
    Maintenance,
    /// Financial lease.
    Lease,
    /// Rental.
    Rental,
}

impl ContractKind {
    fn as_str(self) -> &'static str {
        match self {
            ContractKind::Maintenance => "maintenance",
            ContractKind::Lease => "lease",
            ContractKind::Rental => "rental",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [
            ContractKind::Maintenance,
            ContractKind::Lease,
            ContractKind::Rental,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A contract as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContractSummary {
    /// Row id.
    pub id: i64,
    /// Canon contract number.
    pub number: String,
    /// Maintenance, lease or rental.
    pub kind: ContractKind,
    /// Canon customer number.
    pub customer_number: String,
    /// The purchase-order number in force on the day asked for (its period contains
    /// that day), if any; one that starts later is not in force yet.
    pub po_number: Option<String>,
    /// Start date.
    pub starts_on: Option<NaiveDate>,
    /// End date.
    pub ends_on: Option<NaiveDate>,
    /// How many devices it covers.
    pub device_count: i64,
}

/// What is needed to create a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContractInput {
    /// Canon contract number.
    pub number: String,
    /// Maintenance, lease or rental.
    pub kind: ContractKind,
    /// Canon customer number.
    pub customer_number: String,
    /// Current purchase-order number, if any.
    pub po_number: Option<String>,
    /// Start date.
    pub starts_on: Option<NaiveDate>,
    /// End date.
    pub ends_on: Option<NaiveDate>,
    /// Devices covered.
    pub device_ids: Vec<i64>,
}

/// A contract as a picker lists it: what the user recognises it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContractChoice {
    /// Row id.
    pub id: i64,
    /// Canon contract number.
    pub number: String,
    /// Maintenance, lease or rental.
    pub kind: ContractKind,
}

/// The first contracts whose number contains what the user typed, and how many
/// there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContractMatches {
    /// Contracts matching, on all pages.
    pub total: i64,
    /// The first matches, by number.
    pub contracts: Vec<ContractChoice>,
}

/// One page of the contract list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ContractPage {
    /// Contracts that are not deleted, on all pages.
    pub total: i64,
    /// The contracts of this page, by number.
    pub contracts: Vec<ContractSummary>,
}

/// The most matches a search returns (a picker shows fifty; more asks the user to
/// narrow the search).
pub const MAX_MATCHES: i64 = 100;

const SELECT: &str = "SELECT c.id, c.number, c.kind, c.customer_number,
        (SELECT po_number FROM contract_po_numbers p WHERE p.contract_id = c.id
          AND (p.valid_from IS NULL OR p.valid_from <= :today)
          AND (p.valid_to IS NULL OR p.valid_to >= :today)
          ORDER BY p.valid_from DESC NULLS LAST, p.id DESC LIMIT 1),
        c.starts_on, c.ends_on,
        (SELECT count(*) FROM contract_devices cd WHERE cd.contract_id = c.id)
    FROM contracts c";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ContractSummary> {
    let kind: String = r.get(2)?;
    Ok(ContractSummary {
        id: r.get(0)?,
        number: r.get(1)?,
        kind: ContractKind::parse(&kind).ok_or_else(|| corrupt("contracts.kind", kind.clone()))?,
        customer_number: r.get(3)?,
        po_number: r.get(4)?,
        starts_on: r.get(5)?,
        ends_on: r.get(6)?,
        device_count: r.get(7)?,
    })
}

impl Store {
    /// Contracts that are not deleted, by number, each with the PO number in force
    /// on `today`.
    pub fn list_contracts(&self, today: NaiveDate) -> Result<Vec<ContractSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE c.deleted_at IS NULL ORDER BY c.number"
        ))?;
        let rows = stmt.query_map(rusqlite::named_params! { ":today": today }, from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of [`Store::list_contracts`]: `limit` (1..=500) contracts from
    /// `offset` (a negative one counts as 0), with how many there are in all.
    pub fn page_contracts(
        &self,
        today: NaiveDate,
        offset: i64,
        limit: i64,
    ) -> Result<ContractPage> {
        let total = self.count_contracts()?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE c.deleted_at IS NULL ORDER BY c.number LIMIT :limit OFFSET :offset"
        ))?;
        let rows = stmt.query_map(
            rusqlite::named_params! {
                ":today": today,
                ":limit": limit.clamp(1, crate::devices::MAX_PAGE),
                ":offset": offset.max(0),
            },
            from_row,
        )?;
        Ok(ContractPage {
            total,
            contracts: rows.collect::<rusqlite::Result<_>>()?,
        })
    }

    /// The first `limit` (1..=100) contracts, by number, whose number contains
    /// `query` (case-insensitively; all when it is blank), with how many match in
    /// all. The rows are read along the index on the number and stop at `limit`, so a
    /// picker's answer is the same size on a record of ten contracts or of ten
    /// thousand.
    pub fn search_contracts(&self, query: &str, limit: i64) -> Result<ContractMatches> {
        let pattern = crate::devices::like_pattern(query.trim());
        let limit = limit.clamp(1, MAX_MATCHES);
        let total = self.conn.prepare_cached(
            "SELECT count(*) FROM contracts WHERE deleted_at IS NULL AND number LIKE ?1 ESCAPE '\\'",
        )?
        .query_row([&pattern], |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, number, kind FROM contracts WHERE deleted_at IS NULL AND number LIKE ?1 ESCAPE '\\'
             ORDER BY number LIMIT ?2",
        )?;
        let contracts = stmt
            .query_map(params![pattern, limit], |r| {
                let kind: String = r.get(2)?;
                Ok(ContractChoice {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    kind: ContractKind::parse(&kind)
                        .ok_or_else(|| corrupt("contracts.kind", kind.clone()))?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ContractMatches { total, contracts })
    }

    /// The contracts with these ids, deleted ones included, by number, each with the
    /// PO number in force on `today`; ids that name no contract are left out. For the
    /// labels of records that point at a few contracts (requests) and the one a
    /// wizard has chosen, without reading the whole list.
    pub fn contracts_by_ids(&self, ids: &[i64], today: NaiveDate) -> Result<Vec<ContractSummary>> {
        let ids = crate::json_ids(ids);
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE c.id IN (SELECT value FROM json_each(:ids)) ORDER BY c.number"
        ))?;
        let rows = stmt.query_map(
            rusqlite::named_params! { ":ids": ids, ":today": today },
            from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Creates a contract with its PO number and device links.
    pub fn create_contract(
        &mut self,
        input: &ContractInput,
        now: DateTime<Utc>,
    ) -> Result<ContractSummary> {
        let number = input.number.trim();
        if number.is_empty() {
            return Err(canon_desk_core::Error::Required { field: "number" }.into());
        }
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO contracts (number, kind, customer_number, starts_on, ends_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![number, input.kind.as_str(), input.customer_number.trim(), input.starts_on, input.ends_on, ts(now)],
        )
        .map_err(|e| unique_violation(e, "number", number))?;
        let id = tx.last_insert_rowid();
        if let Some(po) = input
            .po_number
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            tx.execute(
                "INSERT INTO contract_po_numbers (contract_id, po_number, valid_from, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, po, input.starts_on, ts(now)],
            )?;
        }
        for device in &input.device_ids {
            tx.execute(
                "INSERT INTO contract_devices (contract_id, device_id) VALUES (?1, ?2)",
                params![id, device],
            )?;
        }
        crate::reminders::reconcile(&tx, crate::Scope::Contract(id), now)?;
        let contract = tx.query_row(
            &format!("{SELECT} WHERE c.id = :id"),
            rusqlite::named_params! { ":id": id, ":today": now.date_naive() },
            from_row,
        )?;
        audit::record(
            &tx,
            now,
            "contract",
            id,
            Action::Create,
            None,
            Some(&contract),
        )?;
        tx.commit()?;
        Ok(contract)
    }

    /// How many contracts the record holds.
    pub fn count_contracts(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM contracts WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}
