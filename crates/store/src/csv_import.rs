//! Importing devices from CSV: a preview that checks every row, then an
//! all-or-nothing commit.
//!
//! Columns (header required, any order, case-insensitive): `serial`, `model`, `kind`,
//! `ownership`, `meter_transmission` (required); `site`, `installed_on`, `status`,
//! `notes` (optional). Sites are matched by name, case-insensitively, and created
//! when missing. Errors carry the file's line number and the field's camelCase name.

use std::collections::{HashMap, HashSet};

use canon_desk_core::device::{
    normalize_serial, DeviceKind, DeviceStatus, MeterTransmission, Ownership,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::{ts, Result, Store};

/// One problem in one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportRowError {
    /// Line in the file (the header is line 1).
    pub line: u64,
    /// The field concerned, camelCase as the interface names it.
    pub field: String,
    /// What is wrong, for the interface to say in the user's language.
    pub problem: ImportProblem,
    /// The value concerned as the file has it (or the other line's number for a
    /// serial repeated in the file), to show beside the translated problem.
    pub value: String,
    /// What is wrong, in English, for logs and support.
    pub message: String,
}

/// The kinds of problem an import row can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportProblem {
    /// The file cannot be read as CSV (or a row is not valid UTF-8).
    Unreadable,
    /// A required column is missing from the header.
    MissingColumn,
    /// A required value is empty.
    Required,
    /// The serial number is already in the record.
    AlreadyRecorded,
    /// The serial number appears on an earlier line of the file.
    RepeatedInFile,
    /// The value is not one the column accepts (kind, ownership, ...).
    UnknownValue,
    /// The value is not a date.
    InvalidDate,
    /// The serial number is not valid.
    InvalidSerial,
}

/// What an import would do (preview) or did (commit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeviceImport {
    /// Data rows read.
    pub rows: u32,
    /// Sites that do not exist yet and will be (or were) created.
    pub new_sites: Vec<String>,
    /// Every problem found; when not empty, nothing is written.
    pub errors: Vec<ImportRowError>,
    /// Devices written: 0 for a preview or a refused import.
    pub imported: u32,
}

/// A row that passed every check.
struct Row {
    serial: String,
    model: String,
    kind: DeviceKind,
    site: Option<String>,
    ownership: Ownership,
    installed_on: Option<NaiveDate>,
    meter: MeterTransmission,
    status: DeviceStatus,
    notes: String,
}

const COLUMNS: [(&str, &str, bool); 9] = [
    ("serial", "serial", true),
    ("model", "model", true),
    ("kind", "kind", true),
    ("site", "site", false),
    ("ownership", "ownership", true),
    ("installed_on", "installedOn", false),
    ("meter_transmission", "meterTransmission", true),
    ("status", "status", false),
    ("notes", "notes", false),
];

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
}

impl Store {
    /// Reads and checks every row without writing anything.
    pub fn preview_device_import(&self, data: &str) -> Result<DeviceImport> {
        Ok(self.check_import(data)?.0)
    }

