//! The deadlines the record holds, kept in step with what the planner derives.
//!
//! [`reconcile`] reads the sources of one scope (one request, one contract with its
//! PO numbers, or everything), plans them with [`canon_desk_core::reminders::plan`]
//! and brings the `reminders` rows of that scope in line, inside the caller's
//! transaction: a new key is inserted, a key whose date or subject changed is moved
//! in place (same row, revision bumped, reopened), and a key no longer planned is
//! closed (done, or dismissed when its record was given up). Writes that change a
//! source call it in their own transaction, so a change and its deadlines land
//! together; the app runs it over everything at start and on each scheduler tick.
//!
//! Each announcement is recorded in `reminder_firings` before it is shown
//! ([`Store::record_firings`]), under the deadline and the instant announced, so none
//! fires twice, across restarts too.

use std::collections::{HashMap, HashSet};

use canon_desk_core::catalogue::Situation;
use canon_desk_core::deadlines::{Deadline, DeadlineKind, RecordRef, CANON_FRANCE_ZONE};
use canon_desk_core::reminders::{
    self as engine, ContractSource, PlanInput, PoSource, RequestSource, RequestStage,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::corrupt;
use crate::{ts, Error, Result, Store};

/// Which deadlines a reconciliation looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every source (at start, on each scheduler tick).
    All,
    /// One request's deadlines.
    Request(i64),
    /// One contract's deadlines and those of its PO numbers.
    Contract(i64),
    /// The CPS deadlines (Business account, checkouts, memberships).
    Cps,
}

/// What a reconciliation changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReconcileReport {
    /// Deadlines planned in the scope.
    pub planned: u32,
    /// New keys inserted.
    pub added: u32,
    /// Keys moved (new date or subject) or reopened.
    pub moved: u32,
    /// Keys closed because their source is gone or met.
    pub closed: u32,
}

/// Where a deadline stands for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Open: announced at its lead times.
    Open,
    /// Silenced until `snoozed_until`.
    Snoozed,
    /// Marked done by the user, or met by the record (a request sent, a PO renewed).
    Done,
    /// Closed because its record was given up or deleted.
    Dismissed,
}

/// One deadline as the Reminders and home screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineRow {
    /// Row id.
    pub id: i64,
    /// The stable key (`request:12:follow_up`).
    pub key: String,
    /// What it is for.
    pub kind: DeadlineKind,
    /// The record it opens.
    pub record: RecordRef,
    /// When it falls due (UTC, RFC 3339).
    pub due_at: String,
    /// The zone that governs it.
    pub zone: String,
    /// Words from the record naming what it concerns (data, never translated).
    pub subject: String,
    /// Where it stands.
    pub status: DeadlineStatus,
    /// Snoozed until then (UTC, RFC 3339), while the snooze lasts.
    pub snoozed_until: Option<String>,
    /// The item's own lead times; `None` takes the global setting.
    pub lead_days: Option<Vec<u32>>,
    /// Bumped each time it moves: the calendar event's SEQUENCE.
    pub revision: u32,
    /// The billing situation, for a request's deadline (the interface words it).
    pub situation: Option<Situation>,
    /// The contract it belongs to, for a contract's or a PO number's deadline (a PO
    /// deadline opens its contract).
    pub contract_id: Option<i64>,
}

/// A change the user makes to one deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineAction {
    /// Silence it until this instant, then announce it again.
    Snooze(DateTime<Utc>),
    /// Mark it done.
    Done,
    /// Open again a deadline the user marked done.
    Reopen,
    /// Set (or, with `None`, clear) its own lead times.
    LeadDays(Option<Vec<u32>>),
}

/// Today in the zone that governs Canon France's deadlines.
fn paris_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&CANON_FRANCE_ZONE).date_naive()
}

fn parse_instant(text: &str, column: &'static str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::Corrupt {
            column,
            value: text.to_owned(),
        })
}

