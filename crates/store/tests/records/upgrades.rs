//! Upgrades from every earlier schema version: a fixture database per version
//! (tests/fixtures/schema-v1.sqlite … v10), opened by the store, reaches the current
//! version with every row kept, reads back through the store's own functions, and
//! leaves the copy taken before migrating at its old version.
//!
//! The fixtures are made by [`generate`]: migrations 1 to N from the store's own list,
//! each followed by the data written at that version (tests/fixtures/data-vN.sql,
//! plain SQL), as a record that lived through those versions. They use 1 KB pages to
//! stay small (a file keeps its page size across upgrades). To remake them after
//! changing the data: `UPDATE_FIXTURES=1 cargo nextest run -p canon-desk-store -E
//! 'test(fixtures_are_what_the_generator_makes)'`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use canon_desk_store::{
    DeviceFilter, DocumentEntity, RequestChannel, RequestStatus, Store, MIGRATIONS, SCHEMA_VERSION,
};
use chrono::NaiveDate;
use rusqlite::Connection;

use crate::TestResult;

/// The data written at each version, 1 first.
const DATA: [&str; 10] = [
    include_str!("../fixtures/data-v1.sql"),
    include_str!("../fixtures/data-v2.sql"),
    include_str!("../fixtures/data-v3.sql"),
    include_str!("../fixtures/data-v4.sql"),
    include_str!("../fixtures/data-v5.sql"),
    include_str!("../fixtures/data-v6.sql"),
    include_str!("../fixtures/data-v7.sql"),
    include_str!("../fixtures/data-v8.sql"),
    include_str!("../fixtures/data-v9.sql"),
    include_str!("../fixtures/data-v10.sql"),
];

/// Every version before the current one has its fixture.
const EARLIER: std::ops::RangeInclusive<i64> = 1..=10;

fn fixture(version: i64) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/schema-v{version}.sqlite"))
}

/// Writes the record of `version` at `path`: migrations 1 to `version` as the store
/// lists them, each followed by the data written at that version.
fn generate(path: &Path, version: i64) -> Result<(), Box<dyn std::error::Error>> {
    let _ = std::fs::remove_file(path);
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "page_size", 1024)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    for (index, ((name, sql), data)) in MIGRATIONS.iter().zip(DATA).enumerate() {
        let at = index as i64 + 1;
        if at > version {
            break;
        }
        conn.execute_batch(sql)
            .map_err(|e| format!("migration {name}: {e}"))?;
        conn.execute_batch(data)
            .map_err(|e| format!("data-v{at}.sql: {e}"))?;
        conn.pragma_update(None, "user_version", at)?;
    }
    conn.execute_batch("VACUUM")?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Every ordinary table's rows, as text, and the schema version: what a fixture
/// holds, whatever the bytes of the file. Full-text indexes (virtual tables and
/// their shadow tables) are left out: they are derived from the rows.
fn contents(path: &Path) -> Result<BTreeMap<String, Vec<String>>, Box<dyn std::error::Error>> {
    let conn = Connection::open(path)?;
    let mut out = BTreeMap::new();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    out.insert("user_version".to_owned(), vec![version.to_string()]);
    for table in tables(&conn)? {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2"))?;
        let width = stmt.column_count();
        let rows = stmt.query_map([], |r| {
            (0..width)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                })
                .collect::<rusqlite::Result<Vec<_>>>()
                .map(|cells| cells.join(" | "))
        })?;
        out.insert(table, rows.collect::<rusqlite::Result<_>>()?);
    }
    Ok(out)
}

/// The ordinary tables of a file: not SQLite's own, not full-text indexes.
fn tables(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema t WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
           AND NOT EXISTS (SELECT 1 FROM sqlite_schema v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%'
                           AND t.name LIKE v.name || '_%')
         ORDER BY name",
    )?;
    let names = stmt.query_map([], |r| r.get(0))?;
    names.collect()
}

/// Rows per ordinary table.
fn counts(path: &Path) -> Result<BTreeMap<String, i64>, Box<dyn std::error::Error>> {
    let conn = Connection::open(path)?;
    let mut out = BTreeMap::new();
    for table in tables(&conn)? {
        let n = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })?;
        out.insert(table, n);
    }
    Ok(out)
}

#[test]
fn fixtures_are_what_the_generator_makes() -> TestResult {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let dir = tempfile::tempdir()?;
    for version in EARLIER {
        let made = dir.path().join(format!("v{version}.sqlite"));
        generate(&made, version)?;
        if update {
            std::fs::copy(&made, fixture(version))?;
        }
        assert_eq!(
            contents(&fixture(version))?,
            contents(&made)?,
            "tests/fixtures/schema-v{version}.sqlite differs from what the generator makes \
             (remake it with UPDATE_FIXTURES=1)"
        );
        let size = std::fs::metadata(fixture(version))?.len();
        assert!(
            size <= 100 * 1024,
            "the v{version} fixture has grown to {size} bytes"
        );
    }
    Ok(())
}

