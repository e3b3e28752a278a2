//! The French emails of [`crate::email_fr`], written in English and Italian so the
//! user reads exactly what goes to Canon France. Each language is one
//! [`Phrasebook`]: adding a language is adding one more.
//!
//! The translation follows the same facts and the same layout as the French
//! message (greeting, request, the identifiers one per line, closing, signature),
//! so the two can be read side by side.

use chrono::{Datelike, NaiveDate};

use crate::catalogue::{Identifier, Situation};
use crate::email_fr::{Message, RequestFacts};

/// What one situation's letter says, in one language.
pub struct Letter {
    /// The subject; `{serial}` stands for the serial number.
    pub subject: &'static str,
    /// The subject when no serial number is given, if the situation allows it.
    pub subject_without_serial: Option<&'static str>,
    /// The request; `{date}` stands for the effective-date clause.
    pub intro: &'static str,
    /// The clause carrying the effective date; `{d}` stands for the date.
    pub date_clause: &'static str,
    /// The closing sentence.
    pub closing: &'static str,
}

/// Everything a language needs to write the letters.
pub struct Phrasebook {
    /// "Hello," or its equivalent.
    pub greeting: &'static str,
    /// "Kind regards," or its equivalent.
    pub sign_off: &'static str,
    /// Written in place of an identifier that has not been given.
    pub missing: &'static str,
    /// Month names, January first.
    pub months: [&'static str; 12],
    /// The label of each identifier in the list.
    pub label: fn(Identifier) -> &'static str,
    /// The letter of each email situation (`None` for situations without email).
    pub letter: fn(Situation) -> Option<Letter>,
}

fn en_label(identifier: Identifier) -> &'static str {
    match identifier {
        Identifier::ContractNumber => "Canon contract number",
        Identifier::SerialNumber => "Canon serial number",
        Identifier::CustomerNumber => "Canon customer number",
        Identifier::PoNumber => "New purchase-order number",
        Identifier::NewAddress => "New installation address",
        Identifier::NewInvoiceAddress => "New address for invoices",
        Identifier::InvoiceEmail => "Email address for invoices",
        Identifier::KbisDocument => "K-bis extract of the new entity (attached)",
        Identifier::MeterReadingPage => "Meter-reading page (attached)",
        Identifier::MeterReadings => "Meter readings",
    }
}

fn it_label(identifier: Identifier) -> &'static str {
    match identifier {
        Identifier::ContractNumber => "Numero di contratto Canon",
        Identifier::SerialNumber => "Numero di serie Canon",
        Identifier::CustomerNumber => "Numero cliente Canon",
        Identifier::PoNumber => "Nuovo numero d'ordine",
        Identifier::NewAddress => "Nuovo indirizzo di installazione",
        Identifier::NewInvoiceAddress => "Nuovo indirizzo per le fatture",
        Identifier::InvoiceEmail => "Indirizzo e-mail per le fatture",
        Identifier::KbisDocument => "Visura K-bis della nuova società (in allegato)",
        Identifier::MeterReadingPage => "Pagina delle letture dei contatori (in allegato)",
        Identifier::MeterReadings => "Letture dei contatori",
    }
}

fn en_letter(situation: Situation) -> Option<Letter> {
    Some(match situation {
        Situation::MoveDevice => Letter {
            subject: "Request for a quote to move a device (serial number {serial})",
            subject_without_serial: None,
            intro: "We are planning to move the Canon device below and would like Canon to handle the move. \
                    Could you send us a quote for it?{date}",
            date_clause: " The move is planned from {d}.",
            closing: "We remain available to agree on a date for the work.",
        },
        Situation::DisposeOwnedDevice => Letter {
            subject: "End of use of a device we own (serial number {serial})",
            intro: "We are parting with the Canon device below, which we own{date}. Please find attached the \
                    meter-reading page, so that page billing (the balance of copies) can stop and the \
                    maintenance contract can be closed.",
            subject_without_serial: None,
            date_clause: ", from {d}",
            closing: "Please confirm that this request has been taken into account.",
        },
        Situation::ChangeBillingEntity => Letter {
            subject: "Change of billing entity (serial number {serial})",
            subject_without_serial: None,
            intro: "Following the takeover or sale of our business, the invoices for the device below must be \
                    made out to the new entity{date}. Please find its K-bis extract attached.",
            date_clause: " from {d}",
            closing: "Do let us know if you need anything else.",
        },
        Situation::TerminateContract => Letter {
            subject: "Contract termination: request for the terms (serial number {serial})",
            subject_without_serial: None,
            intro: "We are considering terminating the contract for the device below{date}. Could you tell us \
                    the terms: collection of the device, final invoice (balance of copies) and, where \
                    applicable, any amount still due?",
            date_clause: ", effective {d}",
            closing: "Thank you in advance for your reply.",
        },
        Situation::AnswerMeterReadingRequest => Letter {
            subject: "Meter readings in answer to your request (serial number {serial})",
            subject_without_serial: Some("Meter readings in answer to your request"),
            intro: "In answer to your request for meter readings, here are the readings of our device, so that \
                    billing is based on actual use.",
            date_clause: "",
            closing: "Please confirm that you have received them.",
        },
        Situation::EnableAutomaticMeters => Letter {
            subject: "Setting up automatic meter transmission (serial number {serial})",
            subject_without_serial: None,
            intro: "We would like the device below to send its meter readings automatically, so that we are \
                    billed on actual use without manual readings. Could you tell us how to set up this \
                    transmission?",
            date_clause: "",
            closing: "Thank you in advance for your help.",
        },
        Situation::ChangePoNumber
        | Situation::ChangeInvoiceAddress
        | Situation::InvoicesByEmail
        | Situation::VerifyBankDetails => return None,
    })
}

