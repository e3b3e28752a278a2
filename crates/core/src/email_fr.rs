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

/// How the business passed to the entity invoiced from now on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum EntityChange {
    /// Another company takes the business over.
    Takeover,
    /// The customer sells the business to another company.
    Sale,
}

/// One counter read on the device, as the letter lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CounterValue {
    /// The counter (`black`, `colour` ...), as the device's readings name it.
    pub counter: String,
    /// What it read.
    pub value: i64,
}

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
    /// The address the device stands at now, before a move.
    pub current_address: Option<String>,
    /// The new postal or email address invoices are received at.
    pub new_invoice_address: Option<String>,
    /// The shared email address invoices should go to.
    pub invoice_email: Option<String>,
    /// The file name of the attached K-bis.
    pub kbis_document: Option<String>,
    /// The legal name of the entity invoiced from now on.
    pub new_entity_name: Option<String>,
    /// Its SIRET, when known.
    pub new_entity_siret: Option<String>,
    /// Its address for invoices, when known.
    pub new_entity_address: Option<String>,
    /// Whether the business is taken over or sold.
    pub entity_change: Option<EntityChange>,
    /// The file name of the attached meter-reading page.
    pub meter_reading_page: Option<String>,
    /// The counters, as typed or as the name of the attached completed request.
    pub meter_readings: Option<String>,
    /// The counters one by one, when they were typed counter by counter: the letter
    /// gives each its own line, named in the letter's language.
    #[serde(default)]
    pub counters: Vec<CounterValue>,
    /// The day the counters were read.
    pub read_on: Option<NaiveDate>,
    /// The person the letter greets by name (the sales contact); `None` for a shared
    /// mailbox such as case management or support, greeted "Madame, Monsieur,".
    pub addressee: Option<String>,
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
            Identifier::CurrentAddress => &self.current_address,
            Identifier::NewInvoiceAddress => &self.new_invoice_address,
            Identifier::InvoiceEmail => &self.invoice_email,
            Identifier::KbisDocument => &self.kbis_document,
            Identifier::NewEntityName => &self.new_entity_name,
            Identifier::NewEntitySiret => &self.new_entity_siret,
            Identifier::NewEntityAddress => &self.new_entity_address,
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

/// The no-break space French puts before a colon and inside « guillemets ».
pub const NBSP: char = '\u{a0}';
/// The narrow no-break space French puts before ; ! and ?.
pub const NNBSP: char = '\u{202f}';

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
        Identifier::PoNumber => "Nouveau numéro de bon de commande",
        Identifier::NewAddress => "Nouvelle adresse d’installation",
        Identifier::CurrentAddress => "Adresse d’installation actuelle",
        Identifier::NewInvoiceAddress => "Nouvelle adresse de réception des factures",
        Identifier::InvoiceEmail => "Adresse e-mail de réception des factures",
        Identifier::KbisDocument => "Extrait K-bis de la nouvelle entité (pièce jointe)",
        Identifier::NewEntityName => "Raison sociale de la nouvelle entité",
        Identifier::NewEntitySiret => "SIRET de la nouvelle entité",
        Identifier::NewEntityAddress => "Adresse de la nouvelle entité, à porter sur les factures",
        Identifier::MeterReadingPage => "Page des relevés de compteurs (pièce jointe)",
        Identifier::MeterReadings => "Relevés de compteurs",
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
    format!("{}{NBSP}: {value}", counter_label(counter))
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

/// How one language writes the list of identifiers: its labels, counter names,
/// "missing" marker, the space before a colon and the heading of the counters
/// read on a given day. French and the translations share [`identifier_lines`].
pub struct ListStyle<'a> {
    /// The label of each identifier.
    pub label: &'a dyn Fn(Identifier) -> &'static str,
    /// The name of each counter.
    pub counter: &'a dyn Fn(&str) -> &str,
    /// Written in place of a value not given.
    pub missing: &'a str,
    /// What comes before a colon: a no-break space in French, nothing in English
    /// and Italian.
    pub before_colon: &'a str,
    /// The heading of the counters read on a day, from that day written out.
    pub readings_on: &'a dyn Fn(NaiveDate) -> String,
}

