//! Records in full: organisation identity, PO history, soft deletion, CSV, documents
//! and backups, each against a real SQLite file in a temporary directory.

use std::io::Write;

use canon_desk_store::{
    ContractForm, ContractKind, DocumentEntity, DocumentKind, Error, ImportProblem,
    InvoiceDelivery, OrganisationProfile, Renewal, Store,
};
use chrono::NaiveDate;

use super::{at, printer, TestResult};

fn field_of(err: Option<Error>) -> Option<&'static str> {
    match err {
        Some(Error::Domain(e)) => Some(e.field()),
        _ => None,
    }
}

fn profile() -> OrganisationProfile {
    OrganisationProfile {
        legal_name: "Atelier Dupont SARL".into(),
        country: "fr".into(),
        siren: Some("732 829 320".into()),
        siret: None,
        vat_number: Some("FR 44 732829320".into()),
        invoice_postal_address: "1 rue A, 75001 Paris".into(),
        invoice_email: Some("compta@dupont.example".into()),
        sales_contact_name: Some("M. Martin".into()),
        sales_contact_email: Some("martin@canon.example".into()),
        canon_iban: Some("fr76 3000 6000 0112 3456 7890 189".into()),
        canon_bic: Some("DEUTFRPP".into()),
        customer_numbers: vec!["C-1001".into(), " C-1002 ".into(), "".into()],
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn form(number: &str) -> ContractForm {
    ContractForm {
        number: number.into(),
        kind: ContractKind::Maintenance,
        customer_number: "C-1001".into(),
        billing_entity: "Atelier Dupont SARL".into(),
        invoice_delivery: InvoiceDelivery::Email,
        invoice_address: "compta@dupont.example".into(),
        starts_on: date(2026, 1, 1),
        ends_on: date(2028, 12, 31),
        renewal: Renewal::Tacit,
        notice_months: Some(3),
        renewal_months: None,
    }
}

#[test]
fn organisation_identifiers_are_validated_and_named() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    type Spoil = fn(&mut OrganisationProfile);
    let cases: [(Spoil, &str); 5] = [
        (|p| p.siren = Some("732829321".into()), "siren"),
        (|p| p.vat_number = Some("FR00732829320".into()), "vatNumber"),
        (
            |p| p.canon_iban = Some("FR7630006000011234567890188".into()),
            "canonIban",
        ),
        (
            |p| p.invoice_email = Some("not an email".into()),
            "invoiceEmail",
        ),
        (|p| p.legal_name = " ".into(), "legalName"),
    ];
    for (spoil, field) in cases {
        let mut p = profile();
        spoil(&mut p);
        let err = store.save_organisation_profile(&p, at(1)).err();
        assert_eq!(field_of(err), Some(field), "the error must name {field}");
    }
    assert!(
        store.organisation_profile()?.is_none(),
        "refused saves must write nothing"
    );
    let saved = store.save_organisation_profile(&profile(), at(1))?;
    assert_eq!(
        saved.siren.as_deref(),
        Some("732829320"),
        "SIREN must be normalised"
    );
    assert_eq!(
        saved.canon_iban.as_deref(),
        Some("FR7630006000011234567890189"),
        "IBAN stored electronic"
    );
    assert_eq!(
        saved.customer_numbers,
        ["C-1001", "C-1002"],
        "customer numbers trimmed, blanks dropped"
    );
    let mut fewer = profile();
    fewer.customer_numbers = vec!["C-1002".into()];
    let again = store.save_organisation_profile(&fewer, at(2))?;
    assert_eq!(
        again.customer_numbers,
        ["C-1002"],
        "a removed customer number must go"
    );
    assert_eq!(
        store.history("organisation", 1)?.len(),
        2,
        "each save is in the history"
    );
    Ok(())
}

#[test]
fn a_new_po_closes_the_previous_one_and_keeps_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let device = store.create_device(&printer("PX1"), at(1))?;
    let c =
        store.create_contract_record(&form("CT-1"), Some(("PO-1", None)), &[device.id], at(1))?;
    assert_eq!(c.device_ids, [device.id], "the device must be linked");
    let c = store.set_contract_po(
        c.id,
        "PO-2",
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default(),
        at(2),
    )?;
    let pos: Vec<_> = c
        .po_numbers
        .iter()
        .map(|p| (p.po_number.as_str(), p.valid_from, p.valid_to))
        .collect();
    assert_eq!(
        pos,
        [
            ("PO-2", date(2026, 7, 1), None),
            ("PO-1", date(2026, 1, 1), date(2026, 6, 30))
        ],
        "the old PO must be kept, closed the day before the new one"
    );
    let err = store
        .set_contract_po(
            c.id,
            "PO-3",
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default(),
            at(3),
        )
        .err();
    assert_eq!(
        field_of(err),
        Some("validFrom"),
        "a PO starting before the current one is refused"
    );
    let err = store
        .update_contract(
            c.id,
            &ContractForm {
                invoice_address: "x".into(),
                ..form("CT-1")
            },
            at(3),
        )
        .err();
    assert_eq!(
        field_of(err),
        Some("invoiceAddress"),
        "email delivery needs an email address"
    );
    let c = store.link_contract_devices(c.id, &[], at(4))?;
    assert!(c.device_ids.is_empty(), "unlinking must leave no device");
    let deleted = store.delete_contract(c.id, at(5))?;
    assert_eq!(deleted.po_numbers.len(), 2, "deletion keeps the PO history");
    assert_eq!(
        store.count_contracts()?,
        0,
        "a deleted contract is not counted"
    );
    store.restore_contract(c.id, at(6))?;
    assert_eq!(store.count_contracts()?, 1, "restoring brings it back");
    Ok(())
}

