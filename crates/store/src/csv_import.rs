//! Importing devices from CSV: a preview that checks every row, then an
//! all-or-nothing commit.
//!
//! The file may start with a UTF-8 byte-order mark and its separator may be a comma,
//! a semicolon (Excel's in France and Italy) or a tab: it is read from the header
//! line. A header that names the columns with yet another separator is reported as
//! one `separator` problem rather than a missing column each.
//!
//! Columns (header required, any order, case-insensitive): `serial`, `model`, `kind`,
//! `ownership`, `meter_transmission` (required); `site`, `installed_on`, `status`,
//! `notes` (optional). Sites are matched by name, case-insensitively, and created
//! when missing. Errors carry the file's line number and the field's camelCase name.

use std::collections::{HashMap, HashSet};

use canon_desk_core::device::{
    normalize_serial, DeviceKind, DeviceStatus, MeterTransmission, Ownership,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
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
    /// The header names the columns, but with a separator other than a comma, a
    /// semicolon or a tab: `value` holds the header line.
    Separator,
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

/// A row that passed every check. Its text lives in the import's one buffer
/// ([`Checked::text`]), so a 10,000-row file does not allocate three strings a row.
struct Row {
    serial: Span,
    model: Span,
    kind: DeviceKind,
    site: SiteRef,
    ownership: Ownership,
    installed_on: Option<NaiveDate>,
    meter: MeterTransmission,
    status: DeviceStatus,
    notes: Span,
}

/// A range of bytes in [`Checked::text`].
#[derive(Clone, Copy)]
struct Span(usize, usize);

/// The site of a row: none, one already in the record, or the n-th new one.
#[derive(Clone, Copy)]
enum SiteRef {
    None,
    Existing(i64),
    New(usize),
}

/// What [`check_import`] read: the report and, when it has no errors, every row.
struct Checked {
    report: DeviceImport,
    rows: Vec<Row>,
    text: String,
}

impl Checked {
    fn get(&self, span: Span) -> &str {
        self.text.get(span.0..span.1).unwrap_or_default()
    }
}

/// The columns, in the order of [`Col`]: header name, field name, required.
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

/// Positions in [`COLUMNS`].
#[derive(Clone, Copy)]
enum Col {
    Serial,
    Model,
    Kind,
    Site,
    Ownership,
    InstalledOn,
    MeterTransmission,
    Status,
    Notes,
}

/// Devices per INSERT statement: one statement per row cost more than the rows.
const BATCH: usize = 100;
/// Values bound per device (the creation instant is bound once per statement).
const DEVICE_VALUES: usize = 9;

/// `INSERT INTO devices ... VALUES (...), (...)` for `rows` devices: `?1` is the
/// creation instant, then nine values per device.
fn insert_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO devices (serial, model, kind, site_id, ownership,
             installed_on, meter_transmission, status, notes, created_at, updated_at) VALUES ",
    );
    for r in 0..rows {
        let first = 2 + r * DEVICE_VALUES;
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for v in first..first + DEVICE_VALUES {
            sql.push_str(&format!("?{v},"));
        }
        sql.push_str("?1,?1)");
    }
    sql
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    // YYYY-MM-DD, the form exports write, without going through a format string.
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let num = |from: usize, to: usize| {
            b[from..to].iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        if let (Some(y), Some(m), Some(d)) = (num(0, 4), num(5, 7), num(8, 10)) {
            return i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d));
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
}

/// A date as `YYYY-MM-DD`, the text rusqlite binds for a `NaiveDate`, written
/// without a format string; `None` for years outside 0..=9999.
fn iso_date(date: NaiveDate, buf: &mut [u8; 10]) -> Option<&str> {
    let (y, m, d) = (
        u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?,
        date.month(),
        date.day(),
    );
    let digits = [
        y / 1000,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
        0,
        m / 10,
        m % 10,
        0,
        d / 10,
        d % 10,
    ];
    for (b, n) in buf.iter_mut().zip(digits) {
        *b = b'0' + n as u8;
    }
    buf[4] = b'-';
    buf[7] = b'-';
    std::str::from_utf8(buf).ok()
}

