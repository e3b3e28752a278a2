//! Pages of the device list: every device exactly once, in serial order, with the
//! right total under each filter.

use canon_desk_core::device::{DeviceKind, DeviceStatus};
use canon_desk_store::{DeviceFilter, Store, MAX_PAGE};

use super::{at, named_site, printer, TestResult};

fn fleet(store: &mut Store, n: usize) -> TestResult {
    for i in 0..n {
        let mut input = printer(&format!("PG{:04}", (i * 7919) % 10_000));
        if i % 3 == 0 {
            input.kind = DeviceKind::Mfp;
            input.model = "imageRUNNER ADVANCE DX C3826i".into();
        }
        store.create_device(&input, at(1))?;
    }
    Ok(())
}

#[test]
fn pages_cover_every_device_once_in_serial_order() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("p.db"))?;
    fleet(&mut store, 250)?;
    let all = store.list_devices(&DeviceFilter::default())?;
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.page_devices(&DeviceFilter::default(), offset, 40)?;
        assert_eq!(page.total, 250, "every page must report the whole count");
        assert_eq!(page.offset, offset, "the page must say where it starts");
        if page.devices.is_empty() {
            break;
        }
        offset += i64::try_from(page.devices.len())?;
        paged.extend(page.devices);
    }
    assert_eq!(
        paged, all,
        "the pages put together must be the full list, in the same order"
    );
    let serials: Vec<_> = paged.iter().map(|d| d.serial.clone()).collect();
    let mut sorted = serials.clone();
    sorted.sort();
    assert_eq!(serials, sorted, "pages must be in serial order");
    Ok(())
}

#[test]
fn totals_follow_the_filter() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("p.db"))?;
    fleet(&mut store, 90)?;
    let mfp = DeviceFilter {
        kind: Some(DeviceKind::Mfp),
        ..Default::default()
    };
    let page = store.page_devices(&mfp, 0, 10)?;
    assert_eq!(page.total, 30, "a third of the fleet is multifunction");
    assert_eq!(page.devices.len(), 10, "the page holds the limit");
    assert!(
        page.devices.iter().all(|d| d.kind == DeviceKind::Mfp),
        "the kind filter must apply to the rows"
    );
    let text = DeviceFilter {
        query: Some("c3826".into()),
        ..Default::default()
    };
    assert_eq!(
        store.page_devices(&text, 0, 100)?.total,
        30,
        "the text search counts model matches, case-insensitively"
    );
    let moved = DeviceFilter {
        status: Some(DeviceStatus::Moved),
        ..Default::default()
    };
    let empty = store.page_devices(&moved, 0, 100)?;
    assert_eq!(
        (empty.total, empty.devices.len()),
        (0, 0),
        "no device has moved"
    );
    Ok(())
}

#[test]
fn odd_bounds_are_clamped_not_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("p.db"))?;
    fleet(&mut store, 12)?;
    let page = store.page_devices(&DeviceFilter::default(), -5, 0)?;
    assert_eq!(
        (page.offset, page.devices.len()),
        (0, 1),
        "a negative offset is 0 and a zero limit is 1"
    );
    let page = store.page_devices(&DeviceFilter::default(), 0, MAX_PAGE * 10)?;
    assert_eq!(page.devices.len(), 12, "a huge limit returns what there is");
    let past = store.page_devices(&DeviceFilter::default(), 1_000, 10)?;
    assert_eq!(
        (past.total, past.devices.len()),
        (12, 0),
        "a page past the end is empty but keeps the total"
    );
    Ok(())
}

#[test]
fn imported_devices_are_logged_exactly_as_created_ones() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("i.db"))?;
    let csv = "serial,model,kind,site,ownership,installed_on,meter_transmission,status,notes\n\
               IMP001,imagePROGRAF TM-300,large_format,Atelier \"Nord\",rented,2024-05-02,manual,moved,traceur \u{e9}t\u{e9}\n\
               IMP002,i-SENSYS X C1333iF,mfp,,owned,,automatic,,\n";
    let report = store.import_devices(csv, at(3))?;
    assert_eq!(report.imported, 2, "both rows must be imported: {report:?}");
    for device in store.list_devices(&DeviceFilter::default())? {
        let history = store.history("device", device.id)?;
        assert_eq!(
            history.len(),
            1,
            "one creation entry per imported device, got {history:?}"
        );
        let after = history[0]
            .after
            .as_deref()
            .ok_or("the creation entry must carry the device")?;
        let logged: canon_desk_store::Device = serde_json::from_str(after)?;
        assert_eq!(
            logged, device,
            "the log must hold the device exactly as the record has it"
        );
        assert_eq!(history[0].action, "create", "an import is a creation");
    }
    Ok(())
}