#[test]
fn deletion_is_soft_undoable_and_in_the_history() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let site = store.create_site(
        &canon_desk_store::SiteInput {
            name: "HQ".into(),
            address: String::new(),
            postal_code: String::new(),
            city: String::new(),
            country: "FR".into(),
        },
        at(1),
    )?;
    let d = store.create_device(
        &canon_desk_store::DeviceInput {
            site_id: Some(site.id),
            ..printer("PX9")
        },
        at(1),
    )?;
    let err = store.delete_site(site.id, at(2)).err();
    assert!(
        matches!(err, Some(Error::InUse { .. })),
        "a site with devices cannot be deleted, got {err:?}"
    );
    store.set_device_status(d.id, canon_desk_core::device::DeviceStatus::Disposed, at(2))?;
    store.delete_device(d.id, at(3))?;
    assert_eq!(store.count_devices()?, 0, "a deleted device is hidden");
    assert_eq!(store.deleted_devices()?.len(), 1, "it is offered for undo");
    assert!(
        store.delete_device(d.id, at(3)).is_err(),
        "deleting twice is refused"
    );
    store.delete_site(site.id, at(4))?;
    store.restore_site(site.id, at(5))?;
    let back = store.restore_device(d.id, at(5))?;
    assert_eq!(
        back.status,
        canon_desk_core::device::DeviceStatus::Disposed,
        "undo keeps the status"
    );
    let actions: Vec<_> = store
        .history("device", d.id)?
        .into_iter()
        .map(|h| h.action)
        .collect();
    assert_eq!(
        actions,
        ["create", "update", "delete", "restore"],
        "every change must be in the history"
    );
    Ok(())
}

