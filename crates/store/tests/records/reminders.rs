//! The reminder engine against a real SQLite file: sources planned in the same
//! transaction as their change, moved in place, closed when gone; snooze, done,
//! reopen; firings recorded once; and reconciliation at fleet scale.

use std::time::Instant;

use canon_desk_core::deadlines::{DeadlineKind, RecordRef};
use canon_desk_core::reminders::{due_now, DEFAULT_LEAD_DAYS};
use canon_desk_store::{
    ContractForm, ContractKind, DeadlineAction, DeadlineRow, DeadlineStatus, InvoiceDelivery,
    Renewal, Scope, Store,
};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::TestResult;

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .unwrap_or_default()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn contract(number: &str, ends_on: Option<NaiveDate>, renewal: Renewal) -> ContractForm {
    ContractForm {
        number: number.into(),
        kind: ContractKind::Maintenance,
        customer_number: "C-1".into(),
        billing_entity: String::new(),
        invoice_delivery: InvoiceDelivery::Paper,
        invoice_address: String::new(),
        starts_on: date(2024, 1, 1),
        ends_on,
        renewal,
        notice_months: Some(3),
        renewal_months: None,
    }
}

fn find<'a>(rows: &'a [DeadlineRow], key: &str) -> Result<&'a DeadlineRow, String> {
    rows.iter()
        .find(|r| r.key == key)
        .ok_or(format!("no deadline {key}: {rows:?}"))
}

#[test]
fn a_contract_and_its_po_plan_move_reopen_and_close_their_deadlines() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let now = utc(2026, 6, 1, 8);
    let c = store.create_contract_record(
        &contract("CT-1", date(2026, 12, 31), Renewal::Tacit),
        Some(("PO-26", date(2026, 1, 1))),
        &[],
        now,
    )?;
    let rows = store.deadlines(now)?;
    let notice = find(&rows, &format!("contract:{}:contract_notice", c.id))?.clone();
    assert_eq!(
        (notice.due_at.as_str(), notice.status, notice.record),
        (
            "2026-09-30T07:00:00.000Z",
            DeadlineStatus::Open,
            RecordRef::Contract(c.id)
        ),
        "notice three months before 31 December, planned with the contract"
    );
    // Done, then the contract's end moves: same row, new date, open again.
    store.act_on_deadline(notice.id, &DeadlineAction::Done, now)?;
    store.update_contract(
        c.id,
        &contract("CT-1", date(2027, 3, 31), Renewal::Tacit),
        now,
    )?;
    let moved = store.deadline(notice.id, now)?;
    assert_eq!(
        (moved.due_at.as_str(), moved.status, moved.revision),
        (
            "2026-12-31T08:00:00.000Z",
            DeadlineStatus::Open,
            notice.revision + 1
        ),
        "a moved source moves its deadline in place and reopens it"
    );
    // The PO's period gets an end: the next PO is due a month before the new period.
    let po_id = c.po_numbers.first().map(|p| p.id).ok_or("no PO")?;
    store.set_contract_po_end(c.id, date(2026, 12, 31), now)?;
    let rows = store.deadlines(now)?;
    let po = find(&rows, &format!("po:{po_id}:po_renewal"))?.clone();
    assert_eq!(
        (po.kind, po.due_at.as_str(), po.subject.as_str()),
        (
            DeadlineKind::PoRenewal,
            "2026-12-01T08:00:00.000Z",
            "CT-1 · PO-26"
        ),
        "the next PO must reach Canon by 1 December"
    );
    store.set_contract_po(
        c.id,
        "PO-27",
        NaiveDate::from_ymd_opt(2027, 1, 1).ok_or("date")?,
        now,
    )?;
    assert_eq!(
        store.deadline(po.id, now)?.status,
        DeadlineStatus::Done,
        "the next PO recorded meets the deadline"
    );
    // Deleted: dismissed; the deletion undone: open again.
    store.delete_contract(c.id, now)?;
    assert_eq!(
        store.deadline(notice.id, now)?.status,
        DeadlineStatus::Dismissed,
        "a deleted contract's deadline is dismissed"
    );
    store.restore_contract(c.id, now)?;
    assert_eq!(
        store.deadline(notice.id, now)?.status,
        DeadlineStatus::Open,
        "restoring the contract reopens its deadline"
    );
    let count = store.deadlines(now)?.len();
    store.reconcile_deadlines(Scope::All, now)?;
    assert_eq!(
        store.deadlines(now)?.len(),
        count,
        "reconciling everything again adds nothing"
    );
    Ok(())
}

