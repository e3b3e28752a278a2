//! Benchmark: CSV import of 10,000 devices into an empty record, in one transaction with an
//! audit entry per device and per new site. Target: at most 100 ms.

// criterion_group! generates an undocumented public function; a bench is no API.
#![allow(missing_docs)]

use canon_desk_store::Store;
use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

fn csv_rows(n: u32) -> String {
    let mut out = String::from(
        "serial,model,kind,site,ownership,installed_on,meter_transmission,status,notes\n",
    );
    for i in 0..n {
        out.push_str(&format!(
            "XK{i:06},imageRUNNER ADVANCE DX C5840i,mfp,Site {},leased,2024-05-02,automatic,active,floor {}\n",
            i % 50,
            i % 7
        ));
    }
    out
}

/// An empty record in a fresh temporary folder. A bench that cannot set up stops
/// with the reason rather than timing nothing.
fn empty_store(name: &str) -> (tempfile::TempDir, Store) {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("no temporary folder for the benchmark: {e}"),
    };
    match Store::open(&dir.path().join(name)) {
        Ok(store) => (dir, store),
        Err(e) => panic!("the benchmark's record could not be opened: {e}"),
    }
}

fn import(c: &mut Criterion) {
    let data = csv_rows(10_000);
    let now = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let mut group = c.benchmark_group("csv import");
    group.sample_size(10);
    group.bench_function("10k devices, all-or-nothing", |b| {
        b.iter_batched(
            || empty_store("i.db"),
            // The store and directory are returned so that closing and removing them is
            // not part of the measured time.
            |(dir, mut store)| {
                let report = store.import_devices(&data, now);
                assert!(
                    report.as_ref().is_ok_and(|r| r.imported == 10_000),
                    "the import must write every row: {report:?}"
                );
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("10k devices, preview only", |b| {
        let (_dir, store) = empty_store("p.db");
        b.iter(|| {
            let preview = store.preview_device_import(&data);
            assert!(
                preview
                    .as_ref()
                    .is_ok_and(|p| p.errors.is_empty() && p.rows == 10_000),
                "the preview must accept every row: {preview:?}"
            );
        })
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
