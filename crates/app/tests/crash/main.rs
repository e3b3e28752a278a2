//! Crash safety: the app's backend killed with SIGKILL at random points while it
//! writes loses no write it acknowledged, and leaves a sound file.
//!
//! The backend is `crash_writer` (src/bin/crash_writer.rs): it opens the record
//! through `Ctx::open` and carries on a sequence of 1,000 writes through the use
//! cases (sites, devices, meter readings, contracts with their PO number and
//! devices, device edits, requests, the organisation), one user action each,
//! printing a line once each has returned `Ok`. It is killed 100 times, each time
//! after a random number of its lines plus a random delay, so the kill lands inside
//! a write, between two, or inside the opening and its recovery of the WAL the
//! previous kill left. After each kill the record is reopened: `PRAGMA
//! integrity_check` must say `ok`, every write the run acknowledged must read back
//! through the use cases, and the write the kill interrupted is there whole or not
//! at all (a contract with its PO number and devices). The next run resumes after the last acknowledged
//! write, as a user redoes what was not confirmed; a last run finishes the thousand,
//! and every acknowledgement of every run is checked once more at the end. The kill
//! points come from a seed printed at the start; `CANON_DESK_CRASH_SEED=<seed>`
//! replays them.
#![cfg(unix)]

use std::io::{BufRead as _, BufReader, Read as _};
use std::os::unix::process::ExitStatusExt as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use canon_desk_app::clock::FixedClock;
use canon_desk_app::{contracts, devices, organisation, requests, sites, Ctx, DB_FILE};
use canon_desk_store::Store;
use chrono::{TimeZone, Utc};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Kills.
const RUNS: u32 = 100;
/// Writes in the whole sequence (as in crash_writer.rs).
const WRITES: usize = 1_000;
/// The longest delay after the chosen line before the kill: more than one write
/// takes in a debug build, so the kill falls anywhere inside the next one.
const MAX_DELAY_US: u64 = 3_000;
/// The environment variable that replays a given seed.
const SEED_VAR: &str = "CANON_DESK_CRASH_SEED";

/// What a run of the backend printed, in order.
type Lines = Vec<String>;