#[test]
fn snooze_done_reopen_and_lead_times_of_one_deadline() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let now = utc(2026, 6, 1, 8);
    let c = store.create_contract_record(
        &contract("CT-2", date(2026, 7, 15), Renewal::Express),
        None,
        &[],
        now,
    )?;
    let row = find(
        &store.deadlines(now)?,
        &format!("contract:{}:contract_end", c.id),
    )?
    .clone();
    let until = utc(2026, 6, 8, 7);
    let snoozed = store.act_on_deadline(row.id, &DeadlineAction::Snooze(until), now)?;
    assert_eq!(
        (snoozed.status, snoozed.snoozed_until.as_deref()),
        (DeadlineStatus::Snoozed, Some("2026-06-08T07:00:00.000Z")),
        "snoozed until the chosen instant"
    );
    assert_eq!(
        store.deadline(row.id, until)?.status,
        DeadlineStatus::Open,
        "once the snooze ends the deadline is open again"
    );
    assert!(
        store
            .act_on_deadline(row.id, &DeadlineAction::Snooze(utc(2026, 5, 1, 0)), now)
            .is_err(),
        "a snooze into the past is refused"
    );
    let own = store.act_on_deadline(
        row.id,
        &DeadlineAction::LeadDays(Some(vec![1, 14, 14])),
        now,
    )?;
    assert_eq!(
        (own.lead_days, own.revision),
        (Some(vec![14, 1]), row.revision + 1),
        "the item's own lead times, cleaned, bump the revision"
    );
    assert!(
        store
            .act_on_deadline(row.id, &DeadlineAction::LeadDays(Some(vec![400])), now)
            .is_err(),
        "a lead time beyond a year is refused"
    );
    let done = store.act_on_deadline(row.id, &DeadlineAction::Done, now)?;
    assert_eq!(done.status, DeadlineStatus::Done, "marked done");
    assert!(
        store
            .act_on_deadline(row.id, &DeadlineAction::Snooze(until), now)
            .is_err(),
        "a deadline done cannot be snoozed"
    );
    let reopened = store.act_on_deadline(row.id, &DeadlineAction::Reopen, now)?;
    assert_eq!(reopened.status, DeadlineStatus::Open, "reopened");
    // A snooze lasts across a reconciliation that changes nothing.
    store.act_on_deadline(row.id, &DeadlineAction::Snooze(until), now)?;
    store.reconcile_deadlines(Scope::All, now)?;
    assert_eq!(
        store.deadline(row.id, now)?.status,
        DeadlineStatus::Snoozed,
        "a reconciliation that changes nothing keeps the snooze"
    );
    Ok(())
}

#[test]
fn a_firing_is_recorded_once_and_survives_a_restart() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("a.db");
    let now = utc(2026, 6, 1, 8);
    let key = {
        let mut store = Store::open(&path)?;
        let c = store.create_contract_record(
            &contract("CT-3", date(2026, 6, 20), Renewal::Express),
            None,
            &[],
            now,
        )?;
        format!("contract:{}:contract_end", c.id)
    };
    for round in 0..3 {
        // Each round is a fresh start of the app on the same file.
        let mut store = Store::open(&path)?;
        store.reconcile_deadlines(Scope::All, now)?;
        let (tracked, fired) = store.tracked_deadlines(&DEFAULT_LEAD_DAYS)?;
        let due = due_now(&tracked, &fired, now);
        let fresh = store.record_firings(&due, now)?;
        assert_eq!(
            fresh.len(),
            usize::from(round == 0),
            "round {round}: the 30-day announcement fires on the first start only"
        );
        // Recording the same announcement again (a racing tick) shows nothing.
        assert!(
            store.record_firings(&due, now)?.is_empty(),
            "round {round}: an announcement recorded twice"
        );
    }
    assert_eq!(
        Store::open(&path)?.firing_count(&key)?,
        1,
        "one announcement recorded"
    );
    Ok(())
}

