//! Accessibility in the real window: axe-core on every screen and dialog, a billing
//! wizard driven with the keyboard alone, and the screens at 200% zoom and in a
//! 1024×700 window.

use canon_desk_tests::smtp::{Mode, SmtpServer};
use canon_desk_tests::{
    axe_check, choose, click, fill, find, focus_shown, press, use_test_smtp, wait_count, Driver,
    TestResult,
};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

/// Every screen and dialog the walk checks, in order: axe's findings of each are
/// gathered so that one run lists them all.
#[derive(Default)]
struct Walk {
    failures: Vec<String>,
    checked: usize,
}

impl Walk {
    /// Waits for `ready` (the part of the screen the check is about), then runs axe.
    async fn check(&mut self, client: &Client, place: &str, ready: &str) -> TestResult {
        find(client, ready).await?;
        // Let a section that fills in after its data arrives settle first.
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        self.checked += 1;
        if let Err(e) = axe_check(client, place).await {
            // Shown as found too, so that a later failure of the walk keeps them.
            eprintln!("{e}");
            self.failures.push(e.to_string());
        }
        Ok(())
    }

    fn finish(self) {
        assert!(
            self.failures.is_empty(),
            "{} of {} screens and dialogs have serious or critical accessibility violations:\n{}",
            self.failures.len(),
            self.checked,
            self.failures.join("\n")
        );
    }
}

/// Closes the modal dialog shown with Escape, as a keyboard user does.
async fn close_dialog(client: &Client) -> TestResult {
    client
        .active_element()
        .await?
        .send_keys(&Key::Escape.to_string())
        .await?;
    wait_count(client, "dialog[open]", 0).await
}

