//! Tests of the translations: every email situation reads in English and Italian
//! with the same identifiers, dates and layout as the French message.

use super::*;
use crate::catalogue::CATALOGUE;
use crate::email_fr::compose;

fn facts() -> RequestFacts {
    crate::email_fr::tests::full_facts()
}

#[test]
fn every_email_situation_is_translated_with_the_same_facts() {
    let facts = facts();
    for entry in CATALOGUE {
        let Some(french) = compose(entry.situation, &facts) else {
            for book in [&ENGLISH, &ITALIAN] {
                assert!(
                    translate(book, entry.situation, &facts).is_none(),
                    "{:?} sends no email, so there is nothing to translate",
                    entry.situation
                );
            }
            continue;
        };
        for (name, book) in [("English", &ENGLISH), ("Italian", &ITALIAN)] {
            let Some(message) = translate(book, entry.situation, &facts) else {
                panic!(
                    "{:?} has a French email but no {name} translation",
                    entry.situation
                );
            };
            assert!(
                message.subject.contains("XKT01234"),
                "the {name} subject of {:?} must name the serial number: {}",
                entry.situation,
                message.subject
            );
            for identifier in shown_identifiers_for(entry.situation, &facts) {
                if identifier == Identifier::MeterReadings {
                    continue;
                }
                let value = facts.get(identifier).unwrap_or_default();
                assert!(
                    message.body.contains(value),
                    "the {name} body of {:?} is missing {identifier:?} ({value})",
                    entry.situation
                );
            }
            let list_lines = |body: &str| body.lines().filter(|l| l.starts_with("- ")).count();
            assert_eq!(
                list_lines(&message.body),
                list_lines(&french.body),
                "the {name} letter of {:?} must list as many identifiers as the French one",
                entry.situation
            );
            assert!(
                message.body.starts_with(book.greeting_generic)
                    && message.body.contains("Claire Martin"),
                "the {name} letter of {:?} must greet and be signed",
                entry.situation
            );
            assert!(
                !message.body.contains("{date}") && !message.body.contains("{d}"),
                "no placeholder may be left in the {name} letter of {:?}",
                entry.situation
            );
        }
    }
}

fn shown_identifiers_for(situation: Situation, facts: &RequestFacts) -> Vec<Identifier> {
    crate::email_fr::shown_identifiers(situation, facts)
}

#[test]
fn dates_read_as_each_language_writes_them() {
    let facts = facts();
    let en = translate(&ENGLISH, Situation::TerminateContract, &facts).map(|m| m.body);
    let it = translate(&ITALIAN, Situation::TerminateContract, &facts).map(|m| m.body);
    assert!(
        en.as_deref()
            .is_some_and(|b| b.contains("effective 1 March 2027")),
        "English writes the effective date in words: {en:?}"
    );
    assert!(
        it.as_deref()
            .is_some_and(|b| b.contains("con effetto dal 1º marzo 2027")),
        "Italian writes the effective date in words: {it:?}"
    );
}

#[test]
fn missing_identifiers_are_marked_in_each_language() {
    let facts = RequestFacts {
        serial_number: None,
        ..facts()
    };
    let en = translate(&ENGLISH, Situation::EnableAutomaticMeters, &facts);
    assert!(
        en.as_ref()
            .is_some_and(|m| m.subject.contains("to be completed")),
        "a missing serial number must read as such in English: {en:?}"
    );
    let it = translate(&ITALIAN, Situation::AnswerMeterReadingRequest, &facts);
    assert_eq!(
        it.map(|m| m.subject),
        Some("Letture dei contatori in risposta alla vostra richiesta".to_owned()),
        "the meter-reading answer has a subject without a serial number"
    );
}

#[test]
fn counters_are_named_in_the_language_of_the_translation() {
    let facts = facts();
    let en = translate(&ENGLISH, Situation::AnswerMeterReadingRequest, &facts)
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        en.contains(
            "- Meter readings on 26 February 2027:\n  Black and white: 120345\n  Colour: 40112\n"
        ),
        "the English copy names the counters in English, one a line:\n{en}"
    );
    assert!(
        !en.contains("Noir et blanc") && !en.contains("Couleur"),
        "no French counter name in the English copy:\n{en}"
    );
    let it = translate(&ITALIAN, Situation::AnswerMeterReadingRequest, &facts)
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        it.contains("  Bianco e nero: 120345\n  Colore: 40112\n"),
        "the Italian copy names the counters in Italian:\n{it}"
    );
}

#[test]
fn italian_elides_before_eight_and_eleven_and_writes_the_first_as_1o() {
    let cases = [
        (
            crate::email_fr::tests::date(2027, 3, 8),
            "con effetto dall’8 marzo 2027",
        ),
        (
            crate::email_fr::tests::date(2027, 4, 11),
            "con effetto dall’11 aprile 2027",
        ),
        (
            crate::email_fr::tests::date(2027, 3, 1),
            "con effetto dal 1º marzo 2027",
        ),
        (
            crate::email_fr::tests::date(2027, 3, 18),
            "con effetto dal 18 marzo 2027",
        ),
    ];
    for (day, expected) in cases {
        let facts = RequestFacts {
            effective_date: Some(day),
            ..facts()
        };
        let body = translate(&ITALIAN, Situation::TerminateContract, &facts)
            .map(|m| m.body)
            .unwrap_or_default();
        assert!(body.contains(expected), "{expected:?} expected in:\n{body}");
    }
    let read = RequestFacts {
        read_on: Some(crate::email_fr::tests::date(2027, 3, 11)),
        ..facts()
    };
    let body = translate(&ITALIAN, Situation::AnswerMeterReadingRequest, &read)
        .map(|m| m.body)
        .unwrap_or_default();
    assert!(
        body.contains("Letture dei contatori all’11 marzo 2027:"),
        "the reading day is elided too:\n{body}"
    );
    assert_eq!(
        elide_it("il 8 marzo e dal 11 aprile, al 18 maggio".to_owned()),
        "l’8 marzo e dall’11 aprile, al 18 maggio",
        "only 8 and 11 take the elision"
    );
}

#[test]
fn the_translations_greet_as_the_french_letter_does() {
    let named = RequestFacts {
        addressee: Some("Julie Moreau".into()),
        ..facts()
    };
    for (book, generic, by_name) in [
        (&ENGLISH, "Dear Sir or Madam,\n", "Dear Julie Moreau,\n"),
        (
            &ITALIAN,
            "Spettabile Canon France,\n",
            "Gentile Julie Moreau,\n",
        ),
    ] {
        let body = translate(book, Situation::TerminateContract, &named)
            .map(|m| m.body)
            .unwrap_or_default();
        assert!(body.starts_with(by_name), "greeted by name:\n{body}");
        let body = translate(book, Situation::MoveDevice, &facts())
            .map(|m| m.body)
            .unwrap_or_default();
        assert!(
            body.starts_with(generic),
            "a mailbox is greeted formally:\n{body}"
        );
    }
}

#[test]
fn the_translations_write_no_straight_apostrophe() {
    for (situation, variant, facts) in crate::email_fr::tests::letter_variants() {
        for book in [&ENGLISH, &ITALIAN] {
            let Some(message) = translate(book, situation, &facts) else {
                panic!("{situation:?} has no translation");
            };
            let text = format!("{}\n{}", message.subject, message.body);
            assert!(
                !text.contains('\''),
                "{situation:?} ({variant}) writes a straight apostrophe:\n{text}"
            );
        }
    }
}