/// The fleet of the benchmarks (10,000 devices, 2,000 contracts with a PO each),
/// written with plain SQL, every contract with an end date and a PO period end.
fn fleet(path: &std::path::Path) -> TestResult {
    drop(Store::open(path)?);
    let mut conn = rusqlite::Connection::open(path)?;
    let tx = conn.transaction()?;
    let now = "2026-01-01T00:00:00.000Z";
    {
        let mut dev = tx.prepare(
            "INSERT INTO devices (id, serial, model, kind, ownership, meter_transmission,
                 status, created_at, updated_at)
             VALUES (?1, ?2, 'imageRUNNER 2630i', 'mfp', 'leased', 'automatic', 'active', ?3, ?3)",
        )?;
        for d in 1..=10_000i64 {
            dev.execute(rusqlite::params![d, format!("XK{d:06}"), now])?;
        }
        let mut con = tx.prepare(
            "INSERT INTO contracts (id, number, kind, ends_on, renewal, notice_months,
                 renewal_months, created_at, updated_at)
             VALUES (?1, ?2, 'maintenance', ?3, ?4, 3, ?5, ?6, ?6)",
        )?;
        let mut po = tx.prepare(
            "INSERT INTO contract_po_numbers (contract_id, po_number, valid_from, valid_to, created_at)
             VALUES (?1, ?2, '2026-01-01', ?3, ?4)",
        )?;
        let mut link =
            tx.prepare("INSERT INTO contract_devices (contract_id, device_id) VALUES (?1, ?2)")?;
        for c in 1..=2_000i64 {
            let ends = format!("20{:02}-{:02}-28", 20 + c % 10, c % 12 + 1);
            let renewal = if c % 4 == 0 { "express" } else { "tacit" };
            let term = [None, Some(12), Some(36)][(c % 3) as usize];
            con.execute(rusqlite::params![
                c,
                format!("CT{c:05}"),
                ends,
                renewal,
                term,
                now
            ])?;
            po.execute(rusqlite::params![
                c,
                format!("PO{c:05}"),
                format!("2026-{:02}-28", c % 12 + 1),
                now
            ])?;
            for k in 0..5 {
                link.execute(rusqlite::params![c, (c - 1) * 5 + k + 1])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

#[test]
fn reconciliation_at_fleet_scale_is_quick_and_a_restart_duplicates_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("fleet.db");
    fleet(&path)?;
    let now = utc(2026, 1, 15, 9);
    let mut store = Store::open(&path)?;
    let started = Instant::now();
    let first = store.reconcile_deadlines(Scope::All, now)?;
    let first_time = started.elapsed();
    let rows = store.deadlines(now)?.len();
    assert!(
        first.added >= 3_500 && rows == first.added as usize,
        "every contract and PO plans a deadline: {first:?}, {rows} rows"
    );
    drop(store);
    // A restart: the same file, reconciled again, changes nothing.
    let mut store = Store::open(&path)?;
    let started = Instant::now();
    let again = store.reconcile_deadlines(Scope::All, now)?;
    let again_time = started.elapsed();
    assert_eq!(
        (again.added, again.moved, again.closed),
        (0, 0, 0),
        "a restart must not add, move or close anything: {again:?}"
    );
    assert_eq!(
        store.deadlines(now)?.len(),
        rows,
        "a restart duplicated deadlines"
    );
    // A year later every tacit contract's term has rolled over at least once.
    let later = utc(2027, 3, 1, 9);
    let started = Instant::now();
    let rolled = store.reconcile_deadlines(Scope::All, later)?;
    let rolled_time = started.elapsed();
    assert!(rolled.moved > 0, "terms rolled over: {rolled:?}");
    let started = Instant::now();
    let (tracked, fired) = store.tracked_deadlines(&DEFAULT_LEAD_DAYS)?;
    let due = due_now(&tracked, &fired, later);
    let due_time = started.elapsed();
    println!(
        "reconciliation, 10,000 devices and 2,000 contracts: {} deadlines planned; first run \
         {first_time:?} ({} added), after a restart {again_time:?} (nothing changed), a year \
         later {rolled_time:?} ({} moved, {} closed); what is due now: {due_time:?} ({} due)",
        first.planned,
        first.added,
        rolled.moved,
        rolled.closed,
        due.len()
    );
    assert!(
        again_time.as_millis() < 2_000,
        "reconciling an unchanged record took {again_time:?}"
    );
    Ok(())
}

#[test]
fn reminders_planned_before_the_engine_keep_their_meaning() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("old.db");
    // A file at schema 4, with the reminders the app planned then.
    {
        let mut conn = rusqlite::Connection::open(&path)?;
        let tx = conn.transaction()?;
        for (_, sql) in &canon_desk_store::MIGRATIONS[..4] {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", 4)?;
        tx.execute_batch(
            "INSERT INTO requests (id, situation, status, notify_by, created_at, updated_at)
               VALUES (1, 'answer_meter_reading_request', 'draft', '2026-07-01',
                       '2026-06-01T08:00:00.000Z', '2026-06-01T08:00:00.000Z'),
                      (2, 'change_billing_entity', 'sent', '2026-07-01',
                       '2026-06-01T08:00:00.000Z', '2026-06-02T08:00:00.000Z');
             UPDATE requests SET sent_at = '2026-06-02T08:00:00.000Z' WHERE id = 2;
             INSERT INTO reminders (source_key, title, due_at, status, request_id, created_at) VALUES
               ('request:1:notify_by', 'Tell Canon France', '2026-07-01T07:00:00.000Z', 'pending', 1, '2026-06-01T08:00:00.000Z'),
               ('request:2:notify_by', 'Tell Canon France', '2026-07-01T07:00:00.000Z', 'done', 2, '2026-06-01T08:00:00.000Z'),
               ('request:2:follow_up', 'Follow up', '2026-06-09T07:00:00.000Z', 'fired', 2, '2026-06-02T08:00:00.000Z');",
        )?;
        tx.commit()?;
    }
    let mut store = Store::open(&path)?;
    let now = utc(2026, 6, 3, 8);
    let report = store.reconcile_deadlines(Scope::All, now)?;
    assert_eq!(
        (report.added, report.moved, report.closed),
        (0, 0, 0),
        "the rows planned before the engine are the engine's own: {report:?}"
    );
    let rows = store.deadlines(now)?;
    let meter = find(&rows, "request:1:meter_reading_due")?;
    assert_eq!(
        (meter.kind, meter.status, meter.situation),
        (
            DeadlineKind::MeterReadingDue,
            DeadlineStatus::Open,
            Some(canon_desk_core::catalogue::Situation::AnswerMeterReadingRequest)
        ),
        "a meter-reading request's date becomes its own kind, still open"
    );
    let follow = find(&rows, "request:2:follow_up")?;
    assert_eq!(
        (follow.kind, follow.status, follow.record),
        (
            DeadlineKind::FollowUp,
            DeadlineStatus::Open,
            RecordRef::Request(2)
        ),
        "a follow-up announced by nothing yet stays open"
    );
    let told = find(&rows, "request:2:notify_by")?;
    assert!(
        store
            .act_on_deadline(told.id, &DeadlineAction::Reopen, now)
            .is_err(),
        "a deadline the record closed (the request was sent) is not reopened by hand"
    );
    Ok(())
}

#[test]
fn the_open_deadlines_due_by_a_day_are_those_of_the_full_list() -> TestResult {
    use canon_desk_store::{ContractInput, ContractKind, DeadlineStatus, Scope};
    use chrono::Duration;

    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("d.db"))?;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .ok_or("bad instant")?;
    let start = now.date_naive() - Duration::days(40);
    for i in 0..60 {
        store.create_contract(
            &ContractInput {
                number: format!("CT-{i:03}"),
                kind: ContractKind::Rental,
                customer_number: String::new(),
                po_number: None,
                starts_on: None,
                ends_on: Some(start + Duration::days(i * 3)),
                device_ids: Vec::new(),
            },
            now,
        )?;
    }
    store.reconcile_deadlines(Scope::All, now)?;
    let until = now + Duration::days(31);
    let expected: Vec<_> = store
        .deadlines(now)?
        .into_iter()
        .filter(|r| matches!(r.status, DeadlineStatus::Open | DeadlineStatus::Snoozed))
        .filter(|r| {
            r.due_at.as_str()
                <= until
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
                    .as_str()
        })
        .collect();
    assert!(
        !expected.is_empty(),
        "the record must have deadlines in the month"
    );
    assert_eq!(
        store.open_deadlines_due_by(now, until)?,
        expected,
        "the open deadlines due by a day must be those of the full list, in its order"
    );
    Ok(())
}
