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
        current_address: Some("Atelier, 4 place Bellecour, 69002 Lyon".into()),
        new_invoice_address: Some("compta@martin.fr".into()),
        invoice_email: Some("factures@martin.fr".into()),
        kbis_document: Some("kbis-martin-2027.pdf".into()),
        new_entity_name: Some("Martin Impression SAS".into()),
        new_entity_siret: Some("73282932000074".into()),
        new_entity_address: Some("8 avenue Foch, 69006 Lyon".into()),
        entity_change: Some(EntityChange::Takeover),
        meter_reading_page: Some("releves-XKT01234.pdf".into()),
        meter_readings: Some("Noir et blanc\u{a0}: 120345\nCouleur\u{a0}: 40112".into()),
        counters: vec![
            CounterValue {
                counter: "black".into(),
                value: 120_345,
            },
            CounterValue {
                counter: "colour".into(),
                value: 40_112,
            },
        ],
        read_on: Some(date(2027, 2, 26)),
        addressee: None,
    }
}

/// Every email situation's French letter, for several sets of facts: everything
/// given, nothing given, a named addressee, a sale rather than a takeover, and
/// counters typed as free text.
pub(crate) fn letter_variants() -> Vec<(Situation, &'static str, RequestFacts)> {
    let variants: Vec<(&'static str, RequestFacts)> = vec![
        ("full", full_facts()),
        ("empty", RequestFacts::default()),
        (
            "named sale",
            RequestFacts {
                addressee: Some("Julie Moreau".into()),
                entity_change: Some(EntityChange::Sale),
                effective_date: Some(date(2027, 4, 8)),
                ..full_facts()
            },
        ),
        (
            "typed counters",
            RequestFacts {
                counters: Vec::new(),
                effective_date: Some(date(2027, 5, 11)),
                ..full_facts()
            },
        ),
    ];
    let mut letters = Vec::new();
    for situation in Situation::ALL {
        if situation.entry().email_recipient().is_none() {
            continue;
        }
        for (name, facts) in &variants {
            letters.push((situation, *name, facts.clone()));
        }
    }
    letters
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
        (
            Situation::DisposeOwnedDevice,
            "Arrêt de la facturation des pages et clôture du contrat de maintenance",
        ),
        (Situation::ChangeBillingEntity, "entité facturée"),
        (Situation::TerminateContract, "Résiliation"),
        (Situation::AnswerMeterReadingRequest, "Relevés de compteurs"),
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
            if *identifier == Identifier::MeterReadings {
                // Typed counter by counter, each has its own line instead.
                continue;
            }
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
            message.body.starts_with("Madame, Monsieur,\n"),
            "{situation:?}: a mailbox without a name is greeted Madame, Monsieur"
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
        vec![
            Identifier::SerialNumber,
            Identifier::CurrentAddress,
            Identifier::NewAddress
        ],
        "a blank serial counts as missing"
    );
    let body = compose(Situation::MoveDevice, &facts)
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        body.contains(&format!("Numéro de série Canon{NBSP}: {MISSING}")),
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

/// The French typography rules the interface's catalogue test holds, applied to a
/// text: returns each rule `text` breaks.
pub(crate) fn typography_faults(text: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let before = if i > 0 { Some(chars[i - 1]) } else { None };
        let after = chars.get(i + 1).copied();
        let spaced = matches!(before, Some('\u{a0}' | '\u{202f}'));
        let context: String = chars[i.saturating_sub(25)..(i + 5).min(chars.len())]
            .iter()
            .collect();
        match c {
            ';' | '?' | '!' if !spaced => {
                faults.push(format!(
                    "no narrow no-break space before {c:?}: …{context}…"
                ));
            }
            // A colon in a time (08:30) or an address (mailto:) is not punctuation.
            ':' if !spaced && after.is_none_or(char::is_whitespace) => {
                faults.push(format!("no no-break space before a colon: …{context}…"));
            }
            '«' if after != Some('\u{a0}') && after != Some('\u{202f}') => {
                faults.push(format!("no no-break space after «: …{context}…"));
            }
            '»' if !spaced => faults.push(format!("no no-break space before »: …{context}…")),
            '\'' => faults.push(format!("a straight apostrophe: …{context}…")),
            _ => {}
        }
    }
    let lower = text.to_lowercase();
    for in_house in [
        "relevés compteurs",
        "relevé compteurs",
        "relevés des compteurs",
    ] {
        if lower.contains(in_house) {
            faults.push(format!("{in_house:?} instead of « relevés de compteurs »"));
        }
    }
    for month in MONTHS {
        if text.contains(&format!(" 1 {month}")) || text.starts_with(&format!("1 {month}")) {
            faults.push(format!("\"1 {month}\" instead of \"1er {month}\""));
        }
    }
    faults
}

