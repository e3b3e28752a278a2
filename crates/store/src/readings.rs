//! Meter readings: the counters Canon bills by.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::error::corrupt;
use crate::lifecycle::{toggle_deleted, Soft};
use crate::{ts, Result, Store};

/// Where a reading comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReadingSource {
    /// Read by someone at the device.
    Manual,
    /// Sent by the device itself.
    Automatic,
    /// Estimated by Canon because no reading arrived in time.
    Estimated,
}

impl ReadingSource {
    fn as_str(self) -> &'static str {
        match self {
            ReadingSource::Manual => "manual",
            ReadingSource::Automatic => "automatic",
            ReadingSource::Estimated => "estimated",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [
            ReadingSource::Manual,
            ReadingSource::Automatic,
            ReadingSource::Estimated,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One counter value on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MeterReading {
    /// Row id.
    pub id: i64,
    /// The device read.
    pub device_id: i64,
    /// Which counter (`black`, `colour`, `large_format` ...).
    pub counter: String,
    /// The counter's value.
    pub value: i64,
    /// The date it was read.
    pub read_on: NaiveDate,
    /// Manual, automatic or estimated.
    pub source: ReadingSource,
}

/// A reading to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReadingInput {
    /// The device read.
    pub device_id: i64,
    /// Which counter.
    pub counter: String,
    /// The counter's value.
    pub value: i64,
    /// The date it was read.
    pub read_on: NaiveDate,
    /// Manual, automatic or estimated.
    pub source: ReadingSource,
    /// The counter was reset (board replaced...), so a lower value is expected.
    pub is_reset: bool,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<MeterReading> {
    let source: String = r.get(5)?;
    Ok(MeterReading {
        id: r.get(0)?,
        device_id: r.get(1)?,
        counter: r.get(2)?,
        value: r.get(3)?,
        read_on: r.get(4)?,
        source: ReadingSource::parse(&source)
            .ok_or_else(|| corrupt("meter_readings.source", source.clone()))?,
    })
}

/// One reading by id, inside a transaction.
pub(crate) fn load(conn: &rusqlite::Connection, id: i64) -> Result<MeterReading> {
    Ok(conn.query_row(
        "SELECT id, device_id, counter, value, read_on, source FROM meter_readings WHERE id = ?1",
        [id],
        from_row,
    )?)
}

/// Checks a reading against its neighbours (see [`Store::add_reading`]), writes it and
/// logs it, inside the caller's transaction.
pub(crate) fn insert_checked(
    tx: &rusqlite::Connection,
    input: &ReadingInput,
    now: DateTime<Utc>,
) -> Result<MeterReading> {
    let counter = input.counter.trim();
    if counter.is_empty() {
        return Err(canon_desk_core::Error::Required { field: "counter" }.into());
    }
    if input.value < 0 {
        return Err(canon_desk_core::Error::Invalid {
            field: "value",
            reason: "negative".into(),
        }
        .into());
    }
    let previous: Option<i64> = tx
        .query_row(
            "SELECT value FROM meter_readings WHERE device_id = ?1 AND counter = ?2 AND read_on <= ?3
             AND deleted_at IS NULL ORDER BY read_on DESC, id DESC LIMIT 1",
            params![input.device_id, counter, input.read_on],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(previous) = previous.filter(|p| input.value < *p && !input.is_reset) {
        return Err(canon_desk_core::Error::Invalid {
            field: "value",
            reason: format!("lower than the previous reading {previous}"),
        }
        .into());
    }
    // A back-dated reading must also fit below the next one, unless that next one
    // is where the counter was reset.
    let next: Option<(i64, bool)> = tx
        .query_row(
            "SELECT value, is_reset FROM meter_readings WHERE device_id = ?1 AND counter = ?2 AND read_on > ?3
             AND deleted_at IS NULL ORDER BY read_on ASC, id ASC LIMIT 1",
            params![input.device_id, counter, input.read_on],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((next, _)) = next.filter(|(n, reset)| input.value > *n && !reset) {
        return Err(canon_desk_core::Error::Invalid {
            field: "value",
            reason: format!("higher than the later reading {next}"),
        }
        .into());
    }
    tx.execute(
        "INSERT INTO meter_readings (device_id, counter, value, read_on, source, is_reset, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![input.device_id, counter, input.value, input.read_on, input.source.as_str(), input.is_reset, ts(now)],
    )?;
    let reading = load(tx, tx.last_insert_rowid())?;
    audit::record(
        tx,
        now,
        "meter_reading",
        reading.id,
        Action::Create,
        None,
        Some(&reading),
    )?;
    Ok(reading)
}

impl Store {
    /// A device's readings, newest first.
    pub fn list_readings(&self, device_id: i64) -> Result<Vec<MeterReading>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, device_id, counter, value, read_on, source FROM meter_readings
             WHERE device_id = ?1 AND deleted_at IS NULL ORDER BY read_on DESC, id DESC",
        )?;
        let rows = stmt.query_map([device_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a reading. A value lower than the one before it (by date) for the same
    /// counter is refused unless the user says the counter was reset, and so is a
    /// back-dated value higher than the one after it (unless that one is a reset),
    /// because a typo there would otherwise reach Canon as a negative consumption.
    pub fn add_reading(
        &mut self,
        input: &ReadingInput,
        now: DateTime<Utc>,
    ) -> Result<MeterReading> {
        let tx = self.conn.savepoint()?;
        let reading = insert_checked(&tx, input, now)?;
        tx.commit()?;
        Ok(reading)
    }

    /// Takes back a reading typed wrong: it leaves the device's readings and the
    /// checks of later ones, and stays in the history; [`Store::restore_reading`]
    /// undoes it.
    pub fn delete_reading(&mut self, id: i64, now: DateTime<Utc>) -> Result<MeterReading> {
        self.toggle_reading(id, true, now)
    }

    /// Undoes [`Store::delete_reading`]. The reading comes back as it was, even if
    /// readings added since would not have let it in: it was there first.
    pub fn restore_reading(&mut self, id: i64, now: DateTime<Utc>) -> Result<MeterReading> {
        self.toggle_reading(id, false, now)
    }

    fn toggle_reading(
        &mut self,
        id: i64,
        delete: bool,
        now: DateTime<Utc>,
    ) -> Result<MeterReading> {
        const READINGS: Soft = Soft {
            table: "meter_readings",
            column: "deleted_at",
            entity: "meter_reading",
        };
        let tx = self.conn.savepoint()?;
        let reading = toggle_deleted(&tx, READINGS, id, delete, now, load)?;
        tx.commit()?;
        Ok(reading)
    }

    /// How many readings the record holds.
    pub fn count_readings(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM meter_readings WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}
