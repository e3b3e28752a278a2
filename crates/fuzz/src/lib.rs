//! The checks each fuzz target runs on one input; the binaries in `src/bin` hand them
//! to AFL++ (cargo-afl), which keeps the inputs that reach new code and mutates them.
//! A panic, including a failed `assert!` of an invariant, is what AFL records as a
//! crash. `./x fuzz` builds the targets, writes their seed corpora (`seeds`), and runs
//! each for a million executions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use canon_desk_core::cps_subscription::{clean_po_number, normalize_membership_number};
use canon_desk_core::device::{normalize_serial, DeviceKind, MeterTransmission, Ownership};
use canon_desk_core::validate;
use canon_desk_store::{DeviceInput, Store};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// A validator as the fuzzer calls it: the input, and the normalised form it
/// returns when it accepts it.
type Validator = fn(&str) -> Option<String>;

/// Every validator of the core, in the order the input's first byte picks them.
pub const VALIDATORS: [(&str, Validator); 13] = [
    ("siren", |s| validate::siren(s).ok()),
    ("siret", |s| validate::siret(s).ok()),
    ("tva_fr", |s| validate::tva_fr(s).ok()),
    ("partita_iva", |s| validate::partita_iva(s).ok()),
    ("eu_vat", |s| validate::eu_vat(s).ok().map(|v| v.number)),
    ("iban", |s| validate::iban(s).ok().map(|v| v.electronic)),
    ("bic", |s| validate::bic(s).ok()),
    ("email", |s| validate::email(s).ok()),
    ("country", |s| validate::country(s).ok()),
    ("postal_code_fr", |s| validate::postal_code("FR", s).ok()),
    ("serial", |s| normalize_serial(s).ok()),
    ("po_number", |s| clean_po_number(Some(s)).ok().flatten()),
    ("membership_number", |s| normalize_membership_number(s).ok()),
];

/// One validator on one input: no panic, and a value it accepts is accepted again,
/// unchanged, in the normalised form it returned.
pub fn check_validator(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (name, validator) = VALIDATORS[usize::from(pick) % VALIDATORS.len()];
    let input = String::from_utf8_lossy(rest);
    let _ = validate::looks_personal(&input);
    if let Some(normal) = validator(&input) {
        let again = validator(&normal);
        assert_eq!(
            again.as_deref(),
            Some(normal.as_str()),
            "{name}: {input:?} was accepted as {normal:?}, which is not accepted unchanged"
        );
    }
}

/// The instant the targets write at.
pub fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A printer with this serial number.
pub fn device(serial: &str) -> DeviceInput {
    DeviceInput {
        serial: serial.into(),
        model: "i-SENSYS LBP722Cdw".into(),
        kind: DeviceKind::Printer,
        site_id: None,
        ownership: Ownership::Owned,
        installed_on: NaiveDate::from_ymd_opt(2024, 5, 2),
        meter_transmission: MeterTransmission::Manual,
        notes: String::new(),
    }
}

/// One CSV file imported into `store`: it either imports every row or reports its
/// problems, each with a line of the file and a field, and then writes nothing; the
/// preview finds the same problems. A store error is a failure.
pub fn check_csv_import(store: &mut Store, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let before = store.count_devices().expect("count before");
    let preview = store
        .preview_device_import(&text)
        .expect("the preview must report the file's problems, not fail");
    let report = store
        .import_devices(&text, at(1))
        .expect("the import must report the file's problems, not fail");
    let after = store.count_devices().expect("count after");
    assert_eq!(
        preview.errors, report.errors,
        "the preview and the import disagree"
    );
    let lines = text.split('\n').count() as u64 + 1;
    if report.errors.is_empty() {
        assert_eq!(
            report.imported, report.rows,
            "without problems every row is imported"
        );
        assert_eq!(
            after - before,
            i64::from(report.imported),
            "devices written"
        );
    } else {
        assert_eq!(report.imported, 0, "a file with problems imports nothing");
        assert_eq!(after, before, "a file with problems writes nothing");
        for e in &report.errors {
            assert!(
                e.line >= 1 && e.line <= lines && !e.field.is_empty(),
                "problem {e:?} in a {lines}-line file"
            );
        }
    }
}

