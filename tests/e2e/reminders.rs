//! The reminder engine in the real window: the home screen lists a deadline due this
//! week, a row opens its record, the Reminders screen snoozes and marks it done, and
//! each state survives a restart.

use canon_desk_store::{ContractForm, ContractKind, InvoiceDelivery, Renewal, Store};
use canon_desk_tests::{choose, click, find, wait_count, Driver, TestResult};
use chrono::{Duration, Utc};

/// The deadline's row, wherever it is listed.
fn deadline(key: &str, status: &str) -> String {
    format!("[data-testid=deadline][data-key='{key}'][data-status='{status}']")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn the_home_screen_lists_a_deadline_and_snooze_and_done_survive_restarts() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    // A contract that ends in five days, written to the record before the app starts
    // (the app reads the wall clock, so the date is taken from it too).
    let now = Utc::now();
    let ends_on = (now + Duration::days(5)).date_naive();
    let key = {
        let mut store = Store::open(&data.path().join("canon-desk.db"))?;
        let form = ContractForm {
            number: "CT-E2E-END".into(),
            kind: ContractKind::Rental,
            customer_number: String::new(),
            billing_entity: String::new(),
            invoice_delivery: InvoiceDelivery::Paper,
            invoice_address: String::new(),
            starts_on: None,
            ends_on: Some(ends_on),
            renewal: Renewal::Express,
            notice_months: None,
            renewal_months: None,
        };
        let contract = store.create_contract_record(&form, None, &[], now)?;
        format!("contract:{}:contract_end", contract.id)
    };

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
