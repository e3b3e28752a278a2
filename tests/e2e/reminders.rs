//! The reminder engine in the real window: the home screen lists a deadline due this
//! week, a row opens its record, the Reminders screen snoozes and marks it done, and
//! each state survives a restart.

use canon_desk_store::Store;
use canon_desk_tests::{choose, click, contract_ending, find, wait_count, Driver, TestResult};
use chrono::{Duration, Utc};

/// The deadline's row, wherever it is listed.
fn deadline(key: &str, status: &str) -> String {
    format!("[data-testid=deadline][data-key='{key}'][data-status='{status}']")
}

/// A contract that ends in five days, written to the record before the app starts
/// (the app reads the wall clock, so the date is taken from it too); the key of its
/// end's deadline.
fn contract_ending_in_five_days(data_dir: &std::path::Path) -> TestResult<String> {
    let now = Utc::now();
    let ends_on = (now + Duration::days(5)).date_naive();
    let mut store = Store::open(&data_dir.join("canon-desk.db"))?;
    let form = contract_ending("CT-E2E-END", ends_on);
    let contract = store.create_contract_record(&form, None, &[], now)?;
    Ok(format!("contract:{}:contract_end", contract.id))
}

/// The first screen is drawn from the one start-up answer: the moment the page says
/// it is ready (its first render), the home screen already lists the record's
/// deadline, with no loading line waiting for a further call.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn the_first_render_is_the_home_screen_with_its_data() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let key = contract_ending_in_five_days(data.path())?;
    let client = driver.launch(data.path()).await?;
    // Read at once, without waiting for anything to appear.
    let seen = client
        .execute(
            "const main = document.querySelector('main.content');
             return {
               home: document.querySelector('section.home') !== null,
               due: document.querySelectorAll(arguments[0]).length,
               loading: [...main.querySelectorAll('.muted')].map((e) => e.textContent),
             };",
            vec![serde_json::json!(format!(
                "[data-testid=home-due] {}",
                deadline(&key, "open")
            ))],
        )
        .await?;
    assert_eq!(
        (
            seen["home"].as_bool(),
            seen["due"].as_u64(),
            seen["loading"].as_array().map(Vec::len)
        ),
        (Some(true), Some(1), Some(0)),
        "when the page is ready, the home screen must show its deadline and no loading \
         line: {seen}"
    );
    client.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn the_home_screen_lists_a_deadline_and_snooze_and_done_survive_restarts() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let key = contract_ending_in_five_days(data.path())?;

    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-decline]").await?;
    // The app opens on the home screen, the deadline among those due this week.
    find(
        &client,
        &format!("[data-testid=home-due] {}", deadline(&key, "open")),
    )
    .await?;
    let text = find(&client, &deadline(&key, "open")).await?.text().await?;
    assert!(
        text.contains("CT-E2E-END") && text.contains("The contract ends"),
        "the home row must name the contract and what is due, it reads {text:?}"
    );
    // The row opens its contract.
    click(
        &client,
        &format!("{} [data-testid=deadline-open]", deadline(&key, "open")),
    )
    .await?;
    find(&client, "[data-testid=contract-detail]").await?;

    // Snoozed until tomorrow from the Reminders screen.
    click(&client, "[data-testid=nav-reminders]").await?;
    click(
        &client,
        &format!(
            "{} [data-testid=deadline-snooze-tomorrow]",
            deadline(&key, "open")
        ),
    )
    .await?;
    choose(&client, "[data-testid=reminders-status]", "Snoozed").await?;
    find(&client, &deadline(&key, "snoozed")).await?;
    client.close().await?;

    // After a restart: still snoozed, so the home screen has nothing due.
    let client = driver.launch(data.path()).await?;
    find(&client, "[data-testid=home-nothing]").await?;
    click(&client, "[data-testid=nav-reminders]").await?;
    choose(&client, "[data-testid=reminders-status]", "Snoozed").await?;
    click(
        &client,
        &format!("{} [data-testid=deadline-done]", deadline(&key, "snoozed")),
    )
    .await?;
    choose(&client, "[data-testid=reminders-status]", "Done").await?;
    find(&client, &deadline(&key, "done")).await?;
    client.close().await?;

    // After another restart: done, and nothing left to do.
    let client = driver.launch(data.path()).await?;
    find(&client, "[data-testid=home-nothing]").await?;
    click(&client, "[data-testid=nav-reminders]").await?;
    wait_count(&client, "[data-testid=deadline]", 0).await?;
    choose(&client, "[data-testid=reminders-status]", "Done").await?;
    find(&client, &deadline(&key, "done")).await?;
    client.close().await?;
    Ok(())
}
