//! End-to-end: the real app binary in a real window (Xvfb), driven through
//! tauri-driver and WebKitWebDriver, on a fresh data directory.

mod a11y;
mod calendar;
mod cps;
mod desktop;
mod everyday;
mod languages;
mod lean;
mod malformed;
mod records;
mod reminders;
mod requests;

use canon_desk_store::{DeviceFilter, Store};
use canon_desk_tests::{click, find, Driver, TestResult};
use fantoccini::Locator;

const SERIAL_TYPED: &str = "E2E 0042 x";
const SERIAL_STORED: &str = "E2E0042X";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn create_a_device_and_find_it_after_a_restart() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;

    // First start: the demo is offered on an empty record; take it.
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;
    click(&client, "[data-testid=nav-devices]").await?;
    find(
        &client,
        r#"[data-testid=device-row][data-serial="XQD04127"]"#,
    )
    .await?;

    // Create a device through the form.
    click(&client, "[data-testid=device-add]").await?;
    find(&client, "[data-testid=device-serial]")
        .await?
        .send_keys(SERIAL_TYPED)
        .await?;
    find(&client, "[data-testid=device-model]")
        .await?
        .send_keys("imageRUNNER 2425i")
        .await?;
    find(&client, "[data-testid=device-kind]")
        .await?
        .find(Locator::Css("option[value=mfp]"))
        .await?
        .click()
        .await?;
    click(&client, "[data-testid=device-save]").await?;
    let row = find(
        &client,
        &format!(r#"[data-testid=device-row][data-serial="{SERIAL_STORED}"]"#),
    )
    .await?;
    // The row's text content: WebKit's WebDriver leaves out cells that clip their
    // text with an ellipsis, as the list's fixed-height rows do.
    let text = row.prop("textContent").await?.unwrap_or_default();
    assert!(
        text.contains("imageRUNNER 2425i"),
        "the new row should show the model, it shows {text:?}"
    );
    // The keyboard walks the list: Home selects the first row, Down the next one.
    let list = find(&client, "[data-testid=device-viewport]").await?;
    list.send_keys("\u{E011}").await?;
    find(
        &client,
        r#"[data-testid=device-row][data-serial="083021004417"][aria-selected=true]"#,
    )
    .await?;
    list.send_keys("\u{E015}").await?;
    find(
        &client,
        &format!(r#"[data-testid=device-row][data-serial="{SERIAL_STORED}"][aria-selected=true]"#),
    )
    .await?;
    if let Some(path) = std::env::var_os("CANON_DESK_SCREENSHOT") {
        std::fs::write(path, client.screenshot().await?)?;
    }
    client.close().await?;

    // The record on disk has it, with the serial normalised.
    {
        let store = Store::open(&data.path().join("canon-desk.db"))?;
        let found = store.list_devices(&DeviceFilter {
            query: Some(SERIAL_STORED.into()),
            ..Default::default()
        })?;
        assert_eq!(
            found.len(),
            1,
            "the database should hold exactly one device {SERIAL_STORED}, found {found:?}"
        );
        assert_eq!(
            found[0].model, "imageRUNNER 2425i",
            "the stored model is wrong"
        );
    }

    // Second start on the same data: no demo offer, the device is still listed.
    let client = driver.launch(data.path()).await?;
    let offers = client
        .find_all(Locator::Css("[data-testid=demo-load]"))
        .await?;
    assert!(
        offers.is_empty(),
        "the demo must not be offered again once answered"
    );
    click(&client, "[data-testid=nav-devices]").await?;
    find(
        &client,
        &format!(r#"[data-testid=device-row][data-serial="{SERIAL_STORED}"]"#),
    )
    .await?;
    client.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a_record_from_a_newer_version_is_explained_and_left_untouched() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let db = data.path().join("canon-desk.db");
    drop(Store::open(&db)?);
    rusqlite::Connection::open(&db)?.pragma_update(None, "user_version", 99)?;
    let before = std::fs::read_dir(data.path())?.count();

    let client = driver.launch(data.path()).await?;
    find(
        &client,
        "[data-testid=startup-error][data-code=newer_version]",
    )
    .await?;
    let shown = find(&client, "[data-testid=startup-data-dir]")
        .await?
        .text()
        .await?;
    assert_eq!(
        shown,
        data.path().display().to_string(),
        "the window must say which data folder it could not open"
    );
    let screens = client
        .find_all(Locator::Css("[data-testid=nav-devices]"))
        .await?;
    assert!(
        screens.is_empty(),
        "no screen may be offered on a record that did not open"
    );
    client.close().await?;

    let version: i64 =
        rusqlite::Connection::open(&db)?.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    assert_eq!(version, 99, "the newer record must be left as it was");
    assert_eq!(
        std::fs::read_dir(data.path())?.count(),
        before,
        "nothing may be written beside a record this version cannot read"
    );
    Ok(())
}
