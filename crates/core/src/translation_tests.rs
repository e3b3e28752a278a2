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
                message.body.starts_with(book.greeting) && message.body.contains("Claire Martin"),
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
            .is_some_and(|b| b.contains("con effetto dal 1 marzo 2027")),
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