#[test]
fn csv_import_is_all_or_nothing_with_line_numbers() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let bad = "serial,model,kind,site,ownership,installed_on,meter_transmission,status,notes\n\
               AB1,iR C3826i,mfp,HQ,leased,2024-05-02,automatic,active,\n\
               AB 1,iR C3826i,mfp,HQ,leased,,automatic,,\n\
               AB2,,fax,HQ,owned,02/13/2024,manual,lost,\n";
    let report = store.import_devices(bad, at(1))?;
    let found: Vec<_> = report
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "serial"),
            (4, "model"),
            (4, "kind"),
            (4, "status"),
            (4, "installedOn")
        ],
        "every problem must be reported with its line and field: {:?}",
        report.errors
    );
    let problems: Vec<_> = report
        .errors
        .iter()
        .map(|e| (e.problem, e.value.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (ImportProblem::RepeatedInFile, "2"),
            (ImportProblem::Required, ""),
            (ImportProblem::UnknownValue, "fax"),
            (ImportProblem::UnknownValue, "lost"),
            (ImportProblem::InvalidDate, "02/13/2024")
        ],
        "each problem must carry its kind and the value to show beside it"
    );
    assert_eq!(
        (report.imported, store.count_devices()?),
        (0, 0),
        "nothing may be written when a row fails"
    );
    let good = "Serial,Model,Kind,Ownership,Meter_Transmission,Site\nAB1,iR C3826i,mfp,leased,automatic,HQ\nAB2,LBP722,printer,owned,manual,hq\n";
    let preview = store.preview_device_import(good)?;
    assert_eq!(
        (preview.rows, preview.imported, preview.new_sites.clone()),
        (2, 0, vec!["HQ".to_owned()]),
        "preview"
    );
    let report = store.import_devices(good, at(2))?;
    assert_eq!(
        (report.imported, store.list_sites()?.len()),
        (2, 1),
        "both rows, one site created"
    );
    let export = store.export_devices_csv()?;
    assert!(
        export.lines().count() == 3 && export.contains("AB2,LBP722,printer,HQ,owned"),
        "export: {export}"
    );
    let again = store.preview_device_import(&export)?;
    assert!(
        again.errors.iter().all(|e| e.field == "serial"),
        "re-importing an export only clashes on serials"
    );
    Ok(())
}

#[test]
fn csv_from_a_french_or_italian_excel_is_read_and_a_wrong_separator_is_one_problem() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    // Excel in France and Italy saves "CSV UTF-8" with a byte-order mark and semicolons.
    let excel = "\u{feff}serial;model;kind;site;ownership;installed_on;meter_transmission\r\n\
                 AB1;\"iR C3826i; couleur\";mfp;Siège;leased;19/09/2024;automatic\r\n\
                 ab2;LBP722;printer;Siège;owned;;manual\r\n";
    let report = store.import_devices(excel, at(1))?;
    assert_eq!(
        (report.errors.clone(), report.imported),
        (vec![], 2),
        "a semicolon file with a BOM must import every row"
    );
    let ab1 = store.list_devices(&canon_desk_store::DeviceFilter::default())?;
    let models: Vec<_> = ab1
        .iter()
        .map(|d| (d.serial.as_str(), d.model.as_str()))
        .collect();
    assert_eq!(
        models,
        [("AB1", "iR C3826i; couleur"), ("AB2", "LBP722")],
        "quoted semicolons stay in the cell and serials are stored in capitals"
    );
    let piped = "serial|model|kind|ownership|meter_transmission\nAB3|X|mfp|owned|manual\n";
    let report = store.preview_device_import(piped)?;
    let problems: Vec<_> = report.errors.iter().map(|e| (e.line, e.problem)).collect();
    assert_eq!(
        problems,
        [(1, ImportProblem::Separator)],
        "a header joined by another separator must be one problem, not a missing column each"
    );
    Ok(())
}

