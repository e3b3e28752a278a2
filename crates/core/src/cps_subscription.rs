//! The CPS subscription: level prices, the checkout the portal's review page asks
//! for, what each choice causes, and membership numbers.
//!
//! The app cannot buy anything on Canon's portal: it mirrors the review page so the
//! user sees, one sentence each, what their choices will cause before they go there,
//! and records what the portal gave back (invoice, membership). The only price the
//! CPS guide shows is its example, Silver at GBP 85 a year excluding VAT; every other
//! price is what the user enters from the portal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::cps::{Availability, Level, Standing};
use crate::{Error, Result};

/// The guide's example price: Silver, GBP 85.00 a year excluding VAT. Shown as the
/// guide's example, never as Canon's current price.
pub const GUIDE_EXAMPLE: (Level, i64, &str) = (Level::Silver, 8_500, "GBP");

/// Longest purchase-order number accepted; the guide's example is `eg-0123456789`.
const PO_MAX_LEN: usize = 50;
/// Longest membership number accepted; the guide's example is `151335488`.
const MEMBERSHIP_MAX_LEN: usize = 32;

/// How the subscription continues after its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionType {
    /// Renews by itself each year (the portal's default).
    AutoRenewal,
    /// Ends at expiry unless renewed by hand.
    OneOff,
}

impl SubscriptionType {
    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriptionType::AutoRenewal => "auto_renewal",
            SubscriptionType::OneOff => "one_off",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        [SubscriptionType::AutoRenewal, SubscriptionType::OneOff]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// How the subscription is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Card: authorised for zero today, charged on the invoice's due date.
    Card,
    /// Bank transfer: the user pays by the invoice's due date; bank charges may apply.
    BankTransfer,
}

impl PaymentMethod {
    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Card => "card",
            PaymentMethod::BankTransfer => "bank_transfer",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        [PaymentMethod::Card, PaymentMethod::BankTransfer]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

impl Level {
    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Silver => "silver",
            Level::Gold => "gold",
            Level::Platinum => "platinum",
            Level::Corporate => "corporate",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        Level::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The level's name as Canon writes it (a proper name, the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            Level::Silver => "Silver",
            Level::Gold => "Gold",
            Level::Platinum => "Platinum",
            Level::Corporate => "Corporate",
        }
    }
}

/// A yearly price excluding VAT, in minor units (pence, cents) of an ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Price {
    /// The amount in minor units: 8500 is 85.00.
    pub amount_minor: i64,
    /// The ISO 4217 code, upper case (GBP, EUR, CHF...).
    pub currency: String,
}

impl Price {
    /// Checks and normalises a price as typed: a positive amount and a three-letter
    /// currency code (upper-cased).
    pub fn new(amount_minor: i64, currency: &str) -> Result<Price> {
        if amount_minor <= 0 {
            return Err(Error::Invalid {
                field: "price",
                reason: "a yearly price must be above zero".into(),
            });
        }
        let currency = currency.trim().to_ascii_uppercase();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::Invalid {
                field: "currency",
                reason: format!("{currency:?} is not a three-letter currency code"),
            });
        }
        Ok(Price {
            amount_minor,
            currency,
        })
    }
}

/// Where a price in the level table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PriceSource {
    /// The CPS guide's example (Silver, GBP 85): an illustration, not a quote.
    GuideExample,
    /// Entered by the user from the portal.
    User,
}

impl PriceSource {
    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            PriceSource::GuideExample => "guide_example",
            PriceSource::User => "user",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        [PriceSource::GuideExample, PriceSource::User]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A purchase-order number as typed: trimmed; blank is none. At most 50 characters
/// and no control characters (the portal's example is `eg-0123456789`; its format is
/// the customer's own, so nothing more is asked).
pub fn clean_po_number(input: Option<&str>) -> Result<Option<String>> {
    let Some(po) = input.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    if po.chars().count() > PO_MAX_LEN || po.chars().any(char::is_control) {
        return Err(Error::Invalid {
            field: "po_number",
            reason: format!("at most {PO_MAX_LEN} characters on one line"),
        });
    }
    Ok(Some(po.to_owned()))
}

/// What the user chose on the review page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutChoice {
    /// The level bought.
    pub level: Level,
    /// Its yearly price excluding VAT, as the portal shows it.
    pub price: Price,
    /// Auto-renewal or one-off.
    pub subscription: SubscriptionType,
    /// The optional purchase-order number printed on the invoice.
    pub po_number: Option<String>,
    /// Whether the CPS Terms & Conditions are accepted (the portal requires it).
    pub terms_accepted: bool,
    /// Card or bank transfer.
    pub payment: PaymentMethod,
}

