//! Documents attached to records, stored under their content hash.
//!
//! A file is copied to `<documents>/ab/abcdef…` where `abcdef…` is its SHA-256, so
//! the same file attached twice is stored once. The name the user knows it by is only
//! a label in the database and never part of a path, and every path handed out is
//! checked to resolve inside the documents directory, so neither a crafted name nor
//! a symbolic link can make the app read or write elsewhere.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::lifecycle::{toggle_deleted, Soft};
use crate::{audit, ts, Error, Result, Store};

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// French company registration extract.
    Kbis,
    /// VAT registration certificate.
    VatCertificate,
    /// An invoice.
    Invoice,
    /// A meter-reading page.
    MeterReadingPage,
    /// A message sent or received.
    Email,
    /// Anything else.
    Other,
}

/// Which kind of record a document is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DocumentEntity {
    /// The organisation.
    Organisation,
    /// A site.
    Site,
    /// A device.
    Device,
    /// A contract.
    Contract,
    /// A request to Canon.
    Request,
}

const KINDS: [(DocumentKind, &str); 6] = [
    (DocumentKind::Kbis, "kbis"),
    (DocumentKind::VatCertificate, "vat_certificate"),
    (DocumentKind::Invoice, "invoice"),
    (DocumentKind::MeterReadingPage, "meter_reading_page"),
    (DocumentKind::Email, "email"),
    (DocumentKind::Other, "other"),
];

const ENTITIES: [(DocumentEntity, &str, &str); 5] = [
    (DocumentEntity::Organisation, "organisation", "organisation"),
    (DocumentEntity::Site, "site", "sites"),
    (DocumentEntity::Device, "device", "devices"),
    (DocumentEntity::Contract, "contract", "contracts"),
    (DocumentEntity::Request, "request", "requests"),
];

/// Whether `name` is the stored name of a kind.
pub(crate) fn is_kind(name: &str) -> bool {
    KINDS.iter().any(|(_, s)| *s == name)
}

fn kind_str(k: DocumentKind) -> &'static str {
    KINDS
        .iter()
        .find(|(x, _)| *x == k)
        .map_or("other", |(_, s)| s)
}

fn entity_names(e: DocumentEntity) -> (&'static str, &'static str) {
    ENTITIES
        .iter()
        .find(|(x, _, _)| *x == e)
        .map_or(("organisation", "organisation"), |(_, n, t)| (n, t))
}

/// A document attached to a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// Row id.
    pub id: i64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// The label shown to the user (the original file name, sanitised).
    pub file_name: String,
    /// What it is.
    pub kind: DocumentKind,
    /// Size in bytes.
    pub size_bytes: i64,
    /// The kind of record it belongs to.
    pub entity: DocumentEntity,
    /// The record's id.
    pub entity_id: i64,
    /// When it was deleted, if it was.
    pub deleted_at: Option<String>,
    /// When it was attached.
    pub created_at: String,
}

const SELECT: &str = "SELECT id, sha256, file_name, kind, size_bytes, entity, entity_id, deleted_at, created_at FROM documents";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Document> {
    let kind: String = r.get(3)?;
    let entity: String = r.get(5)?;
    Ok(Document {
        id: r.get(0)?,
        sha256: r.get(1)?,
        file_name: r.get(2)?,
        kind: KINDS
            .iter()
            .find(|(_, s)| *s == kind)
            .map_or(DocumentKind::Other, |(k, _)| *k),
        size_bytes: r.get(4)?,
        entity: ENTITIES
            .iter()
            .find(|(_, s, _)| *s == entity)
            .map_or(DocumentEntity::Organisation, |(e, _, _)| *e),
        entity_id: r.get(6)?,
        deleted_at: r.get(7)?,
        created_at: r.get(8)?,
    })
}

fn load(conn: &Connection, id: i64) -> Result<Document> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: "document",
            id,
        })
}

/// Whether `s` is a SHA-256 in lowercase hex, the only shape used in a stored path.
pub(crate) fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The relative place of a content hash: `ab/abcdef…`.
pub(crate) fn relative(hash: &str) -> PathBuf {
    Path::new(&hash[..2]).join(hash)
}

