use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("a valid test instant")
}

fn paris_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&CANON_FRANCE_ZONE).date_naive()
}

fn request(id: i64, stage: RequestStage, notify_by: Option<NaiveDate>) -> RequestSource {
    RequestSource {
        id,
        situation: Situation::ChangeBillingEntity,
        stage,
        notify_by,
        created_on: date(2026, 1, 5),
        sent_on: None,
        subject: format!("SN{id}"),
    }
}

fn contract(id: i64, ends_on: NaiveDate, renewal: Renewal) -> ContractSource {
    ContractSource {
        id,
        number: format!("C-{id}"),
        ends_on: Some(ends_on),
        renewal,
        renewal_months: None,
        notice_months: Some(3),
        terminated: false,
    }
}

fn due_date(d: &Deadline) -> NaiveDate {
    d.due_at.with_timezone(&CANON_FRANCE_ZONE).date_naive()
}

#[test]
fn a_request_is_due_to_be_told_while_in_the_app_then_followed_up_once_it_left() {
    let mut input = PlanInput::empty(date(2026, 1, 10));
    input.requests = vec![
        request(1, RequestStage::InApp, Some(date(2026, 2, 1))),
        RequestSource {
            situation: Situation::AnswerMeterReadingRequest,
            ..request(2, RequestStage::InApp, Some(date(2026, 1, 20)))
        },
        RequestSource {
            sent_on: Some(date(2026, 1, 8)),
            ..request(3, RequestStage::Left, Some(date(2026, 2, 1)))
        },
        request(4, RequestStage::Done, Some(date(2026, 2, 1))),
        request(5, RequestStage::Cancelled, Some(date(2026, 2, 1))),
        // Created after its date had passed: the wizard warned, no reminder is planned.
        request(6, RequestStage::InApp, Some(date(2026, 1, 2))),
    ];
    let planned: Vec<(String, NaiveDate)> = plan(&input)
        .iter()
        .map(|d| (d.key.clone(), due_date(d)))
        .collect();
    assert_eq!(
        planned,
        vec![
            ("request:1:notify_by".to_owned(), date(2026, 2, 1)),
            ("request:2:meter_reading_due".to_owned(), date(2026, 1, 20)),
            ("request:3:follow_up".to_owned(), date(2026, 1, 15)),
        ],
        "the requests' deadlines are wrong"
    );
    assert_eq!(
        given_up(&input),
        vec![RecordRef::Request(5)],
        "only the cancelled request is given up"
    );
}

#[test]
fn a_tacit_contract_gives_notice_on_its_current_term_over_several_terms() {
    let mut c = contract(7, date(2026, 12, 31), Renewal::Tacit);
    let cases = [
        (date(2026, 6, 1), date(2026, 9, 30)),
        // The notice date passed but the term has not ended: it stays, overdue.
        (date(2026, 11, 15), date(2026, 9, 30)),
        (date(2027, 1, 1), date(2027, 9, 30)),
        (date(2029, 5, 5), date(2029, 9, 30)),
        (date(2031, 12, 31), date(2031, 9, 30)),
        (date(2032, 1, 1), date(2032, 9, 30)),
    ];
    for (today, expected) in cases {
        let mut input = PlanInput::empty(today);
        input.contracts = vec![c.clone()];
        let planned = plan(&input);
        assert_eq!(
            planned
                .iter()
                .map(|d| (d.key.as_str(), due_date(d)))
                .collect::<Vec<_>>(),
            vec![("contract:7:contract_notice", expected)],
            "on {today} the notice date must come from the current term"
        );
    }
    // A two-year renewal term, ending on the last day of February: the 29th when the
    // year has one.
    c.ends_on = Some(date(2026, 2, 28));
    c.renewal_months = Some(24);
    c.notice_months = Some(6);
    assert_eq!(
        current_term_end(date(2026, 2, 28), 24, date(2026, 3, 1)),
        Some(date(2028, 2, 29)),
        "a term renewed from 1 March ends on 29 February in a leap year"
    );
    let mut input = PlanInput::empty(date(2027, 7, 1));
    input.contracts = vec![c];
    assert_eq!(
        plan(&input).iter().map(due_date).collect::<Vec<_>>(),
        vec![date(2027, 8, 29)],
        "six months before 29 February 2028"
    );
}

