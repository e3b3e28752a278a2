//! Benchmark: CSV import of 10,000 devices into an empty record, in one transaction with an
//! audit entry per device and per new site.
//!
//! Its floor, measured in the same run: the same 10,000 rows inserted with bare rusqlite,
//! one prepared statement in one transaction, into the same schema (indexes and
//! triggers included). Target: the import at most 2x its floor.

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
    ratio_to_floor(&data, now);
}

/// The median of `runs` timings of `f`, each on a fresh empty record, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut(&std::path::Path, &mut Store)) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let (dir, mut store) = empty_store("m.db");
            let path = dir.path().join("m.db");
            let start = std::time::Instant::now();
            f(&path, &mut store);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// The floor: the same rows (50 sites, `n` devices) written with bare rusqlite, one
/// prepared statement per table, in one transaction on a second connection.
fn bare_insert(path: &std::path::Path, n: u32) -> rusqlite::Result<u32> {
    let mut conn = rusqlite::Connection::open(path)?;
    // The store's own write settings, so the floor differs from the import only by
    // what the import adds (parsing, checks, audit entries).
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let tx = conn.transaction()?;
    let stamp = "2026-01-01T00:00:00.000Z";
    {
        let mut site = tx.prepare(
            "INSERT INTO sites (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        )?;
        for s in 0..50 {
            site.execute(rusqlite::params![s + 1, format!("Site {s}"), stamp])?;
        }
        // Batched as the import batches: 100 rows per INSERT statement.
        const ROWS: u32 = 100;
        let values = vec!["(?, 'imageRUNNER ADVANCE DX C5840i', 'mfp', ?, 'leased', '2024-05-02', 'automatic', 'active', ?, ?, ?)"; ROWS as usize].join(",");
        let mut device = tx.prepare(&format!(
            "INSERT INTO devices (serial, model, kind, site_id, ownership, installed_on,
                 meter_transmission, status, notes, created_at, updated_at) VALUES {values}"
        ))?;
        for batch in 0..n / ROWS {
            let mut params: Vec<rusqlite::types::Value> = Vec::with_capacity(5 * ROWS as usize);
            for i in batch * ROWS..(batch + 1) * ROWS {
                params.push(format!("XK{i:06}").into());
                params.push(i64::from(i % 50 + 1).into());
                params.push(format!("floor {}", i % 7).into());
                params.push(stamp.to_owned().into());
                params.push(stamp.to_owned().into());
            }
            device.execute(rusqlite::params_from_iter(params))?;
        }
    }
    tx.commit()?;
    Ok(n)
}

/// The import against bare rusqlite inserting the same rows, interleaved so both see
/// the same machine; prints the ratio the README reports.
fn ratio_to_floor(data: &str, now: chrono::DateTime<Utc>) {
    let floor = median_ms(9, |path, _store| {
        let written = bare_insert(path, 10_000);
        assert!(
            matches!(written, Ok(10_000)),
            "the floor must write every row: {written:?}"
        );
    });
    let import = median_ms(9, |_path, store| {
        let report = store.import_devices(data, now);
        assert!(
            report.as_ref().is_ok_and(|r| r.imported == 10_000),
            "the import must write every row: {report:?}"
        );
    });
    println!(
        "csv import of 10k devices: median {import:.1} ms, bare rusqlite floor {floor:.1} ms, \
         ratio {:.2} (target at most 2.00)",
        import / floor
    );
}

criterion_group!(benches, import);
criterion_main!(benches);