impl Store {
    /// Reads and checks every row without writing anything.
    pub fn preview_device_import(&self, data: &str) -> Result<DeviceImport> {
        Ok(check_import(&self.conn, data)?.report)
    }

    /// Imports every row in one transaction, or none when any row has an error (the
    /// returned report then lists them all and `imported` is 0).
    pub fn import_devices(&mut self, data: &str, now: DateTime<Utc>) -> Result<DeviceImport> {
        let tx = self.conn.savepoint()?;
        // Checked inside the transaction: the serials and sites it compares with are
        // the ones the rows are written against.
        let checked = check_import(&tx, data)?;
        if !checked.report.errors.is_empty() {
            return Ok(checked.report);
        }
        let stamp = ts(now);
        let mut new_site_ids = Vec::with_capacity(checked.report.new_sites.len());
        for name in &checked.report.new_sites {
            tx.execute(
                "INSERT INTO sites (name, created_at, updated_at) VALUES (?1, ?2, ?2)",
                params![name, stamp],
            )?;
            let id = tx.last_insert_rowid();
            let site = serde_json::json!({ "id": id, "name": name });
            audit::record(&tx, now, "site", id, Action::Create, None, Some(&site))?;
            new_site_ids.push(id);
        }
        // Every new row gets a rowid above the largest one in the table (SQLite's
        // rule for INTEGER PRIMARY KEY while it is below i64::MAX), so the rows of
        // this import are exactly those above it.
        let before: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM devices", [], |r| r.get(0))?;
        let mut imported = 0usize;
        let full_batch = insert_sql(BATCH);
        let mut date = [0u8; 10];
        for chunk in checked.rows.chunks(BATCH) {
            // The full batch's statement stays in the connection's cache from one
            // import to the next; the last, shorter one is prepared for this import.
            let (mut cached, mut once);
            let insert: &mut rusqlite::Statement<'_> = if chunk.len() == BATCH {
                cached = tx.prepare_cached(&full_batch)?;
                &mut cached
            } else {
                once = tx.prepare(&insert_sql(chunk.len()))?;
                &mut once
            };
            insert.raw_bind_parameter(1, &stamp)?;
            for (r, row) in chunk.iter().enumerate() {
                let at = 2 + r * DEVICE_VALUES;
                let site_id = match row.site {
                    SiteRef::None => None,
                    SiteRef::Existing(id) => Some(id),
                    SiteRef::New(n) => new_site_ids.get(n).copied(),
                };
                insert.raw_bind_parameter(at, checked.get(row.serial))?;
                insert.raw_bind_parameter(at + 1, checked.get(row.model))?;
                insert.raw_bind_parameter(at + 2, row.kind.as_str())?;
                insert.raw_bind_parameter(at + 3, site_id)?;
                insert.raw_bind_parameter(at + 4, row.ownership.as_str())?;
                match row.installed_on.and_then(|d| iso_date(d, &mut date)) {
                    Some(text) => insert.raw_bind_parameter(at + 5, text)?,
                    None => insert.raw_bind_parameter(at + 5, row.installed_on)?,
                }
                insert.raw_bind_parameter(at + 6, row.meter.as_str())?;
                insert.raw_bind_parameter(at + 7, row.status.as_str())?;
                insert.raw_bind_parameter(at + 8, checked.get(row.notes))?;
            }
            imported += insert.raw_execute()?;
        }
        let mut report = checked.report;
        report.imported = u32::try_from(imported).unwrap_or(u32::MAX);
        // One audit entry per device, as `audit::record` writes it (the device's
        // JSON as serde gives it), built by SQLite in one statement: the rows of
        // this transaction are the only ones in the id range, and writing the log
        // row by row from Rust was 40 % of a 10,000-row import.
        if imported > 0 {
            let last = tx.last_insert_rowid();
            let logged = tx.execute(AUDIT_IMPORTED, params![stamp, before + 1, last])?;
            if logged != imported {
                return Err(crate::Error::Corrupt {
                    column: "audit_log",
                    value: format!("{logged} entries for {imported} devices"),
                });
            }
        }
        tx.commit()?;
        Ok(report)
    }
}