#[test]
fn documents_stay_inside_the_data_directory() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("documents");
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let d = store.create_device(&printer("PX1"), at(1))?;
    let src = dir.path().join("kbis.pdf");
    std::fs::File::create(&src)?.write_all(b"%PDF-1.4 kbis")?;
    let doc = store.add_document(
        &docs,
        DocumentEntity::Device,
        d.id,
        &src,
        "../../etc/passwd",
        DocumentKind::Kbis,
        at(1),
    )?;
    assert_eq!(
        doc.file_name, "passwd",
        "a path in a name must be reduced to a label"
    );
    let path = store.document_path(&docs, doc.id)?;
    assert!(
        path.starts_with(docs.canonicalize()?),
        "{path:?} must be inside the documents directory"
    );
    assert!(
        path.ends_with(format!("{}/{}", &doc.sha256[..2], doc.sha256)),
        "stored under its hash: {path:?}"
    );
    let twice = store.add_document(
        &docs,
        DocumentEntity::Device,
        d.id,
        &src,
        "kbis.pdf",
        DocumentKind::Kbis,
        at(2),
    )?;
    assert_eq!(
        twice.id, doc.id,
        "the same file on the same record is stored once"
    );
    let missing = store
        .add_document(
            &docs,
            DocumentEntity::Contract,
            99,
            &src,
            "x",
            DocumentKind::Other,
            at(2),
        )
        .err();
    assert!(
        matches!(missing, Some(Error::NotFound { .. })),
        "attaching to a missing record is refused"
    );
    #[cfg(unix)]
    {
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink("/etc/hostname", &link)?;
        let err = store
            .add_document(
                &docs,
                DocumentEntity::Device,
                d.id,
                &link,
                "l",
                DocumentKind::Other,
                at(3),
            )
            .err();
        assert_eq!(
            field_of(err),
            Some("path"),
            "a symbolic link must be refused as a source"
        );
        let outside = tempfile::tempdir()?;
        let sub = docs.join(&doc.sha256[..2]);
        std::fs::rename(&sub, outside.path().join("moved"))?;
        std::fs::create_dir_all(outside.path().join("evil"))?;
        std::fs::write(outside.path().join("evil").join(&doc.sha256), b"x")?;
        std::os::unix::fs::symlink(outside.path().join("evil"), &sub)?;
        let err = store.document_path(&docs, doc.id).err();
        assert_eq!(
            field_of(err),
            Some("path"),
            "a linked directory leading outside must be refused"
        );
    }
    store.delete_document(doc.id, at(4))?;
    assert!(
        store
            .list_documents(DocumentEntity::Device, d.id)?
            .is_empty(),
        "deleted documents are hidden"
    );
    store.restore_document(doc.id, at(5))?;
    assert_eq!(
        store.list_documents(DocumentEntity::Device, d.id)?.len(),
        1,
        "undo brings it back"
    );
    Ok(())
}

#[test]
fn backup_and_restore_round_trip() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("documents");
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let d = store.create_device(&printer("PX1"), at(1))?;
    let src = dir.path().join("inv.pdf");
    std::fs::write(&src, b"invoice 42")?;
    let doc = store.add_document(
        &docs,
        DocumentEntity::Device,
        d.id,
        &src,
        "inv.pdf",
        DocumentKind::Invoice,
        at(1),
    )?;
    let before = (store.export_devices_csv()?, store.history("device", d.id)?);
    let archive = dir.path().join("backup.zip");
    let summary = store.create_backup(&docs, &archive, at(2))?;
    assert_eq!(summary.documents, 1, "the document must be in the backup");
    store.delete_device(d.id, at(3))?;
    store.create_device(&printer("PX2"), at(3))?;
    std::fs::remove_dir_all(&docs)?;
    let restored = store.restore_backup(&docs, &archive, at(4))?;
    assert_eq!(
        (store.export_devices_csv()?, store.history("device", d.id)?),
        before,
        "the record must be as backed up"
    );
    assert!(
        std::path::Path::new(&restored.previous_copy).exists(),
        "the replaced database must be kept"
    );
    assert!(
        store.document_path(&docs, doc.id).is_ok(),
        "the document file must be back"
    );

    let evil = dir.path().join("evil.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&evil)?);
    zip.start_file("canon-desk.db", zip::write::SimpleFileOptions::default())?;
    zip.start_file("../../escape.txt", zip::write::SimpleFileOptions::default())?;
    zip.write_all(b"x")?;
    zip.finish()?;
    let err = store.restore_backup(&docs, &evil, at(5)).err();
    assert_eq!(
        field_of(err),
        Some("archive"),
        "an entry outside the layout must be refused"
    );
    assert!(
        !dir.path().join("escape.txt").exists()
            && !dir
                .path()
                .parent()
                .map(|p| p.join("escape.txt").exists())
                .unwrap_or(false),
        "nothing may be written outside"
    );
    assert_eq!(
        store.count_devices()?,
        1,
        "a refused restore must leave the record alone"
    );
    Ok(())
}