#[test]
fn the_typography_check_catches_each_fault() {
    let cases = [
        ("Objet : test", "colon"),
        ("Pourquoi ?", "narrow"),
        ("Pourquoi\u{a0}?", ""),
        ("« texte\u{a0}»", "after «"),
        ("l'appareil", "apostrophe"),
        ("Relevés compteurs", "relevés de compteurs"),
        ("le 1 mars 2027", "1er"),
        ("à 08:30\u{a0}: ouvert\u{202f}; fermé\u{202f}!", ""),
    ];
    for (text, fault) in cases {
        let found = typography_faults(text);
        if fault.is_empty() {
            assert!(
                found.is_empty(),
                "{text:?} is correct but was faulted: {found:?}"
            );
        } else {
            assert!(
                found.iter().any(|f| f.contains(fault)),
                "{text:?} must be faulted for {fault}: {found:?}"
            );
        }
    }
}

#[test]
fn every_letter_follows_french_typography() {
    for (situation, variant, facts) in letter_variants() {
        let Some(message) = compose(situation, &facts) else {
            panic!("{situation:?} has an email channel but no letter");
        };
        for (part, text) in [("subject", &message.subject), ("body", &message.body)] {
            let faults = typography_faults(text);
            assert!(
                faults.is_empty(),
                "{situation:?} ({variant}), {part}: {faults:#?}\n{text}"
            );
        }
    }
    let first = compose(Situation::TerminateContract, &full_facts())
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        first.contains("avec effet au 1er mars 2027"),
        "the first of the month is written 1er: {first}"
    );
}

#[test]
fn a_named_sales_contact_is_greeted_by_name_and_a_mailbox_formally() {
    let named = RequestFacts {
        addressee: Some("  Julie Moreau ".into()),
        ..full_facts()
    };
    let body = compose(Situation::TerminateContract, &named)
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        body.starts_with("Bonjour Julie Moreau,\n"),
        "the sales contact is greeted by name: {body}"
    );
    let body = compose(Situation::MoveDevice, &full_facts())
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        body.starts_with("Madame, Monsieur,\n"),
        "case management is a mailbox: {body}"
    );
}

#[test]
fn a_change_of_billing_entity_names_the_new_entity_and_how_it_came_about() {
    let takeover = compose(Situation::ChangeBillingEntity, &full_facts())
        .map(|m| m.body)
        .unwrap_or_default();
    for expected in [
        "Notre activité est reprise par la société Martin Impression SAS",
        "à compter du 1er mars 2027",
        "Raison sociale de la nouvelle entité\u{a0}: Martin Impression SAS",
        "SIRET de la nouvelle entité\u{a0}: 73282932000074",
        "8 avenue Foch, 69006 Lyon",
        "Numéro de contrat Canon\u{a0}: CT-558812",
        "Numéro de client Canon\u{a0}: C-009921",
    ] {
        assert!(
            takeover.contains(expected),
            "{expected:?} is missing from the takeover letter:\n{takeover}"
        );
    }
    let sale = RequestFacts {
        entity_change: Some(EntityChange::Sale),
        ..full_facts()
    };
    let body = compose(Situation::ChangeBillingEntity, &sale)
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        body.contains("Nous cédons notre activité à la société Martin Impression SAS")
            && !body.contains("reprise"),
        "a sale is not a takeover:\n{body}"
    );
    assert_eq!(
        RequestFacts {
            new_entity_name: None,
            ..full_facts()
        }
        .missing(Situation::ChangeBillingEntity),
        vec![Identifier::NewEntityName],
        "the new entity's name is required"
    );
}

