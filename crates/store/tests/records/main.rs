//! The store against a real SQLite file: schema, audit log, readings rule.

use canon_desk_core::device::{DeviceKind, MeterTransmission, Ownership};
use canon_desk_store::{
    DeviceInput, DocumentEntity, DocumentKind, Error, MeterReading, ReadingInput, ReadingSource,
    Store, SCHEMA_VERSION,
};
use chrono::{NaiveDate, TimeZone, Utc};

mod calendar;
mod cps;
mod csv_safety;
mod full;
mod pages;
mod pickers;
mod reminders;
mod restore;
mod upgrades;

pub(crate) type TestResult = Result<(), Box<dyn std::error::Error>>;

pub(crate) fn printer(serial: &str) -> DeviceInput {
    DeviceInput {
        serial: serial.into(),
        model: "i-SENSYS LBP722Cdw".into(),
        kind: DeviceKind::Printer,
        site_id: None,
        ownership: Ownership::Owned,
        installed_on: NaiveDate::from_ymd_opt(2024, 5, 2),
        meter_transmission: MeterTransmission::Manual,
        notes: "2nd floor".into(),
    }
}

/// A site with only a name.
pub(crate) fn named_site(name: &str) -> canon_desk_store::SiteInput {
    canon_desk_store::SiteInput {
        name: name.into(),
        address: String::new(),
        postal_code: String::new(),
        city: String::new(),
        country: "fr".into(),
    }
}

pub(crate) fn at(day: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

#[test]
fn a_new_file_is_at_the_current_schema() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = Store::open(&dir.path().join("a.db"))?;
    assert_eq!(
        store.schema_version()?,
        SCHEMA_VERSION,
        "a new database must be fully migrated"
    );
    assert_eq!(store.count_devices()?, 0, "a new database must be empty");
    Ok(())
}

#[test]
fn changes_land_in_the_audit_log() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let device = store.create_device(&printer("PX1"), at(1))?;
    store.update_device(
        device.id,
        &DeviceInput {
            notes: "moved to 3rd".into(),
            ..printer("PX1")
        },
        at(2),
    )?;
    let history = store.history("device", device.id)?;
    let actions: Vec<_> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(
        actions,
        ["create", "update"],
        "the history should show the creation then the edit"
    );
    let last = &history[1];
    assert!(
        last.before
            .as_deref()
            .is_some_and(|b| b.contains("2nd floor"))
            && last
                .after
                .as_deref()
                .is_some_and(|a| a.contains("moved to 3rd")),
        "the update entry should keep the record before and after: {last:?}"
    );
    Ok(())
}

#[test]
fn a_device_history_holds_its_readings_and_documents() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("documents");
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let device = store.create_device(&printer("PX1"), at(1))?;
    let other = store.create_device(&printer("PX2"), at(1))?;
    store.add_reading(&black(device.id, 1200, 2, false), at(2))?;
    store.add_reading(&black(other.id, 99, 2, false), at(2))?;
    let src = dir.path().join("page.pdf");
    std::fs::write(&src, b"%PDF-1.4 meter page")?;
    let doc = store.add_document(
        &docs,
        DocumentEntity::Device,
        device.id,
        &src,
        "page.pdf",
        DocumentKind::MeterReadingPage,
        at(3),
    )?;
    store.add_document(
        &docs,
        DocumentEntity::Device,
        other.id,
        &src,
        "other.pdf",
        DocumentKind::Other,
        at(3),
    )?;
    store.delete_document(doc.id, at(4))?;
    store.restore_document(doc.id, at(5))?;

    let history = store.history("device", device.id)?;
    let seen: Vec<_> = history
        .iter()
        .map(|h| (h.entity.as_str(), h.action.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("device", "create"),
            ("meter_reading", "create"),
            ("document", "create"),
            ("document", "delete"),
            ("document", "restore"),
        ],
        "the device's history must hold its reading and its document, in order, and nothing of the other device"
    );
    assert!(
        history
            .get(1)
            .and_then(|h| h.after.as_deref())
            .is_some_and(|a| a.contains("1200")),
        "the reading's entry must carry its value: {history:?}"
    );
    let other_history = store.history("device", other.id)?;
    assert_eq!(
        other_history.len(),
        3,
        "the other device's history must hold its own creation, reading and document only: {other_history:?}"
    );
    Ok(())
}

/// A manual reading of the black counter on a day of November 2026.
fn black(device_id: i64, value: i64, day: u32, is_reset: bool) -> ReadingInput {
    ReadingInput {
        device_id,
        counter: "black".into(),
        value,
        read_on: NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default(),
        source: ReadingSource::Manual,
        is_reset,
    }
}

/// Whether a reading was refused on its value.
fn refused_on_value(result: &Result<MeterReading, Error>) -> bool {
    matches!(
        result,
        Err(Error::Domain(canon_desk_core::Error::Invalid {
            field: "value",
            ..
        }))
    )
}

#[test]
fn a_lower_reading_is_refused_unless_reset() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let device = store.create_device(&printer("PX2"), at(1))?;
    let reading = |value, day, is_reset| black(device.id, value, day, is_reset);
    store.add_reading(&reading(10_500, 1, false), at(1))?;
    let refused = store.add_reading(&reading(10_400, 2, false), at(2));
    assert!(
        refused_on_value(&refused),
        "a lower reading must be refused on the value field, got {refused:?}"
    );
    store.add_reading(&reading(12, 2, true), at(2))?;
    assert_eq!(
        store.list_readings(device.id)?.len(),
        2,
        "the refused reading must not be stored; the reset one must"
    );
    Ok(())
}

