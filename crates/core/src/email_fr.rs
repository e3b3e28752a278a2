//! The French emails Canon Desk sends to Canon France for the email-channel
//! situations of the billing sheet.
//!
//! The texts are the app's own: short, polite business French that says what is
//! asked and lists every identifier on its own line, so that whoever handles the
//! message at Canon finds the account without a reply. Phone-channel situations
//! have no email and [`compose`] returns `None` for them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::catalogue::{Identifier, Situation};

/// What the user has told the wizard, as the email needs it. Identifiers that do
/// not apply to the situation are ignored; blank ones count as missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RequestFacts {
    /// The customer organisation's name, for the signature.
    pub organisation: String,
    /// The person writing, for the signature.
    pub contact_name: String,
    /// When the change takes effect, if the situation has such a date.
    pub effective_date: Option<NaiveDate>,
    /// The Canon contract number.
    pub contract_number: Option<String>,
    /// The Canon serial number of the device.
    pub serial_number: Option<String>,
    /// The Canon customer number.
    pub customer_number: Option<String>,
    /// The new purchase-order number.
    pub po_number: Option<String>,
    /// The address the device moves to.
    pub new_address: Option<String>,
    /// The new postal or email address for invoices.
    pub new_invoice_address: Option<String>,
    /// The role email address invoices should go to.
    pub invoice_email: Option<String>,
    /// The file name of the attached K-bis.
    pub kbis_document: Option<String>,
    /// The file name of the attached meter-reading page.
    pub meter_reading_page: Option<String>,
    /// The counters, as typed or as the name of the attached completed request.
    pub meter_readings: Option<String>,
}

impl RequestFacts {
    /// The value given for `identifier`, trimmed, or `None` when it is absent or blank.
    pub fn get(&self, identifier: Identifier) -> Option<&str> {
        let value = match identifier {
            Identifier::ContractNumber => &self.contract_number,
            Identifier::SerialNumber => &self.serial_number,
            Identifier::CustomerNumber => &self.customer_number,
            Identifier::PoNumber => &self.po_number,
            Identifier::NewAddress => &self.new_address,
            Identifier::NewInvoiceAddress => &self.new_invoice_address,
            Identifier::InvoiceEmail => &self.invoice_email,
            Identifier::KbisDocument => &self.kbis_document,
            Identifier::MeterReadingPage => &self.meter_reading_page,
            Identifier::MeterReadings => &self.meter_readings,
        };
        value.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }

    /// The identifiers `situation` requires that have not been given, in the
    /// catalogue's order; the wizard should not send until this is empty.
    pub fn missing(&self, situation: Situation) -> Vec<Identifier> {
        situation
            .entry()
            .identifiers
            .iter()
            .copied()
            .filter(|i| self.get(*i).is_none())
            .collect()
    }
}

/// An email ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Message {
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
}

/// Written in place of an identifier that has not been given, so a draft shown
/// before every field is filled reads as incomplete rather than silently short.
pub const MISSING: &str = "à compléter";

/// French month names, January first.
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Formats a date the way French correspondence writes it: "1er mars 2027",
/// "15 mars 2027" (the first of the month takes the ordinal "1er").
pub fn format_date_fr(date: NaiveDate) -> String {
    let month = MONTHS
        .get(date.month0() as usize)
        .copied()
        .unwrap_or_default();
    let day = if date.day() == 1 {
        "1er".to_owned()
    } else {
        date.day().to_string()
    };
    format!("{day} {month} {}", date.year())
}

/// The label of each identifier in the list the email carries.
fn label(identifier: Identifier) -> &'static str {
    match identifier {
        Identifier::ContractNumber => "Numéro de contrat Canon",
        Identifier::SerialNumber => "Numéro de série Canon",
        Identifier::CustomerNumber => "Numéro de client Canon",
        Identifier::PoNumber => "Nouveau numéro de commande",
        Identifier::NewAddress => "Nouvelle adresse d'installation",
        Identifier::NewInvoiceAddress => "Nouvelle adresse de réception des factures",
        Identifier::InvoiceEmail => "Adresse e-mail de réception des factures",
        Identifier::KbisDocument => "Extrait K-bis de la nouvelle entité (pièce jointe)",
        Identifier::MeterReadingPage => "Page des relevés compteurs (pièce jointe)",
        Identifier::MeterReadings => "Relevés compteurs",
    }
}

/// How a counter is named in the French letter: the wording of Canon France's
/// invoices for the counters the app knows, the key itself for any other.
pub fn counter_label(counter: &str) -> &str {
    match counter {
        "black" => "Noir et blanc",
        "colour" => "Couleur",
        "large_format" => "Grand format (m²)",
        "total" => "Total",
        other => other,
    }
}

/// One counter's line in the letter: `Couleur\u{a0}: 12345`, with the non-breaking
/// space French puts before a colon.
pub fn counter_line(counter: &str, value: i64) -> String {
    format!("{}\u{a0}: {value}", counter_label(counter))
}

/// Identifiers worth adding when the user has them, though the situation does not
/// require them: they help Canon find the account at once.
const CONTEXT: [Identifier; 3] = [
    Identifier::SerialNumber,
    Identifier::ContractNumber,
    Identifier::CustomerNumber,
];