#[test]
fn the_term_end_is_found_quickly_and_exactly_for_old_contracts() {
    for (ends_on, term, today, expected) in [
        (date(2000, 1, 31), 12, date(2026, 5, 5), date(2027, 1, 31)),
        (date(2000, 1, 31), 1, date(2026, 5, 5), date(2026, 5, 31)),
        (date(2000, 1, 31), 1, date(2026, 5, 31), date(2026, 5, 31)),
        (date(2000, 1, 31), 1, date(2026, 6, 1), date(2026, 6, 30)),
        (date(2010, 6, 30), 36, date(2026, 5, 5), date(2028, 6, 30)),
    ] {
        assert_eq!(
            current_term_end(ends_on, term, today),
            Some(expected),
            "ends {ends_on}, terms of {term} months, today {today}"
        );
    }
}

#[test]
fn an_express_contract_ends_and_a_terminated_one_needs_nothing() {
    let mut input = PlanInput::empty(date(2026, 6, 1));
    input.contracts = vec![
        contract(1, date(2026, 12, 31), Renewal::Express),
        contract(2, date(2026, 1, 31), Renewal::Express),
        ContractSource {
            terminated: true,
            ..contract(3, date(2026, 12, 31), Renewal::Tacit)
        },
        ContractSource {
            ends_on: None,
            ..contract(4, date(2026, 12, 31), Renewal::Tacit)
        },
    ];
    assert_eq!(
        plan(&input)
            .iter()
            .map(|d| (d.key.as_str(), due_date(d)))
            .collect::<Vec<_>>(),
        vec![("contract:1:contract_end", date(2026, 12, 31))],
        "an express contract that has not ended yet is the only deadline"
    );
}

#[test]
fn the_next_po_is_due_a_month_before_the_new_period() {
    let mut input = PlanInput::empty(date(2026, 6, 1));
    let po = PoSource {
        id: 9,
        contract_number: "C-1".into(),
        po_number: "PO-26".into(),
        valid_to: Some(date(2027, 3, 30)),
        superseded: false,
    };
    input.po_numbers = vec![
        po.clone(),
        PoSource {
            id: 10,
            superseded: true,
            ..po.clone()
        },
        PoSource {
            id: 11,
            valid_to: None,
            ..po
        },
    ];
    let planned = plan(&input);
    assert_eq!(
        planned
            .iter()
            .map(|d| (d.key.as_str(), due_date(d), d.subject.as_str()))
            .collect::<Vec<_>>(),
        vec![("po:9:po_renewal", date(2027, 2, 28), "C-1 · PO-26")],
        "the new period starts 31 March: Canon must have the PO by 28 February"
    );
}

#[test]
fn lead_times_keep_the_hour_across_the_dst_changes() {
    // Due 09:00 Paris on 2 April 2026 (summer time); a week earlier is winter time.
    let due = crate::deadlines::due_instant(date(2026, 4, 2), CANON_FRANCE_ZONE);
    let instants = lead_instants(due, CANON_FRANCE_ZONE, &[0, 7, 30, 7]);
    assert_eq!(
        instants,
        vec![
            (0, utc(2026, 4, 2, 7, 0)),
            (7, utc(2026, 3, 26, 8, 0)),
            (30, utc(2026, 3, 3, 8, 0)),
        ],
        "each lead time is at 09:00 Paris, deduplicated, nearest first"
    );
}

fn tracked(key: &str, due_at: DateTime<Utc>) -> Tracked {
    Tracked {
        key: key.to_owned(),
        due_at,
        zone: "Europe/Paris".into(),
        lead_days: DEFAULT_LEAD_DAYS.to_vec(),
        snoozed_until: None,
        done: false,
    }
}

#[test]
fn only_the_latest_passed_lead_time_is_announced_once_and_never_early() {
    let due = utc(2026, 6, 30, 7, 0);
    let t = vec![tracked("a", due)];
    let mut fired = HashSet::new();
    assert!(
        due_now(&t, &fired, utc(2026, 5, 31, 6, 59)).is_empty(),
        "nothing before the 30-day lead time"
    );
    // Off for three weeks: the 30- and 7-day lead times both passed.
    let now = utc(2026, 6, 25, 12, 0);
    let due_then = due_now(&t, &fired, now);
    assert_eq!(
        due_then.iter().map(|a| a.lead_days).collect::<Vec<_>>(),
        vec![Some(7)],
        "only the latest passed lead time is announced"
    );
    for a in &due_then {
        fired.insert((a.key.clone(), a.at));
    }
    assert!(
        due_now(&t, &fired, now + Duration::hours(1)).is_empty(),
        "an announcement never fires twice"
    );
    assert!(
        due_now(&t, &fired, utc(2026, 6, 29, 6, 59)).is_empty(),
        "the day-before announcement is not early"
    );
    assert_eq!(
        due_now(&t, &fired, utc(2026, 6, 29, 7, 0))
            .iter()
            .map(|a| a.lead_days)
            .collect::<Vec<_>>(),
        vec![Some(1)],
        "the day before at 09:00 Paris"
    );
    let done = vec![Tracked {
        done: true,
        ..t[0].clone()
    }];
    assert!(
        due_now(&done, &HashSet::new(), due).is_empty(),
        "a deadline marked done is silent"
    );
}