/// Reads and checks every row against the record `conn` sees.
fn check_import(conn: &rusqlite::Connection, data: &str) -> Result<Checked> {
    let mut out = Checked {
        report: DeviceImport {
            rows: 0,
            new_sites: Vec::new(),
            errors: Vec::new(),
            imported: 0,
        },
        rows: Vec::new(),
        text: String::new(),
    };
    let report = &mut out.report;
    let data = data.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(separator_of(data))
        .from_reader(data.as_bytes());
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
            return Ok(out);
        }
    };
    // Where each of COLUMNS is in the file, if it is.
    let mut index: [Option<usize>; 9] = [None; 9];
    for (slot, (name, field, required)) in index.iter_mut().zip(COLUMNS) {
        *slot = header.iter().position(|h| h == name);
        if slot.is_none() && required {
            report.errors.push(err(
                1,
                field,
                ImportProblem::MissingColumn,
                name,
                &format!("missing column {name}"),
            ));
        }
    }
    // Several required columns missing from a header that names them all in one
    // cell: the columns are there, joined by a separator the file does not use.
    let missing = report.errors.len();
    if missing > 1 && header.len() == 1 {
        let line = header.first().map_or("", String::as_str);
        if COLUMNS
            .iter()
            .filter(|(_, _, required)| *required)
            .all(|(name, _, _)| line.contains(name))
        {
            report.errors.clear();
            report.errors.push(err(
                1,
                "file",
                ImportProblem::Separator,
                line,
                "the header names the columns with an unknown separator",
            ));
        }
    }
    if !report.errors.is_empty() {
        return Ok(out);
    }
    let taken: HashSet<String> = {
        let mut stmt = conn.prepare_cached("SELECT serial FROM devices")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let sites = site_ids(conn)?;
    // Site names as the file writes them, resolved once each.
    let mut site_of: HashMap<String, SiteRef> = HashMap::new();
    let mut new_site_keys: HashMap<String, usize> = HashMap::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let rows = &mut out.rows;
    let text = &mut out.text;
    let mut span = |s: &str| {
        let from = text.len();
        text.push_str(s);
        Span(from, text.len())
    };
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
        let get = |col: Col| {
            crate::csv_export::restored(
                index[col as usize]
                    .and_then(|i| record.get(i))
                    .unwrap_or_default(),
            )
        };
        let before = report.errors.len();
        let mut fail = |field: &str, problem: ImportProblem, value: &str, message: &str| {
            report
                .errors
                .push(err(line, field, problem, value, message));
        };
        let serial = match normalize_serial(get(Col::Serial)) {
            Ok(s) if taken.contains(&s) => {
                fail(
                    "serial",
                    ImportProblem::AlreadyRecorded,
                    &s,
                    &format!("{s} is already in the record"),
                );
                None
            }
            Ok(s) => match seen.get(&s).copied() {
                Some(first) => {
                    fail(
                        "serial",
                        ImportProblem::RepeatedInFile,
                        &first.to_string(),
                        &format!("{s} is also on line {first}"),
                    );
                    // The next repetition names this line.
                    seen.insert(s, line);
                    None
                }
                None => Some(s),
            },
            Err(e) => {
                fail(
                    "serial",
                    ImportProblem::InvalidSerial,
                    get(Col::Serial),
                    &e.to_string(),
                );
                None
            }
        };
        let model = get(Col::Model);
        if model.is_empty() {
            fail("model", ImportProblem::Required, "", "model is required");
        }
        let kind = DeviceKind::parse(get(Col::Kind));
        if kind.is_none() {
            fail(
                "kind",
                ImportProblem::UnknownValue,
                get(Col::Kind),
                &format!("unknown kind {:?}", get(Col::Kind)),
            );
        }
        let ownership = Ownership::parse(get(Col::Ownership));
        if ownership.is_none() {
            fail(
                "ownership",
                ImportProblem::UnknownValue,
                get(Col::Ownership),
                &format!("unknown ownership {:?}", get(Col::Ownership)),
            );
        }
        let meter = MeterTransmission::parse(get(Col::MeterTransmission));
        if meter.is_none() {
            let v = get(Col::MeterTransmission);
            fail(
                "meterTransmission",
                ImportProblem::UnknownValue,
                v,
                &format!("unknown transmission {v:?}"),
            );
        }
        let status = match get(Col::Status) {
            "" => Some(DeviceStatus::Active),
            s => DeviceStatus::parse(s),
        };
        if status.is_none() {
            fail(
                "status",
                ImportProblem::UnknownValue,
                get(Col::Status),
                &format!("unknown status {:?}", get(Col::Status)),
            );
        }
        let installed_on = match get(Col::InstalledOn) {
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
        // A serial is remembered (for "also on line N") even when the rest of its
        // row fails, as long as the serial itself is sound.
        let serial = match serial {
            Some(s) => {
                let at = span(&s);
                seen.insert(s, line);
                Some(at)
            }
            None => None,
        };
        if report.errors.len() > before {
            continue;
        }
        let site = match get(Col::Site) {
            "" => SiteRef::None,
            name => match site_of.get(name) {
                Some(site) => *site,
                None => {
                    let key = name.to_lowercase();
                    let site = match sites.get(&key) {
                        Some((id, _)) => SiteRef::Existing(*id),
                        None => {
                            let n = new_site_keys.len();
                            let n = *new_site_keys.entry(key).or_insert_with(|| {
                                report.new_sites.push(name.to_owned());
                                n
                            });
                            SiteRef::New(n)
                        }
                    };
                    site_of.insert(name.to_owned(), site);
                    site
                }
            },
        };
        if let (Some(serial), Some(kind), Some(ownership), Some(meter), Some(status)) =
            (serial, kind, ownership, meter, status)
        {
            let model = span(model);
            let notes = span(get(Col::Notes));
            rows.push(Row {
                serial,
                model,
                kind,
                site,
                ownership,
                installed_on,
                meter,
                status,
                notes,
            });
        }
    }
    Ok(out)
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

/// The separator of a CSV file, read from its header line: whichever of comma,
/// semicolon and tab occurs most often outside quotes (a comma when none does, or
/// on a tie with it).
fn separator_of(data: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in data.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semicolon, tab] = counts;
    if semicolon > comma && semicolon >= tab {
        b';'
    } else if tab > comma && tab > semicolon {
        b'\t'
    } else {
        b','
    }
}

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