/// Keeps only what is safe to show as a label: the last path component, without
/// control characters or separators, at most 200 characters.
pub fn sanitise_label(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | ':' | '\0'))
        .take(200)
        .collect();
    let clean = clean.trim().trim_start_matches('.').trim().to_owned();
    if clean.is_empty() {
        "document".to_owned()
    } else {
        clean
    }
}

fn unsafe_path(reason: &str) -> Error {
    canon_desk_core::Error::Invalid {
        field: "path",
        reason: reason.into(),
    }
    .into()
}

/// Copies `source` into the documents directory under its hash, returning the hash
/// and size. The copy goes through a temporary file in the same directory and is
/// renamed into place, so a crash never leaves a half file under a valid hash.
pub(crate) fn store_file(docs_dir: &Path, source: &Path) -> Result<(String, i64)> {
    let meta = std::fs::symlink_metadata(source)?;
    if meta.file_type().is_symlink() || !meta.is_file() {
        return Err(unsafe_path("not a regular file (links are refused)"));
    }
    std::fs::create_dir_all(docs_dir)?;
    let mut input = File::open(source)?;
    let mut tmp = tempfile::NamedTempFile::new_in(docs_dir)?;
    let mut hasher = Sha256::new();
    let mut size: i64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = buf.get(..n).unwrap_or_default();
        hasher.update(chunk);
        tmp.write_all(chunk)?;
        size += n as i64;
    }
    let hash = hex::encode(hasher.finalize());
    place(docs_dir, &hash, tmp)?;
    Ok((hash, size))
}

/// Moves a finished temporary file to its hash's place, unless it is already there.
pub(crate) fn place(docs_dir: &Path, hash: &str, tmp: tempfile::NamedTempFile) -> Result<()> {
    let dest = docs_dir.join(relative(hash));
    let parent = docs_dir.join(&hash[..2]);
    std::fs::create_dir_all(&parent)?;
    ensure_inside(docs_dir, &parent)?;
    if !dest.exists() {
        tmp.persist(&dest).map_err(|e| Error::Io(e.error))?;
    }
    Ok(())
}

/// Copies `source` into the documents directory under its content hash, without
/// attaching it to a record yet, and returns the hash and size. A request's
/// attachments are stored this way when they are chosen, and become documents of the
/// request when it is created (see [`Store::create_request`]).
pub fn store_blob(docs_dir: &Path, source: &Path) -> Result<(String, i64)> {
    store_file(docs_dir, source)
}