#[test]
fn a_snoozed_deadline_is_silent_until_its_snooze_ends_then_announced_once() {
    let due = utc(2026, 6, 30, 7, 0);
    let until = utc(2026, 7, 2, 7, 0);
    let t = vec![Tracked {
        snoozed_until: Some(until),
        ..tracked("a", due)
    }];
    let fired = HashSet::new();
    assert!(
        due_now(&t, &fired, utc(2026, 7, 1, 12, 0)).is_empty(),
        "a snoozed deadline is silent, even past its due date"
    );
    let at_end = due_now(&t, &fired, until);
    assert_eq!(
        at_end
            .iter()
            .map(|a| (a.lead_days, a.at))
            .collect::<Vec<_>>(),
        vec![(None, until)],
        "announced when the snooze ends"
    );
}

/// The world of the simulated year: what the record holds at `now`, following a
/// timeline of edits (sources created, moved, met and deleted).
fn world(now: DateTime<Utc>) -> PlanInput {
    let today = paris_today(now);
    let mut input = PlanInput::empty(today);
    // Requests created on 20 January; due around the spring DST change.
    let created = utc(2026, 1, 20, 10, 0);
    if now >= created {
        let sent_at = utc(2026, 3, 27, 15, 0);
        let stage = if now >= utc(2026, 5, 2, 9, 0) {
            RequestStage::Done
        } else if now >= sent_at {
            RequestStage::Left
        } else {
            RequestStage::InApp
        };
        input.requests.push(RequestSource {
            sent_on: (now >= sent_at).then(|| paris_today(sent_at)),
            created_on: paris_today(created),
            ..request(1, stage, Some(date(2026, 3, 29)))
        });
        // A request due at the autumn change, its date moved once (the draft edited).
        let moved = now >= utc(2026, 8, 1, 9, 0);
        input.requests.push(RequestSource {
            created_on: paris_today(created),
            ..request(
                2,
                RequestStage::InApp,
                Some(if moved {
                    date(2026, 10, 27)
                } else {
                    date(2026, 10, 24)
                }),
            )
        });
    }
    // A tacit contract, six-month terms, one month's notice: it rolls over twice.
    input.contracts.push(ContractSource {
        renewal_months: Some(6),
        notice_months: Some(1),
        ..contract(1, date(2025, 12, 31), Renewal::Tacit)
    });
    // An express contract deleted on 12 November (absent from the record after).
    if now < utc(2026, 11, 12, 12, 0) {
        input
            .contracts
            .push(contract(2, date(2026, 11, 15), Renewal::Express));
    }
    // A PO whose period ends on 31 December; the next PO arrives on 15 November.
    input.po_numbers.push(PoSource {
        id: 1,
        contract_number: "C-1".into(),
        po_number: "PO-2026".into(),
        valid_to: Some(date(2026, 12, 31)),
        superseded: now >= utc(2026, 11, 15, 14, 0),
    });
    input
}

/// What the store keeps, as the simulated scheduler sees it: one entry per key,
/// reconciled like the store does (moved in place; closed when gone).
#[derive(Default)]
struct Kept {
    rows: HashMap<String, Tracked>,
    /// When each (key, due_at) version first appeared.
    appeared: HashMap<(String, DateTime<Utc>), DateTime<Utc>>,
    /// When each version stopped being planned.
    vanished: HashMap<(String, DateTime<Utc>), DateTime<Utc>>,
}

impl Kept {
    fn reconcile(&mut self, planned: &[Deadline], now: DateTime<Utc>) {
        let keys: HashSet<&str> = planned.iter().map(|d| d.key.as_str()).collect();
        for row in self.rows.values_mut() {
            if !row.done && !keys.contains(row.key.as_str()) {
                row.done = true;
                self.vanished.insert((row.key.clone(), row.due_at), now);
            }
        }
        for d in planned {
            let row = self.rows.entry(d.key.clone()).or_insert_with(|| Tracked {
                key: d.key.clone(),
                due_at: d.due_at,
                zone: d.zone.clone(),
                lead_days: DEFAULT_LEAD_DAYS.to_vec(),
                snoozed_until: None,
                done: false,
            });
            if row.due_at != d.due_at {
                self.vanished.insert((row.key.clone(), row.due_at), now);
                row.due_at = d.due_at;
                row.done = false;
            }
            self.appeared
                .entry((d.key.clone(), d.due_at))
                .or_insert(now);
        }
    }
}

