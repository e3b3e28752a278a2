//! CPS in the real window: two cameras (one without a dealer, flagged), the
//! Business-account wizard without a VAT number, the checkout with a bank transfer
//! and a PO number (the portal's address caught through `CANON_DESK_PORTAL_LOG`),
//! coming back with the invoice, and the membership and its reminders after a restart.

use canon_desk_store::{DeadlineStatus, Store};
use canon_desk_tests::{click, find, wait_count, wait_text, Driver, TestResult, PATIENCE};
use fantoccini::{Client, Locator};

const FLAGGED: &str = "CPSR6002";

/// Saves the window to `<dir>/<name>.png` when `CANON_DESK_E2E_SCREENSHOTS=<dir>` is
/// set: the README's pictures are taken from the real window this way.
async fn screenshot(client: &Client, name: &str) -> TestResult {
    if let Some(dir) = std::env::var_os("CANON_DESK_E2E_SCREENSHOTS") {
        let png = client.screenshot().await?;
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png)?;
    }
    Ok(())
}

/// Types into a field found by its test id.
async fn type_in(client: &Client, testid: &str, text: &str) -> TestResult {
    let field = find(client, &format!("[data-testid={testid}]")).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

/// Adds a camera through the CPS screen's form; an empty dealer is left out.
async fn add_camera(
    client: &Client,
    serial: &str,
    model: &str,
    dealer: &str,
    points: &str,
) -> TestResult {
    click(client, "[data-testid=cps-product-add]").await?;
    type_in(client, "cps-field-serial", serial).await?;
    type_in(client, "cps-field-model", model).await?;
    type_in(client, "cps-field-purchase", "01/03/2024").await?;
    type_in(client, "cps-field-country", "Italia").await?;
    if !dealer.is_empty() {
        type_in(client, "cps-field-dealer", dealer).await?;
    }
    type_in(client, "cps-field-points", points).await?;
    find(client, "[data-testid=cps-field-registration]")
        .await?
        .find(Locator::Css("option[value=registered]"))
        .await?
        .click()
        .await?;
    click(client, "[data-testid=cps-product-save]").await?;
    // The serial is stored without the spaces typed.
    let stored: String = serial.chars().filter(|c| !c.is_whitespace()).collect();
    find(
        client,
        &format!(r#"[data-testid=cps-product-row][data-serial="{stored}"]"#),
    )
    .await?;
    Ok(())
}

/// The kinds of the CPS deadlines the screen lists, sorted.
async fn deadline_kinds(client: &Client) -> TestResult<Vec<String>> {
    let mut kinds = Vec::new();
    for row in client
        .find_all(Locator::Css("[data-testid=cps-deadline]"))
        .await?
    {
        kinds.push(row.attr("data-kind").await?.unwrap_or_default());
    }
    kinds.sort();
    Ok(kinds)
}

/// Waits until the app has written a portal address to `log` and returns it.
async fn portal_url(log: &std::path::Path) -> TestResult<String> {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if let Some(url) = text.lines().next() {
            return Ok(url.to_owned());
        }
        if std::time::Instant::now() > deadline {
            return Err("the portal's address was never opened".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn cps_from_cameras_to_a_membership_with_its_reminders_after_a_restart() -> TestResult {
    let files = tempfile::tempdir()?;
    let portal_log = files.path().join("portal.txt");
    let licence = files.path().join("licenza-professionale.pdf");
    std::fs::write(
        &licence,
        b"%PDF-1.4 licenza professionale, Studio Rossi, Via Roma 1",
    )?;
    let driver = Driver::start_with_env(&[("CANON_DESK_PORTAL_LOG", portal_log.as_os_str())])?;
    let data = tempfile::tempdir()?;

    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-decline]").await?;
    click(&client, "[data-testid=nav-cps]").await?;

    // Two cameras: the second has no dealer, so it earns nothing and comes first.
    add_camera(&client, "CPS 5D 001", "EOS R5", "Foto Rossi", "2000").await?;
    add_camera(&client, FLAGGED, "EOS R6 Mark II", "", "300").await?;
    let first = find(&client, "[data-testid=cps-product-row]").await?;
    assert_eq!(
        first.attr("data-serial").await?.as_deref(),
        Some(FLAGGED),
        "the camera without a dealer must come first"
    );
    assert_eq!(
        first.attr("data-ticked").await?.as_deref(),
        Some("0"),
        "the camera without a dealer must be flagged"
    );
    let missing = find(
        &client,
        &format!(r#"[data-serial="{FLAGGED}"] [data-testid=cps-product-missing]"#),
    )
    .await?
    .text()
    .await?;
    assert!(
        missing.contains("dealer") && missing.contains("best guess"),
        "the flag must name the dealer and accept a best guess: {missing:?}"
    );
    wait_text(&client, "[data-testid=cps-points-total]", "2,000").await?;
    find(&client, r#"[data-testid=cps-guide-example]"#).await?;

    // The Business-account wizard, without a VAT number.
    click(&client, "[data-testid=cps-account-start]").await?;
    click(&client, "[data-testid=cps-aw-without-vat]").await?;
    wait_count(&client, "[data-testid^=cps-aw-proof-]", 3).await?;
    click(&client, "[data-testid=cps-aw-proof-business_licence]").await?;
    find(&client, "[data-testid=cps-aw-file]")
        .await?
        .send_keys(&licence.to_string_lossy())
        .await?;
    click(&client, "[data-testid=cps-aw-next]").await?;
    type_in(&client, "cps-aw-login", "studio.rossi@example.it").await?;
    find(&client, "[data-testid=cps-aw-no-old-email]").await?;
    let warning = find(&client, "[data-testid=cps-aw-password-warning]")
        .await?
        .text()
        .await?;
    assert!(
        warning.contains("donotreply@canon-europe.com"),
        "the wizard must warn to wait for Canon's email: {warning:?}"
    );
    type_in(&client, "cps-aw-date", "27/11/2026").await?;
    click(&client, "[data-testid=cps-aw-submit]").await?;
    let done = find(&client, "[data-testid=cps-aw-done]")
        .await?
        .text()
        .await?;
    assert!(
        done.contains("Dec 1, 2026"),
        "a request on Friday 27 November 2026 is expected by Tuesday 1 December: {done:?}"
    );
    click(&client, "[data-testid=cps-wizard-close]").await?;
    wait_text(&client, "[data-testid=cps-account-state]", "Requested").await?;

    // The Canon password: kept in the keychain, copied by the backend, and the window
    // says when the clipboard will be emptied.
    type_in(&client, "cps-password", "Canon-e2e-Ω").await?;
    click(&client, "[data-testid=cps-password-save]").await?;
    click(&client, "[data-testid=cps-password-copy]").await?;
    wait_text(
        &client,
        "[data-testid=cps-password-copied]",
        "Copied. Canon Desk empties the clipboard in 45 seconds, unless you copy something else first.",
    )
    .await?;

    // The checkout: bank transfer, a PO number; the T&C first left unticked.
    click(&client, "[data-testid=cps-checkout-start]").await?;
    click(&client, "[data-testid=cps-co-level-silver]").await?;
    click(&client, "[data-testid=cps-co-bank_transfer]").await?;
    type_in(&client, "cps-co-po", "eg-0123456789").await?;
    click(&client, "[data-testid=cps-co-review]").await?;
    find(&client, "[data-testid=cps-co-terms-error]").await?;
    click(&client, "[data-testid=cps-co-terms]").await?;
    click(&client, "[data-testid=cps-co-review]").await?;
    wait_text(
        &client,
        "[data-testid=cps-co-review-price]",
        "£85.00 excl. VAT per year",
    )
    .await?;
    wait_text(&client, "[data-testid=cps-co-review-po]", "eg-0123456789").await?;
    let mut consequences = Vec::new();
    for li in client
        .find_all(Locator::Css("[data-testid=cps-consequences] li"))
        .await?
    {
        consequences.push(li.attr("data-consequence").await?.unwrap_or_default());
    }
    assert_eq!(
        consequences,
        vec![
            "transfer_bank_charges",
            "transfer_pay_by_due_date",
            "renews_automatically",
            "po_on_invoice",
            "invoice_within_hours",
            "usable_at_once_new_number"
        ],
        "one sentence per consequence of a transfer with a PO and auto-renewal"
    );
    screenshot(&client, "cps-checkout-review").await?;
    click(&client, "[data-testid=cps-co-portal]").await?;
    find(&client, "[data-testid=cps-co-opened]").await?;
    let url = portal_url(&portal_log).await?;
    assert_eq!(
        url, "https://www.canon-europe.com/pro/canon-professional-services/",
        "the checkout opens the portal's default address"
    );

    // Back from the portal: the invoice and the membership.
    type_in(&client, "cps-back-invoice", "30/11/2026").await?;
    type_in(&client, "cps-back-due", "30/12/2026").await?;
    type_in(&client, "cps-back-number", "151335488").await?;
    type_in(&client, "cps-back-expires", "30/11/2027").await?;
    click(&client, "[data-testid=cps-back-save]").await?;
    wait_text(&client, "[data-testid=cps-membership-number]", "151335488").await?;
    wait_text(&client, "[data-testid=cps-membership-po]", "eg-0123456789").await?;
    wait_count(&client, "[data-testid=cps-deadline]", 3).await?;
    screenshot(&client, "cps-screen").await?;
    client.close().await?;

    // After a restart: the membership, its reminders and the flag are still there,
    // and the screen the app opens on shows the membership.
    let client = driver.launch(data.path()).await?;
    wait_text(&client, "[data-testid=home-cps-number]", "151335488").await?;
    click(&client, "[data-testid=nav-cps]").await?;
    wait_text(&client, "[data-testid=cps-membership-number]", "151335488").await?;
    wait_count(&client, "[data-testid=cps-deadline]", 3).await?;
    assert_eq!(
        deadline_kinds(&client).await?,
        vec![
            "cps_account_validation",
            "cps_invoice_due",
            "cps_membership_charge"
        ],
        "the account's validation, the transfer's due date and the renewal's charge"
    );
    find(
        &client,
        &format!(r#"[data-testid=cps-product-row][data-serial="{FLAGGED}"][data-ticked="0"]"#),
    )
    .await?;

    // A new number from the dashboard: the old one is kept, marked superseded.
    click(&client, "[data-testid=cps-membership-record]").await?;
    type_in(&client, "cps-ms-number", "162000111").await?;
    click(&client, "[data-testid=cps-ms-save]").await?;
    wait_text(&client, "[data-testid=cps-membership-number]", "162000111").await?;
    let earlier = find(&client, "[data-testid=cps-superseded]")
        .await?
        .text()
        .await?;
    assert!(
        earlier.contains("151335488"),
        "the earlier number must be listed as replaced: {earlier:?}"
    );
    client.close().await?;

    // The record itself: the proof kept as a document, the membership as typed.
    let store = Store::open(&data.path().join("canon-desk.db"))?;
    let account = store.cps_account()?.ok_or("no account was recorded")?;
    let proof = store.document(account.proof_document_id.ok_or("no proof document")?)?;
    assert_eq!(
        proof.file_name, "licenza-professionale.pdf",
        "the chosen file is kept as a document"
    );
    let memberships = store.cps_memberships()?;
    assert_eq!(
        memberships
            .iter()
            .map(|m| (
                m.number.as_str(),
                m.po_number.as_deref(),
                m.payment.as_str()
            ))
            .collect::<Vec<_>>(),
        vec![
            ("162000111", Some("eg-0123456789"), "bank_transfer"),
            ("151335488", Some("eg-0123456789"), "bank_transfer")
        ],
        "the new number, and the first one kept with the PO and the transfer"
    );
    assert_eq!(
        memberships.get(1).and_then(|m| m.superseded_by),
        memberships.first().map(|m| m.id),
        "the first number is marked superseded by the new one"
    );
    // The reminder engine keeps the same three deadlines, open, once each.
    let mut kinds: Vec<&'static str> = store
        .deadlines(chrono::Utc::now())?
        .into_iter()
        .filter(|d| d.key.starts_with("cps_") && d.status == DeadlineStatus::Open)
        .map(|d| d.kind.as_str())
        .collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        vec![
            "cps_account_validation",
            "cps_invoice_due",
            "cps_membership_charge"
        ],
        "the CPS deadlines are the engine's, not duplicated by the restart nor by the new number"
    );
    Ok(())
}