#[test]
fn no_acknowledged_write_is_lost_when_the_backend_is_killed() -> TestResult {
    let seed = match std::env::var(SEED_VAR) {
        Ok(s) => s
            .parse::<u64>()
            .map_err(|e| format!("{SEED_VAR}={s:?} is not a number: {e}"))?,
        Err(_) => fastrand::u64(..),
    };
    println!("crash-safety seed {seed} (replay with {SEED_VAR}={seed})");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir()?;
    let started = Instant::now();
    // Where in the sequence each kill comes: anywhere, in order, whatever the speed
    // of the machine.
    let mut points: Vec<usize> = (0..RUNS).map(|_| rng.usize(0..WRITES)).collect();
    points.sort_unstable();
    let mut runs: Vec<Lines> = Vec::new();
    let (mut acknowledged, mut in_open) = (0_usize, 0_u32);
    for (run, point) in (0..RUNS).zip(points) {
        // Lines to wait for, "ready" first: 0 kills during the opening.
        let after = u32::try_from(point.saturating_sub(acknowledged))?;
        let delay_us = rng.u64(0..MAX_DELAY_US);
        let context = format!(
            "seed {seed}, run {run}, killed {delay_us} µs after line {after} \
             (replay with {SEED_VAR}={seed})"
        );
        // Shown with the test's output when it fails.
        println!("run {run}: kill {delay_us} µs after line {after}");
        let lines = start(dir.path(), run, acknowledged, Some((after, delay_us)))
            .map_err(|e| format!("{context}: {e}"))?;
        check(dir.path(), &lines).map_err(|e| format!("{context}: {e}"))?;
        whole(dir.path(), run).map_err(|e| format!("{context}: {e}"))?;
        acknowledged += writes(&lines);
        if !lines.iter().any(|l| l == "ready") {
            in_open += 1;
        }
        runs.push(lines);
    }
    let lines = start(dir.path(), RUNS, acknowledged, None)?;
    check(dir.path(), &lines)?;
    runs.push(lines);
    let all: Lines = runs.concat();
    check(dir.path(), &all).map_err(|e| format!("seed {seed}, all runs at the end: {e}"))?;
    assert_eq!(
        writes(&all),
        WRITES,
        "seed {seed}: the runs acknowledged {} writes, not the whole sequence",
        writes(&all)
    );
    println!(
        "{RUNS} kills with SIGKILL ({in_open} before the record was open) in a sequence of \
         {WRITES} writes, {acknowledged} acknowledged before the last kill, all found: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The acknowledged writes among a run's lines.
fn writes(lines: &[String]) -> usize {
    lines
        .iter()
        .filter(|l| *l != "ready" && *l != "done")
        .count()
}

/// Starts the backend on `dir` at write `from` of the sequence and, given
/// `(after, delay_us)`, kills it `delay_us` after its `after`th line; without, lets
/// it finish. Returns every complete line it wrote (a line the kill cut short
/// acknowledges nothing).
fn start(
    dir: &Path,
    run: u32,
    from: usize,
    kill: Option<(u32, u64)>,
) -> Result<Lines, Box<dyn std::error::Error>> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crash_writer"))
        .arg(dir)
        .arg(run.to_string())
        .arg(from.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut reader = BufReader::new(stdout);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut next = |lines: &mut Lines| -> std::io::Result<bool> {
        line.clear();
        if reader.read_line(&mut line)? == 0 || !line.ends_with('\n') {
            return Ok(false);
        }
        lines.push(line.trim_end().to_owned());
        Ok(lines.last().is_some_and(|l| l != "done"))
    };
    let mut open = true;
    match kill {
        Some((after, delay_us)) => {
            while open && lines.len() < after as usize {
                open = next(&mut lines)?;
            }
            std::thread::sleep(Duration::from_micros(delay_us));
            child.kill()?;
            // What it wrote before the kill reached its user too.
            while open {
                open = next(&mut lines)?;
            }
        }
        None => {
            while open {
                open = next(&mut lines)?;
            }
            drop(child.stdin.take());
        }
    }
    let status = child.wait()?;
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        err.read_to_string(&mut stderr)?;
    }
    let expected = match kill {
        Some(_) => status.signal() == Some(9) || lines.last().is_some_and(|l| l == "done"),
        None => status.success() && lines.last().is_some_and(|l| l == "done"),
    };
    if !expected {
        return Err(format!(
            "the backend stopped by itself ({status}) after {} lines: {stderr}",
            lines.len()
        )
        .into());
    }
    Ok(lines)
}

/// Reopens the record after a kill: a sound file, and every acknowledged write in it.
fn check(dir: &Path, lines: &[String]) -> TestResult {
    {
        let store = Store::open(&dir.join(DB_FILE))?;
        let verdict = store.pragma("integrity_check")?;
        assert_eq!(
            verdict, "ok",
            "PRAGMA integrity_check after the kill found a damaged file"
        );
    }
    let (ctx, rt) = reopen(dir)?;
    rt.block_on(async {
        let site_names: std::collections::HashMap<i64, String> = sites::list(&ctx)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        let mut last_organisation = None;
        for line in lines {
            let words: Vec<&str> = line.split(' ').collect();
            let lost = |what: &str| format!("acknowledged {line:?} but {what}");
            match words.as_slice() {
                ["ready"] | ["done"] => {}
                ["site", id, name @ ..] => {
                    let found = site_names.get(&id.parse()?);
                    assert_eq!(
                        found.map(String::as_str),
                        Some(name.join(" ").as_str()),
                        "{}",
                        lost("the site is not in the list")
                    );
                }
                ["device", id, serial, site] => {
                    let found = devices::by_ids(&ctx, vec![id.parse()?]).await?;
                    let found = found.first().ok_or_else(|| lost("the device is gone"))?;
                    assert_eq!(
                        (found.serial.as_str(), found.site_id),
                        (*serial, Some(site.parse()?)),
                        "{}",
                        lost("the device reads back otherwise")
                    );
                }
                ["reading", id, device, value] => {
                    let (id, value): (i64, i64) = (id.parse()?, value.parse()?);
                    let found = devices::readings(&ctx, device.parse()?).await?;
                    assert!(
                        found.iter().any(|r| r.id == id && r.value == value),
                        "{}: {found:?}",
                        lost("the reading is not among the device's")
                    );
                }
                ["contract", id, number, po, a, b] => {
                    let found = contracts::get(&ctx, id.parse()?).await?;
                    assert_eq!(
                        (
                            found.form.number.as_str(),
                            found.po_numbers.first().map(|p| p.po_number.as_str()),
                            found.device_ids.clone(),
                        ),
                        (*number, Some(*po), vec![a.parse()?, b.parse()?]),
                        "{}",
                        lost("the contract reads back otherwise (its PO number and devices are the same user action)")
                    );
                }
                ["note", id, notes] => {
                    let found = devices::by_ids(&ctx, vec![id.parse()?]).await?;
                    assert_eq!(
                        found.first().map(|d| d.notes.as_str()),
                        Some(*notes),
                        "{}",
                        lost("the device's notes are not that")
                    );
                }
                ["request", id, device] => {
                    let found = requests::get(&ctx, id.parse()?).await?;
                    assert_eq!(
                        found.draft.device_id,
                        Some(device.parse()?),
                        "{}",
                        lost("the request names another device")
                    );
                }
                ["organisation", "Org", key] => last_organisation = Some(*key),
                _ => return Err(format!("unexpected line {line:?}").into()),
            }
        }
        // The organisation is one row, saved over: it holds the last name
        // acknowledged, or that of a later save of the same run (`<run>-<write>`)
        // which the kill interrupted after its commit.
        if let Some(key) = last_organisation {
            let split = |k: &str| k.split_once('-').map(|(r, i)| (r.to_owned(), i.parse::<u32>().ok()));
            let found = organisation::get(&ctx).await?.map(|o| o.legal_name);
            let found_key = found.as_deref().and_then(|n| n.strip_prefix("Org "));
            let ok = found_key == Some(key)
                || found_key.and_then(split).zip(split(key)).is_some_and(|((fr, fi), (kr, ki))| {
                    fr == kr && fi > ki
                });
            assert!(
                ok,
                "acknowledged the organisation as \"Org {key}\" but it reads {found:?}"
            );
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    })?;
    Ok(())
}

/// A contract is created with its PO number and its devices in one user action: the
/// write the kill interrupted, acknowledged or not, is there whole or not at all.
fn whole(dir: &Path, run: u32) -> TestResult {
    let (ctx, rt) = reopen(dir)?;
    rt.block_on(async {
        let prefix = format!("CT{run}-");
        for summary in contracts::list(&ctx).await? {
            if !summary.number.starts_with(&prefix) {
                continue;
            }
            let found = contracts::get(&ctx, summary.id).await?;
            assert_eq!(
                (found.po_numbers.len(), found.device_ids.len()),
                (1, 2),
                "contract {} is in the record without all of its PO number and devices",
                summary.number
            );
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    })
}

/// The record opened again through the app, as the user's next start would, with a
/// runtime to call its use cases on.
fn reopen(dir: &Path) -> Result<(Ctx, tokio::runtime::Runtime), Box<dyn std::error::Error>> {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .single()
        .ok_or("bad date")?;
    let ctx = Ctx::open(dir, Arc::new(FixedClock(now)))?;
    Ok((ctx, tokio::runtime::Builder::new_current_thread().build()?))
}