/// One consequence of the choices, shown as one sentence before the portal opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Consequence {
    /// The card is authorised for a zero amount today.
    CardAuthorisedZeroToday,
    /// The fee is charged to the card on the invoice's due date, usually within 30 days.
    CardChargedOnDueDate,
    /// The bank may add charges to a transfer.
    TransferBankCharges,
    /// The transfer must be made by the invoice's due date.
    TransferPayByDueDate,
    /// The membership renews each year by itself; changeable under "Manage subscription".
    RenewsAutomatically,
    /// The membership ends at expiry unless renewed; changeable under "Manage subscription".
    EndsAtExpiry,
    /// The purchase-order number will be on the invoice.
    PoOnInvoice,
    /// The invoice arrives by email within a few hours.
    InvoiceWithinHours,
    /// The membership can be used as soon as it is bought, under a new number.
    UsableAtOnceNewNumber,
}

/// The review of a checkout, ready to go to the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    /// The checked choice (PO trimmed).
    pub choice: CheckoutChoice,
    /// What it causes, in the order the interface shows it.
    pub consequences: Vec<Consequence>,
}

/// Checks the review page's choices the way the portal does, and says what they
/// cause. Refused: the Terms & Conditions not accepted (the portal's PURCHASE needs
/// them), a level the account's points keep closed, a bad price or PO number.
pub fn review(choice: &CheckoutChoice, standing: &Standing) -> Result<Review> {
    let closed = standing
        .levels
        .iter()
        .any(|o| o.level == choice.level && o.availability == Availability::Closed);
    if closed {
        return Err(Error::Invalid {
            field: "level",
            reason: format!(
                "{} is not open with {} points",
                choice.level.name(),
                standing.points
            ),
        });
    }
    let price = Price::new(choice.price.amount_minor, &choice.price.currency)?;
    let po_number = clean_po_number(choice.po_number.as_deref())?;
    if !choice.terms_accepted {
        return Err(Error::Required { field: "terms" });
    }
    let mut consequences = match choice.payment {
        PaymentMethod::Card => vec![
            Consequence::CardAuthorisedZeroToday,
            Consequence::CardChargedOnDueDate,
        ],
        PaymentMethod::BankTransfer => vec![
            Consequence::TransferBankCharges,
            Consequence::TransferPayByDueDate,
        ],
    };
    consequences.push(match choice.subscription {
        SubscriptionType::AutoRenewal => Consequence::RenewsAutomatically,
        SubscriptionType::OneOff => Consequence::EndsAtExpiry,
    });
    if po_number.is_some() {
        consequences.push(Consequence::PoOnInvoice);
    }
    consequences.push(Consequence::InvoiceWithinHours);
    consequences.push(Consequence::UsableAtOnceNewNumber);
    Ok(Review {
        choice: CheckoutChoice {
            price,
            po_number,
            ..choice.clone()
        },
        consequences,
    })
}

/// Checks the invoice's dates as typed on coming back: the due date cannot come
/// before the invoice date.
pub fn check_invoice_dates(invoice_date: NaiveDate, due_date: NaiveDate) -> Result<()> {
    if due_date < invoice_date {
        return Err(Error::Invalid {
            field: "due_date",
            reason: "the due date comes before the invoice date".into(),
        });
    }
    Ok(())
}

/// Normalises a membership number as the dashboard shows it: spaces removed, letters
/// and digits only, at most 32 characters.
pub fn normalize_membership_number(input: &str) -> Result<String> {
    let number: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if number.is_empty() {
        return Err(Error::Required {
            field: "membership_number",
        });
    }
    if number.len() > MEMBERSHIP_MAX_LEN || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::Invalid {
            field: "membership_number",
            reason: "letters and digits only, at most 32".into(),
        });
    }
    Ok(number)
}

/// What recording a membership number does to the numbers already kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberChange {
    /// It is the current number: the membership's other details are updated in place.
    Same,
    /// There was no membership: it is the first.
    First,
    /// A new number: the current one is kept, marked superseded by the new one.
    Supersedes {
        /// The number that stops being current.
        old: String,
    },
}

/// What recording `new` does, given the current number and those already superseded.
/// A superseded number cannot come back: the CPS guide says a new membership always
/// has a new number, so an old one typed again is a mistake.
pub fn number_change(
    current: Option<&str>,
    superseded: &[String],
    new: &str,
) -> Result<NumberChange> {
    let new = normalize_membership_number(new)?;
    if superseded.contains(&new) {
        return Err(Error::Invalid {
            field: "membership_number",
            reason: format!("{new} is an earlier membership number, kept as superseded"),
        });
    }
    Ok(match current {
        None => NumberChange::First,
        Some(c) if c == new => NumberChange::Same,
        Some(c) => NumberChange::Supersedes { old: c.to_owned() },
    })
}

#[cfg(test)]
#[path = "cps_subscription_tests.rs"]
mod tests;