    /// Imports every row in one transaction, or none when any row has an error (the
    /// returned report then lists them all and `imported` is 0).
    pub fn import_devices(&mut self, data: &str, now: DateTime<Utc>) -> Result<DeviceImport> {
        let (mut report, rows) = self.check_import(data)?;
        if !report.errors.is_empty() {
            return Ok(report);
        }
        let stamp = ts(now);
        let tx = self.conn.transaction()?;
        let mut sites = site_ids(&tx)?;
        for name in &report.new_sites {
            tx.execute(
                "INSERT INTO sites (name, created_at, updated_at) VALUES (?1, ?2, ?2)",
                params![name, stamp],
            )?;
            let id = tx.last_insert_rowid();
            let site = serde_json::json!({ "id": id, "name": name });
            audit::record(&tx, now, "site", id, Action::Create, None, Some(&site))?;
            sites.insert(name.to_lowercase(), (id, name.clone()));
        }
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO devices (serial, model, kind, site_id, ownership, installed_on,
                     meter_transmission, status, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )?;
            let mut ids = (i64::MAX, i64::MIN);
            for row in rows {
                let site_id = row
                    .site
                    .as_ref()
                    .and_then(|s| sites.get(&s.to_lowercase()))
                    .map(|s| s.0);
                insert.execute(params![
                    row.serial,
                    row.model,
                    row.kind.as_str(),
                    site_id,
                    row.ownership.as_str(),
                    row.installed_on,
                    row.meter.as_str(),
                    row.status.as_str(),
                    row.notes,
                    stamp
                ])?;
                let id = tx.last_insert_rowid();
                ids = (ids.0.min(id), ids.1.max(id));
                report.imported += 1;
            }
            // One audit entry per device, as `audit::record` writes it (the device's
            // JSON as serde gives it), built by SQLite in one statement: the rows of
            // this transaction are the only ones in the id range, and writing the log
            // row by row from Rust was 40 % of a 10,000-row import.
            if report.imported > 0 {
                let logged = tx.execute(AUDIT_IMPORTED, params![stamp, ids.0, ids.1])?;
                if logged != report.imported as usize {
                    return Err(crate::Error::Corrupt {
                        column: "audit_log",
                        value: format!("{logged} entries for {} devices", report.imported),
                    });
                }
            }
        }
        tx.commit()?;
        Ok(report)
    }

    fn check_import(&self, data: &str) -> Result<(DeviceImport, Vec<Row>)> {
        let mut report = DeviceImport {
            rows: 0,
            new_sites: Vec::new(),
            errors: Vec::new(),
            imported: 0,
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(data.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|c| c.to_ascii_lowercase()).collect(),
            Err(e) => {
                report.errors.push(err(
                    1,
                    "file",
                    ImportProblem::Unreadable,
                    "",
                    &e.to_string(),
                ));
                return Ok((report, Vec::new()));
            }
        };
        let mut index = HashMap::new();
        for (name, field, required) in COLUMNS {
            match header.iter().position(|h| h == name) {
                Some(i) => {
                    index.insert(name, i);
                }
                None if required => {
                    report.errors.push(err(
                        1,
                        field,
                        ImportProblem::MissingColumn,
                        name,
                        &format!("missing column {name}"),
                    ));
                }
                None => {}
            }
        }
        if !report.errors.is_empty() {
            return Ok((report, Vec::new()));
        }
        let taken: HashSet<String> = {
            let mut stmt = self.conn.prepare_cached("SELECT serial FROM devices")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let sites = site_ids(&self.conn)?;
        let mut seen: HashMap<String, u64> = HashMap::new();
        let mut new_sites: Vec<String> = Vec::new();
        let mut rows = Vec::new();
        let mut new_site_keys: HashSet<String> = HashSet::new();
        // One record buffer for the whole file: a 10,000-row import would otherwise
        // allocate one per row.
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    report.rows += 1;
                    let line = e.position().map_or(0, |p| p.line());
                    report.errors.push(err(
                        line,
                        "file",
                        ImportProblem::Unreadable,
                        "",
                        &e.to_string(),
                    ));
                    // A broken record (bad UTF-8) does not stop the reading; a
                    // broken reader (I/O) would repeat, so it does.
                    if !matches!(
                        e.kind(),
                        csv::ErrorKind::Utf8 { .. } | csv::ErrorKind::UnequalLengths { .. }
                    ) {
                        break;
                    }
                    continue;
                }
            }
            report.rows += 1;
            let line = record.position().map_or(0, |p| p.line());
            let get = |name: &str| {
                index
                    .get(name)
                    .and_then(|i| record.get(*i))
                    .unwrap_or_default()
            };
            let before = report.errors.len();
            let mut fail = |field: &str, problem: ImportProblem, value: &str, message: &str| {
                report
                    .errors
                    .push(err(line, field, problem, value, message));
            };
            let serial = match normalize_serial(get("serial")) {
                Ok(s) if taken.contains(&s) => {
                    fail(
                        "serial",
                        ImportProblem::AlreadyRecorded,
                        &s,
                        &format!("{s} is already in the record"),
                    );
                    s
                }
                Ok(s) => {
                    if let Some(first) = seen.insert(s.clone(), line) {
                        fail(
                            "serial",
                            ImportProblem::RepeatedInFile,
                            &first.to_string(),
                            &format!("{s} is also on line {first}"),
                        );
                    }
                    s
                }
                Err(e) => {
                    fail(
                        "serial",
                        ImportProblem::InvalidSerial,
                        get("serial"),
                        &e.to_string(),
                    );
                    String::new()
                }
            };
            let model = get("model").to_owned();
            if model.is_empty() {
                fail("model", ImportProblem::Required, "", "model is required");
            }
            let kind = DeviceKind::parse(get("kind"));
            if kind.is_none() {
                fail(
                    "kind",
                    ImportProblem::UnknownValue,
                    get("kind"),
                    &format!("unknown kind {:?}", get("kind")),
                );
            }
            let ownership = Ownership::parse(get("ownership"));
            if ownership.is_none() {
                fail(
                    "ownership",
                    ImportProblem::UnknownValue,
                    get("ownership"),
                    &format!("unknown ownership {:?}", get("ownership")),
                );
            }
            let meter = MeterTransmission::parse(get("meter_transmission"));
            if meter.is_none() {
                let v = get("meter_transmission");
                fail(
                    "meterTransmission",
                    ImportProblem::UnknownValue,
                    v,
                    &format!("unknown transmission {v:?}"),
                );
            }
            let status = match get("status") {
                "" => Some(DeviceStatus::Active),
                s => DeviceStatus::parse(s),
            };
            if status.is_none() {
                fail(
                    "status",
                    ImportProblem::UnknownValue,
                    get("status"),
                    &format!("unknown status {:?}", get("status")),
                );
            }
            let installed_on = match get("installed_on") {
                "" => None,
                s => {
                    let d = parse_date(s);
                    if d.is_none() {
                        fail(
                            "installedOn",
                            ImportProblem::InvalidDate,
                            s,
                            &format!("{s:?} is not a date (YYYY-MM-DD)"),
                        );
                    }
                    d
                }
            };
            let site = Some(get("site").to_owned()).filter(|s| !s.is_empty());
            if report.errors.len() > before {
                continue;
            }
            if let Some(name) = &site {
                let key = name.to_lowercase();
                if !sites.contains_key(&key) && new_site_keys.insert(key) {
                    new_sites.push(name.clone());
                }
            }
            if let (Some(kind), Some(ownership), Some(meter), Some(status)) =
                (kind, ownership, meter, status)
            {
                rows.push(Row {
                    serial,
                    model,
                    kind,
                    site,
                    ownership,
                    installed_on,
                    meter,
                    status,
                    notes: get("notes").to_owned(),
                });
            }
        }
        report.new_sites = new_sites;
        Ok((report, rows))
    }
}

