//! A billing request through the wizard in the real window, sent to a real SMTP
//! server on 127.0.0.1, still in the history after a restart.

use canon_desk_tests::smtp::{Mode, SmtpServer};
use canon_desk_tests::{
    choose, click, fill, find, use_test_smtp, wait_count, Driver, TestResult, PATIENCE,
};
use fantoccini::{Client, Locator};

/// The demo's device whose counters are read by hand.
pub(crate) const MANUAL_SERIAL: &str = "WFK20381";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a_wizard_request_is_sent_by_smtp_and_kept_in_the_history() -> TestResult {
    let server = SmtpServer::start(Mode::Accept)?;
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;

    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;

    use_test_smtp(&client, server.port).await?;

    // The wizard for "switch to automatic meters" on the hand-read device.
    click(&client, "[data-testid=nav-requests]").await?;
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-enable_automatic_meters]").await?;
    // The picker searches the fleet as the user types: "Choose…" and one match.
    fill(&client, "[data-testid=wizard-device-search]", "wfk2").await?;
    wait_count(&client, "[data-testid=wizard-device] option", 2).await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    // The wizard may take one or more steps before the message is ready to send.
    for _ in 0..5 {
        let step = find(
            &client,
            "[data-testid=wizard-send], [data-testid=wizard-next]",
        )
        .await?;
        if step.attr("data-testid").await?.as_deref() == Some("wizard-send") {
            break;
        }
        step.click().await?;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    click(&client, "[data-testid=wizard-send]").await?;
    find(&client, "[data-testid=wizard-sent]").await?;
    click(&client, "[data-testid=wizard-close]").await?;
    let sent =
        r#"[data-testid=request-row][data-situation=enable_automatic_meters][data-status=sent]"#;
    find(&client, sent).await?;

    // The server received it, addressed as Canon France's sheet says, with the serial.
    let deadline = std::time::Instant::now() + PATIENCE;
    let mail = loop {
        if let Some(mail) = server.received().into_iter().next() {
            break mail;
        }
        if std::time::Instant::now() > deadline {
            return Err("the SMTP server received nothing".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(
        mail.to,
        vec!["fr@support.canon-europe.com".to_owned()],
        "the request went to the wrong address"
    );
    assert!(
        canon_desk_tests::mime::text_body(&mail.data).contains(MANUAL_SERIAL),
        "the message must carry the serial number {MANUAL_SERIAL}"
    );
    client.close().await?;

    // After a restart the history still shows it as sent.
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=nav-requests]").await?;
    find(&client, sent).await?;
    client.close().await?;
    Ok(())
}

/// Waits until the test server has received `count` messages and returns the last.
async fn nth_mail(
    server: &SmtpServer,
    count: usize,
) -> TestResult<canon_desk_tests::smtp::Received> {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let received = server.received();
        if received.len() >= count {
            return received
                .into_iter()
                .nth(count - 1)
                .ok_or_else(|| "the message vanished".into());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!(
                "the SMTP server received {} of {count} messages",
                received.len()
            )
            .into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Clicks "next" until `target` shows (the wizard may take one or more steps).
pub(crate) async fn advance_to(client: &Client, target: &str) -> TestResult {
    for _ in 0..5 {
        let step = find(client, &format!("{target}, [data-testid=wizard-next]")).await?;
        if step.attr("data-testid").await?.as_deref() != Some("wizard-next") {
            return Ok(());
        }
        step.click().await?;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    find(client, target).await.map(|_| ())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn phone_bank_check_late_notice_and_an_attachment_in_the_real_window() -> TestResult {
    let server = SmtpServer::start(Mode::Accept)?;
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let files = tempfile::tempdir()?;
    let page = files.path().join("relevé compteurs.pdf");
    std::fs::write(&page, b"%PDF-1.4 page de releve")?;
    let kbis = files.path().join("K-bis société.pdf");
    std::fs::write(&kbis, b"%PDF-1.4 extrait K-bis")?;

    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;
    use_test_smtp(&client, server.port).await?;

    // Canon's genuine bank details, from an invoice, on the organisation screen.
    click(&client, "[data-testid=nav-organisation]").await?;
    fill(
        &client,
        "[data-testid=org-canon-iban]",
        "FR76 3000 6000 0112 3456 7890 189",
    )
    .await?;
    click(&client, "[data-testid=org-save]").await?;
    find(&client, "[data-testid=org-saved]").await?;

    // Bank-details check: other details than the genuine ones raise the fraud warning.
    click(&client, "[data-testid=nav-requests]").await?;
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-verify_bank_details]").await?;
    fill(
        &client,
        "[data-testid=wizard-field-iban]",
        "FR76 3000 4000 0312 3456 7890 143",
    )
    .await?;
    fill(&client, "[data-testid=wizard-field-bic]", "BNPAFRPPXXX").await?;
    click(&client, "[data-testid=wizard-next]").await?;
    find(&client, "[data-testid=bank-verdict][data-verdict=mismatch]").await?;
    find(&client, "[data-testid=bank-fraud-warning]").await?;
    find(&client, "[data-testid=bank-remittance]").await?;
    click(&client, "[data-testid=wizard-close]").await?;

    // The check is kept in the organisation's history, with what was entered and its verdict.
    click(&client, "[data-testid=nav-organisation]").await?;
    click(&client, "[data-testid=org-history] summary").await?;
    let row = find(
        &client,
        "[data-testid=org-history] [data-testid=history-row][data-entity=bank_check][data-verdict=mismatch]",
    )
    .await?
    .text()
    .await?;
    for expected in [
        "Bank details checked: they differ, possible fraud",
        "FR76 3000 4000 0312 3456 7890 143",
        "BNPAFRPPXXX",
        "Not at the bank Canon France says it uses",
    ] {
        assert!(
            row.contains(expected),
            "the organisation's history must show the bank check with {expected:?}, it says {row:?}"
        );
    }
    click(&client, "[data-testid=nav-requests]").await?;

    // A phone situation: the call sheet, then the outcome recorded.
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
    advance_to(&client, "[data-testid=wizard-call-sheet]").await?;
    click(&client, "[data-testid=wizard-call-sheet]").await?;
    let number = find(&client, "[data-testid=call-number]")
        .await?
        .text()
        .await?;
    assert_eq!(
        number, "0 820 12 40 40",
        "the call sheet must show Canon France's number"
    );
    let menu = find(&client, "[data-testid=call-menu]")
        .await?
        .text()
        .await?;
    assert!(
        menu.contains('4'),
        "the call sheet must give menu choice 4: {menu:?}"
    );
    let abroad = find(&client, "[data-testid=call-abroad]")
        .await?
        .text()
        .await?;
    assert!(
        abroad.contains("0820") && abroad.contains("CaseMgt_AutresDemandes@cf.canon.fr"),
        "the call sheet must say 0820 numbers may fail from abroad and give the email channels: {abroad:?}"
    );
    fill(
        &client,
        "[data-testid=call-outcome]",
        "New PO noted by Canon, reference 5521",
    )
    .await?;
    click(&client, "[data-testid=call-record]").await?;
    find(&client, "[data-testid=wizard-sent]").await?;
    click(&client, "[data-testid=wizard-close]").await?;
    // Told and acknowledged on the call: the demo's own PO-number request is done.
    find(
        &client,
        "[data-testid=request-row][data-situation=change_po_number][data-status=acknowledged]",
    )
    .await?;

    // A change of billing entity whose date is too close: the deadline has passed,
    // the wizard says so, and the request can still be sent, with the K-bis chosen
    // through the file chooser.
    let soon = chrono::Local::now().date_naive() + chrono::Days::new(5);
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-change_billing_entity]").await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    fill(
        &client,
        "[data-testid=wizard-effective-date]",
        &soon.format("%Y-%m-%d").to_string(),
    )
    .await?;
    fill(
        &client,
        "[data-testid=wizard-field-new_entity_name]",
        "Lumière Holding SAS",
    )
    .await?;
    click(&client, "[data-testid=wizard-entity-change-takeover]").await?;
    find(&client, "[data-testid=wizard-field-kbis_document]")
        .await?
        .send_keys(&kbis.to_string_lossy())
        .await?;
    find(&client, "[data-testid=wizard-field-kbis_document-name]").await?;
    advance_to(&client, "[data-testid=wizard-send]").await?;
    find(&client, "[data-testid=wizard-late]").await?;
    click(&client, "[data-testid=wizard-send]").await?;
    find(&client, "[data-testid=wizard-sent]").await?;
    let mail = nth_mail(&server, 1).await?;
    assert_eq!(
        mail.to,
        vec!["commercial.demo@example.com".to_owned()],
        "a change of billing entity goes to the sales contact"
    );
    assert!(
        canon_desk_tests::mime::text_body(&mail.data)
            .contains("Notre activité est reprise par la société Lumière Holding SAS"),
        "the letter names the new entity and says it takes the business over"
    );
    assert_eq!(
        canon_desk_tests::mime::attachments(&mail.data)
            .into_iter()
            .map(|(name, _)| name)
            .collect::<Vec<_>>(),
        vec!["K-bis société.pdf".to_owned()],
        "the K-bis must arrive attached under its own name"
    );
    // Back in the history, the request shows its K-bis, a document it can open.
    click(&client, "[data-testid=wizard-close]").await?;
    find(
        &client,
        r#"[data-testid=request-detail] [data-testid=request-attachment][data-name="K-bis société.pdf"] [data-testid=request-attachment-open]"#,
    )
    .await?;
    // The exact message sent is one of its documents, opened the same way.
    find(
        &client,
        "[data-testid=request-detail] [data-testid=request-eml] [data-testid=request-eml-open]",
    )
    .await?;
    // It lists the follow-up planned for a week after it left (the deadline had
    // passed, so no "tell Canon by" reminder was planned).
    find(
        &client,
        "[data-testid=request-detail] [data-testid=request-reminder][data-kind=follow_up][data-status=pending]",
    )
    .await?;

    // Disposing of an owned device: the meter-reading page chosen with the file
    // chooser arrives attached under its own name.
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-dispose_owned_device]").await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    find(&client, "[data-testid=wizard-field-meter_reading_page]")
        .await?
        .send_keys(&page.to_string_lossy())
        .await?;
    find(
        &client,
        "[data-testid=wizard-field-meter_reading_page-name]",
    )
    .await?;
    advance_to(&client, "[data-testid=wizard-send]").await?;
    click(&client, "[data-testid=wizard-send]").await?;
    find(&client, "[data-testid=wizard-sent]").await?;
    let mail = nth_mail(&server, 2).await?;
    let attached = canon_desk_tests::mime::attachments(&mail.data);
    assert_eq!(
        attached,
        vec![(
            "relevé compteurs.pdf".to_owned(),
            b"%PDF-1.4 page de releve".to_vec()
        )],
        "the chosen meter-reading page must arrive attached under its own name"
    );
    client.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn the_five_other_situations_in_the_real_window() -> TestResult {
    let server = SmtpServer::start(Mode::Accept)?;
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;
    use_test_smtp(&client, server.port).await?;
    click(&client, "[data-testid=nav-requests]").await?;
    let later = (chrono::Local::now().date_naive() + chrono::Days::new(60))
        .format("%Y-%m-%d")
        .to_string();

    // Moving a device: a quote request to Canon's case management, with the address.
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-move_device]").await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    fill(
        &client,
        "[data-testid=wizard-field-new_address]",
        "8 quai Rambaud, 69002 Lyon",
    )
    .await?;
    advance_to(&client, "[data-testid=wizard-send]").await?;
    click(&client, "[data-testid=wizard-send]").await?;
    find(&client, "[data-testid=wizard-sent]").await?;
    let mail = nth_mail(&server, 1).await?;
    assert_eq!(
        mail.to,
        vec!["CaseMgt_AutresDemandes@cf.canon.fr".to_owned()],
        "a move goes to case management"
    );
    assert!(
        canon_desk_tests::mime::text_body(&mail.data).contains("8 quai Rambaud"),
        "the move request must carry the new address"
    );
    click(&client, "[data-testid=wizard-close]").await?;

    // Terminating: the terms asked of the sales contact.
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-terminate_contract]").await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    advance_to(&client, "[data-testid=wizard-send]").await?;
    click(&client, "[data-testid=wizard-send]").await?;
    find(&client, "[data-testid=wizard-sent]").await?;
    let mail = nth_mail(&server, 2).await?;
    assert_eq!(
        mail.to,
        vec!["commercial.demo@example.com".to_owned()],
        "a termination goes to the sales contact"
    );
    click(&client, "[data-testid=wizard-close]").await?;

    // Answering a meter-reading request: a counter below the last reading is
    // refused, the estimate warning is shown, the answer goes to the address
    // printed on Canon's request.
    click(&client, "[data-testid=request-new]").await?;
    click(
        &client,
        "[data-testid=situation-answer_meter_reading_request]",
    )
    .await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    find(&client, "[data-testid=wizard-estimate-warning]").await?;
    fill(
        &client,
        "[data-testid=wizard-field-request_address]",
        "releves@cf.canon.example",
    )
    .await?;
    fill(&client, "[data-testid=wizard-effective-date]", &later).await?;
    let counters = client
        .find_all(Locator::Css("[data-testid^=wizard-field-counter-]"))
        .await?;
    assert!(
        !counters.is_empty(),
        "the device's counters must be asked for"
    );
    for counter in &counters {
        counter.clear().await?;
        counter.send_keys("1").await?;
    }
    click(&client, "[data-testid=wizard-next]").await?;
    let refused = find(
        &client,
        "#wizard-counter-black-error, [id^=wizard-counter-][id$=-error]",
    )
    .await?
    .text()
    .await?;
    assert!(
        !refused.is_empty(),
        "a counter below the last reading must be refused with a message"
    );
    for counter in &counters {
        counter.clear().await?;
        counter.send_keys("99999999").await?;
    }
    advance_to(&client, "[data-testid=wizard-send]").await?;
    click(&client, "[data-testid=wizard-send]").await?;
    find(&client, "[data-testid=wizard-sent]").await?;
    let mail = nth_mail(&server, 3).await?;
    assert_eq!(
        mail.to,
        vec!["releves@cf.canon.example".to_owned()],
        "the answer goes to the address on the request"
    );
    assert!(
        canon_desk_tests::mime::text_body(&mail.data).contains("99"),
        "the answer must carry the counters"
    );
    click(&client, "[data-testid=wizard-close]").await?;

    // The two other phone situations, the personal-address warning on the way.
    for (situation, field, value) in [
        (
            "change_invoice_address",
            "new_invoice_address",
            "Service comptable, 3 rue de la Part-Dieu, 69003 Lyon",
        ),
        (
            "invoices_by_email",
            "invoice_email",
            "marie.dupont@atelier.example",
        ),
    ] {
        click(&client, "[data-testid=request-new]").await?;
        click(&client, &format!("[data-testid=situation-{situation}]")).await?;
        choose(
            &client,
            "[data-testid=wizard-contract]",
            "CF-MNT-2024-118305",
        )
        .await?;
        let input = format!("[data-testid=wizard-field-{field}]");
        if situation == "invoices_by_email" {
            // The organisation's saved invoice address is offered first; the user
            // then types another over it.
            let offered = wait_value(&client, &input).await?;
            assert_eq!(
                offered, "factures@atelier-lumiere.example",
                "the wizard must offer the invoice address the organisation saved"
            );
        }
        fill(&client, &input, value).await?;
        fill(&client, "[data-testid=wizard-effective-date]", &later).await?;
        advance_to(&client, "[data-testid=wizard-call-sheet]").await?;
        if situation == "invoices_by_email" {
            find(
                &client,
                "[data-testid=wizard-warning-personal_invoice_email]",
            )
            .await?;
        }
        click(&client, "[data-testid=wizard-call-sheet]").await?;
        fill(&client, "[data-testid=call-outcome]", "Done on the phone").await?;
        click(&client, "[data-testid=call-record]").await?;
        find(&client, "[data-testid=wizard-sent]").await?;
        click(&client, "[data-testid=wizard-close]").await?;
        find(
            &client,
            &format!(
                "[data-testid=request-row][data-situation={situation}][data-status=acknowledged]"
            ),
        )
        .await?;
    }
    client.close().await?;
    Ok(())
}