/// The situations that open the request wizard (the bank check has its own).
const SITUATIONS: [&str; 9] = [
    "change_po_number",
    "move_device",
    "dispose_owned_device",
    "change_billing_entity",
    "terminate_contract",
    "change_invoice_address",
    "invoices_by_email",
    "answer_meter_reading_request",
    "enable_automatic_meters",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a11y_every_screen_and_dialog_passes_axe() -> TestResult {
    // The CPS portal's address is written to this file instead of opening a browser.
    let files = tempfile::tempdir()?;
    let portal_log = files.path().join("portal.txt");
    let driver = Driver::start_with_env(&[("CANON_DESK_PORTAL_LOG", portal_log.as_os_str())])?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    let mut walk = Walk::default();

    walk.check(
        &client,
        "the demo offer on first start",
        "[data-testid=demo-load]",
    )
    .await?;
    click(&client, "[data-testid=demo-load]").await?;
    wait_count(&client, "[data-testid=demo-load]", 0).await?;
    // The check itself can fail: a field without a name is caught.
    client
        .execute(
            "const i = document.createElement('input'); i.id = 'a11y-probe'; document.querySelector('main').append(i);",
            vec![],
        )
        .await?;
    let probe = axe_check(&client, "a probe").await;
    assert!(
        probe
            .as_ref()
            .is_err_and(|e| e.to_string().contains("label")),
        "axe must report a field without a label, got {probe:?}"
    );
    client
        .execute("document.getElementById('a11y-probe').remove();", vec![])
        .await?;

    walk.check(&client, "Home", "[data-testid=nav-home][aria-current=page]")
        .await?;

    click(&client, "[data-testid=nav-organisation]").await?;
    walk.check(
        &client,
        "Organisation and its sites",
        "[data-testid=site-row]",
    )
    .await?;
    click(&client, "[data-testid=site-add]").await?;
    walk.check(&client, "Organisation: the new site form", "main form")
        .await?;

    click(&client, "[data-testid=nav-devices]").await?;
    walk.check(&client, "Devices: the list", "[data-testid=device-row]")
        .await?;
    click(&client, "[data-testid=device-row]").await?;
    walk.check(
        &client,
        "Devices: a device's detail",
        "[data-testid=device-detail]",
    )
    .await?;
    click(&client, "[data-testid=device-delete]").await?;
    walk.check(
        &client,
        "the confirmation dialog (delete a device)",
        "[data-testid=confirm-dialog]",
    )
    .await?;
    click(&client, "[data-testid=confirm-cancel]").await?;
    click(&client, "[data-testid=device-edit]").await?;
    walk.check(
        &client,
        "Devices: the edit form",
        "[data-testid=device-serial]",
    )
    .await?;
    click(&client, "[data-testid=device-cancel]").await?;
    click(&client, "[data-testid=device-add]").await?;
    walk.check(
        &client,
        "Devices: the add form",
        "[data-testid=device-serial]",
    )
    .await?;
    click(&client, "[data-testid=device-cancel]").await?;
    click(&client, "[data-testid=csv-import-open]").await?;
    walk.check(
        &client,
        "Devices: the CSV import dialog",
        "[data-testid=csv-import-input]",
    )
    .await?;
    click(&client, "[data-testid=csv-import-cancel]").await?;
    click(&client, "[data-testid=deleted-open]").await?;
    walk.check(&client, "Devices: the deleted devices", "dialog[open]")
        .await?;
    close_dialog(&client).await?;

    click(&client, "[data-testid=nav-contracts]").await?;
    walk.check(&client, "Contracts: the list", "[data-testid=contract-row]")
        .await?;
    click(&client, "[data-testid=contract-row] button").await?;
    walk.check(
        &client,
        "Contracts: a contract's detail",
        "[data-testid=contract-detail]",
    )
    .await?;
    click(&client, "[data-testid=contract-close]").await?;
    click(&client, "[data-testid=contract-new]").await?;
    walk.check(
        &client,
        "Contracts: the new contract form",
        "[data-testid=contract-create]",
    )
    .await?;
    click(&client, "[data-testid=contract-new-cancel]").await?;

    // Requests: the list, every wizard's first step, one wizard's every step, the call
    // sheet, and the outbox.
    click(&client, "[data-testid=nav-requests]").await?;
    walk.check(&client, "Requests: the list", "[data-testid=request-new]")
        .await?;
    click(&client, "[data-testid=request-new]").await?;
    walk.check(
        &client,
        "Requests: the choice of situation",
        "[data-testid=situation-move_device]",
    )
    .await?;
    for situation in SITUATIONS {
        click(&client, &format!("[data-testid=situation-{situation}]")).await?;
        walk.check(
            &client,
            &format!("Requests: the first step of {situation}"),
            "[data-testid=wizard-next], [data-testid=wizard-send], [data-testid=wizard-call-sheet]",
        )
        .await?;
        click(&client, "[data-testid=nav-requests]").await?;
        click(&client, "[data-testid=request-new]").await?;
    }
    click(&client, "[data-testid=situation-verify_bank_details]").await?;
    walk.check(
        &client,
        "Requests: the bank check's first step",
        "[data-testid=wizard-field-iban]",
    )
    .await?;
    click(&client, "[data-testid=nav-requests]").await?;

    // One wizard through every step: change the PO number, a phone situation.
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-change_po_number]").await?;
    choose(
        &client,
        "[data-testid=wizard-contract]",
        "CF-MNT-2024-118305",
    )
    .await?;
    fill(
        &client,
        "[data-testid=wizard-field-po_number]",
        "PO-2027-0001",
    )
    .await?;
    if let Ok(date) = client
        .find(Locator::Css("[data-testid=wizard-effective-date]"))
        .await
    {
        date.send_keys("2027-01-01").await?;
    }
    let mut step = 1;
    loop {
        let next = find(
            &client,
            "[data-testid=wizard-next], [data-testid=wizard-call-sheet]",
        )
        .await?;
        if next.attr("data-testid").await?.as_deref() != Some("wizard-next") {
            break;
        }
        next.click().await?;
        step += 1;
        walk.check(
            &client,
            &format!("Requests: step {step} of change_po_number"),
            "main",
        )
        .await?;
        assert!(step < 8, "the wizard never reached its last step");
    }
    click(&client, "[data-testid=wizard-call-sheet]").await?;
    walk.check(
        &client,
        "Requests: the call sheet",
        "[data-testid=call-number]",
    )
    .await?;
    click(&client, "[data-testid=nav-requests]").await?;
    // The call sheet's outcome is unsaved work: leaving asks first.
    walk.check(
        &client,
        "the confirmation dialog (leave unsaved work)",
        "[data-testid=confirm-ok]",
    )
    .await?;
    click(&client, "[data-testid=confirm-ok]").await?;

    // A request the mail server cannot take yet (nothing listens on its port) waits
    // in the outbox.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    use_test_smtp(&client, closed).await?;
    click(&client, "[data-testid=nav-requests]").await?;
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-terminate_contract]").await?;
    choose(&client, "[data-testid=wizard-device]", "WFK20381").await?;
    crate::requests::advance_to(&client, "[data-testid=wizard-send]").await?;
    walk.check(
        &client,
        "Requests: the review of terminate_contract",
        "[data-testid=wizard-send]",
    )
    .await?;
    click(&client, "[data-testid=wizard-send]").await?;
    walk.check(
        &client,
        "Requests: a request left in the outbox",
        "[data-testid=wizard-outbox]",
    )
    .await?;
    click(&client, "[data-testid=wizard-close]").await?;
    click(&client, "[data-testid=outbox-count]").await?;
    walk.check(&client, "Requests: the outbox", "[data-testid=request-row]")
        .await?;
    click(&client, "[data-testid=request-row]").await?;
    walk.check(
        &client,
        "Requests: a request's detail",
        "[data-testid=request-detail]",
    )
    .await?;

    click(&client, "[data-testid=nav-cps]").await?;
    walk.check(&client, "CPS", "[data-testid=cps-screen]")
        .await?;
    click(&client, "[data-testid=cps-product-add]").await?;
    walk.check(
        &client,
        "CPS: the product form",
        "[data-testid=cps-product-form]",
    )
    .await?;
    // A camera worth enough points for the checkout to be offered.
    for (field, value) in [
        ("serial", "CPS 5D 001"),
        ("model", "EOS R5"),
        ("purchase", "01/03/2024"),
        ("country", "France"),
        ("dealer", "Photo Lumière"),
        ("points", "2000"),
    ] {
        fill(&client, &format!("[data-testid=cps-field-{field}]"), value).await?;
    }
    find(
        &client,
        "[data-testid=cps-field-registration] option[value=registered]",
    )
    .await?
    .click()
    .await?;
    click(&client, "[data-testid=cps-product-save]").await?;
    find(
        &client,
        r#"[data-testid=cps-product-row][data-serial="CPS5D001"]"#,
    )
    .await?;
    click(&client, "[data-testid=cps-account-start]").await?;
    walk.check(
        &client,
        "CPS: the Business account wizard",
        "[data-testid=cps-account-wizard]",
    )
    .await?;
    click(&client, "[data-testid=cps-aw-without-vat]").await?;
    wait_count(&client, "[data-testid^=cps-aw-proof-]", 3).await?;
    walk.check(
        &client,
        "CPS: the Business account wizard, its proofs",
        "[data-testid=cps-aw-next]",
    )
    .await?;
    click(&client, "[data-testid=cps-aw-proof-business_licence]").await?;
    let licence = files.path().join("licence.pdf");
    std::fs::write(&licence, b"%PDF-1.4 business licence")?;
    find(&client, "[data-testid=cps-aw-file]")
        .await?
        .send_keys(&licence.to_string_lossy())
        .await?;
    click(&client, "[data-testid=cps-aw-next]").await?;
    fill(
        &client,
        "[data-testid=cps-aw-login]",
        "desk@atelier.example",
    )
    .await?;
    walk.check(
        &client,
        "CPS: the Business account wizard, its login",
        "[data-testid=cps-aw-password-warning]",
    )
    .await?;
    fill(&client, "[data-testid=cps-aw-date]", "27/11/2026").await?;
    click(&client, "[data-testid=cps-aw-submit]").await?;
    walk.check(
        &client,
        "CPS: the Business account wizard, done",
        "[data-testid=cps-aw-done]",
    )
    .await?;
    click(&client, "[data-testid=cps-wizard-close]").await?;
    click(&client, "[data-testid=cps-checkout-start]").await?;
    walk.check(
        &client,
        "CPS: the checkout wizard",
        "[data-testid=cps-checkout-wizard]",
    )
    .await?;
    click(&client, "[data-testid=cps-co-level-silver]").await?;
    click(&client, "[data-testid=cps-co-bank_transfer]").await?;
    click(&client, "[data-testid=cps-co-review]").await?;
    walk.check(
        &client,
        "CPS: the checkout, its terms not accepted",
        "[data-testid=cps-co-terms-error]",
    )
    .await?;
    click(&client, "[data-testid=cps-co-terms]").await?;
    click(&client, "[data-testid=cps-co-review]").await?;
    walk.check(
        &client,
        "CPS: the checkout's review",
        "[data-testid=cps-co-review-price]",
    )
    .await?;
    click(&client, "[data-testid=cps-co-portal]").await?;
    walk.check(
        &client,
        "CPS: back from the portal, the invoice and membership form",
        "[data-testid=cps-return-form]",
    )
    .await?;
    click(&client, "[data-testid=nav-cps]").await?;
    click(&client, "[data-testid=cps-membership-record]").await?;
    walk.check(
        &client,
        "CPS: the membership form",
        "[data-testid=cps-membership-form]",
    )
    .await?;
    close_dialog(&client).await?;

    click(&client, "[data-testid=nav-reminders]").await?;
    walk.check(&client, "Reminders", "[data-testid=reminders-list]")
        .await?;

    click(&client, "[data-testid=nav-settings]").await?;
    walk.check(
        &client,
        "Settings and the About box",
        "[data-testid=about-version]",
    )
    .await?;

    // The dark theme has its own colours: every section again in it.
    find(&client, "[data-testid=settings-theme] option[value=dark]")
        .await?
        .click()
        .await?;
    find(&client, ":root[data-theme=dark]").await?;
    for section in [
        "home",
        "organisation",
        "devices",
        "contracts",
        "requests",
        "cps",
        "reminders",
        "settings",
    ] {
        click(&client, &format!("[data-testid=nav-{section}]")).await?;
        walk.check(
            &client,
            &format!("{section} in the dark theme"),
            &format!("[data-testid=nav-{section}][aria-current=page]"),
        )
        .await?;
    }
    click(&client, "[data-testid=nav-requests]").await?;
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-move_device]").await?;
    walk.check(
        &client,
        "Requests: a wizard in the dark theme",
        "[data-testid=wizard-device]",
    )
    .await?;

    // A deleted device leaves a toast that offers to undo.
    click(&client, "[data-testid=nav-devices]").await?;
    click(&client, "[data-testid=device-row] button").await?;
    click(&client, "[data-testid=device-delete]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    walk.check(
        &client,
        "Devices: the undo toast",
        "[data-testid=undo-toast]",
    )
    .await?;
    client.close().await?;

    // The window shown instead of the screens when the record cannot be opened.
    let newer = tempfile::tempdir()?;
    let db = newer.path().join("canon-desk.db");
    drop(canon_desk_store::Store::open(&db)?);
    rusqlite::Connection::open(&db)?.pragma_update(None, "user_version", 99)?;
    let client = driver.launch(newer.path()).await?;
    walk.check(
        &client,
        "the start-up error (a record from a newer version)",
        "[data-testid=startup-error]",
    )
    .await?;
    walk.finish();
    client.close().await?;
    Ok(())
}

