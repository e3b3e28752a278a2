//! A billing request through the wizard in the real window, sent to a real SMTP
//! server on 127.0.0.1, still in the history after a restart.

use canon_desk_tests::smtp::{Mode, SmtpServer};
use canon_desk_tests::{click, find, Driver, TestResult, PATIENCE};
use fantoccini::{Client, Locator};

/// The demo's device whose counters are read by hand.
const MANUAL_SERIAL: &str = "WFK20381";

async fn choose(client: &Client, select: &str, option_text: &str) -> TestResult {
    find(client, select)
        .await?
        .find(Locator::XPath(&format!(
            ".//option[contains(., '{option_text}')]"
        )))
        .await
        .map_err(|e| format!("{select} has no option {option_text:?}: {e}"))?
        .click()
        .await?;
    Ok(())
}

async fn fill(client: &Client, css: &str, text: &str) -> TestResult {
    let field = find(client, css).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a_wizard_request_is_sent_by_smtp_and_kept_in_the_history() -> TestResult {
    let server = SmtpServer::start(Mode::Accept)?;
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;

    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;

    // Point the app at the test server (plain SMTP is allowed to this computer only).
    click(&client, "[data-testid=nav-settings]").await?;
    fill(&client, "[data-testid=smtp-host]", "127.0.0.1").await?;
    fill(&client, "[data-testid=smtp-port]", &server.port.to_string()).await?;
    find(&client, "[data-testid=smtp-security]")
        .await?
        .find(Locator::Css("option[value=plain]"))
        .await?
        .click()
        .await?;
    fill(&client, "[data-testid=smtp-from]", "desk@atelier.example").await?;
    click(&client, "[data-testid=smtp-save]").await?;

    // The wizard for "switch to automatic meters" on the hand-read device.
    click(&client, "[data-testid=nav-requests]").await?;
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-enable_automatic_meters]").await?;
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
