//! Publishing deadlines into the user's calendar against a real CalDAV server
//! (Radicale on 127.0.0.1, started by the test) and a real SQLite file, and the
//! weekly digest against the real SMTP server of the tests. The password lives in an
//! in-memory secret store here; the keychain test checks the OS keychain.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use canon_desk_app::calendar::digest::{self, DigestRun, DigestSettings};
use canon_desk_app::calendar::publish::{self, ConnectRequest};
use canon_desk_app::clock::FixedClock;
use canon_desk_app::contracts::{self, NewContract};
use canon_desk_app::mailer::{FailureCode, SmtpConfig, SmtpSecurity};
use canon_desk_app::reminders::{self, DeadlineFilter};
use canon_desk_app::secrets::SecretStore;
use canon_desk_app::settings::{self, Locale};
use canon_desk_app::{smtp_settings, Ctx};
use canon_desk_store::Store;
use canon_desk_tests::caldav::Radicale;
use canon_desk_tests::contract_ending;
use canon_desk_tests::mime;
use canon_desk_tests::smtp::{Mode, SmtpServer};
use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, TimeZone, Utc};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Secrets kept in memory, shared across the contexts of one test (its "restarts").
#[derive(Debug, Default)]
struct Memory(Mutex<HashMap<String, String>>);

impl SecretStore for Memory {
    fn set(&self, key: &str, secret: &str) -> canon_desk_app::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key.to_owned(), secret.to_owned());
        Ok(())
    }
    fn get(&self, key: &str) -> canon_desk_app::Result<Option<String>> {
        Ok(self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(key)
            .cloned())
    }
    fn delete(&self, key: &str) -> canon_desk_app::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(key);
        Ok(())
    }
}

fn at(y: i32, m: u32, d: u32, h: u32) -> Result<DateTime<Utc>, String> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .ok_or(format!("bad instant {y}-{m}-{d}"))
}

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or(format!("bad date {y}-{m}-{d}"))
}

fn open(
    dir: &std::path::Path,
    now: DateTime<Utc>,
    secrets: &Arc<Memory>,
) -> Result<Ctx, canon_desk_app::Error> {
    Ok(Ctx::open(dir, Arc::new(FixedClock(now)))?.with_secrets(secrets.clone()))
}

/// A contract that ends on `ends_on` without renewing: one deadline, its end.
async fn contract(
    ctx: &Ctx,
    number: &str,
    ends_on: NaiveDate,
) -> Result<i64, canon_desk_app::Error> {
    Ok(contracts::create(
        ctx,
        NewContract {
            contract: contract_ending(number, ends_on),
            po_number: None,
            po_valid_from: None,
            device_ids: Vec::new(),
        },
    )
    .await?
    .id)
}

/// Connects to `server` and publishes into a new "Canon Desk" calendar.
async fn connect(ctx: &Ctx, server: &Radicale) -> TestResult {
    connect_as(ctx, server.url(), &server.username, &server.password).await
}

/// Connects to the server at `url` and publishes into a new "Canon Desk" calendar.
async fn connect_as(ctx: &Ctx, url: String, username: &str, password: &str) -> TestResult {
    let connected = publish::connect(
        ctx,
        ConnectRequest {
            server_url: url,
            username: username.into(),
            password: password.into(),
        },
    )
    .await?;
    assert!(connected.ok, "the server refused the login: {connected:?}");
    let chosen = publish::choose(ctx, None).await?;
    assert!(chosen.ok, "no Canon Desk calendar: {chosen:?}");
    Ok(())
}