#[cfg(test)]
mod tests {
    use super::{iso_date, parse_date, separator_of};
    use chrono::NaiveDate;

    #[test]
    fn the_separator_is_read_from_the_header_line() {
        assert_eq!(separator_of("serial,model,kind\n"), b',', "commas");
        assert_eq!(
            separator_of("serial;model;kind\r\nA;B,C;D"),
            b';',
            "semicolons, Excel's in France and Italy"
        );
        assert_eq!(separator_of("serial\tmodel\tkind\n"), b'\t', "tabs");
        assert_eq!(
            separator_of("\"a;b\",c\n"),
            b',',
            "a semicolon inside quotes does not count"
        );
        assert_eq!(
            separator_of("serial\n"),
            b',',
            "one column reads as comma-separated"
        );
    }

    #[test]
    fn the_iso_fast_path_reads_dates_as_the_format_strings_do() {
        let slow = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
                .ok()
        };
        for s in [
            "2024-05-02",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "0000-01-01",
            "9999-12-31",
            "2024-5-02",
            "2024-05-2",
            "+2024-05-02",
            "2024-0a-02",
            "2024/05/02",
            "02/05/2024",
            "31/02/2024",
            "2024-05-02x",
            "",
        ] {
            assert_eq!(parse_date(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn dates_are_written_as_rusqlite_writes_them() {
        let mut buf = [0u8; 10];
        for (y, m, d) in [
            (2024, 5, 2),
            (1, 1, 1),
            (0, 12, 31),
            (9999, 12, 31),
            (1999, 10, 9),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
            assert_eq!(
                iso_date(date, &mut buf).map(str::to_owned),
                Some(date.format("%F").to_string()),
                "{date:?}"
            );
        }
        let far = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap_or_default();
        assert_eq!(
            iso_date(far, &mut buf),
            None,
            "five-digit years take the slow way"
        );
    }
}
