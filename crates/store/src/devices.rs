//! Devices: the Canon equipment the organisation has, has had, or registers with CPS.

use canon_desk_core::device::{
    normalize_serial, DeviceKind, DeviceStatus, MeterTransmission, Ownership,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::error::corrupt;
use crate::error::unique_violation;
use crate::{ts, Error, Result, Store};

/// A device as the record keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    /// Row id.
    pub id: i64,
    /// Canon serial number, normalised.
    pub serial: String,
    /// Model name as Canon writes it (e.g. imageRUNNER ADVANCE DX C3826i).
    pub model: String,
    /// Family of equipment.
    pub kind: DeviceKind,
    /// Where it stands.
    pub site_id: Option<i64>,
    /// The site's name, for lists.
    pub site_name: Option<String>,
    /// Owned, leased or rented.
    pub ownership: Ownership,
    /// Installation or purchase date.
    pub installed_on: Option<NaiveDate>,
    /// How counters reach Canon.
    pub meter_transmission: MeterTransmission,
    /// Active, moved or disposed.
    pub status: DeviceStatus,
    /// Free notes.
    pub notes: String,
    /// Creation instant (UTC, RFC 3339).
    pub created_at: String,
    /// Last change instant (UTC, RFC 3339).
    pub updated_at: String,
}

/// What the user fills in to create or edit a device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeviceInput {
    /// Canon serial number as typed; normalised on save.
    pub serial: String,
    /// Model name.
    pub model: String,
    /// Family of equipment.
    pub kind: DeviceKind,
    /// Site, if any.
    pub site_id: Option<i64>,
    /// Owned, leased or rented.
    pub ownership: Ownership,
    /// Installation or purchase date.
    pub installed_on: Option<NaiveDate>,
    /// How counters reach Canon.
    pub meter_transmission: MeterTransmission,
    /// Free notes.
    pub notes: String,
}

/// Narrows the device list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeviceFilter {
    /// Matches serial, model or site name, case-insensitively.
    pub query: Option<String>,
    /// Only devices with this status.
    pub status: Option<DeviceStatus>,
    /// Only devices of this kind.
    pub kind: Option<DeviceKind>,
    /// Only devices standing at this site.
    #[serde(default)]
    pub site_id: Option<i64>,
    /// Only devices covered by this contract.
    #[serde(default)]
    pub contract_id: Option<i64>,
    /// Only devices held this way (the disposal wizard lists owned devices only).
    #[serde(default)]
    pub ownership: Option<Ownership>,
}

/// The columns [`from_row`] reads, in its order.
macro_rules! device_columns {
    () => {
        "SELECT d.id, d.serial, d.model, d.kind, d.site_id, s.name, d.ownership,
        d.installed_on, d.meter_transmission, d.status, d.notes, d.created_at, d.updated_at"
    };
}

const SELECT: &str = concat!(
    device_columns!(),
    " FROM devices d LEFT JOIN sites s ON s.id = d.site_id"
);

/// The same rows read along the live devices' serial index (migration 0010).
const SELECT_BY_LIVE_SERIAL: &str = concat!(
    device_columns!(),
    " FROM devices d INDEXED BY devices_live_serial LEFT JOIN sites s ON s.id = d.site_id"
);

/// The ids of the devices a text search matches, from its [`TextParts`]: by serial
/// number from its trigram index (?1, an FTS5 phrase; the index also holds
/// soft-deleted devices), the live devices of the matching models (?2, a JSON list)
/// and those of the matching sites (?3), each from its index (migrations 0010, 0011).
const TEXT_MATCHES: &str = "SELECT rowid AS id FROM devices_serial_search \
     WHERE devices_serial_search MATCH ?1 \
     UNION SELECT id FROM devices INDEXED BY devices_live_model WHERE deleted_at IS NULL \
       AND model IN (SELECT value FROM json_each(?2)) \
     UNION SELECT id FROM devices INDEXED BY devices_live_site WHERE deleted_at IS NULL \
       AND site_id IN (SELECT value FROM json_each(?3))";