/// Reads the sources of `scope` as the planner wants them.
pub(crate) fn plan_input(conn: &Connection, scope: Scope, now: DateTime<Utc>) -> Result<PlanInput> {
    let mut input = PlanInput::empty(paris_day(now));
    if matches!(scope, Scope::All | Scope::Cps) {
        input.cps = crate::cps::facts(conn)?;
        input.cps_zone = crate::cps::zone(conn)?;
    }
    let (request_filter, contract_filter) = match scope {
        Scope::All => ("1", "1"),
        Scope::Request(_) => ("r.id = ?1", "0"),
        Scope::Contract(_) => ("0", "c.id = ?1"),
        Scope::Cps => ("0", "0"),
    };
    let id = match scope {
        Scope::All | Scope::Cps => 0,
        Scope::Request(id) | Scope::Contract(id) => id,
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT r.id, r.situation, r.status, r.notify_by, r.created_at, r.sent_at,
                COALESCE((SELECT number FROM contracts WHERE id = r.contract_id),
                         (SELECT serial FROM devices WHERE id = r.device_id), '')
         FROM requests r WHERE {request_filter} AND (?1 = ?1)"
    ))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let situation: String = r.get(1)?;
        let status: String = r.get(2)?;
        let created_at: String = r.get(4)?;
        let sent_at: Option<String> = r.get(5)?;
        input.requests.push(RequestSource {
            id: r.get(0)?,
            situation: Situation::parse(&situation)
                .ok_or_else(|| corrupt("requests.situation", situation.clone()))?,
            stage: match status.as_str() {
                "draft" | "outbox" => RequestStage::InApp,
                "sent" | "acknowledged" => RequestStage::Left,
                "done" => RequestStage::Done,
                "cancelled" => RequestStage::Cancelled,
                _ => return Err(corrupt("requests.status", status).into()),
            },
            notify_by: r.get(3)?,
            created_on: paris_day(parse_instant(&created_at, "requests.created_at")?),
            sent_on: match sent_at {
                Some(s) => Some(paris_day(parse_instant(&s, "requests.sent_at")?)),
                None => None,
            },
            subject: r.get(6)?,
        });
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.number, c.ends_on, c.renewal, c.renewal_months, c.notice_months, c.status
         FROM contracts c WHERE c.deleted_at IS NULL AND {contract_filter} AND (?1 = ?1)"
    ))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let renewal: String = r.get(3)?;
        let status: String = r.get(6)?;
        input.contracts.push(ContractSource {
            id: r.get(0)?,
            number: r.get(1)?,
            ends_on: r.get(2)?,
            renewal: match renewal.as_str() {
                "tacit" => engine::Renewal::Tacit,
                "express" => engine::Renewal::Express,
                _ => return Err(corrupt("contracts.renewal", renewal).into()),
            },
            renewal_months: r.get::<_, Option<u32>>(4)?,
            notice_months: r.get::<_, Option<u32>>(5)?,
            terminated: status == "terminated",
        });
    }
    // The PO numbers of live contracts; a PO is superseded when a later one (by start,
    // then by row) exists for the same contract.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, c.number, p.po_number, p.valid_to,
                EXISTS (SELECT 1 FROM contract_po_numbers q WHERE q.contract_id = p.contract_id
                        AND q.id <> p.id
                        AND (COALESCE(q.valid_from, '') > COALESCE(p.valid_from, '')
                             OR (COALESCE(q.valid_from, '') = COALESCE(p.valid_from, '') AND q.id > p.id)))
         FROM contract_po_numbers p JOIN contracts c ON c.id = p.contract_id
         WHERE c.deleted_at IS NULL AND c.status <> 'terminated' AND {contract_filter} AND (?1 = ?1)"
    ))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        input.po_numbers.push(PoSource {
            id: r.get(0)?,
            contract_number: r.get(1)?,
            po_number: r.get(2)?,
            valid_to: r.get(3)?,
            superseded: r.get(4)?,
        });
    }
    Ok(input)
}

/// A kept row, as reconciliation compares it.
struct KeptRow {
    id: i64,
    due_at: String,
    subject: String,
    status: String,
    closed_by_engine: bool,
}