/// Whether the focused element matches `css`.
async fn focused_is(client: &Client, css: &str) -> TestResult<bool> {
    let matches = client
        .execute(
            "return document.activeElement !== null && document.activeElement.matches(arguments[0]);",
            vec![serde_json::json!(css)],
        )
        .await?;
    Ok(matches == serde_json::Value::Bool(true))
}

/// Presses Tab (or Shift+Tab when `back`) until the focus is on `css`, checking after
/// every press that the focus is on an element and shows.
async fn tab_to(client: &Client, css: &str, back: bool) -> TestResult {
    const MOST: usize = 40;
    let (shift, tab) = (char::from(Key::Shift), char::from(Key::Tab));
    let (chord, name): (&[char], &str) = if back {
        (&[shift, tab], "Shift+Tab")
    } else {
        (&[tab], "Tab")
    };
    let mut on = String::new();
    for _ in 0..MOST {
        press(client, chord).await?;
        on = focus_shown(client, &format!("{name} toward {css}")).await?;
        if focused_is(client, css).await? {
            return Ok(());
        }
    }
    Err(format!("{MOST} presses of {name} never reached {css} (the focus is on {on})").into())
}

/// Presses one key and checks that the focus is still on an element and shows.
async fn key(client: &Client, key: Key, what: &str) -> TestResult<String> {
    press(client, &[key.into()]).await?;
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    focus_shown(client, what).await
}

