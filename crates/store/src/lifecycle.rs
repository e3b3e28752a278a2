//! Status changes, soft deletion and undo of devices and sites.
//!
//! Nothing the record refers to is ever removed: deletion stamps `deleted_at` (sites:
//! `archived_at`), so readings, contracts and requests keep pointing at a real row,
//! and undo clears the stamp. Both land in the audit log like any other change.

use canon_desk_core::device::DeviceStatus;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::audit::{self, Action};
use crate::{ts, Error, Result, Site, Store};

/// Where a kind of record keeps its soft-deletion stamp.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Soft {
    /// The table.
    pub table: &'static str,
    /// The column holding the deletion instant.
    pub column: &'static str,
    /// The entity name in the audit log.
    pub entity: &'static str,
}

const DEVICES: Soft = Soft {
    table: "devices",
    column: "deleted_at",
    entity: "device",
};
const SITES: Soft = Soft {
    table: "sites",
    column: "archived_at",
    entity: "site",
};

/// Stamps or clears the soft-deletion column of one row and records it, refusing to
/// delete what is already deleted or restore what is not.
pub(crate) fn toggle_deleted<T: Serialize>(
    conn: &Connection,
    soft: Soft,
    id: i64,
    delete: bool,
    now: DateTime<Utc>,
    load: impl Fn(&Connection, i64) -> Result<T>,
) -> Result<T> {
    let Soft {
        table,
        column,
        entity,
    } = soft;
    let stamp: Option<Option<String>> = conn
        .query_row(
            &format!("SELECT {column} FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(stamp) = stamp else {
        return Err(Error::NotFound { entity, id });
    };
    match (delete, stamp.is_some()) {
        (true, true) => {
            return Err(Error::InvalidTransition {
                from: "deleted",
                to: "deleted",
            })
        }
        (false, false) => {
            return Err(Error::InvalidTransition {
                from: "present",
                to: "restored",
            })
        }
        _ => {}
    }
    let record = load(conn, id)?;
    let value = delete.then(|| ts(now));
    conn.execute(
        &format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"),
        params![id, value],
    )?;
    if delete {
        audit::record(conn, now, entity, id, Action::Delete, Some(&record), None)?;
        Ok(record)
    } else {
        let after = load(conn, id)?;
        audit::record(conn, now, entity, id, Action::Restore, None, Some(&after))?;
        Ok(after)
    }
}

fn load_site(conn: &Connection, id: i64) -> Result<Site> {
    conn.query_row(
        "SELECT id, name, address, postal_code, city, country FROM sites WHERE id = ?1",
        [id],
        |r| {
            Ok(Site {
                id: r.get(0)?,
                name: r.get(1)?,
                address: r.get(2)?,
                postal_code: r.get(3)?,
                city: r.get(4)?,
                country: r.get(5)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound { entity: "site", id })
}

impl Store {
    /// Changes a device's status (active, moved, disposed); the history keeps the
    /// previous one.
    pub fn set_device_status(
        &mut self,
        id: i64,
        status: DeviceStatus,
        now: DateTime<Utc>,
    ) -> Result<crate::Device> {
        let before = self.device(id)?;
        let tx = self.conn.savepoint()?;
        tx.execute(
            "UPDATE devices SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), ts(now)],
        )?;
        let after = crate::devices::load(&tx, id)?;
        audit::record(
            &tx,
            now,
            "device",
            id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }

    /// Soft-deletes a device; its readings, contract links and documents stay.
    pub fn delete_device(&mut self, id: i64, now: DateTime<Utc>) -> Result<crate::Device> {
        let tx = self.conn.savepoint()?;
        let d = toggle_deleted(&tx, DEVICES, id, true, now, crate::devices::load)?;
        tx.commit()?;
        Ok(d)
    }

    /// Undoes [`Store::delete_device`]. A deleted device keeps its serial number taken,
    /// so restoring never collides with a device created since.
    pub fn restore_device(&mut self, id: i64, now: DateTime<Utc>) -> Result<crate::Device> {
        let tx = self.conn.savepoint()?;
        let d = toggle_deleted(&tx, DEVICES, id, false, now, crate::devices::load)?;
        tx.commit()?;
        Ok(d)
    }

    /// Soft-deleted devices, so the interface can offer to restore them.
    pub fn deleted_devices(&self) -> Result<Vec<crate::Device>> {
        crate::devices::deleted(&self.conn)
    }

    /// Archives a site; refused while devices that are not deleted stand there.
    pub fn delete_site(&mut self, id: i64, now: DateTime<Utc>) -> Result<Site> {
        let tx = self.conn.savepoint()?;
        let using: i64 = tx.query_row(
            "SELECT count(*) FROM devices WHERE site_id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
        if using > 0 {
            return Err(Error::InUse {
                entity: "site",
                id,
                reason: format!("{using} device(s) stand there"),
            });
        }
        let s = toggle_deleted(&tx, SITES, id, true, now, load_site)?;
        tx.commit()?;
        Ok(s)
    }

    /// Undoes [`Store::delete_site`].
    pub fn restore_site(&mut self, id: i64, now: DateTime<Utc>) -> Result<Site> {
        let tx = self.conn.savepoint()?;
        let s = toggle_deleted(&tx, SITES, id, false, now, load_site)?;
        tx.commit()?;
        Ok(s)
    }
}
