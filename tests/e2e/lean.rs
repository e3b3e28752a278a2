//! A record with more contracts than a picker lists: the device list's contract
//! filter shows the first matches, says how many more there are, and finds the
//! rest as the user types.

use canon_desk_core::device::{DeviceKind, MeterTransmission, Ownership};
use canon_desk_store::{ContractInput, ContractKind, DeviceInput, Store};
use canon_desk_tests::{choose, click, fill, find, wait_count, Driver, TestResult};

/// Contracts in the record: more than the 50 a picker lists.
const CONTRACTS: usize = 120;

fn device(serial: &str) -> DeviceInput {
    DeviceInput {
        serial: serial.into(),
        model: "imageRUNNER ADVANCE DX C3826i".into(),
        kind: DeviceKind::Mfp,
        site_id: None,
        ownership: Ownership::Leased,
        installed_on: None,
        meter_transmission: MeterTransmission::Automatic,
        notes: String::new(),
    }
}

/// Three devices and `CONTRACTS` contracts; LEAN-0077 covers the second device only.
fn seed(data_dir: &std::path::Path) -> TestResult {
    let mut store = Store::open(&data_dir.join("canon-desk.db"))?;
    let now = chrono::Utc::now();
    let mut ids = Vec::new();
    for serial in ["LEANA001", "LEANB002", "LEANC003"] {
        ids.push(store.create_device(&device(serial), now)?.id);
    }
    store.atomically(|store| {
        for i in 0..CONTRACTS {
            store.create_contract(
                &ContractInput {
                    number: format!("LEAN-{i:04}"),
                    kind: ContractKind::Maintenance,
                    customer_number: "1234567".into(),
                    po_number: None,
                    starts_on: None,
                    ends_on: None,
                    device_ids: if i == 77 { vec![ids[1]] } else { Vec::new() },
                },
                now,
            )?;
        }
        Ok(())
    })?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn the_contract_filter_lists_the_first_matches_and_finds_the_rest_as_you_type() -> TestResult
{
    let data = tempfile::tempdir()?;
    seed(data.path())?;
    let driver = Driver::start()?;
    let client = driver.launch(data.path()).await?;
    click(&client, "[data-testid=nav-devices]").await?;
    wait_count(&client, "[data-testid=device-row]", 3).await?;
    // "All" and the first 50 contracts, never the 120.
    wait_count(&client, "[data-testid=device-contract-filter] option", 51).await?;
    let more = find(&client, "[data-testid=device-contract-filter-more]")
        .await?
        .text()
        .await?;
    assert!(
        more.contains("70"),
        "the filter must say how many more contracts match, it reads {more:?}"
    );
    fill(
        &client,
        "[data-testid=device-contract-filter-search]",
        "0077",
    )
    .await?;
    wait_count(&client, "[data-testid=device-contract-filter] option", 2).await?;
    choose(&client, "[data-testid=device-contract-filter]", "LEAN-0077").await?;
    wait_count(&client, "[data-testid=device-row]", 1).await?;
    find(
        &client,
        r#"[data-testid=device-row][data-serial="LEANB002"]"#,
    )
    .await?;
    Ok(())
}
