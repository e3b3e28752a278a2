//! The French emails of [`crate::email_fr`], written in English and Italian so the
//! user reads exactly what goes to Canon France. Each language is one
//! [`Phrasebook`]: adding a language is adding one more.
//!
//! The translation follows the same facts and the same layout as the French
//! message (greeting, request, the identifiers one per line, closing, signature),
//! so the two can be read side by side. It is a translation for the user, so it
//! follows each language's own conventions (Italian elides the article before
//! "8" and "11" and writes the first of the month "1º"), not the French ones.

use chrono::{Datelike, NaiveDate};

use crate::catalogue::{Identifier, Situation};
use crate::email_fr::{identifier_lines, EntityChange, ListStyle, Message, RequestFacts};

/// What one situation's letter says, in one language.
pub struct Letter {
    /// The subject; `{serial}` stands for the serial number.
    pub subject: &'static str,
    /// The subject when no serial number is given, if the situation allows it.
    pub subject_without_serial: Option<&'static str>,
    /// The request; `{date}` stands for the effective-date clause and `{change}`
    /// for how the business passed to the new entity.
    pub intro: &'static str,
    /// The clause carrying the effective date; `{d}` stands for the date.
    pub date_clause: &'static str,
    /// The closing sentence.
    pub closing: &'static str,
}

/// Everything a language needs to write the letters.
pub struct Phrasebook {
    /// The greeting of a shared mailbox ("Dear Sir or Madam,").
    pub greeting_generic: &'static str,
    /// The greeting of a named person; `{name}` stands for the name.
    pub greeting_named: &'static str,
    /// "Kind regards," or its equivalent.
    pub sign_off: &'static str,
    /// Written in place of an identifier that has not been given.
    pub missing: &'static str,
    /// Month names, January first.
    pub months: [&'static str; 12],
    /// How the first day of a month is written ("1", "1º").
    pub first_day: &'static str,
    /// The label of each identifier in the list.
    pub label: fn(Identifier) -> &'static str,
    /// The name of each counter.
    pub counter: fn(&str) -> &str,
    /// The heading of the counters read on a day; `{d}` stands for the date.
    pub readings_on: &'static str,
    /// How the business passed to the new entity; `{entity}` stands for its name.
    pub entity_change: fn(Option<EntityChange>) -> &'static str,
    /// The language's contractions before a date written out ("dal 8" → "dall’8").
    pub elide: fn(String) -> String,
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
        Identifier::CurrentAddress => "Current installation address",
        Identifier::NewInvoiceAddress => "New address for invoices",
        Identifier::InvoiceEmail => "Email address for invoices",
        Identifier::KbisDocument => "K-bis extract of the new entity (attached)",
        Identifier::NewEntityName => "Legal name of the new entity",
        Identifier::NewEntitySiret => "SIRET of the new entity",
        Identifier::NewEntityAddress => "Address of the new entity, for its invoices",
        Identifier::MeterReadingPage => "Meter-reading page (attached)",
        Identifier::MeterReadings => "Meter readings",
    }
}

fn it_label(identifier: Identifier) -> &'static str {
    match identifier {
        Identifier::ContractNumber => "Numero di contratto Canon",
        Identifier::SerialNumber => "Numero di serie Canon",
        Identifier::CustomerNumber => "Numero cliente Canon",
        Identifier::PoNumber => "Nuovo numero d’ordine",
        Identifier::NewAddress => "Nuovo indirizzo di installazione",
        Identifier::CurrentAddress => "Indirizzo di installazione attuale",
        Identifier::NewInvoiceAddress => "Nuovo indirizzo di recapito delle fatture",
        Identifier::InvoiceEmail => "Indirizzo e-mail di recapito delle fatture",
        Identifier::KbisDocument => "Visura K-bis del nuovo intestatario (in allegato)",
        Identifier::NewEntityName => "Ragione sociale del nuovo intestatario",
        Identifier::NewEntitySiret => "SIRET del nuovo intestatario",
        Identifier::NewEntityAddress => "Indirizzo del nuovo intestatario, da riportare in fattura",
        Identifier::MeterReadingPage => "Pagina delle letture dei contatori (in allegato)",
        Identifier::MeterReadings => "Letture dei contatori",
    }
}

fn en_counter(counter: &str) -> &str {
    match counter {
        "black" => "Black and white",
        "colour" => "Colour",
        "large_format" => "Large format (m²)",
        "total" => "Total",
        other => other,
    }
}

