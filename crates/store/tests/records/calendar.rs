//! The calendar publisher's bookkeeping against a real SQLite file: what was sent
//! survives a reopening, failures count up, a success or a new calendar resets them.

use canon_desk_store::{PublishedEvent, Store};
use chrono::{TimeZone, Utc};

use super::TestResult;

fn event(key: &str, etag: &str) -> PublishedEvent {
    PublishedEvent {
        key: key.into(),
        href: format!("/u/cal/{key}.ics"),
        etag: Some(etag.into()),
        fingerprint: "f1".into(),
        body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
        revision: 0,
    }
}

#[test]
fn published_events_and_failures_survive_a_restart_until_reset() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("a.db");
    let now = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    {
        let store = Store::open(&path)?;
        store.record_published_event(&event("request:1:follow_up", "\"a\""), now)?;
        store.record_published_event(&event("contract:2:contract_notice", "\"b\""), now)?;
        // The same key published again replaces its row, never adds one.
        let mut moved = event("request:1:follow_up", "\"a2\"");
        moved.revision = 1;
        store.record_published_event(&moved, now)?;
        store.forget_published_event("contract:2:contract_notice")?;
        let state = store.record_calendar_failure("auth", "401 Unauthorized", now)?;
        assert_eq!(state.failures, 1, "one failure counted: {state:?}");
        store.record_calendar_failure("connection", "refused", now)?;
    }
    let mut store = Store::open(&path)?;
    let events = store.published_events()?;
    assert_eq!(
        events
            .iter()
            .map(|e| (e.key.as_str(), e.etag.as_deref(), e.revision))
            .collect::<Vec<_>>(),
        vec![("request:1:follow_up", Some("\"a2\""), 1)],
        "one row per key, the latest etag, the forgotten one gone"
    );
    let state = store.calendar_sync_state()?;
    assert_eq!(
        (state.failures, state.last_error_code.as_deref()),
        (2, Some("connection")),
        "two failures in a row, the last one's class kept across the restart"
    );
    store.record_calendar_success(now)?;
    let state = store.calendar_sync_state()?;
    assert_eq!(
        (
            state.failures,
            state.last_error.as_deref(),
            state.next_attempt_at.as_deref()
        ),
        (0, None, None),
        "a success clears the failures"
    );
    store.switch_calendar("calendar.caldav", Some("{}"))?;
    assert!(
        store.published_events()?.is_empty(),
        "a new calendar starts with nothing published"
    );
    store.switch_calendar("calendar.caldav", None)?;
    assert_eq!(
        store.setting("calendar.caldav")?,
        None,
        "disconnecting removes the connection"
    );
    Ok(())
}
