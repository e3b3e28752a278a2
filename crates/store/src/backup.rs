//! Full backup and restore: one zip file holding a consistent copy of the database
//! (`VACUUM INTO`) and every document under its hash.
//!
//! Restore checks the whole archive before touching anything: only the three kinds
//! of entry a backup contains are accepted, documents must hash to their names, and
//! the database must open, migrate and pass SQLite's integrity check. The current
//! database is copied aside first, then replaced in place through SQLite's online
//! backup API, so the open connection stays valid and nothing is written outside
//! the data directory.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::documents::{is_hash, place, relative};
use crate::{ts, Error, Result, Store};

const DB_ENTRY: &str = "canon-desk.db";
const MANIFEST: &str = "manifest.json";

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    /// The archive written.
    pub path: String,
    /// Documents included.
    pub documents: u32,
    /// The schema version of the database inside.
    pub schema_version: i64,
}

/// How far a restore has gone, in bytes unpacked from the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RestoreProgress {
    /// Bytes unpacked so far.
    pub done_bytes: i64,
    /// Bytes the archive holds in all (as its directory states them).
    pub total_bytes: i64,
}

/// The largest database a backup may hold: far above any real record (ten thousand
/// devices take a few megabytes), small enough that a "zip bomb" (a small archive
/// that unpacks to an enormous file) stops with a clear error instead of filling
/// the disk.
pub const MAX_DB_BYTES: u64 = 1 << 30;

/// How often progress is reported while a large entry is unpacked.
const PROGRESS_STEP: u64 = 4 << 20;

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RestoreSummary {
    /// Documents found in the archive.
    pub documents: u32,
    /// Where the database as it was before the restore was copied.
    pub previous_copy: String,
}

fn bad_archive(reason: impl Into<String>) -> Error {
    canon_desk_core::Error::Invalid {
        field: "archive",
        reason: reason.into(),
    }
    .into()
}

fn too_large_db(max: u64) -> Error {
    bad_archive(format!(
        "the database in the archive unpacks to more than {} MB",
        max >> 20
    ))
}

fn zip_err(e: zip::result::ZipError) -> Error {
    bad_archive(e.to_string())
}

/// The hash a `documents/ab/abcdef…` entry stands for, if that is its exact shape.
fn document_entry(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("documents/")?;
    let (dir, hash) = rest.split_once('/')?;
    (is_hash(hash) && hash.starts_with(dir) && dir.len() == 2).then_some(hash)
}

/// Every stored document file: `(hash, path)`.
fn stored_documents(docs_dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(docs_dir) else {
        return Ok(out);
    };
    for dir in dirs {
        let dir = dir?;
        if !dir.file_type()?.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(dir.path())? {
            let file = file?;
            let name = file.file_name().to_string_lossy().into_owned();
            if file.file_type()?.is_file() && is_hash(&name) {
                out.push((name, file.path()));
            }
        }
    }
    out.sort();
    Ok(out)
}

impl Store {
    /// Writes a backup of the database and the documents to `dest` (a `.zip`).
    pub fn create_backup(
        &self,
        docs_dir: &Path,
        dest: &Path,
        now: DateTime<Utc>,
    ) -> Result<BackupSummary> {
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let staging = tempfile::tempdir_in(dir)?;
        let copy = staging.path().join(DB_ENTRY);
        self.conn
            .execute("VACUUM INTO ?1", [copy.to_string_lossy()])?;
        let schema_version = self.schema_version()?;
        let documents = stored_documents(docs_dir)?;
        let tmp = tempfile::NamedTempFile::new_in(dir)?;
        let mut zip = zip::ZipWriter::new(tmp.reopen()?);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        let manifest = serde_json::json!({
            "format": 1, "schemaVersion": schema_version, "createdAt": ts(now),
            "documents": documents.len(),
        });
        zip.start_file(MANIFEST, options).map_err(zip_err)?;
        zip.write_all(manifest.to_string().as_bytes())?;
        zip.start_file(DB_ENTRY, options).map_err(zip_err)?;
        std::io::copy(&mut File::open(&copy)?, &mut zip)?;
        for (hash, path) in &documents {
            let name = format!("documents/{}/{hash}", &hash[..2]);
            zip.start_file(name, options).map_err(zip_err)?;
            std::io::copy(&mut File::open(path)?, &mut zip)?;
        }
        zip.finish().map_err(zip_err)?.sync_all()?;
        // Never over an existing file: the name was free when chosen, and a file
        // that appeared since is someone else's.
        tmp.persist_noclobber(dest)
            .map_err(|e| Error::Io(e.error))?;
        Ok(BackupSummary {
            path: dest.display().to_string(),
            documents: documents.len() as u32,
            schema_version,
        })
    }

