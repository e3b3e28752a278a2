//! Fuzzing the two readers of files the user hands the app: the CSV device import and
//! the backup restore. Inputs are generated near-valid files (a valid CSV with fields,
//! lines, quotes, separators and bytes changed; a real backup zip with bytes flipped,
//! cut, repeated, or its entries renamed and replaced) as well as arbitrary bytes,
//! and each runs against a real SQLite file.
//!
//! - The import either imports every row or reports typed problems, each with a line
//!   of the file, and writes nothing then.
//! - The restore either restores or returns an error, and after an error the data
//!   folder is exactly as it was (its staging is gone, no document was added) and
//!   nothing was written beside it.
//!
//! `./x test` runs a few dozen cases per target; `./x fuzz` runs a million
//! (`PROPTEST_CASES=1000000`, see README.md › Performance and reliability).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use canon_desk_core::device::{DeviceKind, MeterTransmission, Ownership};
use canon_desk_store::{DeviceInput, DocumentEntity, DocumentKind, Store};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// `PROPTEST_CASES` when set (the long mode), otherwise `cases`.
fn config(cases: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config.failure_persistence = None;
    config
}

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Runs `runner` and turns a failure (with its minimal input) into the test's error.
fn report<T: std::fmt::Debug>(
    outcome: Result<(), proptest::test_runner::TestError<T>>,
    target: &str,
    runner: &TestRunner,
) -> TestResult {
    eprintln!("{target}: {} cases", config_cases(runner));
    outcome.map_err(|e| format!("{target}: {e}").into())
}

fn config_cases(runner: &TestRunner) -> u32 {
    runner.config().cases
}

// ---------------------------------------------------------------------------------
// CSV import

/// Valid files as spreadsheets write them; `{S}` is replaced by a token per case so
/// that serials are new to the record.
const CSV_SEEDS: &[&str] = &[
    "serial,model,kind,site,ownership,installed_on,meter_transmission,status,notes\n\
     {S}1,imageRUNNER ADVANCE DX C3826i,mfp,Siège,leased,2024-03-01,automatic,active,accueil\n\
     {S}2,i-SENSYS X C1333iF,mfp,Atelier,owned,2023-09-15,manual,active,\n\
     {S}3,imagePROGRAF TM-300,large_format,Atelier,rented,,manual,active,traceur\n",
    "\u{feff}serial;model;kind;ownership;meter_transmission;installed_on\r\n\
     {S}1;iR C3826i;mfp;leased;automatic;01/03/2024\r\n\
     {S}2;\"LBP; 722\"\"Cdw\";printer;owned;manual;15/09/2023\r\n",
    "SERIAL\tModel\tKind\tOwnership\tMeter_Transmission\tNotes\n\
     {S}1\tiR-ADV 4525i\tmfp\towned\tmanual\t\"deux\nlignes\"\n",
    "meter_transmission,ownership,kind,model,serial,site\n\
     manual,owned,printer,LBP,{S}9,\"Bureau, 2e\"\n",
];

/// Values that break imports in practice, dropped into fields.
const CSV_VALUES: &[&str] = &[
    "",
    " ",
    "fax",
    "MFP",
    "2024-02-30",
    "31/12/9999",
    "0000-01-01",
    "99999-01-01",
    "1/1/1",
    "\"",
    "\"\"",
    "a\"b",
    "\"quoted, with separator\"",
    "x\ny",
    "x\r\ny",
    ";",
    "\t",
    ",,,,,,,,,,,,,",
    "=cmd|' /C calc'!A0",
    "\u{0}",
    "é\u{301}",
    "😀",
    "\u{feff}",
    "deleted",
    "retired",
    "leased",
    "automatic",
];

