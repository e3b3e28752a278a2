//! What the interface asks for at start-up does not grow with the record: the one
//! answer the window waits for before its first render (`startup::first_screen`:
//! the settings, the overview, and the home screen's deadlines, requests and CPS
//! line) weighs about the same on a record of ten devices and on one of ten thousand.

use std::sync::Arc;

use canon_desk_app::clock::FixedClock;
use canon_desk_app::{contracts, cps, overview, reminders, settings, sites, startup, Ctx, DB_FILE};
use canon_desk_store::{
    ContractInput, ContractKind, DeviceFilter, ReadingInput, ReadingSource, Store,
};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::TestResult;

/// The instant the app is started at.
fn now() -> Result<DateTime<Utc>, String> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .single()
        .ok_or_else(|| "bad instant".to_owned())
}

/// A record of `devices` devices (one in ten a camera or a lens, on 50 sites),
/// `contracts` contracts covering five devices each and ending on days spread over
/// the four months around `now` (so that even the small record fills the home
/// screen's sections with deadlines due and coming), and
/// `readings` meter readings, written through the store's own code.
fn record(dir: &std::path::Path, devices: usize, contracts: usize, readings: usize) -> TestResult {
    let at = now()?;
    let mut store = Store::open(&dir.join(DB_FILE))?;
    let mut csv = String::from(
        "serial,model,kind,site,ownership,installed_on,meter_transmission,status,notes\n",
    );
    for i in 0..devices {
        let (kind, model) = match i % 20 {
            0 => ("camera", "EOS R5"),
            10 => ("lens", "RF 24-70mm F2.8L IS USM"),
            _ => ("mfp", "imageRUNNER ADVANCE DX C5840i"),
        };
        csv.push_str(&format!(
            "XK{i:06},{model},{kind},Site {},leased,2024-05-02,automatic,active,floor {}\n",
            i % 50,
            i % 7
        ));
    }
    let report = store.import_devices(&csv, at)?;
    assert_eq!(
        usize::try_from(report.imported)?,
        devices,
        "every device must be imported"
    );
    let ids: Vec<i64> = store
        .list_devices(&DeviceFilter::default())?
        .iter()
        .map(|d| d.id)
        .collect();
    let start = NaiveDate::from_ymd_opt(2026, 10, 24).ok_or("date")?;
    store.atomically(|store| {
        for c in 0..contracts {
            let covered = (0..5)
                .filter_map(|k| ids.get((c * 5 + k) % ids.len().max(1)).copied())
                .collect();
            let days = i64::try_from(c * 7 % 120).unwrap_or_default();
            store.create_contract(
                &ContractInput {
                    number: format!("CT-{c:05}"),
                    kind: ContractKind::Maintenance,
                    customer_number: "4000123".into(),
                    po_number: Some(format!("PO-{c}")),
                    starts_on: Some(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(start)),
                    ends_on: Some(start + chrono::Duration::days(days)),
                    device_ids: covered,
                },
                at,
            )?;
        }
        for r in 0..readings {
            let device = ids[r % ids.len()];
            let nth = i64::try_from(r / ids.len()).unwrap_or_default();
            store.add_reading(
                &ReadingInput {
                    device_id: device,
                    counter: "total".into(),
                    value: 1_000 * (nth + 1),
                    read_on: start + chrono::Duration::days(nth),
                    source: ReadingSource::Automatic,
                    is_reset: false,
                },
                at,
            )?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The serialized size, in bytes, of the answer the window waits for before its
/// first render, as the IPC bridge sends it (JSON), then of each of its parts.
async fn startup_answers(
    ctx: &Ctx,
) -> Result<Vec<(&'static str, usize)>, Box<dyn std::error::Error>> {
    Ok(vec![
        (
            "first_screen",
            serde_json::to_vec(&startup::first_screen(ctx).await?)?.len(),
        ),
        (
            "settings_get",
            serde_json::to_vec(&settings::get(ctx).await?)?.len(),
        ),
        (
            "overview",
            serde_json::to_vec(&overview::get(ctx).await?)?.len(),
        ),
        (
            "reminders_home",
            serde_json::to_vec(&reminders::home(ctx).await?)?.len(),
        ),
        (
            "cps_home",
            serde_json::to_vec(&cps::home(ctx).await?)?.len(),
        ),
    ])
}

/// The answers each screen's first display asks for, logged beside the start-up
/// ones (they are read when the user opens the screen, not at start-up).
async fn screen_answers(
    ctx: &Ctx,
) -> Result<Vec<(&'static str, usize)>, Box<dyn std::error::Error>> {
    let page = canon_desk_app::devices::page(ctx, DeviceFilter::default(), 0, 100).await?;
    Ok(vec![
        ("devices_page(0, 100)", serde_json::to_vec(&page)?.len()),
        (
            "sites_search(\"\")",
            serde_json::to_vec(&sites::search(ctx, String::new()).await?)?.len(),
        ),
        (
            "contracts_search(\"\")",
            serde_json::to_vec(&contracts::search(ctx, String::new()).await?)?.len(),
        ),
        (
            "contracts_page(0, 100)",
            serde_json::to_vec(&contracts::page(ctx, 0, 100).await?)?.len(),
        ),
        (
            "contracts_list",
            serde_json::to_vec(&contracts::list(ctx).await?)?.len(),
        ),
        (
            "requests_list",
            serde_json::to_vec(&canon_desk_app::requests::list(ctx).await?)?.len(),
        ),
        (
            "reminders_page(open, 100)",
            serde_json::to_vec(
                &reminders::page(
                    ctx,
                    reminders::DeadlineFilter {
                        status: Some(canon_desk_store::DeadlineStatus::Open),
                        ..Default::default()
                    },
                    100,
                )
                .await?,
            )?
            .len(),
        ),
        (
            "reminders_list(all)",
            serde_json::to_vec(&reminders::list(ctx, reminders::DeadlineFilter::default()).await?)?
                .len(),
        ),
    ])
}

fn total(answers: &[(&str, usize)]) -> usize {
    answers.iter().map(|(_, n)| n).sum()
}

/// The size of the one start-up answer (the first of `startup_answers`).
fn first_screen(answers: &[(&str, usize)]) -> Result<usize, String> {
    match answers.first() {
        Some(("first_screen", n)) => Ok(*n),
        other => Err(format!(
            "the first start-up answer must be first_screen: {other:?}"
        )),
    }
}

/// The sizes on a small and a big record. The bound: the big record's start-up
/// answer (and its parts, each read alone) weigh at most 4 KiB more than the small
/// one's. What may differ is the
/// digits of the counts (a handful of bytes) and which deadlines and requests fill
/// the home screen's capped lists (at most `HOME_LIMIT` rows each, the same shape on
/// both records once the small one has that many); 4 KiB is a few rows' worth of
/// difference, while anything listed per device, contract or reading would add tens
/// of kilobytes on the big record.
#[tokio::test]
async fn start_up_answers_do_not_grow_with_the_record() -> TestResult {
    let small_dir = tempfile::tempdir()?;
    let big_dir = tempfile::tempdir()?;
    record(small_dir.path(), 10, 60, 100)?;
    record(big_dir.path(), 10_000, 2_000, 100_000)?;
    let small = Ctx::open(small_dir.path(), Arc::new(FixedClock(now()?)))?;
    let big = Ctx::open(big_dir.path(), Arc::new(FixedClock(now()?)))?;
    let small_start = startup_answers(&small).await?;
    let started = std::time::Instant::now();
    let big_start = startup_answers(&big).await?;
    eprintln!(
        "start-up answers on 10,000 devices read in {:?}",
        started.elapsed()
    );
    let started = std::time::Instant::now();
    startup_answers(&big).await?;
    eprintln!(
        "the same again (deadlines already reconciled) in {:?}",
        started.elapsed()
    );
    for ((name, s), (_, b)) in small_start.iter().zip(&big_start) {
        eprintln!("start-up {name}: {s} bytes on 10 devices, {b} bytes on 10,000 devices");
    }
    let small_screens = screen_answers(&small).await?;
    let big_screens = screen_answers(&big).await?;
    for ((name, s), (_, b)) in small_screens.iter().zip(&big_screens) {
        eprintln!("first display {name}: {s} bytes on 10 devices, {b} bytes on 10,000 devices");
    }
    let (s, b) = (total(&small_start[1..]), total(&big_start[1..]));
    assert!(
        b <= s + 4096,
        "the start-up answers must not grow with the record: {s} bytes on 10 devices, \
         {b} on 10,000 ({big_start:?})"
    );
    let (s, b) = (first_screen(&small_start)?, first_screen(&big_start)?);
    assert!(
        b <= s + 4096,
        "the first screen's answer must not grow with the record: {s} bytes on 10 \
         devices, {b} on 10,000"
    );
    let parts = total(&big_start[1..]);
    assert!(
        b <= parts + 64,
        "the first screen's answer must be its parts and no more: {b} bytes, the parts \
         {parts}"
    );
    Ok(())
}

/// The Reminders screen's page holds at most its limit and counts the rest.
#[tokio::test]
async fn the_reminders_page_is_cut_at_its_limit_and_counts_all() -> TestResult {
    let dir = tempfile::tempdir()?;
    record(dir.path(), 10, 60, 0)?;
    let ctx = Ctx::open(dir.path(), Arc::new(FixedClock(now()?)))?;
    let all = reminders::list(&ctx, reminders::DeadlineFilter::default()).await?;
    assert!(
        all.len() > 5,
        "the record must hold more than a page of 5: {}",
        all.len()
    );
    let page = reminders::page(&ctx, reminders::DeadlineFilter::default(), 5).await?;
    assert_eq!(
        page.rows,
        all[..5],
        "the page must be the first rows of the list"
    );
    assert_eq!(
        usize::try_from(page.total)?,
        all.len(),
        "the page must count every deadline"
    );
    Ok(())
}