#[test]
fn a_large_import_writes_and_logs_every_row_after_the_existing_ones() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("b.db"))?;
    // Devices already there (one deleted, so the largest id is not a listed one)
    // and a site the file names in another case.
    let site = store.create_site(&named_site("Entrepôt"), at(1))?;
    store.create_device(&printer("OLD001"), at(1))?;
    let gone = store.create_device(&printer("OLD002"), at(1))?;
    store.delete_device(gone.id, at(1))?;
    // More rows than one batch and not a multiple of it; both date forms.
    let mut csv = String::from(
        "serial,model,kind,site,ownership,installed_on,meter_transmission,status,notes\n",
    );
    for i in 0..257 {
        let site = ["ENTREPÔT", "Atelier", "", "atelier"][i % 4];
        let date = ["2024-05-02", "13/02/2024", ""][i % 3];
        csv.push_str(&format!(
            "BT{i:05},imageRUNNER 2630i,mfp,{site},leased,{date},automatic,,note {i}\n"
        ));
    }
    let report = store.import_devices(&csv, at(4))?;
    assert_eq!(
        (
            report.imported,
            report.errors.len(),
            report.new_sites.clone()
        ),
        (257, 0, vec!["Atelier".to_owned()]),
        "every row, one new site: {report:?}"
    );
    let imported = store.list_devices(&DeviceFilter {
        query: Some("BT".into()),
        ..Default::default()
    })?;
    assert_eq!(imported.len(), 257, "every row must be in the record");
    for (i, device) in imported.iter().enumerate() {
        assert_eq!(device.serial, format!("BT{i:05}"), "serial order");
        let expected_site = match i % 4 {
            0 => Some("Entrepôt"),
            1 | 3 => Some("Atelier"),
            _ => None,
        };
        assert_eq!(
            device.site_name.as_deref(),
            expected_site,
            "site of {device:?}"
        );
        if i % 4 == 0 {
            assert_eq!(device.site_id, Some(site.id), "the existing site is reused");
        }
        let expected_date = [
            chrono::NaiveDate::from_ymd_opt(2024, 5, 2),
            chrono::NaiveDate::from_ymd_opt(2024, 2, 13),
            None,
        ][i % 3];
        assert_eq!(device.installed_on, expected_date, "date of {device:?}");
        assert_eq!(device.notes, format!("note {i}"), "notes of {device:?}");
        let history = store.history("device", device.id)?;
        assert_eq!(history.len(), 1, "one entry for {device:?}: {history:?}");
        let logged: canon_desk_store::Device = serde_json::from_str(
            history[0]
                .after
                .as_deref()
                .ok_or("the entry must carry the device")?,
        )?;
        assert_eq!(&logged, device, "the log must hold the device as recorded");
    }
    assert_eq!(
        store.count_devices()?,
        258,
        "the earlier device is still there"
    );
    Ok(())
}

#[test]
fn a_site_edit_is_checked_and_kept_in_its_history() -> TestResult {
    use canon_desk_store::SiteInput;
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("s.db"))?;
    let input = SiteInput {
        name: "Atelier".into(),
        address: "3 rue Mercière".into(),
        postal_code: "69002".into(),
        city: "Lyon".into(),
        country: "fr".into(),
    };
    let site = store.create_site(&input, at(1))?;
    let moved = store.update_site(
        site.id,
        &SiteInput {
            address: "8 quai Rambaud".into(),
            ..input.clone()
        },
        at(2),
    )?;
    assert_eq!(
        (moved.address.as_str(), moved.country.as_str()),
        ("8 quai Rambaud", "FR"),
        "the edit must be saved and the country normalised"
    );
    let history = store.history("site", site.id)?;
    assert_eq!(
        history
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["create", "update"],
        "the edit must be in the site's history"
    );
    let refused = store.update_site(
        site.id,
        &SiteInput {
            name: " ".into(),
            ..input
        },
        at(3),
    );
    assert!(
        matches!(refused, Err(canon_desk_store::Error::Domain(_))),
        "a site without a name must be refused: {refused:?}"
    );
    assert_eq!(
        store.list_sites()?[0].address,
        "8 quai Rambaud",
        "a refused edit changes nothing"
    );
    Ok(())
}