#[derive(Debug, Clone)]
enum CsvEdit {
    /// Replaces field `f` of line `l` with a value (positions taken modulo).
    Field(usize, usize, String),
    /// Removes a line.
    DropLine(usize),
    /// Repeats a line.
    RepeatLine(usize, usize),
    /// Removes field `f` of line `l`.
    DropField(usize, usize),
    /// Adds fields at the end of line `l`.
    ExtraFields(usize, usize),
    /// Replaces every separator with another.
    Separator(char),
    /// Inserts a character at a byte fraction of the text.
    Char(usize, char),
    /// Cuts the text.
    Cut(usize),
    /// Repeats a long field so the file gets large.
    Long(usize, usize, usize),
}

fn csv_edit() -> impl Strategy<Value = CsvEdit> {
    let value = prop_oneof![
        4 => prop::sample::select(CSV_VALUES).prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    prop_oneof![
        4 => (any::<usize>(), any::<usize>(), value).prop_map(|(l, f, v)| CsvEdit::Field(l, f, v)),
        1 => any::<usize>().prop_map(CsvEdit::DropLine),
        1 => (any::<usize>(), 1usize..50).prop_map(|(l, n)| CsvEdit::RepeatLine(l, n)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(l, f)| CsvEdit::DropField(l, f)),
        1 => (any::<usize>(), 1usize..5).prop_map(|(l, n)| CsvEdit::ExtraFields(l, n)),
        1 => prop::sample::select(&[',', ';', '\t', '|', ' ', '"'][..]).prop_map(CsvEdit::Separator),
        2 => (any::<usize>(), any::<char>()).prop_map(|(at, c)| CsvEdit::Char(at, c)),
        1 => any::<usize>().prop_map(CsvEdit::Cut),
        1 => (any::<usize>(), any::<usize>(), 1usize..20_000).prop_map(|(l, f, n)| CsvEdit::Long(l, f, n)),
    ]
}

fn separator_in(text: &str) -> char {
    let header = text.lines().next().unwrap_or_default();
    [';', '\t', ',']
        .into_iter()
        .find(|c| header.contains(*c))
        .unwrap_or(',')
}

fn apply_csv(seed: &str, token: &str, edits: &[CsvEdit]) -> String {
    let mut text = seed.replace("{S}", token);
    for e in edits {
        let sep = separator_in(&text);
        let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let n = lines.len();
        match e {
            CsvEdit::Field(l, f, v) => {
                let line = &mut lines[l % n];
                let mut fields: Vec<String> = line.split(sep).map(str::to_owned).collect();
                let k = fields.len();
                fields[f % k] = v.clone();
                *line = fields.join(&sep.to_string());
            }
            CsvEdit::DropLine(l) => {
                lines.remove(l % n);
            }
            CsvEdit::RepeatLine(l, times) => {
                let line = lines[l % n].clone();
                for _ in 0..*times {
                    lines.insert(l % n, line.clone());
                }
            }
            CsvEdit::DropField(l, f) => {
                let line = &mut lines[l % n];
                let mut fields: Vec<&str> = line.split(sep).collect();
                let k = fields.len();
                fields.remove(f % k);
                *line = fields.join(&sep.to_string());
            }
            CsvEdit::ExtraFields(l, count) => {
                let line = &mut lines[l % n];
                for _ in 0..*count {
                    line.push(sep);
                    line.push('x');
                }
            }
            CsvEdit::Separator(to) => {
                lines = lines
                    .iter()
                    .map(|l| l.replace(sep, &to.to_string()))
                    .collect();
            }
            CsvEdit::Char(at, c) => {
                let joined = lines.join("\n");
                let mut chars: Vec<char> = joined.chars().collect();
                let i = at % (chars.len() + 1);
                chars.insert(i, *c);
                lines = vec![chars.into_iter().collect()];
            }
            CsvEdit::Cut(at) => {
                let joined = lines.join("\n");
                let chars: Vec<char> = joined.chars().collect();
                let i = at % (chars.len() + 1);
                lines = vec![chars[..i].iter().collect()];
            }
            CsvEdit::Long(l, f, times) => {
                let line = &mut lines[l % n];
                let mut fields: Vec<String> = line.split(sep).map(str::to_owned).collect();
                let k = fields.len();
                fields[f % k] = "x".repeat(*times);
                *line = fields.join(&sep.to_string());
            }
        }
        text = lines.join("\n");
    }
    text
}

fn csv_input() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (
            prop::sample::select(CSV_SEEDS),
            "[A-Z]{3}[0-9]{5}",
            prop::collection::vec(csv_edit(), 0..5),
        )
            .prop_map(|(seed, token, edits)| apply_csv(seed, &token, &edits)),
        1 => any::<String>(),
        1 => prop::collection::vec(any::<u8>(), 0..300)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// A fresh record every so many cases, so that a million-case run does not import
/// into an ever larger table.
const CASES_PER_RECORD: u32 = 5_000;

#[test]
fn fuzz_csv_import() -> TestResult {
    let dir = tempfile::tempdir()?;
    let record = RefCell::new((Store::open(&dir.path().join("r0.db"))?, 0u32, 0u32));
    let mut runner = TestRunner::new(config(64));
    let outcome = runner.run(&csv_input(), |text| {
        let mut guard = record.borrow_mut();
        let (store, cases, generation) = &mut *guard;
        *cases += 1;
        if *cases % CASES_PER_RECORD == 0 {
            *generation += 1;
            let path = dir.path().join(format!("r{generation}.db"));
            *store = Store::open(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        let before = store
            .count_devices()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let preview = store.preview_device_import(&text);
        let imported = store.import_devices(&text, at(1));
        let after = store
            .count_devices()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let report = match imported {
            Ok(r) => r,
            Err(e) => {
                return Err(TestCaseError::fail(format!(
                    "the import failed instead of reporting the file's problems: {e}"
                )))
            }
        };
        let preview =
            preview.map_err(|e| TestCaseError::fail(format!("the preview failed: {e}")))?;
        prop_assert_eq!(
            &preview.errors,
            &report.errors,
            "the preview and the import must find the same problems"
        );
        let lines = text.split('\n').count() as u64 + 1;
        if report.errors.is_empty() {
            prop_assert_eq!(
                u64::from(report.imported),
                u64::from(report.rows),
                "without problems every row is imported"
            );
            prop_assert_eq!(
                after - before,
                i64::from(report.imported),
                "the devices written"
            );
        } else {
            prop_assert_eq!(report.imported, 0, "a file with problems imports nothing");
            prop_assert_eq!(after, before, "a file with problems writes nothing");
            for e in &report.errors {
                prop_assert!(
                    e.line >= 1 && e.line <= lines,
                    "problem {:?} names line {} of a {}-line file",
                    e.problem,
                    e.line,
                    lines
                );
                prop_assert!(
                    !e.field.is_empty(),
                    "problem {:?} names no field",
                    e.problem
                );
            }
        }
        Ok(())
    });
    report(outcome, "csv import", &runner)
}

// ---------------------------------------------------------------------------------
// Backup restore

fn device(serial: &str) -> DeviceInput {
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

/// A real backup: three devices and two documents, as `create_backup` writes it.
fn real_backup(dir: &Path) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let docs = dir.join("documents");
    let mut store = Store::open(&dir.join("source.db"))?;
    let mut first = 0;
    for (i, serial) in ["FUZZ001", "FUZZ002", "FUZZ003"].into_iter().enumerate() {
        let device = store.create_device(&device(serial), at(1))?;
        if i == 0 {
            first = device.id;
        }
    }
    // Two documents, so that an archive refused on the second shows whether the
    // first was left behind.
    for (name, text) in [
        ("kbis.pdf", "a K-bis stand-in"),
        ("contrat.pdf", "a contract"),
    ] {
        let pdf = dir.join(name);
        std::fs::write(&pdf, format!("%PDF-1.4\n% {text}\n"))?;
        store.add_document(
            &docs,
            DocumentEntity::Device,
            first,
            &pdf,
            name,
            DocumentKind::Other,
            at(1),
        )?;
    }
    let archive = dir.join("backup.zip");
    store.create_backup(&docs, &archive, at(2))?;
    Ok(std::fs::read(archive)?)
}

/// The entries of a zip: name and bytes.
fn entries_of(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..zip.len() {
        if let Ok(mut entry) = zip.by_index(i) {
            let mut data = Vec::new();
            if std::io::copy(&mut entry, &mut data).is_ok() {
                out.push((entry.name().to_owned(), data));
            }
        }
    }
    out
}

/// Names an attacker or a broken tool puts in an archive.
const ENTRY_NAMES: &[&str] = &[
    "../canon-desk.db",
    "/tmp/canon-desk-fuzz-escape",
    "documents/../../escape",
    "documents/ab/../../../escape",
    "documents/zz/zzzz",
    "documents/",
    "documents/ab/",
    "canon-desk.db/",
    "manifest.json",
    "canon-desk.db",
    "CANON-DESK.DB",
    "documents\\..\\escape",
    "",
];

#[derive(Debug, Clone)]
enum ZipEdit {
    Flip(usize, u8),
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    Repeat(usize, usize, usize),
    Cut(usize),
    /// Rewrites the archive with entry `i` renamed.
    Rename(usize, String),
    /// Rewrites the archive with entry `i`'s bytes replaced (the database cut short,
    /// a document emptied).
    Content(usize, Vec<u8>, bool),
    /// Rewrites the archive with entry `i` twice.
    Duplicate(usize),
    /// Rewrites the archive without entry `i`.
    Drop(usize),
}

fn zip_edit() -> impl Strategy<Value = ZipEdit> {
    let magic = prop_oneof![
        Just(b"PK\x03\x04".to_vec()),
        Just(b"PK\x01\x02".to_vec()),
        Just(b"PK\x05\x06".to_vec()),
        Just(vec![0xff; 4]),
        Just(vec![0; 8]),
        prop::collection::vec(any::<u8>(), 1..16),
    ];
    prop_oneof![
        4 => (any::<usize>(), 1u8..=255).prop_map(|(at, bit)| ZipEdit::Flip(at, bit)),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| ZipEdit::Set(at, b)),
        1 => (any::<usize>(), magic).prop_map(|(at, b)| ZipEdit::Insert(at, b)),
        1 => (any::<usize>(), 1usize..64).prop_map(|(at, n)| ZipEdit::Remove(at, n)),
        1 => (any::<usize>(), 1usize..64, 1usize..8).prop_map(|(a, l, n)| ZipEdit::Repeat(a, l, n)),
        1 => any::<usize>().prop_map(ZipEdit::Cut),
        2 => (any::<usize>(), prop_oneof![3 => prop::sample::select(ENTRY_NAMES).prop_map(str::to_owned), 1 => any::<String>()])
            .prop_map(|(i, n)| ZipEdit::Rename(i, n)),
        1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 0..64), any::<bool>())
            .prop_map(|(i, b, keep)| ZipEdit::Content(i, b, keep)),
        1 => any::<usize>().prop_map(ZipEdit::Duplicate),
        1 => any::<usize>().prop_map(ZipEdit::Drop),
    ]
}