fn it_letter(situation: Situation) -> Option<Letter> {
    Some(match situation {
        Situation::MoveDevice => Letter {
            subject: "Richiesta di preventivo per il trasloco di un dispositivo (numero di serie {serial})",
            subject_without_serial: None,
            intro: "Prevediamo di trasferire il dispositivo Canon indicato qui sotto e vorremmo che fosse Canon \
                    a occuparsi del trasloco. Potreste inviarci un preventivo?{date}",
            date_clause: " Il trasloco è previsto a partire dal {d}.",
            closing: "Restiamo a disposizione per concordare una data per l'intervento.",
        },
        Situation::DisposeOwnedDevice => Letter {
            subject: "Fine utilizzo di un dispositivo di nostra proprietà (numero di serie {serial})",
            subject_without_serial: None,
            intro: "Dismettiamo il dispositivo Canon indicato qui sotto, di nostra proprietà{date}. In allegato \
                    trovate la pagina delle letture dei contatori, per chiudere la fatturazione delle pagine \
                    (saldo copie) e il contratto di manutenzione.",
            date_clause: ", a partire dal {d}",
            closing: "Vi chiediamo di confermarci la presa in carico della richiesta.",
        },
        Situation::ChangeBillingEntity => Letter {
            subject: "Cambio del soggetto fatturato (numero di serie {serial})",
            subject_without_serial: None,
            intro: "A seguito del subentro o della cessione della nostra attività, le fatture del dispositivo \
                    indicato qui sotto dovranno essere intestate alla nuova società{date}. In allegato trovate \
                    la sua visura K-bis.",
            date_clause: " a partire dal {d}",
            closing: "Non esitate a indicarci se vi servono altri elementi.",
        },
        Situation::TerminateContract => Letter {
            subject: "Disdetta del contratto: richiesta delle modalità (numero di serie {serial})",
            subject_without_serial: None,
            intro: "Intendiamo disdire il contratto del dispositivo indicato qui sotto{date}. Potreste indicarci \
                    le modalità: ritiro del dispositivo, ultima fattura (saldo copie) ed eventuale importo \
                    ancora dovuto?",
            date_clause: ", con effetto dal {d}",
            closing: "Vi ringraziamo in anticipo per la risposta.",
        },
        Situation::AnswerMeterReadingRequest => Letter {
            subject: "Letture dei contatori in risposta alla vostra richiesta (numero di serie {serial})",
            subject_without_serial: Some("Letture dei contatori in risposta alla vostra richiesta"),
            intro: "In risposta alla vostra richiesta di letture, ecco i contatori del nostro dispositivo, \
                    perché la fatturazione si basi sul consumo reale.",
            date_clause: "",
            closing: "Vi chiediamo di confermarne la ricezione.",
        },
        Situation::EnableAutomaticMeters => Letter {
            subject: "Attivazione della trasmissione automatica dei contatori (numero di serie {serial})",
            subject_without_serial: None,
            intro: "Vorremmo che il dispositivo indicato qui sotto trasmettesse i contatori automaticamente, per \
                    essere fatturati sul consumo reale senza letture manuali. Potreste indicarci come attivare \
                    questa trasmissione?",
            date_clause: "",
            closing: "Vi ringraziamo in anticipo per l'aiuto.",
        },
        Situation::ChangePoNumber
        | Situation::ChangeInvoiceAddress
        | Situation::InvoicesByEmail
        | Situation::VerifyBankDetails => return None,
    })
}

/// English.
pub const ENGLISH: Phrasebook = Phrasebook {
    greeting: "Hello,",
    sign_off: "Kind regards,",
    missing: "to be completed",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    label: en_label,
    letter: en_letter,
};

/// Italian.
pub const ITALIAN: Phrasebook = Phrasebook {
    greeting: "Buongiorno,",
    sign_off: "Cordiali saluti,",
    missing: "da completare",
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    label: it_label,
    letter: it_letter,
};

fn format_date(book: &Phrasebook, date: NaiveDate) -> String {
    let month = book
        .months
        .get(date.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", date.day(), date.year())
}

/// The letter for `situation` in `book`'s language, from the same facts as the
/// French message; `None` for situations that send no email.
pub fn translate(book: &Phrasebook, situation: Situation, facts: &RequestFacts) -> Option<Message> {
    situation.entry().email_recipient()?;
    let letter = (book.letter)(situation)?;
    let serial = facts.get(Identifier::SerialNumber);
    let subject = match (serial, letter.subject_without_serial) {
        (None, Some(plain)) => plain.to_owned(),
        _ => letter
            .subject
            .replace("{serial}", serial.unwrap_or(book.missing)),
    };
    let date_clause = match facts.effective_date {
        Some(d) if !letter.date_clause.is_empty() => {
            letter.date_clause.replace("{d}", &format_date(book, d))
        }
        _ => String::new(),
    };
    let intro = letter.intro.replace("{date}", &date_clause);
    let list = crate::email_fr::shown_identifiers(situation, facts)
        .into_iter()
        .map(|i| {
            format!(
                "- {}: {}",
                (book.label)(i),
                facts.get(i).unwrap_or(book.missing)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let signature: Vec<&str> = [facts.contact_name.trim(), facts.organisation.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let body = format!(
        "{}\n\n{intro}\n\n{list}\n\n{}\n\n{}\n{}\n",
        book.greeting,
        letter.closing,
        book.sign_off,
        signature.join("\n")
    );
    Some(Message { subject, body })
}

#[cfg(test)]
#[path = "translation_tests.rs"]
mod tests;
