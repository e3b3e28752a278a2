//! The record at work in the real window: import a CSV, search, edit a device,
//! add a reading (a lower one is refused), attach a document, delete and undo,
//! export, restart, and everything is still there.

use canon_desk_tests::{
    click, fill, find, select_tab, wait_count, wait_text, Driver, TestResult, PATIENCE,
};
use fantoccini::{Client, Locator};

const CSV: &str = "serial,model,kind,site,ownership,installed_on,meter_transmission,status,notes
CSV0001,imageRUNNER ADVANCE DX C3826i,mfp,Siège,leased,2024-03-01,automatic,active,accueil
CSV0002,i-SENSYS X C1333iF,mfp,Atelier,owned,2023-09-15,manual,active,
CSV0003,imagePROGRAF TM-300,large_format,Atelier,rented,,manual,active,traceur
";

fn row(serial: &str) -> String {
    format!(r#"[data-testid=device-row][data-serial="{serial}"]"#)
}

async fn search(client: &Client, text: &str) -> TestResult {
    let filter = find(client, "[data-testid=device-filter]").await?;
    filter.clear().await?;
    if !text.is_empty() {
        filter.send_keys(text).await?;
    }
    Ok(())
}

/// Waits until nothing matches `css`; fails with `why` after [`PATIENCE`].
async fn until_gone(client: &Client, css: &str, why: &str) -> TestResult {
    let deadline = std::time::Instant::now() + PATIENCE;
    while !client.find_all(Locator::Css(css)).await?.is_empty() {
        assert!(std::time::Instant::now() < deadline, "{why}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn import_search_edit_attach_export_and_find_it_all_after_a_restart() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let files = tempfile::tempdir()?;
    let bad_path = files.path().join("parc-faux.csv");
    std::fs::write(
        &bad_path,
        "serial,model,kind,ownership,meter_transmission\nBAD0001,iR C3826i,fax,owned,manual\n",
    )?;
    let csv_path = files.path().join("parc.csv");
    std::fs::write(&csv_path, CSV)?;
    let doc_path = files.path().join("kbis.pdf");
    std::fs::write(&doc_path, b"%PDF-1.4\n% a K-bis stand-in for the test\n")?;

    let client = driver.launch(data.path()).await?;
    find(&client, "[data-testid=demo-decline]")
        .await?
        .click()
        .await?;
    find(&client, "[data-testid=nav-devices]")
        .await?
        .click()
        .await?;

    // Import: a preview with one line per device, then all of them at once.
    click(&client, "[data-testid=csv-import-open]").await?;
    // A file with a bad row: the row is flagged in words and nothing can be imported.
    find(&client, "[data-testid=csv-import-input]")
        .await?
        .send_keys(&bad_path.to_string_lossy())
        .await?;
    let flagged = find(
        &client,
        "[data-testid=csv-preview-row][data-line='2'][data-ok=false]",
    )
    .await?
    .text()
    .await?;
    assert!(
        flagged.contains("fax") && flagged.contains("Type"),
        "the bad row must say which field and value are wrong, it says {flagged:?}"
    );
    let commit = find(&client, "[data-testid=csv-import-commit]").await?;
    assert!(
        !commit.is_enabled().await?,
        "a file with an error must not be importable"
    );
    find(&client, "[data-testid=csv-import-input]")
        .await?
        .send_keys(&csv_path.to_string_lossy())
        .await?;
    find(
        &client,
        "[data-testid=csv-preview-row][data-line='4'][data-ok=true]",
    )
    .await?;
    let errors = client
        .find_all(Locator::Css("[data-testid=csv-preview-row][data-ok=false]"))
        .await?;
    assert!(errors.is_empty(), "a valid CSV must preview without errors");
    find(&client, "[data-testid=csv-import-commit]")
        .await?
        .click()
        .await?;
    find(&client, &row("CSV0003")).await?;

    // Search narrows the list.
    search(&client, "TM-300").await?;
    find(&client, &row("CSV0003")).await?;
    // The list follows the search box after a short pause; wait for it to narrow.
    wait_count(&client, "[data-testid=device-row]", 1)
        .await
        .map_err(|e| format!("searching for TM-300 should leave one device listed: {e}"))?;

    // Edit the device.
    find(&client, &row("CSV0003")).await?.click().await?;
    find(&client, "[data-testid=device-edit]")
        .await?
        .click()
        .await?;
    let model = find(&client, "[data-testid=device-model]").await?;
    model.clear().await?;
    model.send_keys("imagePROGRAF TM-305").await?;
    find(&client, "[data-testid=device-save]")
        .await?
        .click()
        .await?;
    search(&client, "TM-305").await?;
    find(&client, &row("CSV0003")).await?;

    // A reading, then a lower one that is refused with the last value named.
    find(&client, &row("CSV0003")).await?.click().await?;
    select_tab(&client, "[data-testid=device-tab-readings]").await?;
    let value = find(&client, "[data-testid=reading-value]").await?;
    value.send_keys("1200").await?;
    click(&client, "[data-testid=reading-save]").await?;
    find(&client, "[data-testid=reading-row][data-value='1200']").await?;
    let value = find(&client, "[data-testid=reading-value]").await?;
    value.clear().await?;
    value.send_keys("900").await?;
    click(&client, "[data-testid=reading-save]").await?;
    let problem = find(&client, "[data-testid=reading-problem]")
        .await?
        .text()
        .await?;
    assert!(
        problem.contains("1,200") || problem.contains("1200"),
        "refusing a lower reading must name the last value, it says {problem:?}"
    );
    let rows = client
        .find_all(Locator::Css("[data-testid=reading-row]"))
        .await?;
    assert_eq!(rows.len(), 1, "the refused reading must not be recorded");
    // Taking a reading back asks first and can be undone.
    click(&client, "[data-testid=reading-remove]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    wait_count(&client, "[data-testid=reading-row]", 0).await?;
    click(&client, "[data-testid=undo-button]").await?;
    find(&client, "[data-testid=reading-row][data-value='1200']").await?;

    // Attach a document to it.
    select_tab(&client, "[data-testid=device-tab-documents]").await?;
    find(&client, "[data-testid=doc-input]")
        .await?
        .send_keys(&doc_path.to_string_lossy())
        .await?;
    find(&client, "[data-testid=doc-row][data-name='kbis.pdf']").await?;
    // Removing it asks first and can be undone.
    click(&client, "[data-testid=doc-remove]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    click(&client, "[data-testid=doc-undo]").await?;
    find(&client, "[data-testid=doc-row][data-name='kbis.pdf']").await?;

    // The history tab shows the edit (the changed field, old and new value), the
    // reading and what happened to the document, each said for what it is.
    select_tab(&client, "[data-testid=device-tab-history]").await?;
    let edit = find(
        &client,
        "[data-testid=history-row][data-entity=device][data-action=update]",
    )
    .await?
    .text()
    .await?;
    assert!(
        edit.contains("Model") && edit.contains("TM-300") && edit.contains("TM-305"),
        "the edit's history row must name the model and both values, it says {edit:?}"
    );
    let reading = find(
        &client,
        "[data-testid=history-row][data-entity=meter_reading][data-action=create]",
    )
    .await?
    .text()
    .await?;
    assert!(
        reading.contains("reading") && (reading.contains("1,200") || reading.contains("1200")),
        "the reading's history row must say it is a reading and give its value, it says {reading:?}"
    );
    for action in ["create", "delete", "restore"] {
        let doc = find(
            &client,
            &format!("[data-testid=history-row][data-entity=document][data-action={action}]"),
        )
        .await?
        .text()
        .await?;
        assert!(
            doc.contains("Document") && doc.contains("kbis.pdf"),
            "the document's {action} row must say it is a document and name it, it says {doc:?}"
        );
    }

    // Delete another device after confirming, then undo.
    search(&client, "").await?;
    find(&client, &row("CSV0002")).await?.click().await?;
    click(&client, "[data-testid=device-delete]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    click(&client, "[data-testid=undo-button]").await?;
    find(&client, &row("CSV0002")).await?;
    // Deleted again, it comes back from the list of deleted devices.
    find(&client, &row("CSV0002")).await?.click().await?;
    click(&client, "[data-testid=device-delete]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    find(&client, "[data-testid=undo-toast]").await?;
    click(&client, "[data-testid=deleted-open]").await?;
    click(
        &client,
        "[data-testid=deleted-row][data-serial=CSV0002] [data-testid=deleted-restore]",
    )
    .await?;
    find(&client, &row("CSV0002")).await?;

    // Export the devices; the file named on screen holds them.
    find(&client, "[data-testid=export-devices]")
        .await?
        .click()
        .await?;
    let shown = find(&client, "[data-testid=export-result]")
        .await?
        .text()
        .await?;
    // The path may hold spaces: it runs from the first slash to the end of ".csv".
    let exported = shown
        .find('/')
        .and_then(|start| {
            shown[start..]
                .find(".csv")
                .map(|end| &shown[start..start + end + 4])
        })
        .ok_or_else(|| format!("the export result does not name a .csv file: {shown:?}"))?;
    let exported = std::fs::read_to_string(exported)?;
    for serial in ["CSV0001", "CSV0002", "CSV0003"] {
        assert!(exported.contains(serial), "the export is missing {serial}");
    }
    assert!(
        exported.contains("imagePROGRAF TM-305"),
        "the export must carry the edited model"
    );
    client.close().await?;

    // After a restart: the edited device, its document, the imported ones.
    let client = driver.launch(data.path()).await?;
    find(&client, "[data-testid=nav-devices]")
        .await?
        .click()
        .await?;
    find(&client, &row("CSV0001")).await?;
    find(&client, &row("CSV0002")).await?;
    search(&client, "TM-305").await?;
    find(&client, &row("CSV0003")).await?.click().await?;
    select_tab(&client, "[data-testid=device-tab-readings]").await?;
    find(&client, "[data-testid=reading-row][data-value='1200']").await?;
    select_tab(&client, "[data-testid=device-tab-documents]").await?;
    find(&client, "[data-testid=doc-row][data-name='kbis.pdf']").await?;
    client.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn organisation_and_a_contract_with_its_po_history_survive_a_restart() -> TestResult {
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;

    // The organisation: a SIREN with a wrong key is caught on the field, then fixed.
    click(&client, "[data-testid=nav-organisation]").await?;
    fill(
        &client,
        "[data-testid=org-legal-name]",
        "Atelier Lumière et Fils",
    )
    .await?;
    fill(&client, "[data-testid=org-siren]", "732829321").await?;
    fill(
        &client,
        "[data-testid=org-canon-iban]",
        "FR76 3000 6000 0112 3456 7890 189",
    )
    .await?;
    click(&client, "[data-testid=org-save]").await?;
    find(&client, "#org-siren[aria-invalid=true]").await?;
    fill(&client, "[data-testid=org-siren]", "732829320").await?;
    // The demo's SIRET and VAT number are built on its own SIREN: they follow it.
    fill(&client, "[data-testid=org-siret]", "732 829 320 00074").await?;
    fill(&client, "[data-testid=org-vat]", "FR 44 732829320").await?;
    click(&client, "[data-testid=org-save]").await?;
    find(&client, "[data-testid=org-saved]").await?;

    // A second customer number, saved; removing it asks first (cancel keeps it).
    let second = ".customer-numbers li:nth-child(2)";
    click(&client, "[data-testid=org-customer-add]").await?;
    fill(
        &client,
        &format!("{second} [data-testid=org-customer-number]"),
        "C0099999",
    )
    .await?;
    click(&client, "[data-testid=org-save]").await?;
    find(&client, "[data-testid=org-saved]").await?;
    click(
        &client,
        &format!("{second} [data-testid=org-customer-remove]"),
    )
    .await?;
    click(&client, "[data-testid=confirm-cancel]").await?;
    let kept = find(
        &client,
        &format!("{second} [data-testid=org-customer-number]"),
    )
    .await?
    .prop("value")
    .await?
    .unwrap_or_default();
    assert_eq!(
        kept, "C0099999",
        "cancelling the removal must keep the customer number"
    );
    click(
        &client,
        &format!("{second} [data-testid=org-customer-remove]"),
    )
    .await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    until_gone(
        &client,
        &format!("{second} [data-testid=org-customer-number]"),
        "a confirmed removal must take the customer number off the list",
    )
    .await?;
    click(&client, "[data-testid=org-save]").await?;
    find(&client, "[data-testid=org-saved]").await?;

    // A site, added then edited.
    fill(&client, "[data-testid=site-name]", "Entrepôt").await?;
    fill(&client, "[data-testid=site-city]", "Villeurbanne").await?;
    click(&client, "[data-testid=site-add]").await?;
    click(
        &client,
        "[data-testid=site-row][data-name='Entrepôt'] [data-testid=site-edit]",
    )
    .await?;
    fill(
        &client,
        "[data-testid=site-address]",
        "5 rue Francis de Pressensé",
    )
    .await?;
    click(&client, "[data-testid=site-add]").await?;
    let site = find(&client, "[data-testid=site-row][data-name='Entrepôt']")
        .await?
        .text()
        .await?;
    let deadline = std::time::Instant::now() + PATIENCE;
    let mut site = site;
    while !site.contains("Pressensé") && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        site = find(&client, "[data-testid=site-row][data-name='Entrepôt']")
            .await?
            .text()
            .await?;
    }
    assert!(
        site.contains("Pressensé"),
        "the edited address must be listed: {site:?}"
    );
    // The site's history shows the edit of its address.
    click(
        &client,
        "[data-testid=site-row][data-name='Entrepôt'] [data-testid=site-history]",
    )
    .await?;
    let change = find(
        &client,
        ".site-history [data-testid=history-row][data-action=update] [data-field=address]",
    )
    .await?
    .text()
    .await?;
    assert!(
        change.contains("Pressensé"),
        "the site's history must show the new address, it says {change:?}"
    );
    // So does the organisation's, with the saved name.
    click(&client, "[data-testid=org-history] summary").await?;
    let change = find(
        &client,
        "[data-testid=org-history] [data-testid=history-row][data-action=update] [data-field=legalName]",
    )
    .await?
    .text()
    .await?;
    assert!(
        change.contains("Atelier Lumière et Fils"),
        "the organisation's history must show the new name, it says {change:?}"
    );
    // The newest change is the customer number's removal: before and after.
    let removal = find(
        &client,
        "[data-testid=org-history] [data-testid=history-row][data-action=update] [data-field=customerNumbers]",
    )
    .await?;
    let (before, after) = (
        removal.find(Locator::Css("del")).await?.text().await?,
        removal.find(Locator::Css("ins")).await?.text().await?,
    );
    assert!(
        before.contains("C0099999") && !after.contains("C0099999"),
        "the organisation's history must show the removed customer number, it shows {before:?} → {after:?}"
    );

    // A contract with a first PO number, then a new one: the old one is kept.
    click(&client, "[data-testid=nav-contracts]").await?;
    click(&client, "[data-testid=contract-new]").await?;
    fill(&client, "[data-testid=contract-number]", "CT-E2E-0001").await?;
    fill(
        &client,
        "[data-testid=contract-billing-entity]",
        "Atelier Lumière et Fils",
    )
    .await?;
    fill(&client, "[data-testid=contract-starts]", "2026-01-01").await?;
    fill(&client, "[data-testid=contract-po-first]", "PO-OLD-1").await?;
    click(&client, "[data-testid=contract-create]").await?;
    select_tab(&client, "[data-testid=contract-tab-po]").await?;
    fill(&client, "[data-testid=contract-po-new]", "PO-NEW-2").await?;
    fill(&client, "[data-testid=contract-po-from]", "2026-06-01").await?;
    click(&client, "[data-testid=contract-po-set]").await?;
    find(&client, "[data-testid=contract-po-row][data-po='PO-NEW-2']").await?;
    find(&client, "[data-testid=contract-po-row][data-po='PO-OLD-1']").await?;

    // It covers one of the demo's devices.
    select_tab(&client, "[data-testid=contract-tab-devices]").await?;
    // The list follows the search as it is typed.
    fill(&client, "[data-testid=contract-device-filter]", "xqd0").await?;
    wait_count(&client, "[data-testid=contract-device-option]", 1).await?;
    click(
        &client,
        "[data-testid=contract-device-option][data-serial='XQD04127']",
    )
    .await?;
    click(&client, "[data-testid=contract-devices-save]").await?;
    find(&client, "[data-testid=contract-saved]").await?;
    // Taking it off the contract asks first and can be undone.
    click(
        &client,
        "[data-testid=contract-device-option][data-serial='XQD04127']",
    )
    .await?;
    click(&client, "[data-testid=contract-devices-save]").await?;
    let question = find(&client, "[data-testid=confirm-dialog]")
        .await?
        .text()
        .await?;
    assert!(
        question.contains("XQD04127"),
        "the confirmation must name the device leaving the contract, it says {question:?}"
    );
    click(&client, "[data-testid=confirm-ok]").await?;
    click(&client, "[data-testid=undo-button]").await?;
    find(
        &client,
        "[data-testid=contract-device-option][data-serial='XQD04127']:checked",
    )
    .await?;

    // Deleting asks first and can be undone.
    click(&client, "[data-testid=contract-delete]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    click(&client, "[data-testid=undo-button]").await?;
    find(
        &client,
        "[data-testid=contract-row][data-number='CT-E2E-0001']",
    )
    .await?;
    client.close().await?;

    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=nav-contracts]").await?;
    let row = find(
        &client,
        "[data-testid=contract-row][data-number='CT-E2E-0001']",
    )
    .await?;
    let text = row.text().await?;
    assert!(
        text.contains("PO-NEW-2"),
        "after a restart the contract must show the new PO number, it shows {text:?}"
    );
    click(
        &client,
        "[data-testid=contract-row][data-number='CT-E2E-0001'] button",
    )
    .await?;
    select_tab(&client, "[data-testid=contract-tab-po]").await?;
    find(&client, "[data-testid=contract-po-row][data-po='PO-OLD-1']").await?;
    select_tab(&client, "[data-testid=contract-tab-devices]").await?;
    find(
        &client,
        "[data-testid=contract-device-option][data-serial='XQD04127']:checked",
    )
    .await?;
    click(&client, "[data-testid=nav-organisation]").await?;
    let siren = find(&client, "[data-testid=org-siren]")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert_eq!(
        siren, "732829320",
        "the saved SIREN must come back after a restart"
    );
    let name = find(&client, "[data-testid=org-legal-name]")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert_eq!(
        name, "Atelier Lumière et Fils",
        "the saved name must come back after a restart"
    );
    client.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn a_backup_made_in_settings_restores_what_was_deleted_since() -> TestResult {
    // The file "chosen" in the restore's system dialog is named in this file.
    let answers = tempfile::tempdir()?;
    let pick = answers.path().join("pick.txt");
    let driver = Driver::start_with_env(&[("CANON_DESK_PICK_FILE", pick.as_os_str())])?;
    let data = tempfile::tempdir()?;
    let out = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=demo-load]").await?;

    // Backups go to the folder chosen in Settings; the path is shown.
    click(&client, "[data-testid=nav-settings]").await?;
    fill(
        &client,
        "[data-testid=export-dir]",
        &out.path().to_string_lossy(),
    )
    .await?;
    click(&client, "[data-testid=export-dir-save]").await?;
    let folder = out.path().display().to_string();
    wait_text(&client, "[data-testid=export-folder]", &folder).await?;
    click(&client, "[data-testid=backup-create]").await?;
    let shown = find(&client, "[data-testid=export-result]")
        .await?
        .text()
        .await?;
    let zip = shown
        .find(&folder)
        .map(|start| shown[start..].trim().to_owned())
        .ok_or_else(|| format!("the backup result does not name a file in {folder}: {shown:?}"))?;
    assert!(
        std::path::Path::new(&zip).is_file(),
        "the backup named on screen must exist: {zip}"
    );

    // A device deleted after the backup...
    click(&client, "[data-testid=nav-devices]").await?;
    click(&client, &row("XQD04127")).await?;
    click(&client, "[data-testid=device-delete]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    find(&client, "[data-testid=undo-toast]").await?;

    // ...comes back when the backup is restored, after a confirmation, from the
    // file chosen in the system's dialog (read where it lies, whatever its size).
    click(&client, "[data-testid=nav-settings]").await?;
    std::fs::write(&pick, &zip)?;
    click(&client, "[data-testid=backup-restore]").await?;
    click(&client, "[data-testid=confirm-ok]").await?;
    click(&client, "[data-testid=backup-reload]").await?;
    // The reload replaces the whole page: wait until the notice of the old one is gone
    // and the new one has loaded its data before going on.
    until_gone(
        &client,
        "[data-testid=backup-restored]",
        "the window must reload after the restore",
    )
    .await?;
    find(&client, r#"body[data-ready="1"]"#).await?;
    click(&client, "[data-testid=nav-devices]").await?;
    find(&client, &row("XQD04127")).await?;
    client.close().await?;
    Ok(())
}