fn rewrite(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        if zip.start_file(name.as_str(), options).is_ok() {
            let _ = zip.write_all(data);
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fn apply_zip(seed: &[u8], edits: &[ZipEdit]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for e in edits {
        let len = bytes.len();
        let pos = |at: usize| if len == 0 { 0 } else { at % len };
        match e {
            ZipEdit::Flip(at, bit) if len > 0 => bytes[pos(*at)] ^= bit,
            ZipEdit::Set(at, b) if len > 0 => bytes[pos(*at)] = *b,
            ZipEdit::Insert(at, b) => {
                let i = if len == 0 { 0 } else { at % (len + 1) };
                bytes.splice(i..i, b.iter().copied());
            }
            ZipEdit::Remove(at, n) if len > 0 => {
                let from = pos(*at);
                bytes.drain(from..(from + n).min(len));
            }
            ZipEdit::Repeat(at, l, times) if len > 0 => {
                let from = pos(*at);
                let to = (from + l).min(len);
                let slice = bytes[from..to].to_vec();
                for _ in 0..*times {
                    bytes.splice(to..to, slice.iter().copied());
                }
            }
            ZipEdit::Cut(at) => bytes.truncate(if len == 0 { 0 } else { at % (len + 1) }),
            ZipEdit::Rename(i, name) => {
                let mut entries = entries_of(&bytes);
                if !entries.is_empty() {
                    let k = i % entries.len();
                    entries[k].0 = name.clone();
                    bytes = rewrite(&entries);
                }
            }
            ZipEdit::Content(i, data, keep_start) => {
                let mut entries = entries_of(&bytes);
                if !entries.is_empty() {
                    let k = i % entries.len();
                    if *keep_start {
                        // The start of the original kept (a database's header), the
                        // rest replaced.
                        let keep = entries[k].1.len() / 2;
                        entries[k].1.truncate(keep);
                        entries[k].1.extend_from_slice(data);
                    } else {
                        entries[k].1 = data.clone();
                    }
                    bytes = rewrite(&entries);
                }
            }
            ZipEdit::Duplicate(i) => {
                let mut entries = entries_of(&bytes);
                if !entries.is_empty() {
                    let k = i % entries.len();
                    let copy = entries[k].clone();
                    entries.push(copy);
                    bytes = rewrite(&entries);
                }
            }
            ZipEdit::Drop(i) => {
                let mut entries = entries_of(&bytes);
                if !entries.is_empty() {
                    let k = i % entries.len();
                    entries.remove(k);
                    bytes = rewrite(&entries);
                }
            }
            _ => {}
        }
    }
    bytes
}

/// Every file under `dir` with its size and modification time, to see what a
/// restore wrote.
fn listing(dir: &Path) -> BTreeMap<PathBuf, (u64, Option<std::time::SystemTime>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
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

/// An archive's bytes, shown by length only: a failure names the file it was saved
/// to rather than printing a hundred kilobytes.
#[derive(Clone)]
struct Archive(Vec<u8>);

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} bytes (saved in {})",
            self.0.len(),
            failure_path().display()
        )
    }
}