/// Above this many matches, a page of a text search walks the live devices in serial
/// order and keeps the matching ones, rather than reading every match to sort them:
/// reading a row by id costs about ten times what walking the index past one does,
/// so with a few hundred matches among thousands of devices the walk is shorter.
const WALK_FROM: i64 = 300;

/// The devices, deleted ones included, whose serial number a text search (?1)
/// matches, at most ?2 of them.
const SERIAL_MATCHES: &str = "SELECT rowid FROM devices_serial_search \
     WHERE devices_serial_search MATCH ?1 LIMIT ?2";

/// The live devices a search matches, counted once each from its three parts: those of
/// the matching models (?1, a JSON list) from the model index; those at the matching
/// sites (?2) whose model is not among them, from the site index, which holds the
/// model; those whose serial matches (?3, their ids) and that neither part counted,
/// read by id.
const COUNT_BY_PARTS: &str = "SELECT \
     (SELECT COUNT(*) FROM devices INDEXED BY devices_live_model \
        WHERE deleted_at IS NULL AND model IN (SELECT value FROM json_each(?1))) \
     + (SELECT COUNT(*) FROM devices INDEXED BY devices_live_site \
        WHERE deleted_at IS NULL AND site_id IN (SELECT value FROM json_each(?2)) \
          AND model NOT IN (SELECT value FROM json_each(?1))) \
     + (SELECT COUNT(*) FROM devices \
        WHERE id IN (SELECT value FROM json_each(?3)) \
          AND deleted_at IS NULL AND model NOT IN (SELECT value FROM json_each(?1)) \
          AND (site_id IS NULL OR site_id NOT IN (SELECT value FROM json_each(?2))))";

/// The count of a search that matches by serial number alone (?1, the ids): the few
/// soft-deleted devices are taken away through their index, without reading a device.
const COUNT_BY_SERIAL: &str = "SELECT COUNT(*) FROM json_each(?1) \
     WHERE value NOT IN (SELECT id FROM devices WHERE deleted_at IS NOT NULL)";

/// Above this many models and sites matched, a search's page is not worth one part
/// per model and site: it goes the way any search with many matches does.
const MAX_PARTS: usize = 24;

/// What a text search of three characters or more looks for: serial numbers through
/// their trigram index, and the model names and site names that contain the text.
/// A record has tens of models and sites, not thousands: their names are read whole
/// and matched here, in a few microseconds where a full-text query takes tens
/// (measured with the search benchmark), and lowercasing in Rust folds the case of
/// every script, as the trigram index does.
struct TextParts {
    /// The text as one FTS5 phrase, for the serial numbers' index.
    phrase: String,
    /// The model names the record has used that contain the text.
    models: Vec<String>,
    /// The sites whose name contains the text.
    sites: Vec<i64>,
}

impl TextParts {
    /// The values [`TEXT_MATCHES`] binds, as ?1, ?2 and ?3.
    fn values(&self) -> Vec<SqlValue> {
        vec![
            SqlValue::Text(self.phrase.clone()),
            SqlValue::Text(self.models_json()),
            SqlValue::Text(self.sites_json()),
        ]
    }

    /// The matching model names as a JSON list, for `json_each`.
    fn models_json(&self) -> String {
        serde_json::Value::from(self.models.clone()).to_string()
    }

    /// The matching sites' ids as a JSON list, for `json_each`.
    fn sites_json(&self) -> String {
        crate::json_ids(&self.sites)
    }
}

/// The largest page [`Store::page_devices`] returns.
pub const MAX_PAGE: i64 = 500;

/// One page of a device list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DevicePage {
    /// Devices matching the filter, on all pages.
    pub total: i64,
    /// Index of the first device of this page in the whole list.
    pub offset: i64,
    /// The devices of this page, by serial number.
    pub devices: Vec<Device>,
}

/// Whether a filter searches text and sets nothing else: what typing in a search
/// box asks, served from the indexes alone by [`Store::page_devices`].
fn text_only(filter: &DeviceFilter) -> bool {
    matches!(
        filter,
        DeviceFilter {
            query: _,
            status: None,
            kind: None,
            site_id: None,
            contract_id: None,
            ownership: None,
        }
    )
}

