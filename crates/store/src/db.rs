//! Opening the database: pragmas, the copy taken before migrating, migrations.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

use crate::{migrate, Result};

/// The record's `synchronous` setting: with WAL, a commit is durable across a crash
/// of the app; [`Store::durably`] raises it for one transaction.
const SYNCHRONOUS: &str = "NORMAL";

/// The local record: one SQLite connection with the app's pragmas applied.
///
/// A `Store` is not shared between threads by itself; the application wraps it in a
/// mutex, which is plenty for one desktop user and keeps SQLite's locking simple.
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings it to the current
    /// schema. When the file already holds data at an older schema version, a copy is
    /// written beside it first (`<file>.pre-migration-v<from>.bak`) so a failed or
    /// unwanted upgrade can always be undone by hand.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, migrate::MIGRATIONS)
    }

    /// [`Store::open`] with a given list of migrations, so the upgrade path can be
    /// tested before a second real migration exists.
    pub(crate) fn open_with(path: &Path, migrations: &[(&str, &str)]) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let is_new = std::fs::metadata(path).map_or(true, |m| m.len() == 0);
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // WAL lets the reminder task read while the window writes; NORMAL is durable
        // across application crashes, which is the failure a desktop app sees most
        // (a power cut may take back the last commits, never corrupt the file; the
        // one write that must survive it too goes through `durably`).
        // 16 KB pages: a 10,000-row import writes a third fewer B-tree pages than
        // with 4 KB ones (bench: 122 ms down to 98 ms). Only a new file takes it (it
        // must come before WAL). An existing file keeps its page size, and the
        // pragma is not even set on it: `VACUUM INTO` (backups, the copies taken
        // before a migration or a restore) would write the pending size, not the
        // file's, and a WAL file cannot take a backup of another page size.
        if is_new {
            conn.pragma_update(None, "page_size", 16_384)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", SYNCHRONOUS)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let from = migrate::current_version(&conn)?;
        if from > 0 && from < migrations.len() as i64 {
            let copy = backup_path(path, from);
            let _ = std::fs::remove_file(&copy);
            conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()])?;
        }
        migrate::run(&mut conn, migrations)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    /// Runs `action` (several writes making up one user action) as one transaction:
    /// everything it wrote is committed together when it returns `Ok`, and nothing
    /// of it when it returns an error or panics. Every write of the store is a
    /// savepoint, so each nests inside this one instead of committing on its own.
    pub fn atomically<T>(&mut self, action: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT user_action")?;
        let mut guard = Unwind {
            store: self,
            done: false,
        };
        let value = action(guard.store)?;
        guard.store.conn.execute_batch("RELEASE user_action")?;
        guard.done = true;
        Ok(value)
    }

    /// Runs `write` (one transaction of its own, not inside [`Store::atomically`])
    /// with `PRAGMA synchronous=FULL`, so its commit syncs the WAL to the disk before
    /// returning and survives a power cut, not only a crash of the app; the record's
    /// `NORMAL` comes back afterwards, whatever the outcome. It costs one sync per
    /// call (see ARCHITECTURE.md, "Durability"), so it is kept for a write whose loss
    /// would make the app repeat something outside the record: the sending claim.
    pub(crate) fn durably<T>(&mut self, write: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        let result = write(self);
        let restored = self.conn.pragma_update(None, "synchronous", SYNCHRONOUS);
        let value = result?;
        restored?;
        Ok(value)
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        migrate::current_version(&self.conn)
    }

    /// Whether a pragma is set as [`Store::open`] promises; used by tests and diagnostics.
    pub fn pragma(&self, name: &str) -> Result<String> {
        let value: rusqlite::types::Value =
            self.conn
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
        Ok(match value {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
    }
}

/// Rolls back [`Store::atomically`]'s savepoint unless it was released: on an
/// error, or a panic unwinding through the action.
struct Unwind<'a> {
    store: &'a mut Store,
    done: bool,
}

impl Drop for Unwind<'_> {
    fn drop(&mut self) {
        if !self.done {
            // A rollback that fails leaves the savepoint for the next one to undo;
            // nothing of the action is committed either way.
            let _ = self
                .store
                .conn
                .execute_batch("ROLLBACK TO user_action; RELEASE user_action");
        }
    }
}

/// Where the copy taken before migrating from version `from` goes.
pub fn backup_path(db: &Path, from: i64) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".pre-migration-v{from}.bak"));
    db.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: (&str, &str) = ("0001", "CREATE TABLE t (x INTEGER NOT NULL);");
    const V2: (&str, &str) = ("0002", "ALTER TABLE t ADD COLUMN y TEXT;");

    #[test]
    fn upgrading_takes_a_copy_first_and_keeps_data() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("desk.db");
        {
            let store = Store::open_with(&path, &[V1])?;
            store.conn.execute("INSERT INTO t (x) VALUES (41)", [])?;
            assert_eq!(
                store.schema_version()?,
                1,
                "a fresh file must be at version 1"
            );
        }
        assert!(
            !backup_path(&path, 1).exists(),
            "no copy is due when nothing is migrated"
        );
        let store = Store::open_with(&path, &[V1, V2])?;
        assert_eq!(
            store.schema_version()?,
            2,
            "the second migration did not run"
        );
        let copy = backup_path(&path, 1);
        assert!(
            copy.exists(),
            "no copy was taken before migrating: {copy:?} is missing"
        );
        let old = Connection::open(&copy)?;
        let (x, version): (i64, i64) = old.query_row(
            "SELECT (SELECT x FROM t), (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        assert_eq!(
            (x, version),
            (41, 1),
            "the copy must hold the data at the old version"
        );
        Ok(())
    }

    #[test]
    fn a_newer_database_is_refused_untouched() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("desk.db");
        drop(Store::open_with(&path, &[V1, V2])?);
        let err = Store::open_with(&path, &[V1]).err();
        assert!(
            matches!(
                err,
                Some(crate::Error::TooNew {
                    found: 2,
                    supported: 1
                })
            ),
            "opening a newer file must fail with TooNew, got {err:?}"
        );
        Ok(())
    }

    #[test]
    fn pragmas_are_set() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(&dir.path().join("desk.db"))?;
        assert_eq!(
            store.pragma("journal_mode")?,
            "wal",
            "journal mode must be WAL"
        );
        assert_eq!(
            store.pragma("foreign_keys")?,
            "1",
            "foreign keys must be enforced"
        );
        assert_eq!(
            store.pragma("synchronous")?,
            "1",
            "synchronous must be NORMAL (1)"
        );
        assert_eq!(
            store.pragma("page_size")?,
            "16384",
            "a new file must use 16 KB pages"
        );
        Ok(())
    }
}