/// The identifiers the message lists: the required ones, then the optional and
/// context ones the user gave. Translations list the same ones in the same order.
pub fn shown_identifiers(situation: Situation, facts: &RequestFacts) -> Vec<Identifier> {
    let entry = situation.entry();
    let mut shown: Vec<Identifier> = entry.identifiers.to_vec();
    let extra = entry.optional_identifiers.iter().chain(CONTEXT.iter());
    for identifier in extra {
        if facts.get(*identifier).is_some() && !shown.contains(identifier) {
            shown.push(*identifier);
        }
    }
    shown
}

/// The bulleted list of identifiers (required ones marked [`MISSING`] when absent).
fn identifier_list(situation: Situation, facts: &RequestFacts) -> String {
    shown_identifiers(situation, facts)
        .into_iter()
        .map(|i| format!("- {} : {}", label(i), facts.get(i).unwrap_or(MISSING)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Composes the email to Canon France for `situation`, or `None` when the situation
/// is not handled by email (phone-only situations and the bank-details check).
pub fn compose(situation: Situation, facts: &RequestFacts) -> Option<Message> {
    situation.entry().email_recipient()?;
    let serial = facts.get(Identifier::SerialNumber).unwrap_or(MISSING);
    let date = facts.effective_date.map(format_date_fr);
    let (subject, intro, closing) = match situation {
        Situation::MoveDevice => (
            format!("Demande de devis pour le déménagement d'un matériel (n° de série {serial})"),
            format!(
                "Nous prévoyons de déménager le matériel Canon ci-dessous et souhaitons que Canon assure ce transfert. \
                 Pourriez-vous nous adresser un devis pour cette prestation ?{}",
                date.map(|d| format!(" Le déménagement est envisagé à partir du {d}.")).unwrap_or_default()
            ),
            "Nous restons à votre disposition pour convenir d'une date d'intervention.",
        ),
        Situation::DisposeOwnedDevice => (
            format!("Fin d'utilisation d'un matériel nous appartenant (n° de série {serial})"),
            format!(
                "Nous nous séparons du matériel Canon ci-dessous, dont nous sommes propriétaires{}. \
                 Vous trouverez en pièce jointe la page des relevés compteurs, afin d'arrêter la facturation \
                 des pages (solde de copies) et de clôturer le contrat de maintenance.",
                date.map(|d| format!(", à compter du {d}")).unwrap_or_default()
            ),
            "Merci de nous confirmer la bonne prise en compte de cette demande.",
        ),
        Situation::ChangeBillingEntity => (
            format!("Changement d'entité de facturation (n° de série {serial})"),
            format!(
                "À la suite d'une reprise ou d'une cession de notre activité, les factures du matériel ci-dessous \
                 devront être établies au nom de la nouvelle entité{}. Vous trouverez son extrait K-bis en pièce jointe.",
                date.map(|d| format!(" à compter du {d}")).unwrap_or_default()
            ),
            "N'hésitez pas à nous indiquer si d'autres éléments vous sont nécessaires.",
        ),
        Situation::TerminateContract => (
            format!("Résiliation de contrat : demande des modalités (n° de série {serial})"),
            format!(
                "Nous envisageons de résilier le contrat du matériel ci-dessous{}. Pourriez-vous nous indiquer les \
                 modalités : reprise du matériel, dernière facture (solde de copies) et, le cas échéant, montant restant à régler ?",
                date.map(|d| format!(", avec effet au {d}")).unwrap_or_default()
            ),
            "Nous vous remercions par avance de votre retour.",
        ),
        Situation::AnswerMeterReadingRequest => (
            match facts.get(Identifier::SerialNumber) {
                Some(serial) => format!("Relevés compteurs en réponse à votre demande (n° de série {serial})"),
                None => "Relevés compteurs en réponse à votre demande".to_owned(),
            },
            "En réponse à votre demande de relevés compteurs, voici les relevés de notre matériel, \
             afin que la facturation soit établie sur la consommation réelle."
                .to_owned(),
            "Merci de nous confirmer leur bonne réception.",
        ),
        Situation::EnableAutomaticMeters => (
            format!("Mise en place de la transmission automatique des compteurs (n° de série {serial})"),
            "Nous souhaitons que le matériel ci-dessous transmette ses compteurs automatiquement, afin d'être \
             facturés sur la consommation réelle sans relevé manuel. Pourriez-vous nous indiquer comment mettre \
             en place cette transmission ?"
                .to_owned(),
            "Nous vous remercions par avance de votre aide.",
        ),
        // The catalogue gives these no email channel, so the early return above
        // already left; listing them keeps the match exhaustive for new situations.
        Situation::ChangePoNumber
        | Situation::ChangeInvoiceAddress
        | Situation::InvoicesByEmail
        | Situation::VerifyBankDetails => return None,
    };
    let signature: Vec<&str> = [facts.contact_name.trim(), facts.organisation.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let body = format!(
        "Bonjour,\n\n{intro}\n\n{}\n\n{closing}\n\nCordialement,\n{}\n",
        identifier_list(situation, facts),
        signature.join("\n")
    );
    Some(Message { subject, body })
}

#[cfg(test)]
#[path = "email_fr_tests.rs"]
pub(crate) mod tests;