#[test]
fn every_earlier_schema_upgrades_keeping_its_data_and_a_copy() -> TestResult {
    assert_eq!(
        *EARLIER.end(),
        SCHEMA_VERSION - 1,
        "a fixture is due for every version before the current one"
    );
    for version in EARLIER {
        upgrade(version).map_err(|e| format!("from schema {version}: {e}"))?;
    }
    Ok(())
}

/// Opens a copy of the fixture of `version` with the store and checks what it kept.
fn upgrade(version: i64) -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("canon-desk.db");
    std::fs::copy(fixture(version), &db)?;
    let before = counts(&db)?;
    assert!(
        before.get("devices").is_some_and(|n| *n > 0),
        "the fixture holds no devices"
    );

    let store = Store::open(&db)?;
    assert_eq!(
        store.schema_version()?,
        SCHEMA_VERSION,
        "not brought to the current version"
    );
    assert_eq!(
        store.pragma("integrity_check")?,
        "ok",
        "the upgraded file fails integrity_check"
    );
    let after = counts(&db)?;
    for (table, n) in &before {
        assert_eq!(
            after.get(table),
            Some(n),
            "table {table} had {n} rows before upgrading"
        );
    }

    // The copy taken before migrating, still at the old version with the old rows.
    let copy = dir
        .path()
        .join(format!("canon-desk.db.pre-migration-v{version}.bak"));
    assert!(
        copy.exists(),
        "no copy was taken before migrating: {copy:?}"
    );
    let kept: i64 = Connection::open(&copy)?.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    assert_eq!(kept, version, "the copy is not at the old version");
    assert_eq!(
        counts(&copy)?,
        before,
        "the copy does not hold the old rows"
    );

    read_back(&store, version)
}