/// One announcement shown: key, instant announced, lead time, when it was shown.
type Shown = (String, DateTime<Utc>, Option<u32>, DateTime<Utc>);

#[test]
fn a_simulated_year_fires_every_lead_time_exactly_once_on_time_across_dst_and_restarts() {
    let tick = Duration::minutes(15);
    let start = utc(2026, 1, 1, 0, 0);
    let end = utc(2027, 1, 15, 0, 0);
    // Restarts: the scheduler's memory is lost; only the store survives.
    let restarts = [
        utc(2026, 3, 29, 0, 30),  // the night of the spring change
        utc(2026, 6, 30, 7, 0),   // exactly at an announcement instant
        utc(2026, 10, 25, 0, 45), // the night of the autumn change
        utc(2026, 12, 1, 8, 15),
    ];
    let mut kept = Kept::default();
    let mut fired: HashSet<(String, DateTime<Utc>)> = HashSet::new();
    // (key, instant announced, lead time, when it was shown)
    let mut log: Vec<Shown> = Vec::new();
    // The scheduler ticks on its grid; a restart ticks at once when the app starts
    // again, off the grid and twice at the same instant (the tick before quitting and
    // the one at start), so only what the store recorded keeps it from repeating.
    let mut ticks: Vec<DateTime<Utc>> = Vec::new();
    let mut now = start;
    while now <= end {
        ticks.push(now);
        now += tick;
    }
    for r in restarts {
        ticks.extend([r, r, r + Duration::minutes(7)]);
    }
    ticks.sort();
    for now in ticks {
        kept.reconcile(&plan(&world(now)), now);
        let rows: Vec<Tracked> = kept.rows.values().cloned().collect();
        let due = due_now(&rows, &fired, now);
        for a in due {
            // Recorded before it is shown.
            assert!(
                fired.insert((a.key.clone(), a.at)),
                "{} at {} fired twice (now {now})",
                a.key,
                a.at
            );
            log.push((a.key, a.at, a.lead_days, now));
        }
    }
    // Every version of every deadline: each lead instant after it appeared and not
    // after it vanished fires once, within one tick; the latest instant already
    // passed when it appeared fires at once; nothing else fires.
    let mut expected: Vec<(String, DateTime<Utc>)> = Vec::new();
    for ((key, due_at), appeared) in &kept.appeared {
        let vanished = kept
            .vanished
            .get(&(key.clone(), *due_at))
            .copied()
            .unwrap_or(end);
        let instants = lead_instants(*due_at, CANON_FRANCE_ZONE, &DEFAULT_LEAD_DAYS);
        let passed = instants
            .iter()
            .filter(|(_, at)| at <= appeared)
            .map(|(_, at)| *at)
            .max();
        for (_, at) in &instants {
            let live = at > appeared && *at <= vanished && *at <= end;
            if live || Some(*at) == passed {
                expected.push((key.clone(), *at));
            }
        }
    }
    expected.sort();
    let mut got: Vec<(String, DateTime<Utc>)> =
        log.iter().map(|(k, at, _, _)| (k.clone(), *at)).collect();
    got.sort();
    assert_eq!(
        got, expected,
        "the announcements of the year differ from the lead times"
    );
    for (key, at, _, when) in &log {
        assert!(when >= at, "{key} announced early: due {at}, shown {when}");
        let appeared = kept
            .appeared
            .iter()
            .filter(|((k, _), t)| k == key && *t <= when)
            .map(|(_, t)| *t)
            .max()
            .unwrap_or(start);
        let from = (*at).max(appeared);
        assert!(
            *when - from < tick,
            "{key} announced late: due {at}, shown {when}"
        );
    }
    // The simulation covers what it claims to.
    let keys: HashSet<&str> = log.iter().map(|(k, _, _, _)| k.as_str()).collect();
    for key in [
        "request:1:notify_by",
        "request:1:follow_up",
        "request:2:notify_by",
        "contract:1:contract_notice",
        "contract:2:contract_end",
        "po:1:po_renewal",
    ] {
        assert!(keys.contains(key), "{key} never fired: {keys:?}");
    }
    let notice_dates: HashSet<DateTime<Utc>> = kept
        .appeared
        .keys()
        .filter(|(k, _)| k == "contract:1:contract_notice")
        .map(|(_, d)| *d)
        .collect();
    assert_eq!(
        notice_dates.len(),
        3,
        "the tacit contract must have rolled over twice: {notice_dates:?}"
    );
    assert!(
        !log.iter()
            .any(|(k, at, _, _)| k == "contract:2:contract_end" && *at > utc(2026, 11, 12, 12, 0)),
        "a deleted contract's deadline must not fire after its deletion"
    );
}
