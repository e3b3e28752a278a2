//! Exporting devices, contracts and meter readings as CSV text.
//!
//! The device export uses the import's columns, so an export can be imported into
//! another record as it is. Text cells that a spreadsheet would run as a formula are
//! written with a leading `'`, which the import takes off again.

use rusqlite::types::Value;

use crate::{Error, Result, Store};

/// What a spreadsheet program takes as the start of a formula (or, in some, of a
/// command): a text cell starting with one of them is written with a `'` in front
/// (OWASP's CSV injection guidance), which the program shows as text.
pub(crate) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` as a cell no spreadsheet runs.
fn neutralised(text: String) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text
    }
}

/// A cell as the export wrote it, taken back: the `'` put before a formula start is
/// dropped; any other text is left as it is.
pub(crate) fn restored(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// Runs `sql` and writes its columns under `header` as CSV.
fn export(conn: &rusqlite::Connection, header: &[&str], sql: &str) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header).map_err(csv_err)?;
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let mut fields = Vec::with_capacity(header.len());
        for i in 0..header.len() {
            fields.push(match row.get::<_, Value>(i)? {
                Value::Null => String::new(),
                Value::Integer(n) => n.to_string(),
                Value::Real(x) => x.to_string(),
                Value::Text(t) => neutralised(t),
                Value::Blob(_) => String::new(),
            });
        }
        out.write_record(&fields).map_err(csv_err)?;
    }
    let bytes = out.into_inner().map_err(|e| Error::Io(e.into_error()))?;
    String::from_utf8(bytes).map_err(|e| Error::Corrupt {
        column: "csv export",
        value: e.to_string(),
    })
}

/// The separator of a CSV file written for a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Separator {
    /// A comma: what Excel expects in English.
    Comma,
    /// A semicolon: what Excel expects in French and Italian, where the comma is the
    /// decimal sign.
    Semicolon,
}

/// An export made ready for a spreadsheet: the same cells, separated by `separator`,
/// behind a UTF-8 byte-order mark (without which Excel reads accented names as
/// Latin-1). The cells are read back and written again unchanged, so what the
/// export wrote in them (its escaping included) is kept exactly.
pub fn for_spreadsheet(text: &str, separator: Separator) -> Result<String> {
    let delimiter = match separator {
        Separator::Comma => b',',
        Separator::Semicolon => b';',
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).map_err(csv_err)? {
        out.write_byte_record(&record).map_err(csv_err)?;
    }
    let bytes = out.into_inner().map_err(|e| Error::Io(e.into_error()))?;
    String::from_utf8(bytes).map_err(|e| Error::Corrupt {
        column: "csv export",
        value: e.to_string(),
    })
}

fn csv_err(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e))
}

impl Store {
    /// Devices that are not deleted, in the import's columns, by serial.
    pub fn export_devices_csv(&self) -> Result<String> {
        export(
            &self.conn,
            &[
                "serial",
                "model",
                "kind",
                "site",
                "ownership",
                "installed_on",
                "meter_transmission",
                "status",
                "notes",
            ],
            "SELECT d.serial, d.model, d.kind, s.name, d.ownership, d.installed_on,
                    d.meter_transmission, d.status, d.notes
             FROM devices d LEFT JOIN sites s ON s.id = d.site_id
             WHERE d.deleted_at IS NULL ORDER BY d.serial",
        )
    }

    /// Contracts that are not deleted, with their current PO number and the serial
    /// numbers they cover (separated by spaces), by number.
    pub fn export_contracts_csv(&self) -> Result<String> {
        export(
            &self.conn,
            &[
                "number",
                "kind",
                "customer_number",
                "po_number",
                "billing_entity",
                "invoice_delivery",
                "invoice_address",
                "starts_on",
                "ends_on",
                "renewal",
                "notice_months",
                "status",
                "serials",
            ],
            "SELECT c.number, c.kind, c.customer_number,
                    (SELECT po_number FROM contract_po_numbers p WHERE p.contract_id = c.id
                      ORDER BY p.valid_from DESC NULLS LAST, p.id DESC LIMIT 1),
                    c.billing_entity, c.invoice_delivery, c.invoice_address, c.starts_on,
                    c.ends_on, c.renewal, c.notice_months, c.status,
                    (SELECT group_concat(serial, ' ') FROM (SELECT d.serial FROM contract_devices cd
                      JOIN devices d ON d.id = cd.device_id WHERE cd.contract_id = c.id ORDER BY d.serial))
             FROM contracts c WHERE c.deleted_at IS NULL ORDER BY c.number",
        )
    }

    /// Every meter reading, by serial, counter and date.
    pub fn export_readings_csv(&self) -> Result<String> {
        export(
            &self.conn,
            &[
                "serial", "counter", "value", "read_on", "source", "is_reset",
            ],
            "SELECT d.serial, m.counter, m.value, m.read_on, m.source, m.is_reset
             FROM meter_readings m JOIN devices d ON d.id = m.device_id
             WHERE m.deleted_at IS NULL
             ORDER BY d.serial, m.counter, m.read_on, m.id",
        )
    }
}