fn filter_query(filter: &DeviceFilter) -> Option<&str> {
    filter
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
}

/// The WHERE clause of a filter with only the predicates it sets (so SQLite
/// plans each combination on its own), and the values bound to it in order. A text
/// of three characters or more comes with its `parts` (see [`Store::text_parts`]).
fn where_clause(filter: &DeviceFilter, parts: Option<&TextParts>) -> (String, Vec<SqlValue>) {
    let mut sql = String::from("WHERE d.deleted_at IS NULL");
    let mut values = Vec::new();
    if let Some(parts) = parts {
        // Served by the indexes (migrations 0008, 0010 and 0011): one list of ids (a
        // UNION, not an OR of tests) so that SQLite reads the matches by rowid
        // instead of testing every device against each part.
        values = parts.values();
        sql.push_str(&format!(" AND d.id IN ({TEXT_MATCHES})"));
    } else if let Some(q) = filter_query(filter) {
        // One or two characters are too short for a trigram: these scan, as every
        // search did before the index, and are few and quick to type past.
        values.push(SqlValue::Text(like_pattern(q)));
        let n = values.len();
        sql.push_str(&format!(
            " AND (d.serial LIKE ?{n} ESCAPE '\\' OR d.model LIKE ?{n} ESCAPE '\\' \
             OR d.site_id IN (SELECT id FROM sites WHERE name LIKE ?{n} ESCAPE '\\'))"
        ));
    }
    if let Some(status) = filter.status {
        values.push(SqlValue::Text(status.as_str().to_owned()));
        sql.push_str(&format!(" AND d.status = ?{}", values.len()));
    }
    if let Some(kind) = filter.kind {
        values.push(SqlValue::Text(kind.as_str().to_owned()));
        sql.push_str(&format!(" AND d.kind = ?{}", values.len()));
    }
    if let Some(site) = filter.site_id {
        values.push(SqlValue::Integer(site));
        sql.push_str(&format!(" AND d.site_id = ?{}", values.len()));
    }
    if let Some(ownership) = filter.ownership {
        values.push(SqlValue::Text(ownership.as_str().to_owned()));
        sql.push_str(&format!(" AND d.ownership = ?{}", values.len()));
    }
    if let Some(contract) = filter.contract_id {
        values.push(SqlValue::Integer(contract));
        sql.push_str(&format!(
            " AND d.id IN (SELECT device_id FROM contract_devices WHERE contract_id = ?{})",
            values.len()
        ));
    }
    (sql, values)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Device> {
    let kind: String = r.get(3)?;
    let ownership: String = r.get(6)?;
    let meter: String = r.get(8)?;
    let status: String = r.get(9)?;
    Ok(Device {
        id: r.get(0)?,
        serial: r.get(1)?,
        model: r.get(2)?,
        kind: DeviceKind::parse(&kind).ok_or_else(|| corrupt("devices.kind", kind))?,
        site_id: r.get(4)?,
        site_name: r.get(5)?,
        ownership: Ownership::parse(&ownership)
            .ok_or_else(|| corrupt("devices.ownership", ownership))?,
        installed_on: r.get(7)?,
        meter_transmission: MeterTransmission::parse(&meter)
            .ok_or_else(|| corrupt("devices.meter_transmission", meter))?,
        status: DeviceStatus::parse(&status).ok_or_else(|| corrupt("devices.status", status))?,
        notes: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// Checks and normalises what the user typed.
fn clean(input: &DeviceInput) -> Result<(String, String)> {
    let serial = normalize_serial(&input.serial)?;
    let model = input.model.trim().to_owned();
    if model.is_empty() {
        return Err(canon_desk_core::Error::Required { field: "model" }.into());
    }
    Ok((serial, model))
}

/// The shortest search the trigram index can answer.
pub(crate) const TRIGRAM: usize = 3;

/// `query` as one FTS5 phrase: quoted, with its own quotes doubled, so that nothing
/// the user types is read as FTS5 syntax (AND, NEAR, `*`, column filters).
pub(crate) fn fts_phrase(query: &str) -> String {
    format!("\"{}\"", query.replace('"', "\"\""))
}

/// Escapes `%`, `_` and the escape character itself for a LIKE pattern.
pub(crate) fn like_pattern(query: &str) -> String {
    let mut out = String::with_capacity(query.len() + 2);
    out.push('%');
    for c in query.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// One device by id, deleted or not, inside a transaction.
pub(crate) fn load(conn: &rusqlite::Connection, id: i64) -> Result<Device> {
    conn.prepare_cached(&format!("{SELECT} WHERE d.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: "device",
            id,
        })
}

/// Soft-deleted devices, most recently deleted first.
pub(crate) fn deleted(conn: &rusqlite::Connection) -> Result<Vec<Device>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE d.deleted_at IS NOT NULL ORDER BY d.deleted_at DESC"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Creates a device inside the caller's transaction, with its audit entry.
pub(crate) fn insert(
    tx: &rusqlite::Connection,
    input: &DeviceInput,
    now: DateTime<Utc>,
) -> Result<Device> {
    let (serial, model) = clean(input)?;
    tx.execute(
        "INSERT INTO devices (serial, model, kind, site_id, ownership, installed_on,
             meter_transmission, status, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'active', ?8, ?9, ?9)",
        params![
            serial,
            model,
            input.kind.as_str(),
            input.site_id,
            input.ownership.as_str(),
            input.installed_on,
            input.meter_transmission.as_str(),
            input.notes.trim(),
            ts(now)
        ],
    )
    .map_err(|e| unique_violation(e, "serial", &serial))?;
    let id = tx.last_insert_rowid();
    let device = load(tx, id)?;
    audit::record(tx, now, "device", id, Action::Create, None, Some(&device))?;
    Ok(device)
}

/// Replaces a device's editable fields inside the caller's transaction, with its
/// audit entry.
pub(crate) fn update(
    tx: &rusqlite::Connection,
    id: i64,
    input: &DeviceInput,
    now: DateTime<Utc>,
) -> Result<Device> {
    let (serial, model) = clean(input)?;
    let before = load(tx, id)?;
    tx.execute(
        "UPDATE devices SET serial = ?2, model = ?3, kind = ?4, site_id = ?5, ownership = ?6,
             installed_on = ?7, meter_transmission = ?8, notes = ?9, updated_at = ?10
         WHERE id = ?1",
        params![
            id,
            serial,
            model,
            input.kind.as_str(),
            input.site_id,
            input.ownership.as_str(),
            input.installed_on,
            input.meter_transmission.as_str(),
            input.notes.trim(),
            ts(now)
        ],
    )
    .map_err(|e| unique_violation(e, "serial", &serial))?;
    let after = load(tx, id)?;
    audit::record(
        tx,
        now,
        "device",
        id,
        Action::Update,
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

impl Store {
    /// What a filter's text of three characters or more matches besides serial
    /// numbers (see [`TextParts`]); `None` for a shorter text or none.
    fn text_parts(&self, filter: &DeviceFilter) -> Result<Option<TextParts>> {
        let Some(text) = filter_query(filter).filter(|q| q.chars().count() >= TRIGRAM) else {
            return Ok(None);
        };
        let needle = text.to_lowercase();
        let models = self
            .conn
            .prepare_cached("SELECT name FROM device_models")?
            .query_map([], |r| r.get::<_, String>(0))?
            .filter(|name| {
                name.as_ref()
                    .map_or(true, |name| name.to_lowercase().contains(&needle))
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let sites = self
            .conn
            .prepare_cached("SELECT id, name FROM sites")?
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .filter_map(|site| match site {
                Ok((id, name)) => name.to_lowercase().contains(&needle).then_some(Ok(id)),
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(TextParts {
            phrase: fts_phrase(text),
            models,
            sites,
        }))
    }

    /// Devices matching the filter, by serial number; soft-deleted ones are left out.
    pub fn list_devices(&self, filter: &DeviceFilter) -> Result<Vec<Device>> {
        let parts = self.text_parts(filter)?;
        let (clause, values) = where_clause(filter, parts.as_ref());
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} {clause} ORDER BY d.serial"))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of the devices matching the filter, by serial number, with the
    /// number of matches on all pages. `limit` is kept within 1..=500 and a
    /// negative `offset` counts as 0.
    pub fn page_devices(
        &self,
        filter: &DeviceFilter,
        offset: i64,
        limit: i64,
    ) -> Result<DevicePage> {
        let offset = offset.max(0);
        let limit = limit.clamp(1, MAX_PAGE);
        let parts = self.text_parts(filter)?;
        // A text search and nothing else is answered from the indexes, part by part
        // when its serial matches are few; otherwise its count takes the few
        // soft-deleted devices away from the indexes' matches without reading any
        // device. Any other filter counts the rows its clause selects.
        let text = parts.as_ref().filter(|_| text_only(filter));
        if let Some(parts) = text {
            if let Some(page) = self.page_text_by_parts(parts, offset, limit)? {
                return Ok(page);
            }
        }
        let (clause, count, values) = match text {
            Some(parts) => (
                format!("WHERE d.deleted_at IS NULL AND d.id IN ({TEXT_MATCHES})"),
                format!(
                    "SELECT COUNT(*) FROM ({TEXT_MATCHES}) m \
                     WHERE m.id NOT IN (SELECT id FROM devices WHERE deleted_at IS NOT NULL)"
                ),
                parts.values(),
            ),
            None => {
                let (clause, values) = where_clause(filter, parts.as_ref());
                let count = format!("SELECT COUNT(*) FROM devices d {clause}");
                (clause, count, values)
            }
        };
        let total: i64 = self
            .conn
            .prepare_cached(&count)?
            .query_row(rusqlite::params_from_iter(values.iter()), |r| r.get(0))?;
        let select = if text.is_some() && total > WALK_FROM {
            SELECT_BY_LIVE_SERIAL
        } else {
            SELECT
        };
        self.rows_of_page(total, offset, limit, values, |bounds| {
            format!("{select} {clause} ORDER BY d.serial {bounds}")
        })
    }

    /// The page of a list whose `total` is counted: nothing when the page is past the
    /// end (the count said so, and the rows would take a second scan to find nothing;
    /// a picker's search that matches nothing is typed often), otherwise the rows of
    /// the statement `sql` makes from the page's bounds (`LIMIT ?… OFFSET ?…`, bound
    /// after `values`).
    fn rows_of_page(
        &self,
        total: i64,
        offset: i64,
        limit: i64,
        mut values: Vec<SqlValue>,
        sql: impl FnOnce(&str) -> String,
    ) -> Result<DevicePage> {
        if offset >= total {
            return Ok(DevicePage {
                total,
                offset,
                devices: Vec::new(),
            });
        }
        values.push(SqlValue::Integer(limit));
        values.push(SqlValue::Integer(offset));
        let n = values.len();
        let mut stmt = self
            .conn
            .prepare_cached(&sql(&format!("LIMIT ?{} OFFSET ?{n}", n - 1)))?;
        let devices = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(DevicePage {
            total,
            offset,
            devices,
        })
    }

    /// A text search's page from its parts, when its serial matches are few enough to
    /// read (otherwise `None`, and [`Store::page_devices`] walks the serial index). A
    /// device matches by its serial number, its model or its site's name: the models
    /// and sites that match are found first (a few names), the count adds up what each
    /// part adds (see [`COUNT_BY_PARTS`]), and the page merges the parts, each read in
    /// serial order from its index, stopping once the page is full: a search matching
    /// a thousand devices reads about a page of each part, not the thousand.
    fn page_text_by_parts(
        &self,
        parts: &TextParts,
        offset: i64,
        limit: i64,
    ) -> Result<Option<DevicePage>> {
        if parts.models.len() + parts.sites.len() > MAX_PARTS {
            return Ok(None);
        }
        let serial_ids = self
            .conn
            .prepare_cached(SERIAL_MATCHES)?
            .query_map(rusqlite::params![parts.phrase, WALK_FROM + 1], |r| {
                r.get::<_, i64>(0)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if serial_ids.len() as i64 > WALK_FROM {
            return Ok(None);
        }
        let serials = crate::json_ids(&serial_ids);
        let (models, sites) = (&parts.models, &parts.sites);
        let total: i64 = if models.is_empty() && sites.is_empty() {
            self.conn
                .prepare_cached(COUNT_BY_SERIAL)?
                .query_row([&serials], |r| r.get(0))?
        } else {
            self.conn.prepare_cached(COUNT_BY_PARTS)?.query_row(
                rusqlite::params![parts.models_json(), parts.sites_json(), serials],
                |r| r.get(0),
            )?
        };
        // One part per model and per site, each in serial order from its index, so that
        // SQLite merges them (UNION drops a device two parts share) without sorting.
        // Each part is a condition on the device and the index that serves it.
        let mut values: Vec<SqlValue> = Vec::new();
        let mut arms: Vec<(Option<&str>, String)> = Vec::new();
        for model in models {
            values.push(SqlValue::Text(model.clone()));
            arms.push((
                Some("devices_live_model"),
                format!("d.model = ?{}", values.len()),
            ));
        }
        for site in sites {
            values.push(SqlValue::Integer(*site));
            arms.push((
                Some("devices_live_site"),
                format!("d.site_id = ?{}", values.len()),
            ));
        }
        if !serial_ids.is_empty() {
            values.push(SqlValue::Text(serials));
            arms.push((
                None,
                format!("d.id IN (SELECT value FROM json_each(?{}))", values.len()),
            ));
        }
        self.rows_of_page(total, offset, limit, values, |bounds| {
            match arms.as_slice() {
                // One part: its rows, read once.
                [(_, only)] => {
                    format!(
                        "{SELECT} WHERE d.deleted_at IS NULL AND {only} ORDER BY d.serial {bounds}"
                    )
                }
                _ => {
                    let merged = arms
                        .iter()
                        .map(|(index, condition)| {
                            let indexed = index
                                .map(|i| format!(" INDEXED BY {i}"))
                                .unwrap_or_default();
                            format!(
                                "SELECT d.id, d.serial FROM devices d{indexed} \
                             WHERE d.deleted_at IS NULL AND {condition}"
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" UNION ");
                    format!(
                    "{SELECT} WHERE d.id IN (SELECT id FROM ({merged} ORDER BY serial {bounds})) \
                     ORDER BY d.serial"
                )
                }
            }
        })
        .map(Some)
    }

    /// The devices with these ids, deleted ones included, by serial number; ids
    /// that name no device are left out. For labels of records that point at a few
    /// devices (requests), without reading the whole list.
    pub fn devices_by_ids(&self, ids: &[i64]) -> Result<Vec<Device>> {
        let ids = crate::json_ids(ids);
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE d.id IN (SELECT value FROM json_each(?1)) ORDER BY d.serial"
        ))?;
        let rows = stmt.query_map([ids], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One device by id.
    pub fn device(&self, id: i64) -> Result<Device> {
        self.conn
            .query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], from_row)
            .optional()?
            .ok_or(Error::NotFound {
                entity: "device",
                id,
            })
    }

    /// Creates a device; the serial number must not be taken.
    pub fn create_device(&mut self, input: &DeviceInput, now: DateTime<Utc>) -> Result<Device> {
        let tx = self.conn.savepoint()?;
        let device = insert(&tx, input, now)?;
        tx.commit()?;
        Ok(device)
    }

    /// Replaces a device's editable fields; status changes go through their own use cases.
    pub fn update_device(
        &mut self,
        id: i64,
        input: &DeviceInput,
        now: DateTime<Utc>,
    ) -> Result<Device> {
        let tx = self.conn.savepoint()?;
        let after = update(&tx, id, input, now)?;
        tx.commit()?;
        Ok(after)
    }

    /// How many devices the record holds (soft-deleted ones excluded).
    pub fn count_devices(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM devices WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(
            like_pattern("a%b_c\\"),
            "%a\\%b\\_c\\\\%",
            "wildcards must be escaped"
        );
    }
}
