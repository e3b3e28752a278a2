//! What the French message says, in English and Italian, shown beside it so the user
//! knows what goes to Canon whatever the interface language: the full letter,
//! translated from the same facts, or for situations that send no email (phone
//! calls, the bank-details check) what the request is about and its identifiers.

use canon_desk_core::catalogue::{Identifier, Situation};
use canon_desk_core::email_fr::RequestFacts;
use serde::{Deserialize, Serialize};

/// The message in the interface's other languages: for an email, the subject, a
/// blank line and the body of the translated letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// In English.
    pub en: String,
    /// In Italian.
    pub it: String,
}

fn purpose(situation: Situation) -> (&'static str, &'static str) {
    match situation {
        Situation::ChangePoNumber => (
            "We give Canon the new purchase-order number for the coming period.",
            "Comunichiamo a Canon il nuovo numero d’ordine per il prossimo periodo.",
        ),
        Situation::MoveDevice => (
            "We ask Canon for a quote to move the device below.",
            "Chiediamo a Canon un preventivo per spostare il dispositivo indicato.",
        ),
        Situation::DisposeOwnedDevice => (
            "We are disposing of a device we own; the meter-reading page is attached so Canon stops page billing and closes the maintenance contract.",
            "Dismettiamo un dispositivo di nostra proprietà; la pagina delle letture dei contatori è allegata perché Canon interrompa la fatturazione delle pagine e chiuda il contratto di manutenzione.",
        ),
        Situation::ChangeBillingEntity => (
            "Invoices must go to the new entity that takes over the business; its K-bis is attached.",
            "Le fatture devono essere intestate al nuovo soggetto che subentra nell’attività; la sua visura K-bis è allegata.",
        ),
        Situation::TerminateContract => (
            "We intend to terminate the contract and ask for the terms: taking the device back, the final invoice, any amount left.",
            "Intendiamo disdire il contratto e chiediamo le modalità: ritiro del dispositivo, ultima fattura, eventuali importi residui.",
        ),
        Situation::ChangeInvoiceAddress => (
            "We give Canon the new address where invoices are to be received.",
            "Comunichiamo a Canon il nuovo indirizzo di recapito delle fatture.",
        ),
        Situation::InvoicesByEmail => (
            "We ask to receive invoices by email at a shared address, not a person’s.",
            "Chiediamo di ricevere le fatture via e-mail a un indirizzo generico, non nominativo.",
        ),
        Situation::AnswerMeterReadingRequest => (
            "In answer to Canon’s request, here are the device’s counters, so billing uses actual use.",
            "In risposta alla richiesta di Canon, ecco i contatori del dispositivo, per una fatturazione sul consumo reale.",
        ),
        Situation::EnableAutomaticMeters => (
            "We ask how to set up automatic sending of the device’s counters.",
            "Chiediamo come attivare l’invio automatico dei contatori del dispositivo.",
        ),
        Situation::VerifyBankDetails => (
            "A check of Canon France’s bank details; nothing is sent.",
            "Una verifica delle coordinate bancarie di Canon France; non si invia nulla.",
        ),
    }
}

fn label(identifier: Identifier) -> (&'static str, &'static str) {
    match identifier {
        Identifier::ContractNumber => ("Canon contract number", "Numero di contratto Canon"),
        Identifier::SerialNumber => ("Canon serial number", "Numero di serie Canon"),
        Identifier::CustomerNumber => ("Canon customer number", "Numero cliente Canon"),
        Identifier::PoNumber => ("New purchase-order number", "Nuovo numero d’ordine"),
        Identifier::NewAddress => ("New address", "Nuovo indirizzo"),
        Identifier::CurrentAddress => ("Current address", "Indirizzo attuale"),
        Identifier::NewInvoiceAddress => (
            "New address for invoices",
            "Nuovo indirizzo di recapito delle fatture",
        ),
        Identifier::InvoiceEmail => (
            "Email address for invoices",
            "Indirizzo e-mail di recapito delle fatture",
        ),
        Identifier::KbisDocument => ("K-bis (attached)", "Visura K-bis (allegata)"),
        Identifier::NewEntityName => (
            "Legal name of the new entity",
            "Ragione sociale del nuovo intestatario",
        ),
        Identifier::NewEntitySiret => ("SIRET of the new entity", "SIRET del nuovo intestatario"),
        Identifier::NewEntityAddress => (
            "Address of the new entity",
            "Indirizzo del nuovo intestatario",
        ),
        Identifier::MeterReadingPage => (
            "Meter-reading page (attached)",
            "Pagina delle letture dei contatori (allegata)",
        ),
        Identifier::MeterReadings => ("Meter readings", "Letture dei contatori"),
    }
}

/// The translated letter for `situation`, or the summary when it sends no email.
pub fn summarise(situation: Situation, facts: &RequestFacts) -> Summary {
    use canon_desk_core::translation::{translate, ENGLISH, ITALIAN};
    let letter =
        |book| translate(book, situation, facts).map(|m| format!("{}\n\n{}", m.subject, m.body));
    if let (Some(en), Some(it)) = (letter(&ENGLISH), letter(&ITALIAN)) {
        return Summary { en, it };
    }
    summary_only(situation, facts)
}

/// What a request without email is about, with the identifiers given in `facts`.
fn summary_only(situation: Situation, facts: &RequestFacts) -> Summary {
    let (mut en, mut it) = (
        purpose(situation).0.to_owned(),
        purpose(situation).1.to_owned(),
    );
    let entry = situation.entry();
    for identifier in entry.identifiers.iter().chain(entry.optional_identifiers) {
        let (l_en, l_it) = label(*identifier);
        match facts.get(*identifier) {
            Some(value) => {
                en.push_str(&format!("\n- {l_en}: {value}"));
                it.push_str(&format!("\n- {l_it}: {value}"));
            }
            None if entry.identifiers.contains(identifier) => {
                en.push_str(&format!("\n- {l_en}: (missing)"));
                it.push_str(&format!("\n- {l_it}: (mancante)"));
            }
            None => {}
        }
    }
    Summary { en, it }
}
