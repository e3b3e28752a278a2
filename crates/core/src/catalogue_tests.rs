//! Tests of the catalogue: its rows against a transcription of DOMAIN.md's table,
//! and against DOMAIN.md itself, so that neither can drift from the other unseen.

use super::*;

/// One transcribed row: (number, key, lead time, identifiers, channels).
type Row = (u8, &'static str, LeadTime, Vec<Identifier>, Vec<Channel>);

/// DOMAIN.md's table, transcribed by hand independently of [`CATALOGUE`].
fn transcription() -> Vec<Row> {
    let sales = Channel::Email {
        to: Recipient::SalesContact,
    };
    vec![
        (
            1,
            "change_po_number",
            LeadTime::OneMonthBefore,
            vec![I::ContractNumber, I::PoNumber],
            vec![Channel::Phone],
        ),
        (
            2,
            "move_device",
            LeadTime::None,
            vec![I::SerialNumber, I::CurrentAddress, I::NewAddress],
            vec![Channel::Email {
                to: Recipient::Fixed("CaseMgt_AutresDemandes@cf.canon.fr"),
            }],
        ),
        (
            3,
            "dispose_owned_device",
            LeadTime::None,
            vec![I::SerialNumber, I::MeterReadingPage],
            vec![Channel::Phone, sales],
        ),
        (
            4,
            "change_billing_entity",
            LeadTime::OneMonthBefore,
            vec![I::SerialNumber, I::NewEntityName, I::KbisDocument],
            vec![sales],
        ),
        (
            5,
            "terminate_contract",
            LeadTime::None,
            vec![I::SerialNumber],
            vec![sales],
        ),
        (
            6,
            "change_invoice_address",
            LeadTime::OneMonthBefore,
            vec![I::CustomerNumber, I::NewInvoiceAddress],
            vec![Channel::Phone],
        ),
        (
            7,
            "invoices_by_email",
            LeadTime::OneMonthBefore,
            vec![I::ContractNumber, I::InvoiceEmail],
            vec![Channel::Phone],
        ),
        (
            8,
            "answer_meter_reading_request",
            LeadTime::ByRequestDate,
            vec![I::SerialNumber, I::MeterReadings],
            vec![Channel::Email {
                to: Recipient::AddressOnRequest,
            }],
        ),
        (
            9,
            "enable_automatic_meters",
            LeadTime::None,
            vec![I::SerialNumber],
            vec![Channel::Email {
                to: Recipient::Fixed("fr@support.canon-europe.com"),
            }],
        ),
        (10, "verify_bank_details", LeadTime::None, vec![], vec![]),
    ]
}

#[test]
fn every_row_matches_the_transcribed_table() {
    let table = transcription();
    assert_eq!(
        table.len(),
        CATALOGUE.len(),
        "the catalogue must have one row per situation of DOMAIN.md"
    );
    for ((number, key, lead, identifiers, channels), entry) in
        table.into_iter().zip(CATALOGUE.iter())
    {
        let situation = entry.situation;
        assert_eq!(entry.number, number, "{situation:?} has the wrong number");
        assert_eq!(situation.as_str(), key, "row {number} has the wrong key");
        assert_eq!(
            entry.lead_time, lead,
            "row {number} ({key}) has the wrong lead time"
        );
        assert_eq!(
            entry.identifiers,
            identifiers.as_slice(),
            "row {number} ({key}) asks for the wrong identifiers"
        );
        assert_eq!(
            entry.channels,
            channels.as_slice(),
            "row {number} ({key}) has the wrong channels"
        );
    }
    assert_eq!(
        Situation::InvoicesByEmail.entry().optional_identifiers,
        &[I::PoNumber],
        "row 7 keeps the sheet's PO number as optional"
    );
    assert_eq!(
        Situation::ChangeBillingEntity.entry().optional_identifiers,
        &[I::NewEntitySiret, I::NewEntityAddress],
        "row 4 gives the new entity's SIRET and address when known"
    );
    assert!(
        Situation::MoveDevice.entry().quote_first,
        "a move needs a quote first"
    );
    assert!(
        Situation::VerifyBankDetails.entry().is_check(),
        "row 10 is a check, not a request"
    );
}

#[test]
fn situations_index_their_own_rows_and_round_trip() {
    for (i, situation) in Situation::ALL.into_iter().enumerate() {
        assert_eq!(
            situation.entry().situation,
            situation,
            "CATALOGUE is not in the order of Situation::ALL at {i}"
        );
        assert_eq!(
            usize::from(situation.number()),
            i + 1,
            "{situation:?} is numbered wrongly"
        );
        assert_eq!(
            Situation::parse(situation.as_str()),
            Some(situation),
            "{situation:?} does not round-trip its name"
        );
    }
    assert_eq!(
        Situation::parse("move"),
        None,
        "an unknown key must not parse"
    );
}

#[test]
fn serde_names_are_the_stable_keys() {
    for situation in Situation::ALL {
        let json = serde_json::to_string(&situation).unwrap_or_default();
        assert_eq!(
            json,
            format!("\"{}\"", situation.as_str()),
            "serde name of {situation:?} differs from as_str"
        );
    }
    let channel = serde_json::to_string(&Channel::Email {
        to: Recipient::Fixed(SUPPORT_EMAIL),
    })
    .unwrap_or_default();
    assert_eq!(
        channel,
        r#"{"kind":"email","to":{"kind":"fixed","address":"fr@support.canon-europe.com"}}"#,
        "the IPC shape of an email channel changed"
    );
}

/// DOMAIN.md lives in the team's shared folder beside the repository (every
/// developer's machine and CI have it there). Its absence fails the test: a check
/// that quietly passes when its reference is missing checks nothing.
fn domain_md() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/DOMAIN.md");
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!(
            "{} cannot be read ({e}); the catalogue is checked against it, so it must be beside the clone",
            path.display()
        ),
    }
}