/// Where the last failing archive is saved, to reproduce it.
fn failure_path() -> PathBuf {
    std::env::temp_dir().join("canon-desk-fuzz-restore-failure.zip")
}

#[test]
fn a_restore_refused_on_its_last_document_leaves_no_document_behind() -> TestResult {
    let root = tempfile::tempdir()?;
    let seed = real_backup(root.path())?;
    let mut entries = entries_of(&seed);
    let last = entries
        .iter()
        .rposition(|(name, _)| name.starts_with("documents/") && !name.ends_with('/'))
        .ok_or("the backup has no document")?;
    entries[last].1.extend_from_slice(b"tampered");
    let archive = root.path().join("tampered.zip");
    std::fs::write(&archive, rewrite(&entries))?;
    let data = root.path().join("data");
    std::fs::create_dir(&data)?;
    let docs = data.join("documents");
    let mut store = Store::open(&data.join("canon-desk.db"))?;
    let restored = store.restore_backup(&docs, &archive, at(3));
    assert!(
        restored.is_err(),
        "a document that does not match its hash must stop the restore"
    );
    assert!(
        !docs.exists(),
        "no documents folder may be left by a refused restore: {:?}",
        listing(&data).keys().collect::<Vec<_>>()
    );
    Ok(())
}

#[test]
fn fuzz_backup_restore() -> TestResult {
    let root = tempfile::tempdir()?;
    let seed_dir = root.path().join("seed");
    std::fs::create_dir(&seed_dir)?;
    let seed = real_backup(&seed_dir)?;
    // The record restored into lives in `data`; archives are written in `inbox`;
    // nothing else may appear under `root`.
    let data = root.path().join("data");
    let inbox = root.path().join("inbox");
    std::fs::create_dir(&data)?;
    std::fs::create_dir(&inbox)?;
    let docs = data.join("documents");
    let store = RefCell::new(Store::open(&data.join("canon-desk.db"))?);
    let archive = inbox.join("backup.zip");
    let outside_before: Vec<PathBuf> = std::fs::read_dir(root.path())?
        .flatten()
        .map(|e| e.path())
        .collect();
    let successes = std::cell::Cell::new(0u32);
    let mut runner = TestRunner::new(config(32));
    let strategy = prop_oneof![
        8 => prop::collection::vec(zip_edit(), 1..4).prop_map(move |edits| Archive(apply_zip(&seed, &edits))),
        1 => prop::collection::vec(any::<u8>(), 0..512).prop_map(Archive),
    ];
    let outcome = runner.run(&strategy, |Archive(bytes)| {
        let mut store = store.borrow_mut();
        std::fs::write(&archive, &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let before = listing(&data);
        let devices = store
            .count_devices()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let restored = store.restore_backup(&docs, &archive, at(3));
        if restored.is_err() {
            let after = listing(&data);
            // The database's own files are SQLite's to change (a checkpoint moves the
            // previous restore's pages from the WAL into the file); what they hold is
            // compared below.
            let sqlite_own = |p: &PathBuf| {
                let name = p.to_string_lossy();
                name.ends_with("canon-desk.db") || name.ends_with("-wal") || name.ends_with("-shm")
            };
            let changed: Vec<_> = after
                .iter()
                .filter(|(p, v)| before.get(*p) != Some(v) && !sqlite_own(p))
                .map(|(p, _)| p.clone())
                .chain(
                    before
                        .keys()
                        .filter(|p| !after.contains_key(*p) && !sqlite_own(p))
                        .cloned(),
                )
                .collect();
            if !changed.is_empty() {
                let _ = std::fs::write(failure_path(), bytes);
            }
            prop_assert!(
                changed.is_empty(),
                "a refused restore ({:?}) changed {:?}: before {:?}, after {:?}",
                restored.as_ref().err(),
                changed,
                changed.iter().map(|p| before.get(p)).collect::<Vec<_>>(),
                changed.iter().map(|p| after.get(p)).collect::<Vec<_>>()
            );
            let now = store
                .count_devices()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(now, devices, "a refused restore changed the record");
            let marker = store
                .list_devices(&Default::default())
                .map_err(|e| TestCaseError::fail(e.to_string()))?
                .iter()
                .any(|d| d.serial.starts_with("LIVE"));
            prop_assert!(
                marker || successes.get() == 0,
                "a refused restore replaced the record with the archive's"
            );
        }
        if restored.is_ok() {
            // A device only the live record has: a refused restore that replaced the
            // record anyway would lose it.
            successes.set(successes.get() + 1);
            let serial = format!("LIVE{}", successes.get());
            store
                .create_device(&device(&serial), at(3))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            // The copy kept before each restore: one per success would fill the disk
            // in a long run.
            for entry in std::fs::read_dir(&data).into_iter().flatten().flatten() {
                if entry.file_name().to_string_lossy().ends_with(".bak") {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        let outside: Vec<PathBuf> = std::fs::read_dir(root.path())
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .flatten()
            .map(|e| e.path())
            .collect();
        prop_assert_eq!(
            &outside,
            &outside_before,
            "a restore wrote beside the data folder"
        );
        let escaped = Path::new("/tmp/canon-desk-fuzz-escape").exists();
        prop_assert!(
            !escaped,
            "a restore wrote to an absolute path from the archive"
        );
        Ok(())
    });
    report(outcome, "backup restore", &runner)
}