/// Plans `scope` and brings its rows in line, inside the caller's transaction.
pub(crate) fn reconcile(
    conn: &Connection,
    scope: Scope,
    now: DateTime<Utc>,
) -> Result<ReconcileReport> {
    let input = plan_input(conn, scope, now)?;
    let planned = engine::plan(&input);
    let mut given_up: HashSet<String> = engine::given_up(&input)
        .into_iter()
        .map(|r| format!("{}:", r.key_prefix()))
        .collect();
    // A deleted contract's deadlines (and its PO numbers') are dismissed, not done.
    if let Scope::Contract(id) = scope {
        let deleted: bool = conn
            .query_row(
                "SELECT deleted_at IS NOT NULL FROM contracts WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(true);
        if deleted {
            given_up.insert(format!("{}:", RecordRef::Contract(id).key_prefix()));
            given_up.insert("po:".to_owned());
        }
    }
    reconcile_planned(conn, scope, &planned, &given_up, now)
}

/// Brings the rows of `scope` in line with `planned`; a key starting with one of
/// `given_up` closes as dismissed, any other no longer planned as done.
pub(crate) fn reconcile_planned(
    conn: &Connection,
    scope: Scope,
    planned: &[Deadline],
    given_up: &HashSet<String>,
    now: DateTime<Utc>,
) -> Result<ReconcileReport> {
    let (filter, id) = match scope {
        Scope::All => ("1", 0),
        Scope::Request(id) => ("record_type = 'request' AND record_id = ?1", id),
        Scope::Contract(id) => ("contract_id = ?1", id),
        Scope::Cps => (
            "record_type IN ('cps_account', 'cps_checkout', 'cps_membership')",
            0,
        ),
    };
    let mut kept: HashMap<String, KeptRow> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, source_key, due_at, subject, status, closed_at IS NOT NULL
             FROM reminders WHERE {filter} AND (?1 = ?1)"
        ))?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            kept.insert(
                r.get(1)?,
                KeptRow {
                    id: r.get(0)?,
                    due_at: r.get(2)?,
                    subject: r.get(3)?,
                    status: r.get(4)?,
                    closed_by_engine: r.get(5)?,
                },
            );
        }
    }
    let at = ts(now);
    let mut report = ReconcileReport {
        planned: planned.len() as u32,
        ..ReconcileReport::default()
    };
    let mut seen: HashSet<&str> = HashSet::with_capacity(planned.len());
    for d in planned {
        seen.insert(&d.key);
        let due = ts(d.due_at);
        match kept.get(&d.key) {
            None => {
                // The row may exist outside the scope (a request's key is unique
                // across the table): the insert then moves it like any other.
                let (request_id, contract_id) = links(conn, d.record)?;
                conn.prepare_cached(
                    "INSERT INTO reminders (source_key, title, body, due_at, status, request_id,
                         contract_id, kind, record_type, record_id, zone, subject, revision,
                         created_at, updated_at)
                     VALUES (?1, ?2, '', ?3, 'pending', ?4, ?5, ?2, ?6, ?7, ?8, ?9, 0, ?10, ?10)
                     ON CONFLICT(source_key) DO UPDATE SET due_at = excluded.due_at,
                         subject = excluded.subject, zone = excluded.zone, status = 'pending',
                         snoozed_until = NULL, closed_at = NULL, revision = revision + 1,
                         updated_at = excluded.updated_at",
                )?
                .execute(params![
                    d.key,
                    d.kind.as_str(),
                    due,
                    request_id,
                    contract_id,
                    d.record.type_name(),
                    d.record.id(),
                    d.zone,
                    d.subject,
                    at
                ])?;
                report.added += 1;
            }
            Some(row) if row.due_at != due || row.subject != d.subject => {
                // Its source changed: the same row moves, and whatever the user did
                // to the old date (done, snoozed) no longer holds.
                conn.prepare_cached(
                    "UPDATE reminders SET due_at = ?2, subject = ?3, zone = ?4, status = 'pending',
                         snoozed_until = NULL, closed_at = NULL, revision = revision + 1,
                         updated_at = ?5 WHERE id = ?1",
                )?
                .execute(params![row.id, due, d.subject, d.zone, at])?;
                report.moved += 1;
            }
            Some(row) if row.closed_by_engine => {
                // Closed when its source went (a contract deleted), planned again at the
                // same date (the deletion undone): open again.
                conn.prepare_cached(
                    "UPDATE reminders SET status = 'pending', closed_at = NULL, updated_at = ?2
                     WHERE id = ?1",
                )?
                .execute(params![row.id, at])?;
                report.moved += 1;
            }
            Some(_) => {}
        }
    }
    for (key, row) in &kept {
        let open = matches!(row.status.as_str(), "pending" | "fired" | "snoozed");
        if open && !seen.contains(key.as_str()) {
            let status = if given_up.iter().any(|p| key.starts_with(p.as_str())) {
                "dismissed"
            } else {
                "done"
            };
            conn.prepare_cached(
                "UPDATE reminders SET status = ?2, snoozed_until = NULL, closed_at = ?3,
                     updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![row.id, status, at])?;
            report.closed += 1;
        }
    }
    Ok(report)
}

