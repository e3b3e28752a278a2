//! Embedded, numbered, forward-only migrations.

use rusqlite::Connection;

use crate::{Error, Result};

/// The migrations, in order; the schema version is the number of migrations applied.
/// A migration is never edited once released: a change is a new file.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../migrations/0001_initial.sql"),
    ),
    (
        "0002_requests",
        include_str!("../migrations/0002_requests.sql"),
    ),
    (
        "0003_device_list",
        include_str!("../migrations/0003_device_list.sql"),
    ),
    (
        "0004_reading_deletion",
        include_str!("../migrations/0004_reading_deletion.sql"),
    ),
    (
        "0005_reminder_engine",
        include_str!("../migrations/0005_reminder_engine.sql"),
    ),
    ("0006_cps", include_str!("../migrations/0006_cps.sql")),
    (
        "0007_sending",
        include_str!("../migrations/0007_sending.sql"),
    ),
    (
        "0008_device_search_index",
        include_str!("../migrations/0008_device_search_index.sql"),
    ),
    (
        "0009_calendar",
        include_str!("../migrations/0009_calendar.sql"),
    ),
    (
        "0010_device_search_live",
        include_str!("../migrations/0010_device_search_live.sql"),
    ),
    (
        "0011_device_search_parts",
        include_str!("../migrations/0011_device_search_parts.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version recorded in the file (0 for a new database).
pub(crate) fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies every migration above the file's version, each in its own transaction
/// together with the version bump, so a crash leaves the file at a known version.
pub(crate) fn run(conn: &mut Connection, migrations: &[(&str, &str)]) -> Result<()> {
    let found = current_version(conn)?;
    let supported = migrations.len() as i64;
    if found > supported {
        return Err(Error::TooNew { found, supported });
    }
    for (index, (_name, sql)) in migrations.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