#[test]
fn a_back_dated_reading_must_fit_between_its_neighbours() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let device = store.create_device(&printer("PX3"), at(1))?;
    let reading = |value, day, is_reset| black(device.id, value, day, is_reset);
    store.add_reading(&reading(1_000, 1, false), at(1))?;
    store.add_reading(&reading(2_000, 20, false), at(20))?;
    let above_next = store.add_reading(&reading(2_500, 10, false), at(21));
    assert!(
        refused_on_value(&above_next),
        "a back-dated reading above the later one must be refused, got {above_next:?}"
    );
    store.add_reading(&reading(1_500, 10, false), at(21))?;
    // After a reset on the 25th, a reading before it may be higher than the reset's.
    store.add_reading(&reading(30, 25, true), at(25))?;
    store.add_reading(&reading(2_100, 22, false), at(26))?;
    assert_eq!(
        store.list_readings(device.id)?.len(),
        5,
        "the four fitting readings and the reset must be stored, the refused one not"
    );
    Ok(())
}

#[test]
fn the_database_refuses_values_the_app_could_not_read() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("a.db");
    drop(Store::open(&path)?);
    let raw = rusqlite::Connection::open(&path)?;
    let res = raw.execute(
        "INSERT INTO devices (serial, model, kind, ownership, meter_transmission, created_at, updated_at)
         VALUES ('Z1', 'm', 'fax', 'owned', 'manual', 'now', 'now')",
        [],
    );
    assert!(
        res.is_err(),
        "an unknown device kind must be refused by the schema itself"
    );
    Ok(())
}

#[test]
fn only_old_unreferenced_stored_files_are_swept() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("documents");
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let device = store.create_device(&printer("PX9"), at(1))?;
    let src = dir.path().join("kept.pdf");
    std::fs::write(&src, b"%PDF-1.4 kept")?;
    let kept = store.add_document(
        &docs,
        DocumentEntity::Device,
        device.id,
        &src,
        "kept.pdf",
        DocumentKind::Invoice,
        at(2),
    )?;
    // A deleted document can come back: its file stays.
    std::fs::write(&src, b"%PDF-1.4 deleted")?;
    let deleted = store.add_document(
        &docs,
        DocumentEntity::Device,
        device.id,
        &src,
        "deleted.pdf",
        DocumentKind::Invoice,
        at(2),
    )?;
    store.delete_document(deleted.id, at(3))?;

    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(30 * 86_400);
    let write = |hash: &str, old: bool| -> std::io::Result<std::path::PathBuf> {
        let path = docs.join(&hash[..2]).join(hash);
        std::fs::create_dir_all(path.parent().unwrap_or(&docs))?;
        let file = std::fs::File::create(&path)?;
        if old {
            file.set_modified(long_ago)?;
        }
        Ok(path)
    };
    let orphan = write(&"a".repeat(64), true)?;
    let fresh_orphan = write(&"b".repeat(64), false)?;
    let stranger = docs.join("ab").join("notes.txt");
    std::fs::create_dir_all(docs.join("ab"))?;
    std::fs::write(&stranger, b"not the store's")?;
    for doc in [&kept, &deleted] {
        std::fs::File::options()
            .write(true)
            .open(store.document_path(&docs, doc.id)?)?
            .set_modified(long_ago)?;
    }

    let cutoff = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86_400);
    let removed = store.sweep_unreferenced_documents(&docs, cutoff)?;
    assert_eq!(removed, 1, "only the old unreferenced file must go");
    assert!(
        !orphan.exists(),
        "an old file nothing points at must be removed"
    );
    assert!(
        fresh_orphan.exists(),
        "a recent unreferenced file may belong to an open wizard: kept"
    );
    assert!(
        stranger.exists(),
        "a file not shaped like the store's is left alone"
    );
    assert!(
        store.document_path(&docs, kept.id)?.exists(),
        "a document's file must stay"
    );
    assert!(
        store.document_path(&docs, deleted.id)?.exists(),
        "a deleted (undoable) document's file must stay"
    );
    Ok(())
}

#[test]
fn a_reading_typed_wrong_can_be_taken_back_and_restored() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let device = store.create_device(&printer("PX7"), at(1))?;
    store.add_reading(&black(device.id, 1_000, 1, false), at(1))?;
    // One zero too many: every later reading would be refused as lower.
    let typo = store.add_reading(&black(device.id, 120_000, 10, false), at(10))?;
    assert!(
        refused_on_value(&store.add_reading(&black(device.id, 12_500, 20, false), at(20))),
        "while the typo stands, the right value is refused as lower"
    );
    store.delete_reading(typo.id, at(21))?;
    assert!(
        store
            .list_readings(device.id)?
            .iter()
            .all(|r| r.id != typo.id),
        "a deleted reading leaves the device's readings"
    );
    store.add_reading(&black(device.id, 12_500, 20, false), at(22))?;
    let history = store.history("device", device.id)?;
    assert!(
        history
            .iter()
            .any(|h| h.entity == "meter_reading" && h.action == "delete"),
        "the deletion must be in the device's history: {history:?}"
    );
    let back = store.restore_reading(typo.id, at(23))?;
    assert_eq!(
        back.value, 120_000,
        "the restored reading is the one deleted"
    );
    assert_eq!(
        store.list_readings(device.id)?.len(),
        3,
        "after the undo the device has its three readings"
    );
    assert!(
        store.restore_reading(typo.id, at(24)).is_err(),
        "restoring a reading that is not deleted must be refused"
    );
    Ok(())
}
