//! Device search at fleet scale: 10,000 devices, 2,000 contracts, 100,000 readings.
//!
//! Absolute times do not carry from one machine to another, so each text search is
//! also measured against its floor in the same run: the bare `LIKE '%...%'` scan of
//! the same 10,000 rows through rusqlite, the search the trigram index replaces.
//! Target: a substring search's p95 at most 1/5 of that scan's. Besides criterion's
//! figures, each case prints the p95 of 200 timed runs and the ratio.

// criterion_group! generates an undocumented public function; a bench is no API.
#![allow(missing_docs)]

use std::time::Instant;

use canon_desk_core::device::DeviceStatus;
use canon_desk_store::{DeviceFilter, Store};
use criterion::{criterion_group, criterion_main, Criterion};

const MODELS: [&str; 10] = [
    "imageRUNNER ADVANCE DX C5840i",
    "imageRUNNER ADVANCE DX C3826i",
    "i-SENSYS LBP722Cdw",
    "imagePRESS V1000",
    "imagePROGRAF TM-300",
    "imageRUNNER 2630i",
    "i-SENSYS MF832Cdw",
    "imageRUNNER ADVANCE DX 6870i",
    "varioPRINT 140",
    "imagePROGRAF PRO-2100",
];

/// Builds the fleet with plain SQL in one transaction, then opens it as the app does.
fn fleet(dir: &std::path::Path) -> Result<Store, Box<dyn std::error::Error>> {
    let path = dir.join("bench.db");
    drop(Store::open(&path)?);
    let mut conn = rusqlite::Connection::open(&path)?;
    let tx = conn.transaction()?;
    let now = "2026-01-01T00:00:00.000Z";
    for s in 1..=50 {
        tx.execute(
            "INSERT INTO sites (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
            rusqlite::params![s, format!("Site {s:02}"), now],
        )?;
    }
    {
        let mut dev = tx.prepare(
            "INSERT INTO devices (id, serial, model, kind, site_id, ownership, meter_transmission,
                 status, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'mfp', ?4, 'leased', 'automatic', ?5, ?6, ?6)",
        )?;
        for d in 1..=10_000i64 {
            let status = ["active", "active", "active", "moved", "disposed"][(d % 5) as usize];
            dev.execute(rusqlite::params![
                d,
                format!("XK{d:06}"),
                MODELS[(d % 10) as usize],
                d % 50 + 1,
                status,
                now
            ])?;
        }
        let mut con = tx.prepare(
            "INSERT INTO contracts (id, number, kind, created_at, updated_at)
             VALUES (?1, ?2, 'maintenance', ?3, ?3)",
        )?;
        let mut link =
            tx.prepare("INSERT INTO contract_devices (contract_id, device_id) VALUES (?1, ?2)")?;
        for c in 1..=2_000i64 {
            con.execute(rusqlite::params![c, format!("CT{c:05}"), now])?;
            for k in 0..5 {
                link.execute(rusqlite::params![c, (c - 1) * 5 + k + 1])?;
            }
        }
        let mut read = tx.prepare(
            "INSERT INTO meter_readings (device_id, counter, value, read_on, source, created_at)
             VALUES (?1, 'black', ?2, ?3, 'automatic', ?4)",
        )?;
        for d in 1..=10_000i64 {
            for m in 1..=10i64 {
                read.execute(rusqlite::params![
                    d,
                    m * 1000,
                    format!("2025-{m:02}-01"),
                    now
                ])?;
            }
        }
    }
    tx.commit()?;
    drop(conn);
    Ok(Store::open(&path)?)
}

fn p95(run: impl Fn()) -> f64 {
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(189).copied().unwrap_or(f64::NAN)
}

fn p95_mut(mut run: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(189).copied().unwrap_or(f64::NAN)
}

