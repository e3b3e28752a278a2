//! The scheduler's tick against a real SQLite file: announced once, after a restart
//! too; grouped; worded in the user's language; snooze and done respected.

use std::sync::{Arc, Mutex};

use canon_desk_app::clock::FixedClock;
use canon_desk_app::contracts::{self, NewContract};
use canon_desk_app::notifier::{Notification, Notifier};
use canon_desk_app::reminders::{self, DeadlineFilter, SnoozeUntil};
use canon_desk_app::settings::{self, Locale, Settings};
use canon_desk_app::{startup, Ctx};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::TestResult;

/// Records what would have been shown (the shell's notifier shows it on the desktop).
#[derive(Default)]
struct Recorder(Mutex<Vec<Notification>>);

impl Notifier for Recorder {
    fn show(&self, notification: &Notification) -> canon_desk_app::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(notification.clone());
        Ok(())
    }
}

impl Recorder {
    fn take(&self) -> Vec<Notification> {
        std::mem::take(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

fn at(y: i32, m: u32, d: u32, h: u32) -> Result<DateTime<Utc>, String> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .ok_or(format!("bad instant {y}-{m}-{d}"))
}

fn open(dir: &std::path::Path, now: DateTime<Utc>) -> Result<Ctx, canon_desk_app::Error> {
    Ctx::open(dir, Arc::new(FixedClock(now)))
}

fn ending(number: &str, ends_on: NaiveDate) -> NewContract {
    NewContract {
        contract: canon_desk_tests::contract_ending(number, ends_on),
        po_number: None,
        po_valid_from: None,
        device_ids: Vec::new(),
    }
}

#[tokio::test]
async fn a_tick_announces_once_across_restarts_then_respects_snooze_and_done() -> TestResult {
    let dir = tempfile::tempdir()?;
    let start = at(2026, 6, 1, 10)?;
    let ends = NaiveDate::from_ymd_opt(2026, 6, 21).ok_or("date")?;
    let shown = Recorder::default();
    {
        let ctx = open(dir.path(), start)?;
        contracts::create(&ctx, ending("CT-1", ends)).await?;
        let report = reminders::tick(&ctx, &shown).await?;
        assert_eq!(
            report.announced, 1,
            "the 30-day lead time has passed: {report:?}"
        );
        reminders::tick(&ctx, &shown).await?;
    }
    let first = shown.take();
    assert_eq!(
        first.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(),
        vec!["The contract ends"],
        "one notification, in English by default"
    );
    // A restart an hour later: nothing new.
    let ctx = open(dir.path(), start + Duration::hours(1))?;
    reminders::tick(&ctx, &shown).await?;
    assert!(shown.take().is_empty(), "a restart must not announce again");
    assert_eq!(
        reminders::due_count(&ctx).await?,
        0,
        "not due within the week yet"
    );
    // A week before, in French.
    let ctx = open(dir.path(), at(2026, 6, 14, 7)?)?;
    settings::set(
        &ctx,
        Settings {
            locale: Some(Locale::Fr),
            ..Settings::default()
        },
    )
    .await?;
    let report = reminders::tick(&ctx, &shown).await?;
    let week = shown.take();
    assert_eq!(
        (
            week.len(),
            week.first().map(|n| n.title.as_str()),
            report.due
        ),
        (1, Some("Le contrat prend fin"), 1),
        "the 7-day lead time, worded in French, and the deadline counts as due"
    );
    // Snoozed until a chosen day: silent at the day-before lead time, then announced.
    let row = reminders::list(&ctx, DeadlineFilter::default())
        .await?
        .into_iter()
        .next()
        .ok_or("no deadline")?;
    let until = NaiveDate::from_ymd_opt(2026, 6, 21).ok_or("date")?;
    reminders::snooze(&ctx, row.id, SnoozeUntil::Date(until)).await?;
    let ctx = open(dir.path(), at(2026, 6, 20, 7)?)?;
    reminders::tick(&ctx, &shown).await?;
    assert!(shown.take().is_empty(), "a snoozed deadline is silent");
    assert_eq!(
        reminders::due_count(&ctx).await?,
        0,
        "a snoozed deadline is not due"
    );
    // Done: the day itself passes in silence.
    reminders::done(&ctx, row.id).await?;
    let ctx = open(dir.path(), at(2026, 6, 21, 8)?)?;
    reminders::tick(&ctx, &shown).await?;
    assert!(shown.take().is_empty(), "a deadline marked done is silent");
    Ok(())
}

/// The app's start: the window's start-up answer reconciles every deadline, then the
/// scheduler's first tick comes (deferred until the home screen is up). The tick
/// does not reconcile a second time, and still announces what is due at start.
#[tokio::test]
async fn the_first_tick_after_the_start_up_answer_announces_without_reconciling_again() -> TestResult
{
    let dir = tempfile::tempdir()?;
    let now = at(2026, 6, 1, 10)?;
    let ends = NaiveDate::from_ymd_opt(2026, 6, 21).ok_or("date")?;
    {
        let ctx = open(dir.path(), now)?;
        contracts::create(&ctx, ending("CT-1", ends)).await?;
    }
    // Without a start-up answer before it, a tick reconciles.
    {
        let ctx = open(dir.path(), now)?;
        let report = reminders::tick(&ctx, &Recorder::default()).await?;
        assert!(
            report.reconciled.planned > 0,
            "a tick with no recent reconciliation must reconcile: {report:?}"
        );
    }
    // The same instant on another copy of the record, as the app starts.
    let copy = tempfile::tempdir()?;
    {
        let ctx = open(copy.path(), now)?;
        contracts::create(&ctx, ending("CT-1", ends)).await?;
    }
    let ctx = open(copy.path(), now)?;
    let first = startup::first_screen(&ctx).await?;
    assert_eq!(
        first.home.coming_total, 1,
        "the first screen must list the contract's end among what is coming: {:?}",
        first.home
    );
    let shown = Recorder::default();
    let report = reminders::tick(&ctx, &shown).await?;
    assert_eq!(
        report.reconciled.planned, 0,
        "the tick right after the start-up answer must not reconcile again: {report:?}"
    );
    assert_eq!(
        (report.announced, shown.take().len()),
        (1, 1),
        "the deadline due at start must still be announced, once: {report:?}"
    );
    Ok(())
}

#[tokio::test]
async fn deadlines_due_at_once_are_grouped_into_one_notification() -> TestResult {
    let dir = tempfile::tempdir()?;
    let now = at(2026, 6, 1, 10)?;
    let ctx = open(dir.path(), now)?;
    for (n, day) in [("CT-A", 3), ("CT-B", 4), ("CT-C", 5)] {
        let ends = NaiveDate::from_ymd_opt(2026, 6, day).ok_or("date")?;
        contracts::create(&ctx, ending(n, ends)).await?;
    }
    let shown = Recorder::default();
    let report = reminders::tick(&ctx, &shown).await?;
    let all = shown.take();
    assert_eq!(
        (all.len(), report.announced, report.due),
        (1, 3, 3),
        "three deadlines due at once make one notification: {all:?}"
    );
    let n = all.first().ok_or("no notification")?;
    assert_eq!(
        (n.title.as_str(), n.record, n.keys.len()),
        ("3 deadlines need you", None, 3),
        "a grouped notification opens the home screen"
    );
    let home = reminders::home(&ctx).await?;
    assert_eq!(home.due.len(), 3, "the home screen lists the three as due");
    Ok(())
}

#[tokio::test]
async fn lead_times_are_set_globally_and_per_item() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 6, 1, 10)?)?;
    assert_eq!(
        reminders::lead_times(&ctx).await?,
        vec![30, 7, 1, 0],
        "the defaults"
    );
    assert_eq!(
        reminders::set_lead_times(&ctx, vec![0, 14, 3]).await?,
        vec![14, 3, 0],
        "saved largest first"
    );
    let err = reminders::set_lead_times(&ctx, vec![]).await.err();
    assert_eq!(
        err.and_then(|e| e.field),
        Some("leadDays".to_owned()),
        "no lead time at all is refused, naming the field"
    );
    let ends = NaiveDate::from_ymd_opt(2026, 9, 1).ok_or("date")?;
    contracts::create(&ctx, ending("CT-9", ends)).await?;
    let row = reminders::list(&ctx, DeadlineFilter::default())
        .await?
        .into_iter()
        .next()
        .ok_or("no deadline")?;
    let own = reminders::set_item_lead_times(&ctx, row.id, Some(vec![60])).await?;
    assert_eq!(own.lead_days, Some(vec![60]), "the item's own lead times");
    Ok(())
}