#[test]
fn devices_are_found_by_id_deleted_ones_included() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("d.db"))?;
    let a = store.create_device(&printer("ID002"), at(1))?;
    let b = store.create_device(&printer("ID001"), at(1))?;
    let c = store.create_device(&printer("ID003"), at(1))?;
    store.delete_device(c.id, at(2))?;
    let found: Vec<_> = store
        .devices_by_ids(&[a.id, c.id, b.id, 999, a.id])?
        .into_iter()
        .map(|d| d.serial)
        .collect();
    assert_eq!(
        found,
        ["ID001", "ID002", "ID003"],
        "each device once, by serial, deleted included, unknown ids left out"
    );
    assert!(store.devices_by_ids(&[])?.is_empty(), "no ids, no devices");
    Ok(())
}

#[test]
fn the_text_search_finds_devices_by_their_site_name() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("t.db"))?;
    let north = store.create_site(&named_site("Entrepôt Nord"), at(1))?;
    let south = store.create_site(&named_site("Entrepôt Sud"), at(1))?;
    for (serial, site_id) in [
        ("TS001", Some(north.id)),
        ("TS002", Some(south.id)),
        ("TS003", None),
        ("TS004", Some(north.id)),
    ] {
        let mut input = printer(serial);
        input.site_id = site_id;
        store.create_device(&input, at(1))?;
    }
    let nord = DeviceFilter {
        query: Some("NORD".into()),
        ..Default::default()
    };
    let page = store.page_devices(&nord, 0, 10)?;
    let serials: Vec<_> = page.devices.iter().map(|d| d.serial.as_str()).collect();
    assert_eq!(
        (page.total, serials),
        (2, vec!["TS001", "TS004"]),
        "the site's name matches, case-insensitively, and only its devices"
    );
    assert_eq!(
        store.list_devices(&nord)?.len(),
        2,
        "the whole list agrees with the page"
    );
    let entrepot = DeviceFilter {
        query: Some("entrep".into()),
        ..Default::default()
    };
    assert_eq!(
        store.page_devices(&entrepot, 0, 10)?.total,
        3,
        "a device without a site never matches a site name"
    );
    Ok(())
}

/// What a substring search must find, worked out in Rust from the devices themselves.
fn expected(devices: &[canon_desk_store::Device], query: &str) -> Vec<String> {
    let q = query.to_lowercase();
    let mut serials: Vec<String> = devices
        .iter()
        .filter(|d| {
            d.serial.to_lowercase().contains(&q)
                || d.model.to_lowercase().contains(&q)
                || d.site_name
                    .as_deref()
                    .is_some_and(|s| s.to_lowercase().contains(&q))
        })
        .map(|d| d.serial.clone())
        .collect();
    serials.sort();
    serials
}

/// The serial numbers on every page of a search for `query`, `size` at a time, each
/// page's count checked against `total` (it must `what`).
fn search_pages(
    store: &Store,
    query: &str,
    size: i64,
    total: usize,
    what: &str,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let filter = DeviceFilter {
        query: Some(query.into()),
        ..Default::default()
    };
    let mut found = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.page_devices(&filter, offset, size)?;
        assert_eq!(
            page.total, total as i64,
            "the count of {query:?} at offset {offset} must {what}"
        );
        if page.devices.is_empty() {
            return Ok(found);
        }
        offset += page.devices.len() as i64;
        found.extend(page.devices.into_iter().map(|d| d.serial));
    }
}

#[test]
fn the_search_index_follows_every_edit_and_reads_no_query_as_syntax() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("i.db"))?;
    let north = store.create_site(&named_site("Entrepôt Nord"), at(1))?;
    let mut ids = Vec::new();
    for (serial, model) in [
        ("AB0001", "imageRUNNER ADVANCE DX C5840i"),
        ("AB0002", "i-SENSYS LBP722Cdw"),
        ("CD0003", "imagePROGRAF TM-300"),
        ("CD0004", "varioPRINT 140"),
    ] {
        let mut input = printer(serial);
        input.model = model.into();
        input.site_id = Some(north.id);
        ids.push(store.create_device(&input, at(1))?.id);
    }
    // An edit of the serial, the model and the site's name must reach the index.
    let mut renamed = printer("ZZ0009");
    renamed.model = "imagePRESS V1000".into();
    store.update_device(ids[1], &renamed, at(2))?;
    store.update_site(north.id, &named_site("Atelier Sud"), at(2))?;

    let all = store.list_devices(&DeviceFilter::default())?;
    for query in [
        "ab0",
        "AB0001",
        "zz0009",
        "ab0002",
        "LBP722",
        "press v1",
        "sud",
        "nord",
        "01",
        "0",
        "\"",
        "a\"b",
        "AND",
        "ab*",
        "NEAR(ab cd)",
        "serial:ab",
        "%",
        "_",
        "atelier sud",
        "ôt",
    ] {
        let filter = DeviceFilter {
            query: Some(query.into()),
            ..Default::default()
        };
        let page = store.page_devices(&filter, 0, 50)?;
        let found: Vec<String> = page.devices.iter().map(|d| d.serial.clone()).collect();
        let want = expected(&all, query);
        assert_eq!(
            (page.total, &found),
            (want.len() as i64, &want),
            "the search for {query:?} must find exactly the devices whose serial, model or \
             site name contains it"
        );
    }
    Ok(())
}

