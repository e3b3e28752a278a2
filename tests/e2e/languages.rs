//! The interface in Italian and French in the real window: the letter to Canon France
//! stays French, the translation beside it follows the interface, and the choice of
//! language survives a restart.

use canon_desk_tests::{choose, click, find, wait_text, Driver, TestResult};

use crate::requests::{advance_to, MANUAL_SERIAL};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn an_italian_user_reads_the_french_letter_with_its_italian_translation() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;

    click(&client, "[data-testid=nav-settings]").await?;
    choose(&client, "[data-testid=settings-locale]", "Italiano").await?;
    wait_text(&client, "[data-testid=nav-requests]", "Richieste").await?;

    click(&client, "[data-testid=nav-requests]").await?;
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-enable_automatic_meters]").await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    advance_to(&client, "[data-testid=wizard-body]").await?;

    let body = find(&client, "[data-testid=wizard-body]")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert!(
        body.starts_with("Madame, Monsieur,"),
        "the letter to Canon France (a support mailbox) must stay French in an Italian interface: {body:?}"
    );
    assert!(
        body.contains(MANUAL_SERIAL),
        "the letter must name the device: {body:?}"
    );
    let translation = find(&client, "[data-testid=wizard-translation]")
        .await?
        .text()
        .await?;
    assert!(
        translation.contains("Spettabile Canon France,") && translation.contains(MANUAL_SERIAL),
        "the translation beside the letter must be the Italian one, with the serial: {translation:?}"
    );

    // An edit to the French is not translated, and the window says so in Italian.
    find(&client, "[data-testid=wizard-body]")
        .await?
        .send_keys(" Merci.")
        .await?;
    let edited = find(&client, "[data-testid=wizard-translation-edited]")
        .await?
        .text()
        .await?;
    assert!(
        edited.contains("le tue modifiche"),
        "the note on edits must be Italian: {edited:?}"
    );
    click(&client, "[data-testid=wizard-close]").await?;

    // French: the letter needs no translation; the choice survives a restart.
    click(&client, "[data-testid=nav-settings]").await?;
    choose(&client, "[data-testid=settings-locale]", "Français").await?;
    wait_text(&client, "[data-testid=nav-requests]", "Demandes").await?;
    client.close().await?;

    let client = driver.launch(data.path()).await?;
    wait_text(&client, "[data-testid=nav-requests]", "Demandes").await?;
    click(&client, "[data-testid=nav-requests]").await?;
    click(&client, "[data-testid=request-new]").await?;
    click(&client, "[data-testid=situation-enable_automatic_meters]").await?;
    choose(&client, "[data-testid=wizard-device]", MANUAL_SERIAL).await?;
    advance_to(&client, "[data-testid=wizard-body]").await?;
    find(&client, "[data-testid=wizard-body]").await?;
    assert!(
        client
            .find_all(fantoccini::Locator::Css("[data-testid=wizard-translation]"))
            .await?
            .is_empty(),
        "a French interface shows the letter alone, without a translation"
    );
    client.close().await?;
    Ok(())
}
