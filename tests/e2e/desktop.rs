//! The app around its window, in the real desktop session of the tests (Xvfb, a
//! D-Bus session bus with no tray and no notification server): closing the window
//! leaves the app running and says so once on the bus; a second launch on the same
//! record brings the window back and exits; Settings says the desktop shows no tray;
//! a deadline due now is notified on the bus once, and not again after a restart;
//! Settings fills a provider's server, sends a real test message and writes the
//! start-at-login entry.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use canon_desk_store::{ContractInput, ContractKind, Store};
use canon_desk_tests::desktop::{app_pid, is_running, Display, NotificationLog, PrivateBus};
use canon_desk_tests::smtp::{Mode, SmtpServer};
use canon_desk_tests::{
    app_binary, choose, click, find, use_test_smtp, wait_text, Driver, TestResult, PATIENCE,
};
use fantoccini::Locator;

/// Starts the app again on `data_dir`, as a user would, and waits for it to exit.
fn launch_again(data_dir: &std::path::Path) -> TestResult<std::process::ExitStatus> {
    let mut child = Command::new(app_binary()?)
        .args(["--data-dir".as_ref(), data_dir.as_os_str()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err("a second launch on the same record did not hand over and exit".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn closing_the_window_keeps_the_app_running_and_a_second_launch_brings_it_back() -> TestResult
{
    let notifications = NotificationLog::start()?;
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-decline]").await?;

    // The session of the tests has no StatusNotifierWatcher: Settings says so, and
    // closing would minimise. The user chooses the tray anyway, and is warned.
    click(&client, "[data-testid=nav-settings]").await?;
    find(&client, "[data-testid=desktop-no-tray]").await?;
    let start_at_login = find(&client, "[data-testid=desktop-start-at-login]").await?;
    assert!(
        !start_at_login.is_selected().await?,
        "start at login must be off until the user turns it on"
    );
    let options = find(&client, "[data-testid=desktop-close]")
        .await?
        .find_all(Locator::Css("option"))
        .await?;
    assert_eq!(options.len(), 2, "closing offers the tray or minimised");
    let selected = find(&client, "[data-testid=desktop-close]")
        .await?
        .prop("value")
        .await?;
    assert_eq!(
        selected.as_deref(),
        Some("minimise"),
        "without a tray, closing must minimise unless the user chose otherwise"
    );
    find(&client, "[data-testid=desktop-close] option[value=tray]")
        .await?
        .click()
        .await?;
    wait_text(
        &client,
        "[data-testid=desktop-no-tray]",
        "Your desktop shows no tray icons right now (on GNOME, the AppIndicator extension adds them): once closed, the window comes back only when you start Canon Desk again. Choose “minimised” to keep it in the taskbar.",
    )
    .await?;

    let pid = app_pid(data.path())?;
    let display = Display::open()?;
    let window = display.window_of(pid, "Canon Desk")?;
    assert!(
        display.is_viewable(window)?,
        "the window must be on screen after start"
    );

    // Closed as a window manager closes it: the window goes, the app stays.
    display.close(window)?;
    display.wait_viewable(window, false)?;
    notifications.wait_for("Canon Desk is still running")?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        is_running(pid),
        "closing the window must leave the app running"
    );
    let answered = client.execute("return 6 * 7", vec![]).await?;
    assert_eq!(
        answered.as_i64(),
        Some(42),
        "the page must still run behind the closed window"
    );

    // A second launch on the same record brings the window back and exits.
    let status = launch_again(data.path())?;
    assert!(
        status.success(),
        "the second launch must exit successfully once handed over: {status}"
    );
    display.wait_viewable(window, true)?;
    assert!(
        is_running(pid),
        "the first app must still be the one running"
    );
    // Closed again: the user was told once, that is enough.
    display.close(window)?;
    display.wait_viewable(window, false)?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        notifications.count("Canon Desk is still running"),
        1,
        "the user is told only the first time that the app keeps running"
    );

    // A launch on another record is another app, not a hand-over: it keeps running.
    let other = tempfile::tempdir()?;
    let mut another = Command::new(app_binary()?)
        .args(["--data-dir".as_ref(), other.path().as_os_str()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let ended = another.try_wait()?;
    let _ = another.kill();
    let _ = another.wait();
    assert!(
        ended.is_none(),
        "an app on another record must start, not hand over: it ended with {ended:?}"
    );
    assert!(is_running(pid), "the first app must still run");

    client.close().await?;
    Ok(())
}

/// The contract number the deadline of the notification tests names.
const DUE_CONTRACT: &str = "E2E-DUE-0001";

/// A record with a contract that ends tomorrow (in UTC; today or tomorrow in
/// Europe/Paris): whatever the hour, one of its lead times has passed, so it is due now.
fn seed_due_contract(data_dir: &std::path::Path) -> TestResult<(Store, i64)> {
    let mut store = Store::open(&data_dir.join("canon-desk.db"))?;
    let now = chrono::Utc::now();
    let contract = store.create_contract(
        &ContractInput {
            number: DUE_CONTRACT.into(),
            kind: ContractKind::Maintenance,
            customer_number: "1234567".into(),
            po_number: None,
            starts_on: None,
            ends_on: Some(now.date_naive() + chrono::Days::new(1)),
            device_ids: Vec::new(),
        },
        now,
    )?;
    Ok((store, contract.id))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a_deadline_due_now_is_notified_once_and_not_again_after_a_restart() -> TestResult {
    let notifications = NotificationLog::start()?;
    let data = tempfile::tempdir()?;
    let (_, contract_id) = seed_due_contract(data.path())?;
    let driver = Driver::start()?;
    let client = driver.launch(data.path()).await?;
    notifications.wait_for(DUE_CONTRACT)?;
    // The home screen lists the same deadline.
    let row = find(
        &client,
        &format!(r#"[data-testid=deadline][data-key^="contract:{contract_id}:"]"#),
    )
    .await?
    .text()
    .await?;
    assert!(
        row.contains(DUE_CONTRACT),
        "the home screen must list the notified deadline, it reads {row:?}"
    );
    let call = notifications.text();
    assert!(
        call.contains("The contract ends") || call.contains("Last day to give notice"),
        "the notification must say what the deadline asks, in English: {call}"
    );
    // The scheduler ticks again every minute; one tick is enough to show a repeat.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        notifications.count(DUE_CONTRACT),
        1,
        "a deadline is announced once per lead time"
    );
    client.close().await?;

    // After a restart the engine finds the firing recorded: nothing is shown again.
    let client = driver.launch(data.path()).await?;
    let pid = app_pid(data.path())?;
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(is_running(pid), "the restarted app must be running");
    assert_eq!(
        notifications.count(DUE_CONTRACT),
        1,
        "a restart must not announce the same deadline again:\n{}",
        notifications.text()
    );
    client.close().await?;
    Ok(())
}

/// Waits until `path` exists (or no longer does).
async fn wait_file(path: &std::path::Path, exists: bool) -> TestResult {
    let deadline = Instant::now() + PATIENCE;
    while path.exists() != exists {
        if Instant::now() > deadline {
            let state = if exists { "appear" } else { "go" };
            return Err(format!("{} did not {state}", path.display()).into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn settings_fill_a_provider_send_a_test_message_and_turn_on_start_at_login() -> TestResult {
    let server = SmtpServer::start(Mode::Accept)?;
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-decline]").await?;
    click(&client, "[data-testid=nav-settings]").await?;

    // A provider fills server, port and security as it publishes them.
    choose(&client, "[data-testid=smtp-provider]", "Orange").await?;
    for (field, expected) in [
        ("smtp-host", "smtp.orange.fr"),
        ("smtp-port", "465"),
        ("smtp-security", "tls"),
    ] {
        let value = find(&client, &format!("[data-testid={field}]"))
            .await?
            .prop("value")
            .await?;
        assert_eq!(
            value.as_deref(),
            Some(expected),
            "choosing Orange must set {field}"
        );
    }

    // The test message goes through the saved server to the sender address.
    use_test_smtp(&client, server.port).await?;
    let provider = find(&client, "[data-testid=smtp-provider]")
        .await?
        .prop("value")
        .await?;
    assert_eq!(
        provider.as_deref(),
        Some(""),
        "a server of no provider reads as another server"
    );
    click(&client, "[data-testid=smtp-send-test]").await?;
    let result = find(&client, "[data-testid=smtp-send-test-result][data-ok=true]").await?;
    let said = result.text().await?;
    assert!(
        said.contains("desk@atelier.example"),
        "the result must say where the message went: {said:?}"
    );
    let received = server.received();
    assert_eq!(
        received.len(),
        1,
        "the server must receive one test message"
    );
    assert_eq!(
        received[0].to,
        vec!["desk@atelier.example".to_owned()],
        "the test message goes to the sender address"
    );
    assert!(
        received[0].data.contains("Canon Desk"),
        "the test message must say it comes from Canon Desk: {}",
        received[0].data
    );

    // Start at login writes the desktop's autostart entry, hidden, on this record.
    let entry = driver.home().join(".config/autostart/Canon Desk.desktop");
    assert!(!entry.exists(), "start at login must be off by default");
    click(&client, "[data-testid=desktop-start-at-login]").await?;
    // Saved once the box shows it again, enabled: the entry is then written whole.
    find(
        &client,
        "[data-testid=desktop-start-at-login]:checked:not([disabled])",
    )
    .await?;
    wait_file(&entry, true).await?;
    let text = std::fs::read_to_string(&entry)?;
    let exec = text
        .lines()
        .find(|l| l.starts_with("Exec="))
        .ok_or_else(|| format!("the entry has no Exec line: {text}"))?;
    assert!(
        exec.contains(" --hidden")
            && exec.contains(&format!("--data-dir={}", data.path().display())),
        "the entry must start the app hidden on this record: {exec}"
    );
    // The box is disabled while a change is saved: wait until it shows the saved state.
    click(
        &client,
        "[data-testid=desktop-start-at-login]:checked:not([disabled])",
    )
    .await?;
    wait_file(&entry, false).await?;
    find(
        &client,
        "[data-testid=desktop-start-at-login]:not(:checked):not([disabled])",
    )
    .await?;
    client.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb, tauri-driver and dunst: run ./x test"]
async fn clicking_a_notification_brings_the_closed_window_back_on_its_record() -> TestResult {
    // A bus of its own with a notification server, so that the click goes to this
    // app's notification and no other test's.
    let bus = PrivateBus::start_with_dunst()?;
    let notifications = NotificationLog::start_on(Some(&bus.address))?;
    let data = tempfile::tempdir()?;
    {
        let (store, _) = seed_due_contract(data.path())?;
        // Closing hides to the tray, and the user was already told the app keeps
        // running: the reminder is the only notification on screen.
        store.set_setting(
            "desktop.preferences",
            r#"{"closeAction":"tray","toldStillRunning":true}"#,
        )?;
    }
    let driver = Driver::start_with_env(&[("DBUS_SESSION_BUS_ADDRESS", bus.address.as_ref())])?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-decline]").await?;
    click(&client, "[data-testid=nav-settings]").await?;
    notifications.wait_for(DUE_CONTRACT)?;
    bus.wait_displayed(1)?;

    let pid = app_pid(data.path())?;
    let display = Display::open()?;
    let window = display.window_of(pid, "Canon Desk")?;
    display.close(window)?;
    display.wait_viewable(window, false)?;

    // The notification's default action is what a click on it does.
    bus.dunstctl(&["action", "0"])?;
    display.wait_viewable(window, true)?;
    find(&client, "[data-testid=nav-contracts][aria-current=page]").await?;
    let title = find(&client, "[data-testid=contract-detail] h2")
        .await?
        .text()
        .await?;
    assert!(
        title.contains(DUE_CONTRACT),
        "the click must open the notified contract, the window shows {title:?}"
    );
    client.close().await?;
    Ok(())
}