/// The events of an ICS file read by an independent parser: UID → (SEQUENCE,
/// DTSTART, alarm triggers).
type Events = std::collections::BTreeMap<String, (String, String, Vec<String>)>;

fn parse_ics(path: &str) -> Result<Events, Box<dyn std::error::Error>> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut events = Events::new();
    let mut calendars = 0;
    for calendar in ical::IcalParser::new(file) {
        let calendar = calendar?;
        calendars += 1;
        for event in calendar.events {
            let prop = |name: &str| {
                event
                    .properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            let triggers = event
                .alarms
                .iter()
                .flat_map(|a| a.properties.iter().filter(|p| p.name == "TRIGGER"))
                .filter_map(|p| p.value.clone())
                .collect();
            events.insert(prop("UID"), (prop("SEQUENCE"), prop("DTSTART"), triggers));
        }
    }
    assert_eq!(calendars, 1, "{path} must hold exactly one calendar");
    Ok(events)
}

#[tokio::test]
async fn the_calendar_export_parses_back_and_keeps_every_uid_a_day_later() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path(), at(2026, 6, 1, 10)?)?;
    let a = contracts::create(
        &ctx,
        ending("CT-A", NaiveDate::from_ymd_opt(2026, 9, 30).ok_or("date")?),
    )
    .await?;
    contracts::create(
        &ctx,
        ending("CT-B", NaiveDate::from_ymd_opt(2026, 12, 31).ok_or("date")?),
    )
    .await?;
    let first = canon_desk_app::calendar::export_ics(&ctx).await?;
    let before = parse_ics(&first.path)?;
    let uid = format!("contract:{}:contract_end@canon-desk", a.id);
    assert_eq!(before.len(), 2, "one event per open deadline: {before:?}");
    let (sequence, start, triggers) = before
        .get(&uid)
        .ok_or(format!("no event {uid}: {before:?}"))?;
    assert_eq!(
        (sequence.as_str(), start.as_str(), triggers.len()),
        ("0", "20260930T070000Z", 4),
        "09:00 in Paris, with an alarm per lead time"
    );
    assert_eq!(
        triggers,
        &vec![
            "20260930T070000Z".to_owned(),
            "20260929T070000Z".to_owned(),
            "20260923T070000Z".to_owned(),
            "20260831T070000Z".to_owned(),
        ],
        "alarms on the day, the day before, a week and a month before, at 09:00 in Paris"
    );
    // A day later, one contract's end moved: same UIDs, a higher SEQUENCE for it.
    let ctx = open(dir.path(), at(2026, 6, 2, 10)?)?;
    let mut form = contracts::get(&ctx, a.id).await?.form;
    form.ends_on = NaiveDate::from_ymd_opt(2026, 10, 31);
    contracts::update(&ctx, a.id, form).await?;
    let second = canon_desk_app::calendar::export_ics(&ctx).await?;
    assert_ne!(first.path, second.path, "each export is a new file");
    let after = parse_ics(&second.path)?;
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "two exports a day apart keep every UID"
    );
    let (sequence, start, _) = after.get(&uid).ok_or("the moved event is missing")?;
    assert_eq!(
        (sequence.as_str(), start.as_str()),
        ("1", "20261031T080000Z"),
        "the moved deadline's event has a new date and a higher SEQUENCE"
    );
    Ok(())
}