    /// Replaces the database and adds the documents of a backup made by
    /// [`Store::create_backup`], after checking all of it; the current database is
    /// copied to `<db>.pre-restore-<instant>.bak` first.
    pub fn restore_backup(
        &mut self,
        docs_dir: &Path,
        archive: &Path,
        now: DateTime<Utc>,
    ) -> Result<RestoreSummary> {
        self.restore_backup_with_progress(docs_dir, archive, now, &mut |_| {})
    }

    /// [`Store::restore_backup`], telling `progress` how far it has gone. The archive
    /// is read from its file entry by entry, each streamed to disk in small chunks,
    /// so a backup of any size restores in a few megabytes of memory.
    pub fn restore_backup_with_progress(
        &mut self,
        docs_dir: &Path,
        archive: &Path,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(RestoreProgress),
    ) -> Result<RestoreSummary> {
        self.restore_limited(docs_dir, archive, now, progress, MAX_DB_BYTES)
    }

    fn restore_limited(
        &mut self,
        docs_dir: &Path,
        archive: &Path,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(RestoreProgress),
        max_db: u64,
    ) -> Result<RestoreSummary> {
        let mut zip = zip::ZipArchive::new(File::open(archive)?).map_err(zip_err)?;
        let mut has_db = false;
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(zip_err)?;
            let name = entry.name();
            let ok = name == MANIFEST
                || name == DB_ENTRY
                || name == "documents/"
                || (name.len() == 13 && name.starts_with("documents/") && name.ends_with('/'))
                || document_entry(name).is_some();
            if !ok || entry.is_symlink() {
                return Err(bad_archive(format!("unexpected entry {name:?}")));
            }
            if name == DB_ENTRY && entry.size() > max_db {
                return Err(too_large_db(max_db));
            }
            has_db |= name == DB_ENTRY;
            total = total.saturating_add(entry.size());
        }
        let mut done: u64 = 0;
        let mut report = |done: u64| {
            progress(RestoreProgress {
                done_bytes: i64::try_from(done).unwrap_or(i64::MAX),
                total_bytes: i64::try_from(total).unwrap_or(i64::MAX),
            });
        };
        report(0);
        if !has_db {
            return Err(bad_archive("no database in the archive"));
        }
        let db_dir = self.path().parent().unwrap_or(Path::new(".")).to_owned();
        let staging = tempfile::tempdir_in(&db_dir)?;
        let staged = staging.path().join(DB_ENTRY);
        {
            // The size the directory states may lie: the copy itself stops past the cap.
            let entry = zip.by_name(DB_ENTRY).map_err(zip_err)?;
            let copied = std::io::copy(&mut entry.take(max_db + 1), &mut File::create(&staged)?)?;
            if copied > max_db {
                return Err(too_large_db(max_db));
            }
            done += copied;
            report(done);
        }
        {
            // Opening migrates an older backup and refuses a newer one.
            let check = Store::open(&staged).map_err(|e| bad_archive(format!("database: {e}")))?;
            let verdict: String = check
                .conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if verdict != "ok" {
                return Err(bad_archive(format!("database integrity: {verdict}")));
            }
        }
        // SQLite's online backup cannot write into a WAL database of another page
        // size (SQLITE_READONLY): a backup made with 16 KB pages would never restore
        // into a record created with 4 KB ones, nor the reverse. The staged copy is
        // rewritten with the record's page size first.
        let live_page: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        {
            let staged_conn = rusqlite::Connection::open(&staged)?;
            let staged_page: i64 = staged_conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            if staged_page != live_page {
                staged_conn.pragma_update(None, "journal_mode", "DELETE")?;
                staged_conn.pragma_update(None, "page_size", live_page)?;
                staged_conn.execute_batch("VACUUM")?;
            }
        }
        // Every document is unpacked and checked against its hash before any is
        // placed: an archive refused on its last document leaves the documents
        // folder as it was (and is not left created when it did not exist).
        let created_docs_dir = !docs_dir.exists();
        let unpacked = (|| -> Result<Vec<(String, tempfile::NamedTempFile)>> {
            let mut verified = Vec::new();
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).map_err(zip_err)?;
                let Some(hash) = document_entry(entry.name()).map(str::to_owned) else {
                    continue;
                };
                std::fs::create_dir_all(docs_dir)?;
                let mut tmp = tempfile::NamedTempFile::new_in(docs_dir)?;
                let mut hasher = Sha256::new();
                let mut buf = vec![0u8; 64 * 1024];
                let mut since_report = 0;
                loop {
                    let n = entry.read(&mut buf)?;
                    if n == 0 {
                        break;
                    }
                    let chunk = buf.get(..n).unwrap_or_default();
                    hasher.update(chunk);
                    tmp.write_all(chunk)?;
                    done += n as u64;
                    since_report += n as u64;
                    if since_report >= PROGRESS_STEP {
                        since_report = 0;
                        report(done);
                    }
                }
                report(done);
                if hex::encode(hasher.finalize()) != hash {
                    return Err(bad_archive(format!(
                        "document {hash} does not match its hash"
                    )));
                }
                verified.push((hash, tmp));
            }
            Ok(verified)
        })();
        let verified = match unpacked {
            Ok(verified) => verified,
            Err(e) => {
                if created_docs_dir {
                    // Only when empty: the unpacked files were removed with their
                    // temporary handles.
                    let _ = std::fs::remove_dir(docs_dir);
                }
                return Err(e);
            }
        };
        let documents = verified.len() as u32;
        for (hash, tmp) in verified {
            if !docs_dir.join(relative(&hash)).exists() {
                place(docs_dir, &hash, tmp)?;
            }
        }
        let stamp = now.format("%Y%m%dT%H%M%S%.3fZ");
        let mut name = self
            .path()
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(format!(".pre-restore-{stamp}.bak"));
        let previous = self.path().with_file_name(name);
        self.conn
            .execute("VACUUM INTO ?1", [previous.to_string_lossy()])?;
        self.conn.restore(
            rusqlite::MAIN_DB,
            &staged,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        report(total);
        Ok(RestoreSummary {
            documents,
            previous_copy: previous.display().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_entry_past_the_cap_stops_the_restore() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let docs = dir.path().join("documents");
        let mut store = Store::open(&dir.path().join("desk.db"))?;
        // A "zip bomb": 4 MB of zeros deflate to a few kilobytes.
        let bomb = dir.path().join("bomb.zip");
        let mut zip = zip::ZipWriter::new(File::create(&bomb)?);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(DB_ENTRY, options).map_err(zip_err)?;
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..4 {
            zip.write_all(&zeros)?;
        }
        zip.finish().map_err(zip_err)?;
        let now = chrono::DateTime::<Utc>::UNIX_EPOCH;
        let err = store
            .restore_limited(&docs, &bomb, now, &mut |_| {}, 1 << 20)
            .err();
        assert!(
            matches!(&err, Some(Error::Domain(canon_desk_core::Error::Invalid { field: "archive", reason }))
                if reason.contains("more than 1 MB")),
            "a database entry past the cap must be refused as a bad archive: {err:?}"
        );
        let staged_left = std::fs::read_dir(dir.path())?
            .flatten()
            .any(|e| e.file_type().is_ok_and(|t| t.is_dir()) && e.file_name() != "documents");
        assert!(!staged_left, "nothing unpacked may be left behind");
        Ok(())
    }
}
