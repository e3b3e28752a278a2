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
            "Comunichiamo a Canon il nuovo numero d'ordine per il prossimo periodo.",
        ),
        Situation::MoveDevice => (
            "We ask Canon for a quote to move the device below.",
            "Chiediamo a Canon un preventivo per spostare il dispositivo indicato.",
        ),
        Situation::DisposeOwnedDevice => (
            "We are parting with a device we own; the meter-reading page is attached so Canon stops page billing and closes the maintenance contract.",
            "Dismettiamo un dispositivo di nostra proprietà; la pagina dei contatori è allegata perché Canon chiuda la fatturazione delle pagine e il contratto di manutenzione.",
        ),
        Situation::ChangeBillingEntity => (
            "Invoices must go to the new entity that takes over the business; its K-bis is attached.",
            "Le fatture devono essere intestate alla nuova entità che subentra; il suo K-bis è allegato.",
        ),
        Situation::TerminateContract => (
            "We intend to terminate the contract and ask for the terms: taking the device back, last invoice, any amount left.",
            "Intendiamo disdire il contratto e chiediamo le condizioni: ritiro del dispositivo, ultima fattura, eventuali importi residui.",
        ),
        Situation::ChangeInvoiceAddress => (
            "We give Canon the new address for invoices.",
            "Comunichiamo a Canon il nuovo indirizzo per le fatture.",
        ),
        Situation::InvoicesByEmail => (
            "We ask to receive invoices by email at a role address.",
            "Chiediamo di ricevere le fatture via e-mail a un indirizzo di ruolo.",
        ),
        Situation::AnswerMeterReadingRequest => (
            "In answer to Canon's request, here are the device's counters, so billing uses actual use.",
            "In risposta alla richiesta di Canon, ecco i contatori del dispositivo, per una fatturazione sul consumo reale.",
        ),
        Situation::EnableAutomaticMeters => (
            "We ask how to set up automatic sending of the device's counters.",
            "Chiediamo come attivare l'invio automatico dei contatori del dispositivo.",
        ),
        Situation::VerifyBankDetails => (
            "A check of Canon France's bank details; nothing is sent.",
            "Una verifica delle coordinate bancarie di Canon France; non si invia nulla.",
        ),
    }
}

fn label(identifier: Identifier) -> (&'static str, &'static str) {
    match identifier {
        Identifier::ContractNumber => ("Canon contract number", "Numero di contratto Canon"),
        Identifier::SerialNumber => ("Canon serial number", "Numero di serie Canon"),
        Identifier::CustomerNumber => ("Canon customer number", "Numero cliente Canon"),
        Identifier::PoNumber => ("New purchase-order number", "Nuovo numero d'ordine"),
        Identifier::NewAddress => ("New address", "Nuovo indirizzo"),
        Identifier::NewInvoiceAddress => ("New invoice address", "Nuovo indirizzo di fatturazione"),
        Identifier::InvoiceEmail => ("Invoice email address", "Indirizzo e-mail per le fatture"),
        Identifier::KbisDocument => ("K-bis (attached)", "K-bis (allegato)"),
        Identifier::MeterReadingPage => (
            "Meter-reading page (attached)",
            "Pagina dei contatori (allegata)",
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