/// Reads the fixture's data back through the store's own functions.
fn read_back(store: &Store, version: i64) -> TestResult {
    let profile = store
        .organisation_profile()?
        .ok_or("the organisation is gone")?;
    assert_eq!(
        (profile.legal_name.as_str(), profile.customer_numbers.len()),
        ("Atelier Lumière SARL", 2),
        "the organisation and its customer numbers"
    );
    let sites: Vec<String> = store.list_sites()?.into_iter().map(|s| s.name).collect();
    assert_eq!(
        sites,
        ["Atelier Croix-Rousse", "Siège"],
        "the sites, by name"
    );

    let mut serials = vec!["GBM00973", "WFK20381", "XQD04127"];
    if version >= 3 {
        serials.push("KLM30418");
    }
    if version >= 6 {
        serials.push("083021004417");
    }
    if version >= 8 {
        serials.push("PLX11802");
    }
    if version >= 10 {
        serials.push("TRV60215");
    }
    serials.sort_unstable();
    let listed: Vec<String> = store
        .list_devices(&DeviceFilter::default())?
        .into_iter()
        .map(|d| d.serial)
        .collect();
    assert_eq!(listed, serials, "the device list");
    let deleted: Vec<String> = store
        .deleted_devices()?
        .into_iter()
        .map(|d| d.serial)
        .collect();
    assert_eq!(
        deleted,
        ["RTA55120"],
        "the deleted device, ready to be restored"
    );
    let found: Vec<String> = store
        .list_devices(&DeviceFilter {
            query: Some("c5840".into()),
            ..DeviceFilter::default()
        })?
        .into_iter()
        .map(|d| d.serial)
        .collect();
    assert_eq!(
        found,
        ["XQD04127"],
        "the search index must know the old devices"
    );
    // By model and by site, through the indexes a later schema added.
    let search = |query: &str| -> Result<Vec<String>, canon_desk_store::Error> {
        let filter = DeviceFilter {
            query: Some(query.into()),
            ..DeviceFilter::default()
        };
        Ok(store
            .page_devices(&filter, 0, 50)?
            .devices
            .into_iter()
            .map(|d| d.serial)
            .collect())
    };
    let lbp = if version >= 10 { "lbp236" } else { "lbp233" };
    assert_eq!(
        search(lbp)?,
        ["GBM00973"],
        "a model search must find the device with its current model"
    );
    let mut workshop = vec!["GBM00973", "WFK20381"];
    if version >= 10 {
        workshop.push("TRV60215");
    }
    workshop.sort_unstable();
    assert_eq!(
        search("croix-rousse")?,
        workshop,
        "a site search must find the site's live devices"
    );

    let contract = store.contract(1)?;
    assert_eq!(
        (
            contract.form.number.as_str(),
            contract
                .po_numbers
                .iter()
                .map(|p| p.po_number.as_str())
                .collect::<Vec<_>>(),
            contract.form.renewal_months,
        ),
        (
            "CT-2023-0451",
            vec!["PO-2024-022", "PO-2023-118"],
            (version >= 5).then_some(24),
        ),
        "the maintenance contract, its PO history and renewal"
    );
    let mut covered = vec![1, 2];
    if version >= 3 {
        covered.push(5);
    }
    assert_eq!(
        contract.device_ids, covered,
        "the devices the contract covers"
    );
    assert_eq!(store.contract(2)?.form.number, "LS-88213", "the lease");

    let readings = |device| -> Result<Vec<i64>, canon_desk_store::Error> {
        Ok(store
            .list_readings(device)?
            .into_iter()
            .map(|r| r.value)
            .collect())
    };
    assert_eq!(
        readings(1)?,
        [43_002, 131_877, 40_210, 120_400],
        "the mfp's readings"
    );
    assert_eq!(
        readings(2)?,
        [if version >= 4 { 2310 } else { 2210 }],
        "the plotter's reading (typed again at version 4)"
    );

    let first = store.request(1)?;
    assert_eq!(
        (
            first.status,
            first.draft.channel,
            first.message_id.is_some()
        ),
        (
            if version >= 2 {
                RequestStatus::Acknowledged
            } else {
                RequestStatus::Sent
            },
            Some(RequestChannel::Email),
            version >= 7
        ),
        "the PO-number request"
    );
    assert_eq!(store.request(2)?.status, RequestStatus::Draft, "the draft");
    assert_eq!(
        store.request(3)?.draft.channel,
        Some(RequestChannel::Phone),
        "the phoned answer"
    );
    if version >= 2 {
        let outbox = store.request(4)?;
        assert_eq!(
            (
                outbox.status,
                outbox.attempts,
                outbox
                    .draft
                    .attachments
                    .first()
                    .and_then(|a| a.path.clone())
            ),
            (
                RequestStatus::Outbox,
                2,
                Some("attachments/kbis.pdf".into())
            ),
            "the termination in the outbox, with its attachment in the old shape"
        );
    }
    if version >= 7 {
        assert_eq!(
            store.request(5)?.status,
            RequestStatus::Sending,
            "the request left claimed for sending"
        );
    }
    let requests = store.list_requests(None)?.len();
    let expected = match version {
        1 => 3,
        2..=6 => 4,
        _ => 5,
    };
    assert_eq!(requests, expected, "the request history");

    // Reminders planned before the engine (version 5) take their kind from the key;
    // a meter-reading request's date became its own kind.
    let keys = |id| -> Result<Vec<String>, canon_desk_store::Error> {
        Ok(store
            .request_reminders(id)?
            .into_iter()
            .map(|r| r.source_key)
            .collect())
    };
    assert_eq!(keys(2)?, ["request:2:notify_by"], "the draft's reminder");
    assert_eq!(
        keys(3)?,
        ["request:3:meter_reading_due"],
        "the meter-reading request's reminder"
    );
    let now = chrono::Utc::now();
    let mut deadlines: Vec<String> = store.deadlines(now)?.into_iter().map(|d| d.key).collect();
    deadlines.sort_unstable();
    let mut due = vec![
        "request:1:follow_up",
        "request:2:notify_by",
        "request:3:meter_reading_due",
    ];
    if version >= 5 {
        due.insert(0, "contract:1:contract_notice");
    }
    assert_eq!(deadlines, due, "every reminder is a deadline of the engine");

    let documents = store.list_documents(DocumentEntity::Organisation, 1)?.len();
    assert_eq!(
        documents,
        if version >= 6 { 2 } else { 1 },
        "the organisation's documents"
    );
    assert_eq!(
        store.list_documents(DocumentEntity::Contract, 1)?.len(),
        1,
        "the contract's invoice"
    );
    assert_eq!(
        store.setting("onboarding.demo_answered")?.as_deref(),
        Some("declined"),
        "the settings"
    );
    assert!(
        !store.history("device", 1)?.is_empty(),
        "the device's history"
    );

    if version >= 6 {
        let products: Vec<(String, Option<NaiveDate>)> = store
            .cps_products()?
            .into_iter()
            .map(|p| (p.serial, p.purchase_date))
            .collect();
        assert_eq!(
            products,
            [(
                "083021004417".to_owned(),
                NaiveDate::from_ymd_opt(2023, 5, 10)
            )],
            "the camera registered with CPS"
        );
        assert_eq!(
            store.cps_account()?.map(|a| a.login_email),
            Some("photo@atelier-lumiere.fr".to_owned()),
            "the Business account"
        );
        assert_eq!(
            store.cps_memberships()?.len(),
            2,
            "both memberships are kept"
        );
        assert_eq!(store.cps_checkouts()?.len(), 1, "the checkout");
    }
    Ok(())
}
