//! The user's own calendar in the real window: connecting to a CalDAV server
//! (Radicale on 127.0.0.1), creating the Canon Desk calendar, and seeing the
//! deadline appear on the server; disconnecting removes it again.

use canon_desk_store::Store;
use canon_desk_tests::caldav::Radicale;
use canon_desk_tests::{click, contract_ending, fill, find, Driver, TestResult, PATIENCE};
use chrono::{Duration, Utc};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn connecting_a_calendar_in_settings_puts_the_deadline_on_the_server() -> TestResult {
    let server = Radicale::start("e2e-anna", "e2e-app-password")?;
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let now = Utc::now();
    let key = {
        let mut store = Store::open(&data.path().join("canon-desk.db"))?;
        let form = contract_ending("CT-E2E-CAL", (now + Duration::days(20)).date_naive());
        let contract = store.create_contract_record(&form, None, &[], now)?;
        format!("contract:{}:contract_end", contract.id)
    };

    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-decline]").await?;
    click(&client, "[data-testid=nav-settings]").await?;
    fill(&client, "[data-testid=calendar-url]", &server.url()).await?;
    fill(&client, "[data-testid=calendar-username]", "e2e-anna").await?;
    // A wrong password is said so, and nothing is kept.
    fill(
        &client,
        "[data-testid=calendar-password]",
        "not-the-password",
    )
    .await?;
    click(&client, "[data-testid=calendar-connect]").await?;
    let refused = find(&client, "[data-testid=calendar-failure]")
        .await?
        .text()
        .await?;
    assert!(
        refused.starts_with("Could not connect: the server refused the login."),
        "the window says the login was refused, it reads {refused:?}"
    );
    fill(
        &client,
        "[data-testid=calendar-password]",
        "e2e-app-password",
    )
    .await?;
    click(&client, "[data-testid=calendar-connect]").await?;
    click(&client, "[data-testid=calendar-create]").await?;
    let status = find(
        &client,
        "[data-testid=calendar-status][data-waiting='0'][data-published='1']",
    )
    .await?;
    let text = status.text().await?;
    assert!(
        text.contains("1 deadline in your calendar"),
        "Settings says the deadline is published, it reads {text:?}"
    );

    // The deadline is on the server, once.
    let uid = format!("UID:{key}@canon-desk");
    let deadline = std::time::Instant::now() + PATIENCE;
    let events = loop {
        let events = server.events("canon-desk")?;
        if !events.is_empty() || std::time::Instant::now() > deadline {
            break events;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(events.len(), 1, "one event on the server: {events:?}");
    assert!(
        events[0].1.contains(&uid) && events[0].1.contains("CT-E2E-CAL"),
        "the event is the contract's end:\n{}",
        events[0].1
    );

    // Disconnecting with removal takes it off the server.
    click(&client, "[data-testid=calendar-disconnect]").await?;
    click(&client, "[data-testid=calendar-remove-events]").await?;
    let done = find(&client, "[data-testid=calendar-disconnected]")
        .await?
        .text()
        .await?;
    assert!(
        done.contains("1 event removed"),
        "the window says the event was removed, it reads {done:?}"
    );
    assert!(
        server.events("canon-desk")?.is_empty(),
        "the event is gone from the server"
    );
    find(&client, "[data-testid=calendar-connect]").await?;
    client.close().await?;
    Ok(())
}
