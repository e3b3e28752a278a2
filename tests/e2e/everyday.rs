//! Everyday use in the real window (issue 12): a CSV from a French Excel, day-first
//! dates, typing never lost, no request the user did not mean, the badge on Requests
//! after a restart, and no label overflowing at 1024 px in any language.

use canon_desk_store::{DeviceFilter, Store};
use canon_desk_tests::smtp;
use canon_desk_tests::{
    choose, click, fill, find, use_test_smtp, wait_count, wait_text, Driver, TestResult,
};
use fantoccini::{Client, Locator};

use crate::requests::{advance_to, MANUAL_SERIAL};

fn store(data: &std::path::Path) -> TestResult<Store> {
    Ok(Store::open(&data.join("canon-desk.db"))?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a_semicolon_csv_with_a_bom_imports_and_day_first_dates_are_taken() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let files = tempfile::tempdir()?;
    // What Excel saves as "CSV UTF-8" in France: a byte-order mark and semicolons.
    let csv_path = files.path().join("parc-excel.csv");
    std::fs::write(
        &csv_path,
        "\u{feff}serial;model;kind;site;ownership;installed_on;meter_transmission\r\n\
         xls0001;iR C3826i;mfp;Siège;leased;19/09/2024;automatic\r\n\
         XLS0002;LBP722;printer;Siège;owned;;manual\r\n",
    )?;

    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-decline]").await?;
    // An empty record leads to setting up the organisation first.
    find(&client, "[data-testid=nav-organisation][aria-current=page]").await?;

    click(&client, "[data-testid=nav-devices]").await?;
    click(&client, "[data-testid=csv-import-open]").await?;
    find(&client, "[data-testid=csv-import-input]")
        .await?
        .send_keys(&csv_path.to_string_lossy())
        .await?;
    find(
        &client,
        "[data-testid=csv-preview-row][data-line='3'][data-ok=true]",
    )
    .await?;
    let flagged = client
        .find_all(Locator::Css("[data-testid=csv-preview-row][data-ok=false]"))
        .await?;
    assert!(
        flagged.is_empty(),
        "a semicolon file with a BOM must preview without errors"
    );
    click(&client, "[data-testid=csv-import-commit]").await?;
    find(
        &client,
        r#"[data-testid=device-row][data-serial="XLS0001"]"#,
    )
    .await?;

    // The contract's "Applies from" takes 19/09/2026 as the other date fields do.
    click(&client, "[data-testid=nav-contracts]").await?;
    click(&client, "[data-testid=contract-new]").await?;
    fill(&client, "[data-testid=contract-number]", "CT-DAY-FIRST").await?;
    fill(
        &client,
        "[data-testid=contract-billing-entity]",
        "Atelier Lumière",
    )
    .await?;
    fill(&client, "[data-testid=contract-starts]", "01/01/2026").await?;
    fill(&client, "[data-testid=contract-po-first]", "PO-JOUR-1").await?;
    fill(
        &client,
        "[data-testid=contract-po-first-from]",
        "19/09/2026",
    )
    .await?;
    click(&client, "[data-testid=contract-create]").await?;
    find(
        &client,
        "[data-testid=contract-row][data-number='CT-DAY-FIRST']",
    )
    .await?;
    client.close().await?;

    let store = store(data.path())?;
    let devices = store.list_devices(&DeviceFilter::default())?;
    let serials: Vec<_> = devices.iter().map(|d| d.serial.as_str()).collect();
    assert_eq!(
        serials,
        ["XLS0001", "XLS0002"],
        "both rows imported, serials stored as Canon prints them"
    );
    assert_eq!(
        devices[0].installed_on,
        chrono::NaiveDate::from_ymd_opt(2024, 9, 19),
        "the day-first date in the file is 19 September"
    );
    let summary = store
        .list_contracts(chrono::Utc::now().date_naive())?
        .into_iter()
        .find(|c| c.number == "CT-DAY-FIRST")
        .ok_or("the contract was not saved")?;
    let po = store.contract(summary.id)?.po_numbers;
    assert_eq!(
        po.first().map(|p| (p.po_number.as_str(), p.valid_from)),
        Some(("PO-JOUR-1", chrono::NaiveDate::from_ymd_opt(2026, 9, 19))),
        "the PO applies from 19 September 2026"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn leaving_unsaved_typing_asks_and_going_back_leaves_no_request() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;

    // Typing in the organisation, then choosing another section: asked first.
    click(&client, "[data-testid=nav-organisation]").await?;
    // Choosing the section put the keyboard in its first field.
    let deadline = std::time::Instant::now() + canon_desk_tests::PATIENCE;
    loop {
        let focused = client
            .execute(
                "return document.activeElement && document.activeElement.id",
                vec![],
            )
            .await?;
        if focused.as_str() == Some("org-legalName") {
            break;
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("the first field should have the focus, {focused} has it").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    fill(
        &client,
        "[data-testid=org-legal-name]",
        "Atelier Lumière et Fils",
    )
    .await?;
    click(&client, "[data-testid=nav-devices]").await?;
    find(&client, "[data-testid=confirm-dialog]").await?;
    click(&client, "[data-testid=confirm-cancel]").await?;
    let kept = find(&client, "[data-testid=org-legal-name]")
        .await?
        .prop("value")
        .await?;
    assert_eq!(
        kept.as_deref(),
        Some("Atelier Lumière et Fils"),
        "staying must keep what was typed"
    );
    click(&client, "[data-testid=nav-devices]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    find(&client, "[data-testid=nav-devices][aria-current=page]").await?;

    // A mail provider chosen in Settings is unsaved too.
    click(&client, "[data-testid=nav-settings]").await?;
    choose(&client, "[data-testid=smtp-provider]", "Orange").await?;
    click(&client, "[data-testid=nav-devices]").await?;
    find(&client, "[data-testid=confirm-dialog]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    find(&client, "[data-testid=nav-devices][aria-current=page]").await?;

    // A request prepared for review, then Back and Cancel: nothing in the history.
    click(&client, "[data-testid=nav-requests]").await?;
    let before = store(data.path())?.list_requests(None)?.len();
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-enable_automatic_meters]").await?;
    fill(&client, "[data-testid=wizard-device-search]", "wfk2").await?;
    wait_count(&client, "[data-testid=wizard-device] option", 2).await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    advance_to(&client, "[data-testid=wizard-back]").await?;
    click(&client, "[data-testid=wizard-back]").await?;
    find(&client, "[data-testid=wizard-next]").await?;
    // The sidebar leaves the wizard, asking since the form holds a choice.
    click(&client, "[data-testid=nav-requests]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    find(&client, "[data-testid=request-new]").await?;
    let rows = client
        .find_all(Locator::Css(
            // The demo's own request of that kind was handled long ago (done).
            "[data-testid=request-row][data-situation=enable_automatic_meters]:not([data-status=done])",
        ))
        .await?;
    assert!(
        rows.is_empty(),
        "going Back from the review must leave no row in the history"
    );
    client.close().await?;
    let after = store(data.path())?.list_requests(None)?;
    assert_eq!(
        after.len(),
        before,
        "no Draft or Cancelled request may be left in the record: {:?}",
        after.iter().map(|r| (r.id, r.status)).collect::<Vec<_>>()
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a_request_that_could_not_be_sent_shows_a_badge_after_a_restart() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;
    // Nothing listens on this port: the sending fails and the request waits.
    use_test_smtp(&client, smtp::closed_port()?).await?;
    click(&client, "[data-testid=nav-requests]").await?;
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-enable_automatic_meters]").await?;
    fill(&client, "[data-testid=wizard-device-search]", "wfk2").await?;
    wait_count(&client, "[data-testid=wizard-device] option", 2).await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    advance_to(&client, "[data-testid=wizard-send]").await?;
    click(&client, "[data-testid=wizard-send]").await?;
    // The sending fails at once (nothing on the port); the request waits in the outbox.
    let deadline = std::time::Instant::now() + canon_desk_tests::PATIENCE;
    while store(data.path())?.count_requests_to_check()? != 1 {
        if std::time::Instant::now() > deadline {
            return Err("the failed request never reached the outbox".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    click(&client, "[data-testid=wizard-close]").await?;
    click(&client, "[data-testid=nav-devices]").await?;
    wait_text(&client, "[data-testid=nav-requests-badge]", "1").await?;
    client.close().await?;

    let client = driver.launch(data.path()).await?;
    wait_text(&client, "[data-testid=nav-requests-badge]", "1").await?;
    client.close().await?;
    Ok(())
}

/// Elements wider than their box at the window's size: every element whose content
/// overflows it sideways, except the boxes meant to scroll (overflow auto or scroll)
/// and the cells meant to clip with an ellipsis; a select counts when the text of
/// its chosen option is wider than the select.
const OVERFLOWS: &str = r#"
const out = [];
const probe = document.createElement("span");
probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
document.body.appendChild(probe);
for (const el of document.querySelectorAll("body *")) {
  const style = getComputedStyle(el);
  if (style.display === "none" || style.visibility === "hidden" || el.getClientRects().length === 0) continue;
  if (el.closest("[hidden], .visually-hidden")) continue;
  if (el.tagName === "SELECT") {
    const option = el.options[el.selectedIndex];
    if (!option) continue;
    probe.style.font = style.font;
    probe.textContent = option.text;
    // Room for the arrow and the padding.
    if (probe.offsetWidth > el.clientWidth - 24) out.push(`select ${el.id || el.dataset.testid}: "${option.text}"`);
    continue;
  }
  if (["INPUT", "TEXTAREA", "OPTION", "SCRIPT", "STYLE", "svg"].includes(el.tagName)) continue;
  if (["auto", "scroll"].includes(style.overflowX) || style.textOverflow === "ellipsis") continue;
  if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || "").trim().slice(0, 40)}"`);
}
probe.remove();
return out;
"#;

/// Clicks `button` until `field` shows: a click that lands while the screen just
/// chosen is still settling can be lost.
async fn open(client: &Client, button: &str, field: &str) -> TestResult {
    for _ in 0..5 {
        click(client, button).await?;
        let shown = client
            .wait()
            .at_most(std::time::Duration::from_secs(3))
            .for_element(Locator::Css(field))
            .await;
        if shown.is_ok() {
            return Ok(());
        }
    }
    find(client, field).await.map(|_| ())
}

async fn overflows(client: &Client, what: &str) -> TestResult<Vec<String>> {
    let found = client.execute(OVERFLOWS, vec![]).await?;
    let list: Vec<String> = serde_json::from_value(found)?;
    Ok(list.into_iter().map(|l| format!("{what}: {l}")).collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn no_label_overflows_at_1024_px_in_any_language() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;
    client.set_window_size(1024, 700).await?;
    let mut found = Vec::new();
    for (language, requests) in [
        ("English", "Requests"),
        ("Français", "Demandes"),
        ("Italiano", "Richieste"),
    ] {
        click(&client, "[data-testid=nav-settings]").await?;
        choose(&client, "[data-testid=settings-locale]", language).await?;
        wait_text(&client, "[data-testid=nav-requests]", requests).await?;
        for screen in [
            "organisation",
            "devices",
            "contracts",
            "requests",
            "settings",
        ] {
            click(&client, &format!("[data-testid=nav-{screen}]")).await?;
            find(
                &client,
                &format!("[data-testid=nav-{screen}][aria-current=page]"),
            )
            .await?;
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            found.extend(overflows(&client, &format!("{language} {screen}")).await?);
        }
        // A device's form and the new contract, where the long option texts live.
        click(&client, "[data-testid=nav-devices]").await?;
        open(
            &client,
            "[data-testid=device-add]",
            "[data-testid=device-serial]",
        )
        .await?;
        found.extend(overflows(&client, &format!("{language} device form")).await?);
        click(&client, "[data-testid=device-cancel]").await?;
        click(&client, "[data-testid=nav-contracts]").await?;
        open(
            &client,
            "[data-testid=contract-new]",
            "[data-testid=contract-number]",
        )
        .await?;
        found.extend(overflows(&client, &format!("{language} new contract")).await?);
        client
            .execute("document.querySelector('dialog[open]')?.close()", vec![])
            .await?;
    }
    // The header and the sidebar stay in place while the content scrolls: the page
    // itself never scrolls.
    click(&client, "[data-testid=nav-organisation]").await?;
    find(&client, "[data-testid=org-legal-name]").await?;
    let places = client
        .execute(
            "const c = document.querySelector('main.content'); c.scrollTop = c.scrollHeight; \
             window.scrollTo(0, 100000); \
             return [document.scrollingElement.scrollTop, \
                     document.querySelector('.app-header').getBoundingClientRect().top, \
                     document.querySelector('.sidebar').getBoundingClientRect().top > 0, \
                     c.scrollTop > 0];",
            vec![],
        )
        .await?;
    assert_eq!(
        places,
        serde_json::json!([0, 0, true, true]),
        "[page scroll, header top, sidebar below the header, content scrolled]: only the content may scroll"
    );
    // At the smallest window the app allows, the device list drops columns instead
    // of cutting them.
    client.set_window_size(820, 560).await?;
    click(&client, "[data-testid=nav-devices]").await?;
    find(&client, "[data-testid=device-row]").await?;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    found.extend(overflows(&client, "Italiano devices at 820 px").await?);
    client.close().await?;
    assert!(
        found.is_empty(),
        "{} elements overflow at 1024 px:\n{}",
        found.len(),
        found.join("\n")
    );
    Ok(())
}