#[test]
fn a_meter_reading_answer_gives_the_serial_the_day_and_one_counter_a_line() {
    let message = compose(Situation::AnswerMeterReadingRequest, &full_facts());
    let Some(message) = message else {
        panic!("the meter-reading answer is an email");
    };
    assert!(
        message.subject.contains("XKT01234"),
        "the subject names the device: {}",
        message.subject
    );
    assert!(
        message.body.contains(
            "- Relevés de compteurs au 26 février 2027\u{a0}:\n  Noir et blanc\u{a0}: 120345\n  Couleur\u{a0}: 40112\n"
        ),
        "each counter stands on its own line under the day it was read:\n{}",
        message.body
    );
    assert_eq!(
        RequestFacts {
            serial_number: None,
            ..full_facts()
        }
        .missing(Situation::AnswerMeterReadingRequest),
        vec![Identifier::SerialNumber],
        "the serial number is required"
    );
}

#[test]
fn a_move_gives_where_the_device_stands_and_the_account() {
    let body = compose(Situation::MoveDevice, &full_facts())
        .map(|m| m.body)
        .unwrap_or_default();
    for expected in [
        "Adresse d’installation actuelle\u{a0}: Atelier, 4 place Bellecour, 69002 Lyon",
        "Nouvelle adresse d’installation\u{a0}: 12 rue des Lilas, 69003 Lyon",
        "Numéro de contrat Canon\u{a0}: CT-558812",
        "Numéro de client Canon\u{a0}: C-009921",
    ] {
        assert!(body.contains(expected), "{expected:?} is missing:\n{body}");
    }
}

#[test]
fn a_disposal_says_who_does_what() {
    let body = compose(Situation::DisposeOwnedDevice, &full_facts())
        .map(|m| m.body)
        .unwrap_or_default();
    for expected in [
        "Vous trouverez en pièce jointe la page des relevés de compteurs",
        "Pourriez-vous, de votre côté\u{a0}:",
        "- arrêter la facturation des pages",
        "- clôturer son contrat de maintenance\u{202f}?",
    ] {
        assert!(body.contains(expected), "{expected:?} is missing:\n{body}");
    }
}

/// The variants docs/glossary.md rules out, per language (English, French,
/// Italian): the backticked terms of each language's "not in" column.
pub(crate) fn glossary_variants() -> [Vec<String>; 3] {
    let text = include_str!("../../../docs/glossary.md");
    let mut variants: [Vec<String>; 3] = Default::default();
    for line in text.lines() {
        if !line.starts_with("| ") || line.starts_with("| Concept") {
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        for (language, column) in [3, 5, 7].into_iter().enumerate() {
            let cell = cells.get(column).copied().unwrap_or_default();
            variants[language].extend(cell.split('`').skip(1).step_by(2).map(str::to_lowercase));
        }
    }
    variants
}

#[test]
fn glossary_variants_stay_out_of_every_letter() {
    let [english, french, italian] = glossary_variants();
    assert!(
        english.len() > 10 && french.len() > 10 && italian.len() > 10,
        "docs/glossary.md lists too few variants to check anything: {english:?} {french:?} {italian:?}"
    );
    for (situation, variant, facts) in letter_variants() {
        let mut letters = Vec::new();
        if let Some(m) = compose(situation, &facts) {
            letters.push(("French", &french, format!("{}\n{}", m.subject, m.body)));
        }
        for (name, book, avoid) in [
            ("English", &crate::translation::ENGLISH, &english),
            ("Italian", &crate::translation::ITALIAN, &italian),
        ] {
            if let Some(m) = crate::translation::translate(book, situation, &facts) {
                letters.push((name, avoid, format!("{}\n{}", m.subject, m.body)));
            }
        }
        assert_eq!(
            letters.len(),
            3,
            "{situation:?} must have a letter in each language"
        );
        for (language, avoid, text) in letters {
            let lower = text.to_lowercase();
            for word in avoid.iter() {
                assert!(
                    !lower.contains(word.as_str()),
                    "the {language} letter of {situation:?} ({variant}) says {word:?}, which docs/glossary.md rules out:\n{text}"
                );
            }
        }
    }
}
