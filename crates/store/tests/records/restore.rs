//! Restoring a backup whatever the page sizes of the backup and of the record, and
//! the copy kept before a restore keeping every document it points at.

use std::io::Write;
use std::path::{Path, PathBuf};

use canon_desk_store::{DocumentEntity, DocumentKind, Store};
use rusqlite::Connection;

use super::{at, printer, TestResult};

/// A record created with 4 KB pages, as every file made before the 16 KB change.
fn four_kb_store(path: &Path) -> Result<Store, Box<dyn std::error::Error>> {
    {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "page_size", 4096)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
    }
    let store = Store::open(path)?;
    assert_eq!(
        store.pragma("page_size")?,
        "4096",
        "the old record must keep its 4 KB pages"
    );
    Ok(store)
}

/// The page size of the database inside a backup.
fn page_size_in(archive: &Path, dir: &Path) -> Result<i64, Box<dyn std::error::Error>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(archive)?)?;
    let out = dir.join(format!(
        "inside-{}.db",
        archive.file_stem().and_then(|s| s.to_str()).unwrap_or("x")
    ));
    std::io::copy(
        &mut zip.by_name("canon-desk.db")?,
        &mut std::fs::File::create(&out)?,
    )?;
    let conn = Connection::open(&out)?;
    Ok(conn.query_row("PRAGMA page_size", [], |r| r.get(0))?)
}

/// A backup as an older Canon Desk wrote it: the database with 4 KB pages.
fn four_kb_backup(store_path: &Path, dir: &Path) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let copy = dir.join("old-pages.db");
    {
        let conn = Connection::open(store_path)?;
        conn.pragma_update(None, "page_size", 4096)?;
        conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()])?;
    }
    let archive = dir.join("old-backup.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&archive)?);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("manifest.json", options)?;
    zip.write_all(br#"{"format":1}"#)?;
    zip.start_file("canon-desk.db", options)?;
    std::io::copy(&mut std::fs::File::open(&copy)?, &mut zip)?;
    zip.finish()?;
    Ok(archive)
}

#[test]
fn a_record_with_4_kb_pages_restores_its_own_backup() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("documents");
    let mut store = four_kb_store(&dir.path().join("old.db"))?;
    let device = store.create_device(&printer("OLD4K"), at(1))?;
    let archive = dir.path().join("backup.zip");
    store.create_backup(&docs, &archive, at(2))?;
    assert_eq!(
        page_size_in(&archive, dir.path())?,
        4096,
        "a backup keeps the page size of the record it copies"
    );
    store.delete_device(device.id, at(3))?;
    let restored = store.restore_backup(&docs, &archive, at(4));
    assert!(
        restored.is_ok(),
        "a 4 KB record must restore its own backup: {restored:?}"
    );
    assert_eq!(store.count_devices()?, 1, "the device must be back");
    Ok(())
}

#[test]
fn backups_restore_across_page_sizes_both_ways() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("documents");
    // A 16 KB backup into a 4 KB record.
    let new_path = dir.path().join("new.db");
    let mut new = Store::open(&new_path)?;
    assert_eq!(
        new.pragma("page_size")?,
        "16384",
        "a new record has 16 KB pages"
    );
    new.create_device(&printer("NEW16K"), at(1))?;
    let new_backup = dir.path().join("new-backup.zip");
    new.create_backup(&docs, &new_backup, at(2))?;
    let mut old = four_kb_store(&dir.path().join("old.db"))?;
    old.create_device(&printer("OLD4K"), at(1))?;
    let restored = old.restore_backup(&docs, &new_backup, at(3));
    assert!(
        restored.is_ok(),
        "a 16 KB backup must restore into a 4 KB record: {restored:?}"
    );
    let serials: Vec<String> = old
        .list_devices(&Default::default())?
        .into_iter()
        .map(|d| d.serial)
        .collect();
    assert_eq!(
        serials,
        ["NEW16K"],
        "the 4 KB record must now hold the backup"
    );
    // A 4 KB backup (an older version's) into a 16 KB record.
    let other = dir.path().join("other.db");
    let mut source = four_kb_store(&other)?;
    source.create_device(&printer("FROM4K"), at(1))?;
    drop(source);
    let old_backup = four_kb_backup(&other, dir.path())?;
    assert_eq!(
        page_size_in(&old_backup, dir.path())?,
        4096,
        "the older backup has 4 KB pages"
    );
    let restored = new.restore_backup(&docs, &old_backup, at(4));
    assert!(
        restored.is_ok(),
        "a 4 KB backup must restore into a 16 KB record: {restored:?}"
    );
    let serials: Vec<String> = new
        .list_devices(&Default::default())?
        .into_iter()
        .map(|d| d.serial)
        .collect();
    assert_eq!(
        serials,
        ["FROM4K"],
        "the 16 KB record must now hold the older backup"
    );
    Ok(())
}

#[test]
fn the_copy_kept_before_a_restore_keeps_its_documents() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("documents");
    let path = dir.path().join("canon-desk.db");
    let mut store = Store::open(&path)?;
    let device = store.create_device(&printer("PX1"), at(1))?;
    let archive = dir.path().join("backup.zip");
    store.create_backup(&docs, &archive, at(2))?;
    // A scan added after the backup: only the record as it is now points at it.
    let src = dir.path().join("facture.pdf");
    std::fs::write(&src, b"%PDF facture 2026-117")?;
    let doc = store.add_document(
        &docs,
        DocumentEntity::Device,
        device.id,
        &src,
        "facture.pdf",
        DocumentKind::Invoice,
        at(3),
    )?;
    let restored = store.restore_backup(&docs, &archive, at(4))?;
    // The start-up sweep, with every file old enough to go.
    let far_future = std::time::SystemTime::now() + std::time::Duration::from_secs(30 * 86_400);
    store.sweep_unreferenced_documents(&docs, far_future)?;
    drop(store);
    let copy = Store::open(Path::new(&restored.previous_copy))?;
    let file = copy.document_path(&docs, doc.id);
    assert!(
        file.as_ref().is_ok_and(|f| f.exists()),
        "going back to the copy kept before the restore must find its document: {file:?}"
    );
    Ok(())
}

#[test]
fn a_backup_never_overwrites_an_existing_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("documents");
    let store = Store::open(&dir.path().join("canon-desk.db"))?;
    let dest = dir.path().join("canon-desk-backup.zip");
    std::fs::write(&dest, b"the user's own file")?;
    let result = store.create_backup(&docs, &dest, at(1));
    assert!(
        result.is_err(),
        "writing over an existing file must fail: {result:?}"
    );
    assert_eq!(
        std::fs::read(&dest)?,
        b"the user's own file",
        "the existing file must be left as it was"
    );
    Ok(())
}