/// The UIDs of the events in the server's Canon Desk calendar.
fn uids(server: &Radicale) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut found: Vec<String> = server
        .events("canon-desk")?
        .iter()
        .flat_map(|(_, text)| {
            text.lines()
                .filter_map(|l| l.strip_prefix("UID:"))
                .filter(|u| !u.contains(":alarm:"))
                .map(|u| u.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort();
    Ok(found)
}

#[tokio::test]
async fn discovery_lists_the_writable_calendars_and_makes_a_canon_desk_one() -> TestResult {
    let server = Radicale::start("anna", "s3cret-anna")?;
    let (status, _, _) = server.request(
        "MKCALENDAR",
        "/anna/work/",
        &[("Content-Type", "application/xml")],
        r#"<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>Work</D:displayname></D:prop></D:set></C:mkcalendar>"#,
    )?;
    assert_eq!(status, 201, "the test calendar could not be made");
    let dir = tempfile::tempdir()?;
    let secrets = Arc::new(Memory::default());
    let ctx = open(dir.path(), at(2026, 12, 1, 9)?, &secrets)?;

    let refused = publish::connect(
        &ctx,
        ConnectRequest {
            server_url: server.url(),
            username: "anna".into(),
            password: "wrong".into(),
        },
    )
    .await?;
    assert_eq!(
        (refused.ok, refused.code),
        (false, Some(FailureCode::Auth)),
        "a wrong password is told apart: {refused:?}"
    );
    assert!(
        refused.settings.connection.is_none()
            && secrets.0.lock().map(|s| s.is_empty()).unwrap_or(false),
        "a refused login keeps nothing: {refused:?}"
    );

    let connected = publish::connect(
        &ctx,
        ConnectRequest {
            server_url: server.url(),
            username: "anna".into(),
            password: "s3cret-anna".into(),
        },
    )
    .await?;
    assert!(connected.ok, "login refused: {connected:?}");
    assert_eq!(
        connected
            .calendars
            .iter()
            .map(|c| (c.href.as_str(), c.name.as_str(), c.writable))
            .collect::<Vec<_>>(),
        vec![("/anna/work/", "Work", true)],
        "principal → calendar home → the calendars found"
    );
    assert!(
        connected.settings.has_password,
        "the password is saved once the server accepted it"
    );

    let chosen = publish::choose(&ctx, None).await?;
    assert_eq!(
        chosen
            .settings
            .connection
            .as_ref()
            .map(|c| (c.calendar_href.as_deref(), c.calendar_name.as_deref())),
        Some((Some("/anna/canon-desk/"), Some("Canon Desk"))),
        "a Canon Desk calendar is made in the home: {chosen:?}"
    );
    let listed = publish::calendars(&ctx).await?;
    assert_eq!(
        listed
            .calendars
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Canon Desk", "Work"],
        "the new calendar is on the server"
    );
    // Choosing it again (a second computer, a reconnection) takes the one there.
    let again = publish::choose(&ctx, None).await?;
    assert!(
        again.ok,
        "the existing Canon Desk calendar is reused: {again:?}"
    );

    // Publishing there, then choosing another calendar moves the event.
    contract(&ctx, "CT-MOVE", day(2027, 3, 1)?).await?;
    publish::publish_pending(&ctx).await?;
    assert_eq!(
        server.events("canon-desk")?.len(),
        1,
        "published in Canon Desk"
    );
    let work = publish::choose(&ctx, Some("/anna/work/".into())).await?;
    assert!(work.ok, "the Work calendar is chosen: {work:?}");
    assert!(
        server.events("canon-desk")?.is_empty(),
        "the event leaves the calendar no longer chosen"
    );
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!((status.waiting, status.published), (0, 1), "{status:?}");
    assert_eq!(server.events("work")?.len(), 1, "the event is in Work");
    // The same calendar chosen again keeps what is published there.
    publish::choose(&ctx, Some("/anna/work/".into())).await?;
    let status = publish::status(&ctx).await?;
    assert_eq!(
        (status.waiting, status.published),
        (0, 1),
        "nothing to write again: {status:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_deadline_is_published_moved_in_place_with_the_users_note_kept_then_deleted_when_done(
) -> TestResult {
    let server = Radicale::start("anna", "pw-anna")?;
    let dir = tempfile::tempdir()?;
    let secrets = Arc::new(Memory::default());
    let ctx = open(dir.path(), at(2026, 12, 1, 9)?, &secrets)?;
    connect(&ctx, &server).await?;
    let id = contract(&ctx, "CT-CAL-1", day(2027, 1, 29)?).await?;

    let status = publish::publish_pending(&ctx).await?;
    assert_eq!(
        (status.waiting, status.published, status.failures),
        (0, 1, 0),
        "first publish: {status:?}"
    );
    let events = server.events("canon-desk")?;
    assert_eq!(events.len(), 1, "one event on the server: {events:?}");
    let (file, text) = &events[0];
    assert!(
        text.contains(&format!("UID:contract:{id}:contract_end@canon-desk"))
            && text.contains("DTSTART:20270129T080000Z")
            && text.contains("CT-CAL-1")
            && text.matches("BEGIN:VALARM").count() == 4,
        "the event names the contract, is due at 09:00 Paris with an alarm per lead time:\n{text}"
    );

    // The user adds a note in their calendar app.
    let href = format!("/anna/canon-desk/{file}");
    let (status, etag, body) = server.request("GET", &href, &[], "")?;
    assert_eq!(status, 200, "the event could not be read back");
    let etag = etag.ok_or("no ETag")?;
    let edited = body.replacen(
        "END:VEVENT",
        "DESCRIPTION:Ask Marie for the return slip\r\nEND:VEVENT",
        1,
    );
    let (status, _, _) = server.request(
        "PUT",
        &href,
        &[("If-Match", &etag), ("Content-Type", "text/calendar")],
        &edited,
    )?;
    assert!(
        status == 201 || status == 204,
        "the user's edit was refused: {status}"
    );

    // A look with nothing written since finds nothing waiting (and remembers it)...
    let idle = publish::publish_pending(&ctx).await?;
    assert_eq!(
        (idle.waiting, idle.published),
        (0, 1),
        "nothing waits: {idle:?}"
    );
    // ...then the contract's end moves: the same event is updated in place, the note kept.
    contracts::update(&ctx, id, contract_ending("CT-CAL-1", day(2027, 2, 26)?)).await?;
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!(
        (status.waiting, status.failures),
        (0, 0),
        "the move is published: {status:?}"
    );
    let events = server.events("canon-desk")?;
    assert_eq!(
        events.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(),
        vec![file.as_str()],
        "still one event, at the same place"
    );
    let text = &events[0].1;
    assert!(
        text.contains("DTSTART:20270226T080000Z") && !text.contains("DTSTART:20270129"),
        "the event moved:\n{text}"
    );
    assert!(
        text.contains("Ask Marie for the return slip"),
        "the user's note survived the update:\n{text}"
    );
    assert_eq!(
        uids(&server)?,
        vec![format!("contract:{id}:contract_end@canon-desk")],
        "same UID, one event"
    );

    // Done: the event goes.
    let deadline = reminders::list(&ctx, DeadlineFilter::default())
        .await?
        .into_iter()
        .find(|d| d.key == format!("contract:{id}:contract_end"))
        .ok_or("the deadline is not listed")?;
    reminders::done(&ctx, deadline.id).await?;
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!(
        (status.waiting, status.published),
        (0, 0),
        "nothing waiting, nothing published: {status:?}"
    );
    assert!(
        server.events("canon-desk")?.is_empty(),
        "a done deadline's event is deleted"
    );
    Ok(())
}

#[tokio::test]
async fn a_refused_login_and_a_server_away_keep_the_queue_until_it_is_back_without_loss_or_duplicate(
) -> TestResult {
    let mut server = Radicale::start("anna", "pw-anna")?;
    let dir = tempfile::tempdir()?;
    let secrets = Arc::new(Memory::default());
    let start = at(2026, 12, 1, 9)?;
    let ctx = open(dir.path(), start, &secrets)?;
    connect(&ctx, &server).await?;
    let a = contract(&ctx, "CT-A", day(2027, 3, 1)?).await?;
    publish::publish_pending(&ctx).await?;
    assert_eq!(uids(&server)?.len(), 1, "the first contract is published");

    // The password is changed on the server: the login is refused, the change waits.
    let users = server.user_folder();
    let users_file = users
        .parent()
        .and_then(|p| p.parent())
        .and_then(|p| p.parent())
        .ok_or("no storage folder")?
        .join("users");
    std::fs::write(&users_file, "anna:changed-elsewhere\n")?;
    let b = contract(&ctx, "CT-B", day(2027, 3, 2)?).await?;
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!(
        (status.waiting, status.failures, status.last_error_code),
        (1, 1, Some(FailureCode::Auth)),
        "one change waiting: the server refused the login: {status:?}"
    );
    assert!(
        status.next_attempt_at.is_some(),
        "a retry is scheduled: {status:?}"
    );
    // Within the back-off, calling again does not touch the server.
    let again = publish::publish_pending(&ctx).await?;
    assert_eq!(
        again.failures, 1,
        "no attempt during the back-off: {again:?}"
    );

    // The user types the new password: the chosen calendar stays.
    let reconnected = publish::connect(
        &ctx,
        ConnectRequest {
            server_url: server.url(),
            username: "anna".into(),
            password: "changed-elsewhere".into(),
        },
    )
    .await?;
    assert_eq!(
        (
            reconnected.ok,
            reconnected
                .settings
                .connection
                .as_ref()
                .and_then(|c| c.calendar_href.as_deref())
        ),
        (true, Some("/anna/canon-desk/")),
        "the same account keeps its calendar: {reconnected:?}"
    );

    // The login works again, but the server goes away mid-run.
    server.stop();
    contracts::update(&ctx, a, contract_ending("CT-A", day(2027, 3, 15)?)).await?;
    let c = contract(&ctx, "CT-C", day(2027, 3, 3)?).await?;
    let status = publish::publish_now(&ctx).await?;
    assert_eq!(
        (status.waiting, status.failures, status.last_error_code),
        (3, 2, Some(FailureCode::Connection)),
        "three changes waiting: the server cannot be reached: {status:?}"
    );
    drop(ctx);

    // Restart: the app comes back later, the server too; the queue is still there.
    server.resume()?;
    let later = start + Duration::hours(2);
    let ctx = open(dir.path(), later, &secrets)?;
    let before = publish::status(&ctx).await?;
    assert_eq!(
        before.waiting, 3,
        "the queue survived the restart: {before:?}"
    );
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!(
        (status.waiting, status.failures, status.last_error_code),
        (0, 0, None),
        "everything went once the server was back: {status:?}"
    );
    let mut expected: Vec<String> = [a, b, c]
        .iter()
        .map(|id| format!("contract:{id}:contract_end@canon-desk"))
        .collect();
    expected.sort();
    assert_eq!(uids(&server)?, expected, "each deadline once, none lost");
    let moved = server
        .events("canon-desk")?
        .into_iter()
        .find(|(_, t)| t.contains("CT-A"))
        .ok_or("CT-A is not on the server")?;
    assert!(
        moved.1.contains("DTSTART:20270315"),
        "the move made while the server was away was published:\n{}",
        moved.1
    );

    // An answer lost before it was recorded (a crash right after the server wrote
    // the event): the next run finds the event there and does not add a second one.
    drop(ctx);
    {
        let store = Store::open(&dir.path().join("canon-desk.db"))?;
        store.forget_published_event(&format!("contract:{b}:contract_end"))?;
    }
    let ctx = open(dir.path(), later, &secrets)?;
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!(
        (status.waiting, status.published, status.failures),
        (0, 3, 0),
        "the lost answer is recovered: {status:?}"
    );
    assert_eq!(uids(&server)?, expected, "still each deadline once");
    Ok(())
}

#[tokio::test]
async fn disconnecting_removes_the_published_events_and_the_password() -> TestResult {
    let server = Radicale::start("anna", "pw-anna")?;
    let dir = tempfile::tempdir()?;
    let secrets = Arc::new(Memory::default());
    let ctx = open(dir.path(), at(2026, 12, 1, 9)?, &secrets)?;
    connect(&ctx, &server).await?;
    contract(&ctx, "CT-D1", day(2027, 3, 1)?).await?;
    contract(&ctx, "CT-D2", day(2027, 4, 1)?).await?;
    publish::publish_pending(&ctx).await?;
    assert_eq!(uids(&server)?.len(), 2, "two events published");
    // New lead times change every event's alarms, in place.
    reminders::set_lead_times(&ctx, vec![7]).await?;
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!((status.waiting, status.published), (0, 2), "{status:?}");
    let events = server.events("canon-desk")?;
    assert!(
        events.len() == 2
            && events
                .iter()
                .all(|(_, t)| t.matches("BEGIN:VALARM").count() == 1),
        "one alarm per event, a week before: {events:?}"
    );

    let done = publish::disconnect(&ctx, true).await?;
    assert_eq!((done.removed, done.left), (2, 0), "both removed: {done:?}");
    assert!(
        server.events("canon-desk")?.is_empty(),
        "the published events are gone from the server"
    );
    assert!(
        secrets.0.lock().map(|s| s.is_empty()).unwrap_or(false),
        "the password left the keychain"
    );
    let settings = publish::settings(&ctx).await?;
    assert!(
        settings.connection.is_none() && !settings.status.connected,
        "nothing connected any more: {settings:?}"
    );
    // Publishing without a calendar does nothing and fails nothing.
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!((status.waiting, status.failures), (0, 0), "{status:?}");
    Ok(())
}

#[tokio::test]
async fn the_weekly_digest_is_received_once_across_a_restart_in_the_users_language() -> TestResult {
    let smtp = SmtpServer::start(Mode::Accept)?;
    let dir = tempfile::tempdir()?;
    let secrets = Arc::new(Memory::default());
    let now = at(2026, 12, 2, 10)?;
    let weekday = now.with_timezone(&Local).weekday().number_from_monday() as u8;
    {
        let ctx = open(dir.path(), now, &secrets)?;
        smtp_settings::save(
            &ctx,
            SmtpConfig {
                host: "127.0.0.1".into(),
                port: smtp.port,
                security: SmtpSecurity::Plain,
                username: String::new(),
                from_address: "desk@atelier.example".into(),
                from_name: "Atelier Lumière".into(),
                timeout_seconds: 5,
                trusted_certificate_pem: None,
            },
        )
        .await?;
        let mut chosen = settings::get(&ctx).await?;
        chosen.locale = Some(Locale::Fr);
        settings::set(&ctx, chosen).await?;
        contract(&ctx, "CT-SOON", day(2026, 12, 10)?).await?;
        contract(&ctx, "CT-LATER", day(2027, 6, 30)?).await?;
        digest::save_settings(
            &ctx,
            DigestSettings {
                enabled: true,
                weekday,
                recipient: "owner@atelier.example".into(),
            },
        )
        .await?;
        let first = digest::digest_if_due(&ctx).await?;
        assert!(
            matches!(first, DigestRun::Sent { .. }),
            "due on the chosen day: {first:?}"
        );
        let second = digest::digest_if_due(&ctx).await?;
        assert_eq!(second, DigestRun::NotDue, "not twice the same day");
    }
    // A restart the same week: not again.
    let ctx = open(dir.path(), now + Duration::hours(3), &secrets)?;
    assert_eq!(
        digest::digest_if_due(&ctx).await?,
        DigestRun::NotDue,
        "not again after a restart"
    );
    let received = smtp.received();
    assert_eq!(received.len(), 1, "one digest received: {received:?}");
    let mail = &received[0];
    assert_eq!(
        mail.to,
        vec!["owner@atelier.example".to_owned()],
        "sent to the chosen recipient"
    );
    let subject = mime::subject(&mail.data);
    let body = mime::text_body(&mail.data);
    assert!(
        subject.starts_with("Canon Desk\u{a0}: vos échéances"),
        "in French: {subject}"
    );
    assert!(
        body.contains("CT-SOON") && !body.contains("CT-LATER"),
        "the coming fortnight only:\n{body}"
    );
    // The next week, it goes again.
    drop(ctx);
    let ctx = open(dir.path(), now + Duration::days(7), &secrets)?;
    assert!(
        matches!(digest::digest_if_due(&ctx).await?, DigestRun::Sent { .. }),
        "the next week's digest goes"
    );
    assert_eq!(smtp.received().len(), 2, "one per week");
    Ok(())
}

#[tokio::test]
async fn what_waits_is_worked_out_quickly_at_fleet_scale() -> TestResult {
    let dir = tempfile::tempdir()?;
    let secrets = Arc::new(Memory::default());
    let now = at(2026, 12, 1, 9)?;
    {
        let mut store = Store::open(&dir.path().join("canon-desk.db"))?;
        for i in 0..2_000u32 {
            let ends = day(2027, 1 + i % 12, 1 + i % 28)?;
            store.create_contract_record(
                &contract_ending(&format!("CT-F{i:04}"), ends),
                None,
                &[],
                now,
            )?;
        }
        // A calendar chosen, as `choose` saves it (no server is needed to plan).
        store.switch_calendar(
            publish::SETTING_KEY,
            Some(r#"{"serverUrl":"http://127.0.0.1:9/","username":"anna","calendarHref":"/anna/canon-desk/","calendarName":"Canon Desk"}"#),
        )?;
    }
    let ctx = open(dir.path(), now, &secrets)?;
    let started = std::time::Instant::now();
    let status = publish::status(&ctx).await?;
    let took = started.elapsed();
    println!("what waits for 2,000 deadlines worked out in {took:?}");
    assert_eq!(status.waiting, 2_000, "every deadline waits: {status:?}");
    assert!(
        took < std::time::Duration::from_secs(10),
        "working out what waits must stay well under the worker's 20 s tick: {took:?}"
    );
    Ok(())
}

/// A keychain that cannot be read (a locked collection, no Secret Service).
#[derive(Debug)]
struct Locked;

impl SecretStore for Locked {
    fn set(&self, _key: &str, _secret: &str) -> canon_desk_app::Result<()> {
        Err(locked())
    }
    fn get(&self, _key: &str) -> canon_desk_app::Result<Option<String>> {
        Err(locked())
    }
    fn delete(&self, _key: &str) -> canon_desk_app::Result<()> {
        Err(locked())
    }
}

fn locked() -> canon_desk_app::Error {
    canon_desk_app::Error {
        code: canon_desk_app::ErrorCode::Keychain,
        message: "keychain: the collection is locked".into(),
        field: None,
    }
}

#[tokio::test]
async fn a_keychain_that_cannot_be_read_waits_like_a_server_away() -> TestResult {
    let server = Radicale::start("anna", "pw-anna")?;
    let dir = tempfile::tempdir()?;
    let secrets = Arc::new(Memory::default());
    let now = at(2026, 12, 1, 9)?;
    {
        let ctx = open(dir.path(), now, &secrets)?;
        connect(&ctx, &server).await?;
        contract(&ctx, "CT-K", day(2027, 3, 1)?).await?;
    }
    let ctx = Ctx::open(dir.path(), Arc::new(FixedClock(now)))?.with_secrets(Arc::new(Locked));
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!(
        (status.waiting, status.failures, status.last_error_code),
        (1, 1, None),
        "the change waits, with a retry scheduled: {status:?}"
    );
    assert!(
        status
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("keychain")),
        "Settings says the keychain is the cause: {status:?}"
    );
    assert!(
        server.events("canon-desk")?.is_empty(),
        "nothing was sent without the password"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_stopped_in_the_middle_of_a_publication_loses_and_duplicates_nothing() -> TestResult
{
    const COUNT: usize = 40;
    let server = Arc::new(Mutex::new(Radicale::start("anna", "pw-anna")?));
    let dir = tempfile::tempdir()?;
    let secrets = Arc::new(Memory::default());
    let start = at(2026, 12, 1, 9)?;
    let ctx = open(dir.path(), start, &secrets)?;
    let url = server.lock().map_err(|_| "radicale lock")?.url();
    connect_as(&ctx, url, "anna", "pw-anna").await?;
    for i in 0..COUNT {
        contract(
            &ctx,
            &format!("CT-M{i:02}"),
            day(2027, 1 + (i % 12) as u32, 1 + (i % 28) as u32)?,
        )
        .await?;
    }
    // A watcher stops the server as soon as the first events are on it.
    let watcher = {
        let server = Arc::clone(&server);
        std::thread::spawn(move || {
            let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
            while std::time::Instant::now() < until {
                if let Ok(mut s) = server.lock() {
                    if s.events("canon-desk").map(|e| e.len()).unwrap_or(0) >= 3 {
                        s.stop();
                        return true;
                    }
                }
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            false
        })
    };
    let status = publish::publish_pending(&ctx).await?;
    let stopped = watcher.join().map_err(|_| "the watcher panicked")?;
    assert!(stopped, "the server was stopped mid-run");
    assert!(
        status.failures == 1 && status.published > 0 && (status.published as usize) < COUNT,
        "the run stopped part-way with a failure recorded: {status:?}"
    );
    assert_eq!(
        status.waiting as usize + status.published as usize,
        COUNT,
        "what was not recorded as published waits: {status:?}"
    );
    drop(ctx);

    // Restart, later, with the server back.
    server.lock().map_err(|_| "radicale lock")?.resume()?;
    let ctx = open(dir.path(), start + Duration::hours(1), &secrets)?;
    let status = publish::publish_pending(&ctx).await?;
    assert_eq!(
        (status.waiting, status.published as usize, status.failures),
        (0, COUNT, 0),
        "everything is published after the restart: {status:?}"
    );
    let guard = server.lock().map_err(|_| "radicale lock")?;
    let found = uids(&guard)?;
    let mut unique = found.clone();
    unique.dedup();
    assert_eq!(
        (found.len(), unique.len()),
        (COUNT, COUNT),
        "each deadline once on the server, none lost, none twice"
    );
    Ok(())
}
