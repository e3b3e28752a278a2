//! The audit log: every change to a record, with the record before and after.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::{ts, Result, Store};

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Create,
    Update,
    Delete,
    Restore,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Restore => "restore",
        }
    }
}

/// One line of a record's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// Row id of the entry.
    pub id: i64,
    /// When it happened (UTC, RFC 3339).
    pub at: String,
    /// The kind of record (`device`, `site`, ...).
    pub entity: String,
    /// The record's id.
    pub entity_id: i64,
    /// `create`, `update`, `delete` or `restore`.
    pub action: String,
    /// The record before, as JSON; absent on creation.
    pub before: Option<String>,
    /// The record after, as JSON; absent on deletion.
    pub after: Option<String>,
}

/// Writes one entry; called inside the transaction that makes the change, so the log
/// and the record can never disagree.
pub(crate) fn record<T: Serialize>(
    conn: &Connection,
    at: DateTime<Utc>,
    entity: &str,
    entity_id: i64,
    action: Action,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    let json = |v: Option<&T>| v.map(serde_json::to_string).transpose();
    let (before, after) = (
        json(before).map_err(|e| crate::Error::Corrupt {
            column: "audit_log.before",
            value: e.to_string(),
        })?,
        json(after).map_err(|e| crate::Error::Corrupt {
            column: "audit_log.after",
            value: e.to_string(),
        })?,
    );
    // Cached, because an import writes one entry per row and re-preparing would dominate.
    conn.prepare_cached(
        "INSERT INTO audit_log (at, entity, entity_id, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![ts(at), entity, entity_id, action.as_str(), before, after])?;
    Ok(())
}

/// One bank-details check as the organisation's history keeps it: what the user
/// entered, what the check concluded and what it warned about. Nothing in it is secret
/// (an IBAN is printed on every invoice), so it can sit in the audit log as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BankCheckEntry {
    /// The IBAN entered, grouped by four as it is printed.
    pub iban: String,
    /// The BIC entered, normalised.
    pub bic: String,
    /// `match`, `mismatch` or `no_reference`.
    pub verdict: String,
    /// What the check warned about beyond its verdict (`other_bank`: the BIC is not at
    /// the bank Canon France states it uses).
    pub warnings: Vec<String>,
}

/// The organisation's record id: there is one organisation per record.
const ORGANISATION_ID: i64 = 1;

impl Store {
    /// Keeps one bank-details check in the organisation's history. A check changes no
    /// record, so it is an entry of its own (`bank_check`, created) that the
    /// organisation's history takes in; each check the user runs leaves one.
    pub fn record_bank_check(&mut self, check: &BankCheckEntry, at: DateTime<Utc>) -> Result<()> {
        let tx = self.conn.savepoint()?;
        record(
            &tx,
            at,
            "bank_check",
            ORGANISATION_ID,
            Action::Create,
            None,
            Some(check),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The history of one record, in the order the changes were written (oldest
    /// first). It includes what happened to the documents attached to the record
    /// (attached, removed, restored) and, for a device, its meter readings: each of
    /// those entries keeps its own `entity` (`document`, `meter_reading`), so the
    /// interface can say what it is about. The organisation's history also takes in the
    /// bank-details checks.
    pub fn history(&self, entity: &str, entity_id: i64) -> Result<Vec<AuditEntry>> {
        // The documents and readings tables say which record a row belongs to; their
        // rows are never removed (deletion is soft), so the link always holds.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, entity, entity_id, action, before, after FROM audit_log
             WHERE (entity = ?1 AND entity_id = ?2)
                OR (entity = 'document' AND entity_id IN
                    (SELECT id FROM documents WHERE entity = ?1 AND entity_id = ?2))
                OR (?1 = 'device' AND entity = 'meter_reading' AND entity_id IN
                    (SELECT id FROM meter_readings WHERE device_id = ?2))
                OR (?1 = 'device' AND entity = 'cps_product' AND entity_id = ?2)
                OR (?1 = 'organisation' AND entity = 'bank_check' AND entity_id = ?2)
                OR (?1 = 'cps_account' AND entity = 'document' AND entity_id IN
                    (SELECT proof_document_id FROM cps_account WHERE id = ?2))
             ORDER BY id",
        )?;
        let rows = stmt.query_map(params![entity, entity_id], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                entity: r.get(2)?,
                entity_id: r.get(3)?,
                action: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