/// The request and contract a deadline's row points at (for the foreign keys and the
/// contract scope): a PO number's deadline belongs to its contract.
fn links(conn: &Connection, record: RecordRef) -> Result<(Option<i64>, Option<i64>)> {
    Ok(match record {
        RecordRef::Request(id) => (Some(id), None),
        RecordRef::Contract(id) => (None, Some(id)),
        RecordRef::PoNumber(id) => (
            None,
            conn.query_row(
                "SELECT contract_id FROM contract_po_numbers WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?,
        ),
        _ => (None, None),
    })
}

const ROW_COLUMNS: &str = "m.id, m.source_key, m.kind, m.record_type, m.record_id, m.due_at,
    m.zone, m.subject, m.status, m.snoozed_until, m.lead_days, m.revision,
    (SELECT situation FROM requests q WHERE q.id = m.request_id), m.contract_id";

fn row_from(r: &rusqlite::Row<'_>, now: &str) -> Result<DeadlineRow> {
    let kind: String = r.get(2)?;
    let record_type: String = r.get(3)?;
    let record_id: Option<i64> = r.get(4)?;
    let status: String = r.get(8)?;
    let snoozed_until: Option<String> = r.get(9)?;
    let lead_days: Option<String> = r.get(10)?;
    let situation: Option<String> = r.get(12)?;
    let snoozing = snoozed_until.as_deref().is_some_and(|s| s > now);
    Ok(DeadlineRow {
        id: r.get(0)?,
        key: r.get(1)?,
        kind: DeadlineKind::parse(&kind).ok_or_else(|| corrupt("reminders.kind", kind.clone()))?,
        record: record_id
            .and_then(|id| RecordRef::from_parts(&record_type, id))
            .ok_or_else(|| corrupt("reminders.record_type", record_type.clone()))?,
        due_at: r.get(5)?,
        zone: r.get(6)?,
        subject: r.get(7)?,
        status: match status.as_str() {
            "pending" | "fired" | "snoozed" if snoozing => DeadlineStatus::Snoozed,
            "pending" | "fired" | "snoozed" => DeadlineStatus::Open,
            "done" => DeadlineStatus::Done,
            "dismissed" => DeadlineStatus::Dismissed,
            _ => return Err(corrupt("reminders.status", status).into()),
        },
        snoozed_until: snoozed_until.filter(|_| snoozing),
        lead_days: match lead_days {
            Some(json) => Some(
                serde_json::from_str(&json).map_err(|_| corrupt("reminders.lead_days", json))?,
            ),
            None => None,
        },
        revision: r.get(11)?,
        situation: match situation {
            Some(s) => Some(Situation::parse(&s).ok_or_else(|| corrupt("requests.situation", s))?),
            None => None,
        },
        contract_id: r.get(13)?,
    })
}

/// Checks a list of lead times: days from 0 to [`engine::MAX_LEAD_DAYS`], at least one.
pub fn check_lead_days(days: &[u32]) -> Result<Vec<u32>> {
    if days.is_empty() || days.iter().any(|d| *d > engine::MAX_LEAD_DAYS) || days.len() > 10 {
        return Err(canon_desk_core::Error::Invalid {
            field: "leadDays",
            reason: format!(
                "one to ten lead times of 0 to {} days",
                engine::MAX_LEAD_DAYS
            ),
        }
        .into());
    }
    let mut days = days.to_vec();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    Ok(days)
}

impl Store {
    /// Plans `scope` and reconciles its deadlines in one transaction.
    pub fn reconcile_deadlines(
        &mut self,
        scope: Scope,
        now: DateTime<Utc>,
    ) -> Result<ReconcileReport> {
        let tx = self.conn.savepoint()?;
        let report = reconcile(&tx, scope, now)?;
        tx.commit()?;
        Ok(report)
    }

    /// Every deadline kept (open ones first, by due date; then the closed ones, latest
    /// first), with its status at `now`.
    pub fn deadlines(&self, now: DateTime<Utc>) -> Result<Vec<DeadlineRow>> {
        let now = ts(now);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM reminders m WHERE m.kind <> ''
             ORDER BY m.status IN ('done','dismissed'),
                      CASE WHEN m.status IN ('done','dismissed') THEN '' ELSE m.due_at END,
                      m.due_at DESC, m.id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(row_from(r, &now)?);
        }
        Ok(out)
    }

    /// The deadlines not done nor dismissed (snoozed ones included, with their status
    /// at `now`) due by `until`, soonest first: what the home screen and the tray
    /// count read, through the index on (status, due_at), without the closed ones
    /// and the far ones of a large record.
    pub fn open_deadlines_due_by(
        &self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<DeadlineRow>> {
        let now = ts(now);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM reminders m
             WHERE m.kind <> '' AND m.status IN ('pending', 'fired', 'snoozed') AND m.due_at <= ?1
             ORDER BY m.due_at, m.id"
        ))?;
        let mut rows = stmt.query([ts(until)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(row_from(r, &now)?);
        }
        Ok(out)
    }

    /// One deadline.
    pub fn deadline(&self, id: i64, now: DateTime<Utc>) -> Result<DeadlineRow> {
        let now = ts(now);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM reminders m WHERE m.id = ?1"
        ))?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(r) => row_from(r, &now),
            None => Err(Error::NotFound {
                entity: "reminder",
                id,
            }),
        }
    }

    /// Snoozes, marks done, reopens, or sets the lead times of one deadline. Only an
    /// open deadline can be snoozed or marked done; only one the user marked done can
    /// be reopened (one the record closed reopens when its source does).
    pub fn act_on_deadline(
        &mut self,
        id: i64,
        action: &DeadlineAction,
        now: DateTime<Utc>,
    ) -> Result<DeadlineRow> {
        let tx = self.conn.savepoint()?;
        let (status, closed_by_engine): (String, bool) = tx
            .query_row(
                "SELECT status, closed_at IS NOT NULL FROM reminders WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(Error::NotFound {
                entity: "reminder",
                id,
            })?;
        let open = matches!(status.as_str(), "pending" | "fired" | "snoozed");
        let refuse = |to: &'static str| Error::InvalidTransition {
            from: if open { "open" } else { "closed" },
            to,
        };
        let at = ts(now);
        match action {
            DeadlineAction::Snooze(until) => {
                if !open {
                    return Err(refuse("snoozed"));
                }
                if *until <= now {
                    return Err(canon_desk_core::Error::Invalid {
                        field: "until",
                        reason: "a snooze ends in the future".into(),
                    }
                    .into());
                }
                tx.execute(
                    "UPDATE reminders SET status = 'snoozed', snoozed_until = ?2, updated_at = ?3
                     WHERE id = ?1",
                    params![id, ts(*until), at],
                )?;
            }
            DeadlineAction::Done => {
                if !open {
                    return Err(refuse("done"));
                }
                tx.execute(
                    "UPDATE reminders SET status = 'done', snoozed_until = NULL, closed_at = NULL,
                         updated_at = ?2 WHERE id = ?1",
                    params![id, at],
                )?;
            }
            DeadlineAction::Reopen => {
                if open || closed_by_engine || status != "done" {
                    return Err(refuse("open"));
                }
                tx.execute(
                    "UPDATE reminders SET status = 'pending', updated_at = ?2 WHERE id = ?1",
                    params![id, at],
                )?;
            }
            DeadlineAction::LeadDays(days) => {
                let json = match days {
                    Some(days) => {
                        Some(serde_json::to_string(&check_lead_days(days)?).map_err(|e| {
                            Error::Corrupt {
                                column: "reminders.lead_days",
                                value: e.to_string(),
                            }
                        })?)
                    }
                    None => None,
                };
                tx.execute(
                    "UPDATE reminders SET lead_days = ?2, revision = revision + 1, updated_at = ?3
                     WHERE id = ?1 AND lead_days IS NOT ?2",
                    params![id, json, at],
                )?;
            }
        }
        tx.commit()?;
        self.deadline(id, now)
    }

    /// The open deadlines, as the "what is due now" rule reads them, and the
    /// announcements already recorded for them. `default_lead_days` stands in for an
    /// item without its own.
    pub fn tracked_deadlines(
        &self,
        default_lead_days: &[u32],
    ) -> Result<(Vec<engine::Tracked>, engine::Fired)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source_key, due_at, zone, lead_days, snoozed_until FROM reminders
             WHERE kind <> '' AND status IN ('pending','fired','snoozed')",
        )?;
        let mut rows = stmt.query([])?;
        let mut tracked = Vec::new();
        while let Some(r) = rows.next()? {
            let due_at: String = r.get(1)?;
            let lead_days: Option<String> = r.get(3)?;
            let snoozed: Option<String> = r.get(4)?;
            tracked.push(engine::Tracked {
                key: r.get(0)?,
                due_at: parse_instant(&due_at, "reminders.due_at")?,
                zone: r.get(2)?,
                lead_days: match lead_days {
                    Some(json) => serde_json::from_str(&json)
                        .map_err(|_| corrupt("reminders.lead_days", json))?,
                    None => default_lead_days.to_vec(),
                },
                snoozed_until: match snoozed {
                    Some(s) => Some(parse_instant(&s, "reminders.snoozed_until")?),
                    None => None,
                },
                done: false,
            });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.source_key, f.at FROM reminder_firings f JOIN reminders m ON m.id = f.reminder_id
             WHERE m.status IN ('pending','fired','snoozed')",
        )?;
        let mut rows = stmt.query([])?;
        let mut fired = HashSet::new();
        while let Some(r) = rows.next()? {
            let at: String = r.get(1)?;
            fired.insert((r.get(0)?, parse_instant(&at, "reminder_firings.at")?));
        }
        Ok((tracked, fired))
    }

    /// Records announcements as fired, in one transaction, before they are shown.
    /// Returns those that were not recorded already (another tick may have raced this
    /// one): only those may be shown.
    pub fn record_firings(
        &mut self,
        announcements: &[engine::Announcement],
        now: DateTime<Utc>,
    ) -> Result<Vec<engine::Announcement>> {
        let tx = self.conn.savepoint()?;
        let mut fresh = Vec::new();
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO reminder_firings (reminder_id, at, lead_days, fired_at)
                 SELECT id, ?2, ?3, ?4 FROM reminders WHERE source_key = ?1
                 ON CONFLICT DO NOTHING",
            )?;
            for a in announcements {
                if stmt.execute(params![a.key, ts(a.at), a.lead_days, ts(now)])? == 1 {
                    fresh.push(a.clone());
                }
            }
        }
        tx.commit()?;
        Ok(fresh)
    }

    /// How many announcements were recorded for a deadline (for tests and support).
    pub fn firing_count(&self, key: &str) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM reminder_firings f JOIN reminders m ON m.id = f.reminder_id
             WHERE m.source_key = ?1",
            [key],
            |r| r.get(0),
        )?)
    }
}