#[test]
fn a_search_with_many_matches_pages_exactly_without_deleted_devices() -> TestResult {
    // Enough matches for a page to walk the serial index (more than a few hundred),
    // some of them deleted and one deleted then restored, and a site whose name
    // matches: every page must hold exactly what the search should find, in order.
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("many.db"))?;
    let site = store.create_site(&named_site("Atelier C3826"), at(1))?;
    fleet(&mut store, 1_200)?;
    let mut at_site = printer("ZZ9999");
    at_site.model = "imagePROGRAF TM-300".into();
    at_site.site_id = Some(site.id);
    store.create_device(&at_site, at(1))?;
    let all = store.list_devices(&DeviceFilter::default())?;
    let matching: Vec<i64> = all
        .iter()
        .filter(|d| d.model.contains("C3826"))
        .map(|d| d.id)
        .collect();
    for id in matching.iter().step_by(9) {
        store.delete_device(*id, at(2))?;
    }
    store.restore_device(matching[9], at(3))?;

    let live = store.list_devices(&DeviceFilter::default())?;
    let want = expected(&live, "c3826");
    assert!(
        want.len() > 300 && want.contains(&"ZZ9999".to_owned()),
        "the fleet must give the search several hundred matches, the site's device \
         among them (got {})",
        want.len()
    );
    let found = search_pages(
        &store,
        "c3826",
        70,
        want.len(),
        "leave out the deleted devices",
    )?;
    assert_eq!(
        found, want,
        "the pages of the search must hold every live match once, in serial order"
    );
    Ok(())
}

#[test]
fn a_device_matching_by_serial_model_and_site_is_counted_and_listed_once() -> TestResult {
    // A search adds up what each way of matching adds: a device whose serial number,
    // model and site all match must count once and appear once, whatever page it
    // falls on; so must a device without a site, a deleted device must not, and a
    // model no device bears any more must match nothing.
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("parts.db"))?;
    let sites = [
        store.create_site(&named_site("Atelier 5840"), at(1))?,
        store.create_site(&named_site("Dépôt Sud"), at(1))?,
        store.create_site(&named_site("Siège C58"), at(1))?,
    ];
    let models = [
        "imageRUNNER ADVANCE DX C5840i",
        "imageRUNNER C5840",
        "i-SENSYS LBP722Cdw",
        "imagePRESS V1000",
    ];
    let mut ids = Vec::new();
    for i in 0..120usize {
        // Serial numbers, models and sites vary at different rates, so every
        // combination of matching parts occurs.
        let mut input = printer(&format!(
            "{}{:04}",
            ["SN", "C58"][i % 7 / 6],
            i * 37 % 9_000
        ));
        input.model = models[i % 4].into();
        input.site_id = (i % 5 != 0).then(|| sites[i % 3].id);
        ids.push(store.create_device(&input, at(1))?.id);
    }
    // A model renamed away leaves its name behind with no device.
    let mut renamed = printer("ZZ0001");
    renamed.model = "imageCLASS X5840".into();
    let gone = store.create_device(&renamed, at(1))?;
    renamed.model = "imagePRESS V1000".into();
    store.update_device(gone.id, &renamed, at(2))?;
    for id in ids.iter().step_by(11) {
        store.delete_device(*id, at(2))?;
    }

    let live = store.list_devices(&DeviceFilter::default())?;
    for query in [
        "5840", "c58", "C5840i", "atelier", "sud", "SIÈGE", "x5840", "press", "sn0",
    ] {
        let want = expected(&live, query);
        let found = search_pages(&store, query, 7, want.len(), "count each live match once")?;
        assert_eq!(
            found, want,
            "the pages of {query:?} must hold every live match once, in serial order"
        );
    }
    Ok(())
}
