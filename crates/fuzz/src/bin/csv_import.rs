//! AFL target: the CSV device import on a real SQLite file.
use canon_desk_store::Store;

/// A fresh record every so many files, so the table does not grow without end.
const FILES_PER_RECORD: u32 = 5_000;

struct Bench {
    dir: tempfile::TempDir,
    store: Store,
    files: u32,
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(&dir.path().join("r0.db")).expect("the record");
    // A panic ends the run as a crash; the record is never used after one.
    let mut bench = std::panic::AssertUnwindSafe(Bench {
        dir,
        store,
        files: 0,
    });
    afl::fuzz!(|data: &[u8]| {
        let bench = &mut bench;
        bench.files += 1;
        if bench.files % FILES_PER_RECORD == 0 {
            let path = bench.dir.path().join(format!("r{}.db", bench.files));
            bench.store = Store::open(&path).expect("a fresh record");
        }
        canon_desk_fuzz::check_csv_import(&mut bench.store, data);
    });
}