/// Waits until the app has written `count` `mailto:` URLs to `log` (the test hook
/// `CANON_DESK_MAILTO_LOG`) and returns the last.
async fn nth_mailto(log: &std::path::Path, count: usize) -> TestResult<String> {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let urls: Vec<&str> = text.lines().collect();
        if urls.len() >= count {
            return Ok(urls[count - 1].to_owned());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{} mailto: URLs written of {count}", urls.len()).into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a_request_handed_to_the_mail_client_stays_unsent_until_the_user_says_it_went() -> TestResult
{
    let files = tempfile::tempdir()?;
    let mailto_log = files.path().join("mailto.txt");
    // The app writes the mailto: URL there instead of starting a mail client.
    let driver = Driver::start_with_env(&[("CANON_DESK_MAILTO_LOG", mailto_log.as_os_str())])?;
    let data = tempfile::tempdir()?;

    // No SMTP server is set up: the request goes through the mail client.
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;
    click(&client, "[data-testid=nav-requests]").await?;
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-terminate_contract]").await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    advance_to(&client, "[data-testid=wizard-mail-client]").await?;
    click(&client, "[data-testid=wizard-mail-client]").await?;
    find(&client, "[data-testid=wizard-mail-client-question]").await?;
    let url = nth_mailto(&mailto_log, 1).await?;
    assert!(
        url.starts_with("mailto:commercial.demo@example.com?subject="),
        "the URL must go to the sales contact: {url}"
    );
    let body = url.split_once("&body=").map(|(_, b)| b).unwrap_or_default();
    assert!(
        body.contains("%0D%0A") && body.matches("%0A").count() == body.matches("%0D%0A").count(),
        "the body's line breaks must all be CRLF: {body}"
    );
    assert!(body.contains(MANUAL_SERIAL), "the body carries the serial");

    // "Not yet": the request stays unsent, its channel the mail client.
    click(&client, "[data-testid=wizard-mail-client-not-yet]").await?;
    find(&client, "[data-testid=wizard-mail-client-later]").await?;
    click(&client, "[data-testid=wizard-close]").await?;
    let unsent = r#"[data-testid=request-row][data-situation=terminate_contract][data-status=draft][data-channel=mail_client]"#;
    find(&client, unsent).await?;
    // The history opens on it without asking again at once: next time it is opened.
    find(
        &client,
        "[data-testid=request-detail] [data-testid=wizard-mail-client-later]",
    )
    .await?;
    let asked = client
        .find_all(Locator::Css(
            "[data-testid=request-detail] [data-testid=wizard-mail-client-question]",
        ))
        .await?;
    assert!(asked.is_empty(), "\"Not yet\" was just answered");

    // A draft kept on purpose and handed over from the history: its row shows the
    // mail client at once.
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-enable_automatic_meters]").await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    advance_to(&client, "[data-testid=wizard-mail-client]").await?;
    click(&client, "[data-testid=wizard-keep-draft]").await?;
    let meters = "[data-testid=request-row][data-situation=enable_automatic_meters]";
    find(&client, &format!(r#"{meters}[data-channel=""]"#)).await?;
    click(
        &client,
        "[data-testid=request-detail] [data-testid=wizard-mail-client]",
    )
    .await?;
    find(
        &client,
        &format!("{meters}[data-status=draft][data-channel=mail_client]"),
    )
    .await?;
    nth_mailto(&mailto_log, 2).await?;
    client.close().await?;

    // After a restart it is still unsent, and opening it asks again.
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=nav-requests]").await?;
    find(
        &client,
        &format!("{unsent} [data-testid=request-awaiting-answer]"),
    )
    .await?;
    click(&client, unsent).await?;
    find(
        &client,
        "[data-testid=request-detail] [data-testid=wizard-mail-client-question]",
    )
    .await?;
    click(&client, "[data-testid=wizard-mail-client-confirm]").await?;
    find(&client, "[data-testid=request-detail][data-status=sent]").await?;
    find(
        &client,
        r#"[data-testid=request-row][data-situation=terminate_contract][data-status=sent][data-channel=mail_client]"#,
    )
    .await?;
    client.close().await?;

    // The record holds the answer, with the sending date.
    let store = canon_desk_store::Store::open(&data.path().join("canon-desk.db"))?;
    let requests = store.list_requests(None)?;
    let sent = requests
        .iter()
        .find(|r| r.draft.situation.as_str() == "terminate_contract")
        .ok_or("the request is not in the record")?;
    assert_eq!(
        (sent.status, sent.draft.channel, sent.sent_at.is_some()),
        (
            canon_desk_store::RequestStatus::Sent,
            Some(canon_desk_store::RequestChannel::MailClient),
            true
        ),
        "the request must be recorded as sent from the mail client, with its date"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a_request_left_on_its_way_is_shown_as_maybe_sent_and_never_resent_on_its_own() -> TestResult
{
    let server = SmtpServer::start(Mode::Accept)?;
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;
    use_test_smtp(&client, server.port).await?;
    client.close().await?;

    // What a crash after the delivery leaves: the request claimed for sending, its
    // exact message kept, nothing recorded since.
    {
        use canon_desk_core::catalogue::Situation;
        use canon_desk_store::{RequestDraft, Store};
        let mut store = Store::open(&data.path().join("canon-desk.db"))?;
        let docs = data.path().join("documents");
        let now = chrono::Utc::now();
        let request = store.create_request(
            &RequestDraft {
                situation: Situation::EnableAutomaticMeters,
                channel: Some(canon_desk_store::RequestChannel::Email),
                device_id: None,
                contract_id: None,
                effective_on: None,
                notify_by: None,
                recipient: Some("fr@support.canon-europe.com".into()),
                subject: "Passage en transmission automatique des compteurs".into(),
                body: "Bonjour,\n".into(),
                facts_json: "{}".into(),
                attachments: Vec::new(),
            },
            &docs,
            now,
        )?;
        let (eml, _) = canon_desk_store::store_bytes(
            &docs,
            b"Message-ID: <e2e@desk.example>\r\n\r\nBonjour,\r\n",
        )?;
        store.claim_sending(request.id, "<e2e@desk.example>", &eml, now)?;
    }

    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=nav-requests]").await?;
    find(&client, "[data-testid=requests-in-doubt]").await?;
    click(&client, "[data-testid=request-row][data-status=sending]").await?;
    find(&client, "[data-testid=request-in-doubt]").await?;
    click(&client, "[data-testid=request-mark-sent]").await?;
    find(
        &client,
        "[data-testid=request-row][data-situation=enable_automatic_meters][data-status=sent]",
    )
    .await?;
    assert!(
        server.received().is_empty(),
        "a request that may have been sent must never be sent again on its own"
    );
    client.close().await?;
    Ok(())
}

/// The value of the field at `css` once it is not empty.
async fn wait_value(client: &Client, css: &str) -> TestResult<String> {
    let until = std::time::Instant::now() + PATIENCE;
    loop {
        let value = find(client, css)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        if !value.is_empty() {
            return Ok(value);
        }
        if std::time::Instant::now() > until {
            return Err(format!("{css} stayed empty").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