/// Types text with key actions, one key per character.
async fn type_keys(client: &Client, text: &str) -> TestResult {
    for c in text.chars() {
        press(client, &[c]).await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a11y_a_billing_wizard_with_the_keyboard_alone() -> TestResult {
    let server = SmtpServer::start(Mode::Accept)?;
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    // Setting up: the demo and a mail server, with the pointer.
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;
    wait_count(&client, "[data-testid=demo-load]", 0).await?;
    use_test_smtp(&client, server.port).await?;
    find(&client, "[data-testid=smtp-save]").await?;
    client.close().await?;

    // From here on, the keyboard alone, from a fresh start with the focus nowhere.
    let client = driver.launch(data.path()).await?;
    tab_to(&client, "[data-testid=nav-home]", false).await?;
    tab_to(&client, "[data-testid=nav-requests]", false).await?;
    key(&client, Key::Enter, "Enter on Requests").await?;
    find(&client, "[data-testid=nav-requests][aria-current=page]").await?;
    tab_to(&client, "[data-testid=request-new]", false).await?;
    key(&client, Key::Enter, "Enter on New request").await?;
    find(&client, "[data-testid=situation-terminate_contract]").await?;
    tab_to(&client, "[data-testid=situation-terminate_contract]", false).await?;
    // One step on and back again: Shift+Tab retraces Tab.
    key(&client, Key::Tab, "Tab past the situation").await?;
    tab_to(&client, "[data-testid=situation-terminate_contract]", true).await?;
    key(&client, Key::Space, "Space on the situation").await?;

    // The device: typed into the search, picked in the list with the arrows.
    find(&client, "[data-testid=wizard-device-search]").await?;
    if !focused_is(&client, "[data-testid=wizard-device-search]").await? {
        tab_to(&client, "[data-testid=wizard-device-search]", false).await?;
    }
    type_keys(&client, "wfk2").await?;
    wait_count(&client, "[data-testid=wizard-device] option", 2).await?;
    tab_to(&client, "[data-testid=wizard-device]", false).await?;
    key(&client, Key::Down, "ArrowDown in the device list").await?;
    let picked = find(&client, "[data-testid=wizard-device]")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert!(
        !picked.is_empty(),
        "ArrowDown on the device list must pick the device found"
    );
    tab_to(&client, "[data-testid=wizard-next]", false).await?;
    key(&client, Key::Enter, "Enter on Prepare the request").await?;
    find(&client, "[data-testid=wizard-send]").await?;
    focus_shown(&client, "the review step opened").await?;
    tab_to(&client, "[data-testid=wizard-send]", false).await?;
    key(&client, Key::Enter, "Enter on Send").await?;
    find(&client, "[data-testid=wizard-sent]").await?;
    focus_shown(&client, "the request was sent").await?;
    tab_to(&client, "[data-testid=wizard-close]", false).await?;
    key(&client, Key::Enter, "Enter on Close").await?;

    // The request created is in the list, sent, and the server has it.
    find(
        &client,
        "[data-testid=request-row][data-situation=terminate_contract][data-status=sent]",
    )
    .await?;
    focus_shown(&client, "the wizard closed").await?;

    // A dialog opened with the keyboard takes the focus and gives it back on Escape.
    tab_to(&client, "[data-testid=nav-devices]", true).await?;
    key(&client, Key::Enter, "Enter on Devices").await?;
    find(&client, "[data-testid=nav-devices][aria-current=page]").await?;
    tab_to(&client, "[data-testid=device-add]", false).await?;
    key(&client, Key::Enter, "Enter on Add device").await?;
    find(&client, "dialog[open] [data-testid=device-serial]").await?;
    assert!(
        focused_is(&client, "dialog[open] *").await?,
        "the device form must take the focus when it opens"
    );
    key(&client, Key::Escape, "Escape in the device form").await?;
    wait_count(&client, "dialog[open]", 0).await?;
    assert!(
        focused_is(&client, "[data-testid=device-add]").await?,
        "closing the device form must give the focus back to the button that opened it"
    );
    let deadline = std::time::Instant::now() + canon_desk_tests::PATIENCE;
    while server.received().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the SMTP server never received the request sent with the keyboard"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    client.close().await?;
    Ok(())
}

/// Each section and the main action a user comes to it for.
const SECTIONS: [(&str, &str); 8] = [
    ("home", "[data-testid=home-all-reminders]"),
    ("organisation", "[data-testid=org-save]"),
    ("devices", "[data-testid=device-add]"),
    ("contracts", "[data-testid=contract-new]"),
    ("requests", "[data-testid=request-new]"),
    ("cps", "[data-testid=cps-product-add]"),
    ("reminders", "[data-testid=reminders-export]"),
    ("settings", "[data-testid=settings-locale]"),
];

/// What is wrong with the layout of the section shown: the page scrolling sideways,
/// or an element of `wanted` (the navigation, the main action) out of sight or
/// covered once scrolled to. Empty when all is well.
async fn layout_problems(client: &Client, wanted: &[String]) -> TestResult<Vec<String>> {
    let found = client
        .execute(
            r#"const problems = [];
            const root = document.documentElement;
            if (root.scrollWidth > root.clientWidth)
              problems.push(`the page scrolls sideways (${root.scrollWidth} px of content in ${root.clientWidth} px)`);
            // The page itself clips (only the content scrolls), so what would scroll the
            // page sideways shows up as the content area scrolling sideways.
            const main = document.querySelector("main.content");
            if (main && main.scrollWidth > main.clientWidth)
              problems.push(`the content scrolls sideways (${main.scrollWidth} px in ${main.clientWidth} px, widest: ${
                [...main.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > main.getBoundingClientRect().right + 1)
                  .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "")).join(", ")})`);
            for (const css of arguments[0]) {
              const el = document.querySelector(css);
              if (!el) { problems.push(`${css} is missing`); continue; }
              el.scrollIntoView({ block: "center", inline: "nearest" });
              const r = el.getBoundingClientRect();
              if (r.width === 0 || r.height === 0) { problems.push(`${css} is not shown`); continue; }
              if (r.left < 0 || r.top < 0 || r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1) {
                problems.push(`${css} is out of the window (${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)} in ${window.innerWidth}×${window.innerHeight})`);
                continue;
              }
              const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
              if (!hit || !(hit === el || el.contains(hit)))
                problems.push(`${css} is covered by ${hit ? hit.outerHTML.slice(0, 80) : "nothing"}`);
            }
            return problems;"#,
            vec![serde_json::json!(wanted)],
        )
        .await?;
    Ok(found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

/// Activates a control: a click, or Enter when the page is zoomed (under page zoom
/// WebKitWebDriver aims its pointer at unzoomed coordinates; whether the pointer
/// could reach the control is what `layout_problems` checks, with the page's own
/// hit testing).
async fn activate(client: &Client, css: &str, zoomed: bool) -> TestResult {
    if zoomed {
        find(client, css)
            .await?
            .send_keys(&Key::Enter.to_string())
            .await?;
        Ok(())
    } else {
        click(client, css).await
    }
}

/// Checks the view shown: the navigation (unless a modal dialog rightly covers it)
/// and `action` usable, nothing sideways.
async fn view_usable(
    client: &Client,
    how: &str,
    view: &str,
    action: &str,
    problems: &mut Vec<String>,
) -> TestResult {
    let modal = !client
        .find_all(Locator::Css("dialog[open]"))
        .await?
        .is_empty();
    find(client, action).await?;
    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    if let Some(dir) = std::env::var_os("CANON_DESK_E2E_SCREENSHOTS") {
        let name: String = format!("a11y {how} {view}")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let png = client.screenshot().await?;
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png)?;
    }
    let mut wanted: Vec<String> = if modal {
        Vec::new()
    } else {
        SECTIONS
            .iter()
            .map(|(s, _)| format!("[data-testid=nav-{s}]"))
            .collect()
    };
    wanted.push(action.to_owned());
    for problem in layout_problems(client, &wanted).await? {
        problems.push(format!("{how}, {view}: {problem}"));
    }
    Ok(())
}

/// Visits every section, a device's detail, the device form and a request wizard,
/// and gathers their layout problems, prefixed with `how`.
async fn sections_usable(client: &Client, how: &str, zoomed: bool) -> TestResult<Vec<String>> {
    let mut problems = Vec::new();
    for (section, action) in SECTIONS {
        let nav = format!("[data-testid=nav-{section}]");
        activate(client, &nav, zoomed).await?;
        find(client, &format!("{nav}[aria-current=page]")).await?;
        view_usable(client, how, section, action, &mut problems).await?;
    }
    activate(client, "[data-testid=nav-devices]", zoomed).await?;
    activate(client, "[data-testid=device-row] button", zoomed).await?;
    view_usable(
        client,
        how,
        "a device's detail",
        "[data-testid=device-edit]",
        &mut problems,
    )
    .await?;
    activate(client, "[data-testid=device-add]", zoomed).await?;
    view_usable(
        client,
        how,
        "the device form",
        "[data-testid=device-save]",
        &mut problems,
    )
    .await?;
    close_dialog(client).await?;
    activate(client, "[data-testid=nav-requests]", zoomed).await?;
    activate(client, "[data-testid=request-new]", zoomed).await?;
    activate(client, "[data-testid=situation-terminate_contract]", zoomed).await?;
    view_usable(
        client,
        how,
        "a request wizard",
        "[data-testid=wizard-next]",
        &mut problems,
    )
    .await?;
    activate(client, "[data-testid=nav-home]", zoomed).await?;
    Ok(problems)
}

/// The page's width in CSS pixels.
async fn page_width(client: &Client) -> TestResult<f64> {
    Ok(client
        .execute("return window.innerWidth;", vec![])
        .await?
        .as_f64()
        .unwrap_or_default())
}

/// Sets the window's size and waits until the page has it: the resize reaches the page
/// a moment after WebDriver answers. `zoom` is the page's zoom, which divides its width
/// in CSS pixels. Returns that width.
async fn resize(client: &Client, width: u32, height: u32, zoom: f64) -> TestResult<f64> {
    client.set_window_rect(0, 0, width, height).await?;
    let want = f64::from(width) / zoom;
    let deadline = std::time::Instant::now() + canon_desk_tests::PATIENCE;
    loop {
        let now = page_width(client).await?;
        if now <= want + 1.0 && now > want - 124.0 / zoom {
            return Ok(now);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the window was not resized to {width} px at {zoom}× zoom (the page is {now} px wide, \
             {want} expected)"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a11y_every_section_usable_at_200_percent_zoom_and_in_a_1024x700_window() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;
    wait_count(&client, "[data-testid=demo-load]", 0).await?;
    let mut problems = Vec::new();

    // A small laptop's window.
    resize(&client, 1024, 700, 1.0).await?;
    problems.extend(sections_usable(&client, "1024×700", false).await?);

    // 200% through the user's own keys: Ctrl+= five times (Tauri's zoom keys add 20%
    // each), in the window the app opens with.
    let before = resize(&client, 1180, 760, 1.0).await?;
    click(&client, "[data-testid=nav-home]").await?;
    for _ in 0..5 {
        press(&client, &[Key::Control.into(), '=']).await?;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    let deadline = std::time::Instant::now() + canon_desk_tests::PATIENCE;
    loop {
        let now = page_width(&client).await?;
        if (now * 2.0 - before).abs() <= 2.0 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "Ctrl+= five times must zoom the page to 200% (the page is {now} px wide, {before} px before)"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    problems.extend(sections_usable(&client, "200% zoom", true).await?);
    // Both at once: 512×350 CSS pixels.
    resize(&client, 1024, 700, 2.0).await?;
    problems.extend(sections_usable(&client, "200% zoom in 1024×700", true).await?);

    // Ctrl+0 brings the page back to 100%.
    client.set_window_rect(0, 0, 1180, 760).await?;
    press(&client, &[Key::Control.into(), '0']).await?;
    let deadline = std::time::Instant::now() + canon_desk_tests::PATIENCE;
    loop {
        let now = page_width(&client).await?;
        if (now - before).abs() <= 1.0 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "Ctrl+0 must bring the page back to 100% (the page is {now} px wide, {before} px unzoomed)"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    assert!(
        problems.is_empty(),
        "{} layout problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    client.close().await?;
    Ok(())
}
