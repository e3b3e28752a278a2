//! Tests of the French emails: every identifier reaches the body, the subject names
//! the situation, and dates read the French way.

use super::*;

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Every fact filled in, shared with the translation tests.
pub(crate) fn full_facts() -> RequestFacts {
    RequestFacts {
        organisation: "Imprimerie Martin SARL".into(),
        contact_name: "Claire Martin".into(),
        effective_date: Some(date(2027, 3, 1)),
        contract_number: Some("CT-558812".into()),
        serial_number: Some("XKT01234".into()),
        customer_number: Some("C-009921".into()),
        po_number: Some("PO-2027-14".into()),
        new_address: Some("12 rue des Lilas, 69003 Lyon".into()),
        new_invoice_address: Some("compta@martin.fr".into()),
        invoice_email: Some("factures@martin.fr".into()),
        kbis_document: Some("kbis-martin-2027.pdf".into()),
        meter_reading_page: Some("releves-XKT01234.pdf".into()),
        meter_readings: Some("N&B 120 345 ; couleur 40 112".into()),
    }
}

#[test]
fn dates_are_written_the_french_way() {
    let cases = [
        (date(2027, 3, 1), "1er mars 2027"),
        (date(2027, 3, 15), "15 mars 2027"),
        (date(2027, 8, 2), "2 août 2027"),
        (date(2026, 12, 31), "31 décembre 2026"),
        (date(2027, 2, 1), "1er février 2027"),
    ];
    for (d, expected) in cases {
        assert_eq!(format_date_fr(d), expected, "{d} is written wrongly");
    }
}

#[test]
fn every_email_situation_lists_its_identifiers_and_names_itself() {
    let facts = full_facts();
    let subjects = [
        (Situation::MoveDevice, "déménagement"),
        (Situation::DisposeOwnedDevice, "matériel nous appartenant"),
        (Situation::ChangeBillingEntity, "entité de facturation"),
        (Situation::TerminateContract, "Résiliation"),
        (Situation::AnswerMeterReadingRequest, "Relevés compteurs"),
        (
            Situation::EnableAutomaticMeters,
            "transmission automatique des compteurs",
        ),
    ];
    for (situation, words) in subjects {
        let Some(message) = compose(situation, &facts) else {
            panic!("{situation:?} has an email channel but no message was composed");
        };
        assert!(
            message.subject.contains(words),
            "the subject of {situation:?} does not name it: {}",
            message.subject
        );
        for identifier in situation.entry().identifiers {
            let value = facts.get(*identifier).unwrap_or_default();
            assert!(
                message.body.contains(value),
                "{situation:?}: {identifier:?} ({value}) is missing from the body"
            );
            assert!(
                message.body.contains(label(*identifier)),
                "{situation:?}: {identifier:?} has no label"
            );
        }
        assert!(
            message.body.starts_with("Bonjour,"),
            "{situation:?}: the body must greet"
        );
        assert!(
            message
                .body
                .contains("Claire Martin\nImprimerie Martin SARL"),
            "{situation:?}: the signature is missing"
        );
        assert!(
            !message.body.contains(MISSING),
            "{situation:?}: nothing is missing yet the body says so"
        );
        assert!(
            !message.body.contains("None") && !message.body.contains("Some("),
            "{situation:?}: Rust leaked into the text"
        );
    }
}

#[test]
fn effective_date_appears_where_it_matters() {
    let facts = full_facts();
    for situation in [
        Situation::MoveDevice,
        Situation::ChangeBillingEntity,
        Situation::TerminateContract,
        Situation::DisposeOwnedDevice,
    ] {
        let body = compose(situation, &facts)
            .map(|m| m.body)
            .unwrap_or_default();
        assert!(
            body.contains("1er mars 2027"),
            "{situation:?}: the effective date is missing from the body"
        );
    }
    let undated = RequestFacts {
        effective_date: None,
        ..full_facts()
    };
    let body = compose(Situation::MoveDevice, &undated)
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        !body.contains("à partir du"),
        "without a date the move must not announce one: {body}"
    );
}

#[test]
fn phone_situations_and_the_check_have_no_email() {
    let facts = full_facts();
    for situation in [
        Situation::ChangePoNumber,
        Situation::ChangeInvoiceAddress,
        Situation::InvoicesByEmail,
        Situation::VerifyBankDetails,
    ] {
        assert_eq!(
            compose(situation, &facts),
            None,
            "{situation:?} is not an email situation"
        );
    }
}

#[test]
fn missing_identifiers_are_reported_and_marked() {
    let facts = RequestFacts {
        serial_number: Some("  ".into()),
        ..RequestFacts::default()
    };
    assert_eq!(
        facts.missing(Situation::MoveDevice),
        vec![Identifier::SerialNumber, Identifier::NewAddress],
        "a blank serial counts as missing"
    );
    let body = compose(Situation::MoveDevice, &facts)
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        body.contains(&format!("Numéro de série Canon : {MISSING}")),
        "a missing serial must be marked: {body}"
    );
    assert!(
        full_facts()
            .missing(Situation::ChangeBillingEntity)
            .is_empty(),
        "full facts miss nothing"
    );
}

#[test]
fn context_identifiers_are_added_when_known() {
    let facts = full_facts();
    let body = compose(Situation::EnableAutomaticMeters, &facts)
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        body.contains("CT-558812") && body.contains("C-009921"),
        "known contract and customer numbers help Canon: {body}"
    );
    let bare = RequestFacts {
        serial_number: Some("XKT01234".into()),
        ..RequestFacts::default()
    };
    let body = compose(Situation::EnableAutomaticMeters, &bare)
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        !body.contains("contrat"),
        "an unknown contract number must not be listed: {body}"
    );
}