/// The bulleted list of identifiers (required ones marked missing when absent);
/// counters typed one by one each stand on their own line under a heading that
/// gives the day they were read.
pub fn identifier_lines(situation: Situation, facts: &RequestFacts, style: &ListStyle) -> String {
    let colon = format!("{}:", style.before_colon);
    shown_identifiers(situation, facts)
        .into_iter()
        .map(|i| {
            if i == Identifier::MeterReadings && !facts.counters.is_empty() {
                let heading = match facts.read_on {
                    Some(day) => (style.readings_on)(day),
                    None => (style.label)(i).to_owned(),
                };
                let lines: Vec<String> = facts
                    .counters
                    .iter()
                    .map(|c| format!("  {}{colon} {}", (style.counter)(&c.counter), c.value))
                    .collect();
                return format!("- {heading}{colon}\n{}", lines.join("\n"));
            }
            let value = facts.get(i).unwrap_or(style.missing);
            format!("- {}{colon} {value}", (style.label)(i))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The French list of identifiers.
fn identifier_list(situation: Situation, facts: &RequestFacts) -> String {
    let nbsp = NBSP.to_string();
    let style = ListStyle {
        label: &label,
        counter: &counter_label,
        missing: MISSING,
        before_colon: &nbsp,
        readings_on: &|day| format!("Relevés de compteurs au {}", format_date_fr(day)),
    };
    identifier_lines(situation, facts, &style)
}

/// The greeting: the sales contact by name, a shared mailbox "Madame, Monsieur,".
fn greeting(facts: &RequestFacts) -> String {
    match facts
        .addressee
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(name) => format!("Bonjour {name},"),
        None => "Madame, Monsieur,".to_owned(),
    }
}

/// Composes the email to Canon France for `situation`, or `None` when the situation
/// is not handled by email (phone-only situations and the bank-details check).
pub fn compose(situation: Situation, facts: &RequestFacts) -> Option<Message> {
    situation.entry().email_recipient()?;
    let serial = facts.get(Identifier::SerialNumber).unwrap_or(MISSING);
    let date = facts.effective_date.map(format_date_fr);
    let (subject, intro, closing) = match situation {
        Situation::MoveDevice => (
            format!("Demande de devis pour le déménagement d’un matériel (n° de série {serial})"),
            format!(
                "Nous prévoyons de déménager le matériel Canon ci-dessous de son adresse actuelle vers une nouvelle \
                 adresse, et souhaitons que Canon assure ce transfert. Pourriez-vous nous adresser un devis pour \
                 cette prestation{NNBSP}?{}",
                date.map(|d| format!(" Le déménagement est envisagé à partir du {d}.")).unwrap_or_default()
            ),
            "Nous restons à votre disposition pour convenir d’une date d’intervention.".to_owned(),
        ),
        Situation::DisposeOwnedDevice => (
            format!(
                "Arrêt de la facturation des pages et clôture du contrat de maintenance (n° de série {serial})"
            ),
            format!(
                "Nous nous séparons du matériel Canon ci-dessous, dont nous sommes propriétaires{}. \
                 Vous trouverez en pièce jointe la page des relevés de compteurs.\n\n\
                 Pourriez-vous, de votre côté{NBSP}:\n\
                 - arrêter la facturation des pages de ce matériel, en établissant la dernière facture \
                 (solde de copies) d’après ces relevés{NNBSP};\n\
                 - clôturer son contrat de maintenance{NNBSP}?",
                date.map(|d| format!(", à compter du {d}")).unwrap_or_default()
            ),
            "Merci de nous confirmer l’arrêt de la facturation et la clôture du contrat.".to_owned(),
        ),
        Situation::ChangeBillingEntity => {
            let entity = facts.get(Identifier::NewEntityName).unwrap_or(MISSING);
            let change = match facts.entity_change {
                Some(EntityChange::Takeover) => format!("Notre activité est reprise par la société {entity}"),
                Some(EntityChange::Sale) => format!("Nous cédons notre activité à la société {entity}"),
                None => format!("Notre activité passe à la société {entity}"),
            };
            (
                format!("Changement d’entité facturée (n° de série {serial})"),
                format!(
                    "{change}. Les factures du matériel ci-dessous devront donc être établies au nom de cette \
                     nouvelle entité{}. Vous trouverez son extrait K-bis en pièce jointe et ses coordonnées \
                     ci-dessous.",
                    date.map(|d| format!(" à compter du {d}")).unwrap_or_default()
                ),
                "N’hésitez pas à nous indiquer si d’autres éléments vous sont nécessaires.".to_owned(),
            )
        }
        Situation::TerminateContract => (
            format!("Résiliation de contrat{NBSP}: demande des modalités (n° de série {serial})"),
            format!(
                "Nous envisageons de résilier le contrat du matériel ci-dessous{}. Pourriez-vous nous indiquer les \
                 modalités{NBSP}: reprise du matériel, dernière facture (solde de copies) et, le cas échéant, \
                 montant restant à régler{NNBSP}?",
                date.map(|d| format!(", avec effet au {d}")).unwrap_or_default()
            ),
            "Nous vous remercions par avance de votre retour.".to_owned(),
        ),
        Situation::AnswerMeterReadingRequest => (
            match facts.get(Identifier::SerialNumber) {
                Some(serial) => format!("Relevés de compteurs en réponse à votre demande (n° de série {serial})"),
                None => "Relevés de compteurs en réponse à votre demande".to_owned(),
            },
            "En réponse à votre demande de relevés de compteurs, voici ceux de notre matériel, \
             afin que la facturation soit établie sur la consommation réelle."
                .to_owned(),
            "Merci de nous en confirmer la bonne réception.".to_owned(),
        ),
        Situation::EnableAutomaticMeters => (
            format!("Mise en place de la transmission automatique des compteurs (n° de série {serial})"),
            format!(
                "Nous souhaitons que le matériel ci-dessous transmette ses compteurs automatiquement, afin d’être \
                 facturés sur la consommation réelle sans relevé manuel. Pourriez-vous nous indiquer comment mettre \
                 en place cette transmission{NNBSP}?"
            ),
            "Nous vous remercions par avance de votre aide.".to_owned(),
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
        "{}\n\n{intro}\n\n{}\n\n{closing}\n\nCordialement,\n{}\n",
        greeting(facts),
        identifier_list(situation, facts),
        signature.join("\n")
    );
    Some(Message { subject, body })
}

#[cfg(test)]
#[path = "email_fr_tests.rs"]
pub(crate) mod tests;