/// Words of DOMAIN.md's identifier column that name each identifier.
fn identifier_words(identifier: Identifier) -> &'static str {
    match identifier {
        I::ContractNumber => "contract number",
        I::SerialNumber => "serial number",
        I::CustomerNumber => "customer number",
        I::PoNumber => "PO number",
        I::NewAddress => "new address",
        I::NewInvoiceAddress => "new postal address or email",
        I::InvoiceEmail => "the email address",
        I::KbisDocument => "K-bis",
        I::MeterReadingPage => "meter-reading page",
        I::MeterReadings => "meter-reading request",
        // Not in the sheet's column: Canon Desk adds them so the case handler need
        // not write back (see `beyond_the_sheet`).
        I::CurrentAddress | I::NewEntityName | I::NewEntitySiret | I::NewEntityAddress => "",
    }
}

/// Identifiers a row asks for beyond the sheet's column, so that Canon can act on
/// the letter without writing back: the serial number of the device whose counters
/// an answer carries (the sheet counts on the completed request to name it).
fn beyond_the_sheet(entry: &Entry, identifier: Identifier) -> bool {
    entry.situation == Situation::AnswerMeterReadingRequest && identifier == I::SerialNumber
}

#[test]
fn every_row_agrees_with_domain_md() {
    let text = domain_md();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| {
            l.starts_with("| ")
                && l.split('|')
                    .nth(1)
                    .is_some_and(|n| n.trim().parse::<u8>().is_ok())
        })
        .map(|l| l.split('|').map(str::trim).collect())
        .collect();
    assert_eq!(
        rows.len(),
        CATALOGUE.len(),
        "DOMAIN.md's table and the catalogue differ in length"
    );
    for columns in rows {
        let [_, number, what, _, lead, identifiers, channel, ..] = columns.as_slice() else {
            panic!("unexpected DOMAIN.md row: {columns:?}");
        };
        let number: u8 = number.parse().unwrap_or_default();
        let entry = CATALOGUE.iter().find(|e| e.number == number);
        let Some(entry) = entry else {
            panic!("DOMAIN.md row {number} has no catalogue entry")
        };
        let key = entry.situation.as_str();
        assert!(
            what.contains(&format!("(`{key}`)")),
            "DOMAIN.md row {number} is not {key}: {what}"
        );
        assert_eq!(
            lead.contains("1 month"),
            entry.lead_time == LeadTime::OneMonthBefore,
            "row {number}: lead time disagrees with {lead:?}"
        );
        assert_eq!(
            lead.contains("date on the request"),
            entry.lead_time == LeadTime::ByRequestDate,
            "row {number}: {lead:?}"
        );
        for identifier in [
            I::ContractNumber,
            I::SerialNumber,
            I::CustomerNumber,
            I::PoNumber,
            I::NewAddress,
            I::NewInvoiceAddress,
            I::InvoiceEmail,
            I::KbisDocument,
            I::MeterReadingPage,
            I::MeterReadings,
        ] {
            let listed = (entry.identifiers.contains(&identifier)
                || entry.optional_identifiers.contains(&identifier))
                && !beyond_the_sheet(entry, identifier);
            assert_eq!(
                identifiers.contains(identifier_words(identifier)),
                listed,
                "row {number}: {identifier:?} vs {identifiers:?}"
            );
        }
        assert_eq!(
            channel.contains("phone"),
            entry.channels.contains(&Channel::Phone),
            "row {number}: phone vs {channel:?}"
        );
        let sales = entry.channels.contains(&Channel::Email {
            to: Recipient::SalesContact,
        });
        assert_eq!(
            channel.contains("sales contact"),
            sales,
            "row {number}: sales contact vs {channel:?}"
        );
        let on_request = entry.channels.contains(&Channel::Email {
            to: Recipient::AddressOnRequest,
        });
        assert_eq!(
            channel.contains("given on the request"),
            on_request,
            "row {number}: request address vs {channel:?}"
        );
        for address in [CASE_MGT_EMAIL, SUPPORT_EMAIL] {
            let fixed = entry.channels.contains(&Channel::Email {
                to: Recipient::Fixed(address),
            });
            assert_eq!(
                channel.contains(address),
                fixed,
                "row {number}: {address} vs {channel:?}"
            );
        }
        assert_eq!(
            channel.starts_with('—'),
            entry.is_check(),
            "row {number}: a check has no channel, {channel:?}"
        );
    }
}

#[test]
fn sheet_constants_match_domain_md() {
    let text = domain_md();
    for fact in [
        REMITTANCE_EMAIL,
        BANK_NAME,
        PHONE_LINE.number,
        "since 2017",
        "December 2022",
        "menu choice 4",
        "08:30–18:00",
        "0.18 EUR/min",
    ] {
        assert!(text.contains(fact), "DOMAIN.md no longer states {fact:?}");
    }
    assert_eq!(
        (BANK_SINCE_YEAR, SHEET_DATE),
        (2017, (2022, 12)),
        "the sheet's dates changed"
    );
}