/// Writes `bytes` into the documents directory under their content hash, without
/// attaching them to a record yet, and returns the hash and size. The exact message
/// a request sends is stored this way before it goes (see
/// [`Store::record_sent_email`]).
pub fn store_bytes(docs_dir: &Path, bytes: &[u8]) -> Result<(String, i64)> {
    std::fs::create_dir_all(docs_dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(docs_dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    let hash = hex::encode(Sha256::digest(bytes));
    place(docs_dir, &hash, tmp)?;
    Ok((hash, i64::try_from(bytes.len()).unwrap_or(i64::MAX)))
}

/// The stored file of the content `hash`, checked to be a hash, to lie inside
/// `docs_dir` and to be a regular file. Anything else is refused as an invalid
/// `attachments` value: a hash is only ever a name for content already stored.
pub fn blob_path(docs_dir: &Path, hash: &str) -> Result<PathBuf> {
    let refused = |reason: &str| -> Error {
        canon_desk_core::Error::Invalid {
            field: "attachments",
            reason: reason.into(),
        }
        .into()
    };
    if !is_hash(hash) {
        return Err(refused("not a SHA-256 in lowercase hex"));
    }
    let candidate = docs_dir.join(relative(hash));
    if !candidate.is_file() {
        return Err(refused("no stored file has this content"));
    }
    let path = ensure_inside(docs_dir, &candidate)?;
    if !path.is_file() {
        return Err(refused("no stored file has this content"));
    }
    Ok(path)
}

/// Records the stored content `hash` as a document of a record, inside the caller's
/// transaction (the request that carries it is created in the same one).
#[allow(clippy::too_many_arguments)] // Each is a distinct, required fact of the document.
pub(crate) fn insert_blob_document(
    conn: &Connection,
    docs_dir: &Path,
    entity: DocumentEntity,
    entity_id: i64,
    hash: &str,
    label: &str,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<Document> {
    if !is_kind(kind) {
        return Err(canon_desk_core::Error::Invalid {
            field: "attachments",
            reason: format!("unknown document kind {kind:?}"),
        }
        .into());
    }
    let path = blob_path(docs_dir, hash)?;
    let size = i64::try_from(std::fs::metadata(&path)?.len()).unwrap_or(i64::MAX);
    insert_row(
        conn,
        hash,
        label,
        kind,
        size,
        entity_names(entity).0,
        entity_id,
        now,
    )
}

/// Inserts one document row and its audit entry, inside the caller's transaction.
#[allow(clippy::too_many_arguments)] // Each is a distinct, required fact of the document.
fn insert_row(
    conn: &Connection,
    hash: &str,
    label: &str,
    kind: &str,
    size: i64,
    entity: &str,
    entity_id: i64,
    now: DateTime<Utc>,
) -> Result<Document> {
    conn.execute(
        "INSERT INTO documents (sha256, file_name, kind, size_bytes, entity, entity_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            hash,
            sanitise_label(label),
            kind,
            size,
            entity,
            entity_id,
            ts(now)
        ],
    )?;
    let id = conn.last_insert_rowid();
    let doc = load(conn, id)?;
    audit::record(
        conn,
        now,
        "document",
        id,
        audit::Action::Create,
        None,
        Some(&doc),
    )?;
    Ok(doc)
}

/// Fails unless `path` resolves (links followed) inside `root`.
fn ensure_inside(root: &Path, path: &Path) -> Result<PathBuf> {
    let root = root.canonicalize()?;
    let resolved = path.canonicalize()?;
    if resolved.starts_with(&root) {
        Ok(resolved)
    } else {
        Err(unsafe_path("resolves outside the documents directory"))
    }
}

impl Store {
    /// Attaches a copy of `source` to a record. `label` is the name shown (sanitised);
    /// attaching the same content to the same record again returns the existing one.
    #[allow(clippy::too_many_arguments)] // Each is a distinct, required fact of the attachment.
    pub fn add_document(
        &mut self,
        docs_dir: &Path,
        entity: DocumentEntity,
        entity_id: i64,
        source: &Path,
        label: &str,
        kind: DocumentKind,
        now: DateTime<Utc>,
    ) -> Result<Document> {
        let (name, table) = entity_names(entity);
        let exists: bool = self.conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [entity_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::NotFound {
                entity: name,
                id: entity_id,
            });
        }
        let (hash, size) = store_file(docs_dir, source)?;
        let tx = self.conn.savepoint()?;
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM documents WHERE entity = ?1 AND entity_id = ?2 AND sha256 = ?3
                 AND deleted_at IS NULL",
                params![name, entity_id, hash],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return load(&tx, id);
        }
        let doc = insert_row(
            &tx,
            &hash,
            label,
            kind_str(kind),
            size,
            name,
            entity_id,
            now,
        )?;
        tx.commit()?;
        Ok(doc)
    }

    /// Documents attached to a record (deleted ones left out), newest first.
    pub fn list_documents(&self, entity: DocumentEntity, entity_id: i64) -> Result<Vec<Document>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE entity = ?1 AND entity_id = ?2 AND deleted_at IS NULL ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map(params![entity_names(entity).0, entity_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One document by id.
    pub fn document(&self, id: i64) -> Result<Document> {
        load(&self.conn, id)
    }

    /// The file of a document, resolved and checked to lie inside `docs_dir`, for the
    /// system viewer to open.
    pub fn document_path(&self, docs_dir: &Path, id: i64) -> Result<PathBuf> {
        let doc = load(&self.conn, id)?;
        if !is_hash(&doc.sha256) {
            return Err(Error::Corrupt {
                column: "documents.sha256",
                value: doc.sha256,
            });
        }
        let path = ensure_inside(docs_dir, &docs_dir.join(relative(&doc.sha256)))?;
        if !path.is_file() {
            return Err(unsafe_path("not a regular file"));
        }
        Ok(path)
    }

    /// Soft-deletes a document; its file stays so the deletion can be undone.
    pub fn delete_document(&mut self, id: i64, now: DateTime<Utc>) -> Result<Document> {
        self.toggle_document(id, true, now)
    }

    /// Undoes [`Store::delete_document`].
    pub fn restore_document(&mut self, id: i64, now: DateTime<Utc>) -> Result<Document> {
        self.toggle_document(id, false, now)
    }

    fn toggle_document(&mut self, id: i64, delete: bool, now: DateTime<Utc>) -> Result<Document> {
        const DOCS: Soft = Soft {
            table: "documents",
            column: "deleted_at",
            entity: "document",
        };
        let tx = self.conn.savepoint()?;
        let d = toggle_deleted(&tx, DOCS, id, delete, now, load)?;
        tx.commit()?;
        Ok(d)
    }
}

/// Every content hash the record still points at: documents (deleted ones too, since
/// a deletion can be undone), the messages requests sent, and any hash named in a
/// request's attachments.
fn referenced_hashes(conn: &Connection) -> Result<std::collections::HashSet<String>> {
    let mut out = std::collections::HashSet::new();
    // One query per column, so a copy at an older schema (no attachments yet) still
    // gives what it has.
    for sql in [
        "SELECT sha256 FROM documents",
        "SELECT eml_sha256 FROM requests WHERE eml_sha256 IS NOT NULL",
        "SELECT attachments_json FROM requests",
    ] {
        let mut stmt = match conn.prepare(sql) {
            Ok(stmt) => stmt,
            Err(rusqlite::Error::SqliteFailure(_, Some(m)))
                if m.contains("no such table") || m.contains("no such column") =>
            {
                continue
            }
            Err(e) => return Err(e.into()),
        };
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let text: String = row.get(0)?;
            // A hash itself, or a JSON text that may name some: every 64-hex run counts.
            for word in text.split(|c: char| !c.is_ascii_hexdigit()) {
                if is_hash(word) {
                    out.insert(word.to_owned());
                }
            }
        }
    }
    Ok(out)
}

/// The copies of the record kept beside it (`<db>.pre-restore-*.bak`,
/// `<db>.pre-migration-v*.bak`): going back to one must find its documents.
fn kept_copies(db: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(name)) = (db.parent(), db.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.strip_prefix(name).is_some_and(|rest| {
                    (rest.starts_with(".pre-restore-") || rest.starts_with(".pre-migration-v"))
                        && rest.ends_with(".bak")
                })
            })
        })
        .collect()
}