fn it_counter(counter: &str) -> &str {
    match counter {
        "black" => "Bianco e nero",
        "colour" => "Colore",
        "large_format" => "Grande formato (m²)",
        "total" => "Totale",
        other => other,
    }
}

fn en_entity_change(change: Option<EntityChange>) -> &'static str {
    match change {
        Some(EntityChange::Takeover) => "Our business is being taken over by {entity}",
        Some(EntityChange::Sale) => "We are selling our business to {entity}",
        None => "Our business is passing to {entity}",
    }
}

fn it_entity_change(change: Option<EntityChange>) -> &'static str {
    match change {
        Some(EntityChange::Takeover) => "La nostra attività viene rilevata dalla società {entity}",
        Some(EntityChange::Sale) => "Cediamo la nostra attività alla società {entity}",
        None => "La nostra attività passa alla società {entity}",
    }
}

fn en_letter(situation: Situation) -> Option<Letter> {
    Some(match situation {
        Situation::MoveDevice => Letter {
            subject: "Request for a quote to move a device (serial number {serial})",
            subject_without_serial: None,
            intro: "We are planning to move the Canon device below from its current address to a new one, and \
                    would like Canon to handle the move. Could you send us a quote for it?{date}",
            date_clause: " The move is planned from {d}.",
            closing: "We are happy to agree on a date for the work.",
        },
        Situation::DisposeOwnedDevice => Letter {
            subject: "Stopping page billing and closing the maintenance contract (serial number {serial})",
            subject_without_serial: None,
            intro: "We are disposing of the Canon device below, which we own{date}. The meter-reading page is \
                    attached.\n\nCould you, on your side:\n\
                    - stop page billing for this device, with the final copy charges based on these readings;\n\
                    - close its maintenance contract?",
            date_clause: ", from {d}",
            closing: "Please confirm once billing has stopped and the contract is closed.",
        },
        Situation::ChangeBillingEntity => Letter {
            subject: "Change of billing entity (serial number {serial})",
            subject_without_serial: None,
            intro: "{change}. The invoices for the device below must therefore be made out to this new \
                    entity{date}. Its K-bis extract is attached and its details are below.",
            date_clause: " from {d}",
            closing: "Do let us know if you need anything else.",
        },
        Situation::TerminateContract => Letter {
            subject: "Contract termination: request for the terms (serial number {serial})",
            subject_without_serial: None,
            intro: "We are considering terminating the contract for the device below{date}. Could you tell us \
                    the terms: collection of the device, the final invoice (final copy charges) and any amount \
                    still due?",
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
                    billed on actual use without manual readings. Could you tell us how to set this up?",
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
            intro: "Prevediamo di trasferire il dispositivo Canon indicato qui sotto dal suo indirizzo attuale a \
                    uno nuovo e vorremmo che fosse Canon a occuparsi del trasloco. Potreste inviarci un \
                    preventivo?{date}",
            date_clause: " Il trasloco è previsto a partire dal {d}.",
            closing: "Restiamo a disposizione per concordare una data per l’intervento.",
        },
        Situation::DisposeOwnedDevice => Letter {
            subject: "Chiusura della fatturazione delle pagine e del contratto di manutenzione (numero di serie {serial})",
            subject_without_serial: None,
            intro: "Dismettiamo il dispositivo Canon indicato qui sotto, di nostra proprietà{date}. In allegato \
                    trovate la pagina delle letture dei contatori.\n\nVi chiediamo di:\n\
                    - interrompere la fatturazione delle pagine di questo dispositivo, con il conguaglio delle \
                    copie in base a queste letture;\n\
                    - chiudere il relativo contratto di manutenzione.",
            date_clause: ", a partire dal {d}",
            closing: "Vi chiediamo di confermarci l’interruzione della fatturazione e la chiusura del contratto.",
        },
        Situation::ChangeBillingEntity => Letter {
            subject: "Cambio dell’intestatario delle fatture (numero di serie {serial})",
            subject_without_serial: None,
            intro: "{change}. Le fatture del dispositivo indicato qui sotto dovranno quindi essere intestate a \
                    questo nuovo soggetto{date}. In allegato trovate la sua visura K-bis e qui sotto i suoi dati.",
            date_clause: " a partire dal {d}",
            closing: "Non esitate a indicarci se vi servono altri elementi.",
        },
        Situation::TerminateContract => Letter {
            subject: "Disdetta del contratto: richiesta delle modalità (numero di serie {serial})",
            subject_without_serial: None,
            intro: "Intendiamo disdire il contratto del dispositivo indicato qui sotto{date}. Potreste indicarci \
                    le modalità: ritiro del dispositivo, ultima fattura (conguaglio delle copie) ed eventuale \
                    importo ancora dovuto?",
            date_clause: ", con effetto dal {d}",
            closing: "Vi ringraziamo in anticipo per la risposta.",
        },
        Situation::AnswerMeterReadingRequest => Letter {
            subject: "Letture dei contatori in risposta alla vostra richiesta (numero di serie {serial})",
            subject_without_serial: Some("Letture dei contatori in risposta alla vostra richiesta"),
            intro: "In risposta alla vostra richiesta di lettura dei contatori, ecco le letture del nostro \
                    dispositivo, perché la fatturazione si basi sul consumo reale.",
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
            closing: "Vi ringraziamo in anticipo per l’aiuto.",
        },
        Situation::ChangePoNumber
        | Situation::ChangeInvoiceAddress
        | Situation::InvoicesByEmail
        | Situation::VerifyBankDetails => return None,
    })
}