/// Every file under `dir` with its size and modification time.
pub fn listing(dir: &Path) -> BTreeMap<PathBuf, (u64, Option<std::time::SystemTime>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            match entry.metadata() {
                Ok(m) if m.is_dir() => {
                    out.insert(path.clone(), (0, None));
                    stack.push(path);
                }
                Ok(m) => {
                    out.insert(path, (m.len(), m.modified().ok()));
                }
                Err(_) => {}
            }
        }
    }
    out
}

/// Where the restore target works: the record in `data`, the archive in `inbox`.
pub struct RestoreBench {
    pub root: tempfile::TempDir,
    pub store: Store,
    pub restores: u32,
}

impl RestoreBench {
    pub fn new() -> RestoreBench {
        let root = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(root.path().join("data")).expect("data folder");
        std::fs::create_dir(root.path().join("inbox")).expect("inbox folder");
        let store = Store::open(&root.path().join("data/canon-desk.db")).expect("the record");
        RestoreBench {
            root,
            store,
            restores: 0,
        }
    }

    /// One archive restored: after a refusal the data folder is as it was (SQLite's
    /// own files aside) and the record is the live one, not the archive's; nothing is
    /// ever written beside the data folder.
    pub fn check(&mut self, archive_bytes: &[u8]) {
        let data = self.root.path().join("data");
        let docs = data.join("documents");
        let archive = self.root.path().join("inbox/backup.zip");
        std::fs::write(&archive, archive_bytes).expect("the archive is written");
        let before = listing(&data);
        let devices = self.store.count_devices().expect("count before");
        let restored = self.store.restore_backup(&docs, &archive, at(3));
        let sqlite_own = |p: &PathBuf| {
            let name = p.to_string_lossy();
            name.ends_with("canon-desk.db") || name.ends_with("-wal") || name.ends_with("-shm")
        };
        match restored {
            Err(e) => {
                let after = listing(&data);
                let changed: Vec<&PathBuf> = after
                    .iter()
                    .filter(|(p, v)| before.get(*p) != Some(v) && !sqlite_own(p))
                    .map(|(p, _)| p)
                    .chain(
                        before
                            .keys()
                            .filter(|p| !after.contains_key(*p) && !sqlite_own(p)),
                    )
                    .collect();
                assert!(
                    changed.is_empty(),
                    "a refused restore ({e}) changed {changed:?}"
                );
                let now = self.store.count_devices().expect("count after");
                assert_eq!(now, devices, "a refused restore changed the record");
                let live = self
                    .store
                    .list_devices(&Default::default())
                    .expect("the devices")
                    .iter()
                    .any(|d| d.serial.starts_with("LIVE"));
                assert!(
                    live || self.restores == 0,
                    "a refused restore replaced the record"
                );
            }
            Ok(_) => {
                // A device only the live record has, and no pile of copies kept
                // before each restore.
                self.restores += 1;
                self.store
                    .create_device(&device(&format!("LIVE{}", self.restores)), at(3))
                    .expect("a device after a restore");
                for entry in std::fs::read_dir(&data).into_iter().flatten().flatten() {
                    if entry.file_name().to_string_lossy().ends_with(".bak") {
                        let _ = std::fs::remove_file(entry.path());
                    }
                }
            }
        }
        let beside: Vec<String> = std::fs::read_dir(self.root.path())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            beside.iter().all(|n| n == "data" || n == "inbox"),
            "a restore wrote beside the data folder: {beside:?}"
        );
    }
}

impl Default for RestoreBench {
    fn default() -> Self {
        RestoreBench::new()
    }
}