fn search(c: &mut Criterion) {
    // A bench that cannot set up stops with the reason rather than timing nothing.
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("no temporary folder for the benchmark: {e}"),
    };
    let store = match fleet(dir.path()) {
        Ok(s) => s,
        Err(e) => panic!("could not build the 10k-device fleet: {e}"),
    };
    let cases = [
        (
            "serial substring (100 hits)",
            DeviceFilter {
                query: Some("k0042".into()),
                ..Default::default()
            },
        ),
        (
            "model substring (1000 hits)",
            DeviceFilter {
                query: Some("C5840".into()),
                ..Default::default()
            },
        ),
        (
            "status moved (2000 hits)",
            DeviceFilter {
                status: Some(DeviceStatus::Moved),
                ..Default::default()
            },
        ),
        (
            "site (200 hits)",
            DeviceFilter {
                site_id: Some(7),
                ..Default::default()
            },
        ),
        (
            "contract (5 hits)",
            DeviceFilter {
                contract_id: Some(1234),
                ..Default::default()
            },
        ),
        (
            "no match",
            DeviceFilter {
                query: Some("nothing-like-this".into()),
                ..Default::default()
            },
        ),
        ("everything (10000 rows)", DeviceFilter::default()),
    ];
    // What the device list asks for: the first page of 100 rows and the count.
    let mut group = c.benchmark_group("device list page at 10k devices");
    for (name, filter) in &cases {
        group.bench_function(*name, |b| b.iter(|| store.page_devices(filter, 0, 100)));
    }
    group.bench_function("everything, page at row 5000", |b| {
        b.iter(|| store.page_devices(&DeviceFilter::default(), 5_000, 100))
    });
    group.finish();
    for (name, filter) in &cases {
        let hits = store
            .page_devices(filter, 0, 100)
            .map(|p| p.total)
            .unwrap_or(0);
        println!(
            "p95 first page, {name}: {:.2} ms ({hits} matches)",
            p95(|| {
                let _ = store.page_devices(filter, 0, 100);
            })
        );
    }
    println!(
        "p95 page at row 5000: {:.2} ms",
        p95(|| {
            let _ = store.page_devices(&DeviceFilter::default(), 5_000, 100);
        })
    );
    scan_floor(&store, &dir.path().join("bench.db"));
}

/// Each substring search against the full scan it replaces (the same count and first
/// page, with LIKE), measured now, on this
/// machine: the ratio is the figure the README reports.
fn scan_floor(store: &Store, path: &std::path::Path) {
    let conn = match rusqlite::Connection::open(path) {
        Ok(conn) => conn,
        Err(e) => panic!("could not open the fleet for the scan floor: {e}"),
    };
    // What the list asked before the index: the count and the first page of 100, both
    // with LIKE '%...%' on the serial, the model and the site's name.
    let like = "d.deleted_at IS NULL AND (d.serial LIKE ?1 OR d.model LIKE ?1 \
                OR d.site_id IN (SELECT id FROM sites WHERE name LIKE ?1))";
    // NOT INDEXED: the count is a scan of the table, row by row in the file's order, the
    // fastest way to read every row; left to itself SQLite may walk a partial index
    // of live devices and fetch each row from it, a slower scan that would flatter
    // the ratio.
    let mut count = match conn.prepare(&format!(
        "SELECT COUNT(*) FROM devices d NOT INDEXED WHERE {like}"
    )) {
        Ok(stmt) => stmt,
        Err(e) => panic!("the scan floor's count does not prepare: {e}"),
    };
    // The page reads what the search's page returns: every column of a device and its
    // site's name, each value decoded, so that the two differ only in how they find
    // the matches.
    let mut page = match conn.prepare(&format!(
        "SELECT d.id, d.serial, d.model, d.kind, d.site_id, s.name, d.ownership, \
         d.installed_on, d.meter_transmission, d.status, d.notes, d.created_at, d.updated_at \
         FROM devices d LEFT JOIN sites s ON s.id = d.site_id \
         WHERE {like} ORDER BY d.serial LIMIT 100"
    )) {
        Ok(stmt) => stmt,
        Err(e) => panic!("the scan floor's page does not prepare: {e}"),
    };
    type Row = (
        i64,
        String,
        String,
        String,
        Option<i64>,
        Option<String>,
        String,
    );
    type Rest = (Option<String>, String, String, String, String, String);
    let mut scan = |pattern: &str| -> rusqlite::Result<i64> {
        let total: i64 = count.query_row([pattern], |r| r.get(0))?;
        let rows = page
            .query_map([pattern], |r| {
                let head: Row = (
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                );
                let rest: Rest = (
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                );
                Ok((head, rest))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        std::hint::black_box(rows);
        Ok(total)
    };
    for (name, text) in [
        ("serial", "k0042"),
        ("model", "C5840"),
        ("site", "Site 07"),
        ("no match", "nothing-like-this"),
    ] {
        let filter = DeviceFilter {
            query: Some(text.into()),
            ..Default::default()
        };
        let pattern = format!("%{text}%");
        let scanned = scan(&pattern).unwrap_or(-1);
        let found = store.page_devices(&filter, 0, 100).map(|p| p.total);
        assert_eq!(
            found.as_ref().ok(),
            Some(&scanned),
            "the indexed search for {text:?} must find what the scan finds ({found:?})"
        );
        let indexed = p95(|| {
            let _ = store.page_devices(&filter, 0, 100);
        });
        let floor = p95_mut(|| {
            let _ = scan(&pattern);
        });
        println!(
            "substring search, {name} ({scanned} matches): p95 {indexed:.2} ms, \
             LIKE scan {floor:.2} ms, ratio {:.2} (target at most 0.20)",
            indexed / floor
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2));
    targets = search
}
criterion_main!(benches);