impl Store {
    /// Removes from `docs_dir` the stored files nothing in the record points at and
    /// that were last written before `written_before`: a file chosen in a wizard that
    /// was then cancelled, a message written before a delivery that failed. Only
    /// files shaped like the store's own (`ab/<sha256>`) are considered; anything
    /// else in the folder is left alone, and so is every file a copy of the record
    /// kept beside it (before a restore or a migration) points at. Returns how many
    /// files were removed.
    pub fn sweep_unreferenced_documents(
        &self,
        docs_dir: &Path,
        written_before: std::time::SystemTime,
    ) -> Result<usize> {
        let mut keep = referenced_hashes(&self.conn)?;
        // What the kept copies point at stays too; a copy that cannot be read stops
        // the sweep (a file it needs might go), which is tried again next start.
        for copy in kept_copies(self.path()) {
            let conn = Connection::open_with_flags(
                &copy,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            keep.extend(referenced_hashes(&conn)?);
        }
        let Ok(shards) = std::fs::read_dir(docs_dir) else {
            return Ok(0);
        };
        let mut removed = 0;
        for shard in shards.flatten() {
            let prefix = shard.file_name();
            let Some(prefix) = prefix.to_str().filter(|p| p.len() == 2) else {
                continue;
            };
            let Ok(files) = std::fs::read_dir(shard.path()) else {
                continue;
            };
            for file in files.flatten() {
                let name = file.file_name();
                let Some(hash) = name.to_str() else { continue };
                if !is_hash(hash) || !hash.starts_with(prefix) || keep.contains(hash) {
                    continue;
                }
                let old = file
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t < written_before);
                if old && file.file_type().is_ok_and(|t| t.is_file()) {
                    // One that cannot be removed now (held open elsewhere) is tried
                    // again next time.
                    if std::fs::remove_file(file.path()).is_ok() {
                        removed += 1;
                    }
                }
            }
        }
        Ok(removed)
    }
}