/// The creation entries of imported devices; the JSON object has the keys, order
/// and value shapes of `Device`'s serde form (checked by a test).
const AUDIT_IMPORTED: &str = "INSERT INTO audit_log (at, entity, entity_id, action, before, after)
     SELECT ?1, 'device', d.id, 'create', NULL, json_object(
         'id', d.id, 'serial', d.serial, 'model', d.model, 'kind', d.kind,
         'siteId', d.site_id, 'siteName', s.name, 'ownership', d.ownership,
         'installedOn', d.installed_on, 'meterTransmission', d.meter_transmission,
         'status', d.status, 'notes', d.notes, 'createdAt', d.created_at,
         'updatedAt', d.updated_at)
     FROM devices d LEFT JOIN sites s ON s.id = d.site_id
     WHERE d.id BETWEEN ?2 AND ?3
     ORDER BY d.id";

fn err(
    line: u64,
    field: &str,
    problem: ImportProblem,
    value: &str,
    message: &str,
) -> ImportRowError {
    ImportRowError {
        line,
        field: field.to_owned(),
        problem,
        value: value.to_owned(),
        message: message.to_owned(),
    }
}

/// Sites that are not archived, by lower-cased name: (id, name).
fn site_ids(conn: &rusqlite::Connection) -> Result<HashMap<String, (i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM sites WHERE archived_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, name) = row?;
        out.insert(name.to_lowercase(), (id, name));
    }
    Ok(out)
}