/// English needs no contraction before a date.
fn no_elision(text: String) -> String {
    text
}

/// Italian elides the article and the articulated prepositions before a number
/// spoken with a vowel ("otto", "undici"): "dall’8 marzo", "l’11 aprile".
pub fn elide_it(text: String) -> String {
    const FORMS: [(&str, &str); 6] = [
        ("dal", "dall’"),
        ("al", "all’"),
        ("del", "dell’"),
        ("nel", "nell’"),
        ("sul", "sull’"),
        ("il", "l’"),
    ];
    let mut out = text;
    for number in ["8 ", "11 "] {
        for (full, elided) in FORMS {
            for (before, after) in [(" ", " "), ("\n", "\n")] {
                out = out.replace(
                    &format!("{before}{full} {number}"),
                    &format!("{after}{elided}{number}"),
                );
            }
            if let Some(rest) = out.strip_prefix(&format!("{full} {number}")) {
                out = format!("{elided}{number}{rest}");
            }
        }
    }
    out
}

/// English.
pub const ENGLISH: Phrasebook = Phrasebook {
    greeting_generic: "Dear Sir or Madam,",
    greeting_named: "Dear {name},",
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
    first_day: "1",
    label: en_label,
    counter: en_counter,
    readings_on: "Meter readings on {d}",
    entity_change: en_entity_change,
    elide: no_elision,
    letter: en_letter,
};

/// Italian.
pub const ITALIAN: Phrasebook = Phrasebook {
    greeting_generic: "Spettabile Canon France,",
    greeting_named: "Gentile {name},",
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
    first_day: "1º",
    label: it_label,
    counter: it_counter,
    readings_on: "Letture dei contatori al {d}",
    entity_change: it_entity_change,
    elide: elide_it,
    letter: it_letter,
};

/// A date written out in `book`'s language ("1 March 2027", "1º marzo 2027").
pub fn format_date(book: &Phrasebook, date: NaiveDate) -> String {
    let month = book
        .months
        .get(date.month0() as usize)
        .copied()
        .unwrap_or_default();
    let day = if date.day() == 1 {
        book.first_day.to_owned()
    } else {
        date.day().to_string()
    };
    format!("{day} {month} {}", date.year())
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
            (book.elide)(letter.date_clause.replace("{d}", &format_date(book, d)))
        }
        _ => String::new(),
    };
    let entity = facts.get(Identifier::NewEntityName).unwrap_or(book.missing);
    let change = (book.entity_change)(facts.entity_change).replace("{entity}", entity);
    let intro = letter
        .intro
        .replace("{date}", &date_clause)
        .replace("{change}", &change);
    let readings_on =
        |day: NaiveDate| (book.elide)(book.readings_on.replace("{d}", &format_date(book, day)));
    let style = ListStyle {
        label: &book.label,
        counter: &book.counter,
        missing: book.missing,
        before_colon: "",
        readings_on: &readings_on,
    };
    let list = identifier_lines(situation, facts, &style);
    let greeting = match facts
        .addressee
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(name) => book.greeting_named.replace("{name}", name),
        None => book.greeting_generic.to_owned(),
    };
    let signature: Vec<&str> = [facts.contact_name.trim(), facts.organisation.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let body = format!(
        "{greeting}\n\n{intro}\n\n{list}\n\n{}\n\n{}\n{}\n",
        letter.closing,
        book.sign_off,
        signature.join("\n")
    );
    Some(Message { subject, body })
}

#[cfg(test)]
#[path = "translation_tests.rs"]
mod tests;
