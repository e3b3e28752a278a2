//! Benchmark: what `synchronous=FULL` costs over the record's `NORMAL` (both with
//! WAL, as `Store::open` sets them), on the disk the target folder is on.
//!
//! 1. Single-row commits with bare rusqlite: 1,000 with NORMAL and 1,000 with FULL,
//!    interleaved in rounds of 100 so that both see the same disk and load.
//! 2. The sending claim as the app makes it (`Store::claim_sending`, FULL) against
//!    the release of that claim (`Store::release_sending`, NORMAL), a transaction of
//!    the same size with its audit entry, 200 of each, alternating.
//!
//! Run with `cargo bench -p canon-desk-store --bench durability` (`./x bench` runs it
//! with the others). It prints medians per commit and the ratio FULL / NORMAL.

// A bench is no API.
#![allow(missing_docs)]

use std::path::Path;
use std::time::{Duration, Instant};

use canon_desk_core::catalogue::Situation;
use canon_desk_store::{RequestDraft, Store};
use chrono::{TimeZone, Utc};
use rusqlite::Connection;

type Failure = Box<dyn std::error::Error>;

/// A connection set up as `Store::open` sets up a new record.
fn bare(path: &Path) -> Result<Connection, Failure> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "page_size", 16_384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.execute_batch(
        "CREATE TABLE claims (id INTEGER PRIMARY KEY, at TEXT NOT NULL, n INTEGER NOT NULL)",
    )?;
    Ok(conn)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() -> Result<(), Failure> {
    // The target folder is on the disk the developer works on; a temporary folder
    // may be in memory (tmpfs), where a sync costs nothing.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    println!("durability benchmark in {}", dir.path().display());

    let conn = bare(&dir.path().join("bare.db"))?;
    let (mut normal, mut full) = (Vec::new(), Vec::new());
    let (mut normal_total, mut full_total) = (Duration::ZERO, Duration::ZERO);
    for round in 0..10 {
        for (mode, times, total) in [
            ("NORMAL", &mut normal, &mut normal_total),
            ("FULL", &mut full, &mut full_total),
        ] {
            conn.pragma_update(None, "synchronous", mode)?;
            for i in 0..100 {
                let started = Instant::now();
                conn.execute(
                    "INSERT INTO claims (at, n) VALUES ('2026-11-23T09:30:00Z', ?1)",
                    [round * 100 + i],
                )?;
                let took = started.elapsed();
                times.push(took);
                *total += took;
            }
        }
    }
    let (n, f) = (median(normal), median(full));
    println!(
        "1,000 single-row commits: NORMAL {:.0} ms in all (median {:.0} µs), FULL {:.0} ms in \
         all (median {:.0} µs): FULL costs {:.1}x per commit",
        normal_total.as_secs_f64() * 1e3,
        micros(n),
        full_total.as_secs_f64() * 1e3,
        micros(f),
        micros(f) / micros(n).max(f64::MIN_POSITIVE)
    );

    let mut store = Store::open(&dir.path().join("store.db"))?;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .single()
        .ok_or("bad date")?;
    let draft = RequestDraft {
        situation: Situation::ChangePoNumber,
        channel: None,
        device_id: None,
        contract_id: None,
        effective_on: None,
        notify_by: None,
        recipient: Some("commercial@example.com".into()),
        subject: "Nouveau numéro de bon de commande".into(),
        body: "Madame, Monsieur,".into(),
        facts_json: "{}".into(),
        attachments: Vec::new(),
    };
    let id = store
        .create_request(&draft, &dir.path().join("documents"), now)?
        .id;
    let hash = "a".repeat(64);
    let (mut claims, mut releases) = (Vec::new(), Vec::new());
    for _ in 0..200 {
        let started = Instant::now();
        store.claim_sending(id, "<bench@example.com>", &hash, now)?;
        claims.push(started.elapsed());
        let started = Instant::now();
        store.release_sending(id, now)?;
        releases.push(started.elapsed());
    }
    let (c, r) = (median(claims), median(releases));
    println!(
        "the sending claim (FULL): median {:.0} µs; its release, the same transaction under \
         NORMAL: median {:.0} µs; the claim's sync costs {:.0} µs a send",
        micros(c),
        micros(r),
        micros(c) - micros(r)
    );
    Ok(())
}
