//! The catalogue of Canon France's billing situations, as data.
//!
//! Each of the ten situations of the billing sheet (DOMAIN.md, section A) is one
//! [`Entry`]: its lead time, the identifiers Canon needs and the channels by which
//! Canon is told. One wizard engine and one interface component render every entry,
//! so adding a situation is adding a row here, not writing a screen.

use serde::{Deserialize, Serialize};

use crate::phone::{self, PhoneLine};

/// Canon France's case-management address for requests such as moving a device.
pub const CASE_MGT_EMAIL: &str = "CaseMgt_AutresDemandes@cf.canon.fr";
/// Canon's support address for setting up automatic meter transmission.
pub const SUPPORT_EMAIL: &str = "fr@support.canon-europe.com";
/// Where remittance advice for bank transfers goes, as printed on Canon France's invoices.
pub const REMITTANCE_EMAIL: &str = "ar.france@canon-europe.com";
/// The bank Canon France has used for transfers since [`BANK_SINCE_YEAR`].
pub const BANK_NAME: &str = "Deutsche Bank";
/// The first four characters (the bank code) of [`BANK_NAME`]'s BICs.
pub const BANK_BIC_PREFIX: &str = "DEUT";
/// The year Canon France's transfers moved to [`BANK_NAME`].
pub const BANK_SINCE_YEAR: i32 = 2017;
/// The date of the billing sheet the catalogue is drawn from, as (year, month).
pub const SHEET_DATE: (i32, u32) = (2022, 12);
/// The phone line of the phone-channel situations.
pub const PHONE_LINE: PhoneLine = phone::CANON_FRANCE;

/// The ten billing situations, named as they are stored and sent over IPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// 1. The purchase-order number changes for a new period.
    ChangePoNumber,
    /// 2. A device moves to another address (Canon quotes, then moves it).
    MoveDevice,
    /// 3. The customer parts with a device it owns.
    DisposeOwnedDevice,
    /// 4. Another entity will be billed (takeover or sale of the business).
    ChangeBillingEntity,
    /// 5. The customer terminates the contract.
    TerminateContract,
    /// 6. The postal or email address invoices are sent to changes.
    ChangeInvoiceAddress,
    /// 7. The customer wants invoices by email.
    InvoicesByEmail,
    /// 8. Canon asks for meter readings.
    AnswerMeterReadingRequest,
    /// 9. The customer wants the device to send its counters automatically.
    EnableAutomaticMeters,
    /// 10. The customer checks Canon France's bank details (a check, not a request).
    VerifyBankDetails,
}

impl Situation {
    /// Every situation, in the sheet's numbering order.
    pub const ALL: [Situation; 10] = [
        Situation::ChangePoNumber,
        Situation::MoveDevice,
        Situation::DisposeOwnedDevice,
        Situation::ChangeBillingEntity,
        Situation::TerminateContract,
        Situation::ChangeInvoiceAddress,
        Situation::InvoicesByEmail,
        Situation::AnswerMeterReadingRequest,
        Situation::EnableAutomaticMeters,
        Situation::VerifyBankDetails,
    ];

    /// The stable name stored in the database and used over IPC (the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Situation::ChangePoNumber => "change_po_number",
            Situation::MoveDevice => "move_device",
            Situation::DisposeOwnedDevice => "dispose_owned_device",
            Situation::ChangeBillingEntity => "change_billing_entity",
            Situation::TerminateContract => "terminate_contract",
            Situation::ChangeInvoiceAddress => "change_invoice_address",
            Situation::InvoicesByEmail => "invoices_by_email",
            Situation::AnswerMeterReadingRequest => "answer_meter_reading_request",
            Situation::EnableAutomaticMeters => "enable_automatic_meters",
            Situation::VerifyBankDetails => "verify_bank_details",
        }
    }

    /// Parses the stable name back; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The situation's number in DOMAIN.md's table, 1 to 10.
    pub fn number(self) -> u8 {
        self.entry().number
    }

    /// The catalogue row of this situation.
    pub fn entry(self) -> &'static Entry {
        // CATALOGUE is in the same order as ALL; a test holds that to be true.
        &CATALOGUE[self as usize]
    }
}

/// When Canon must be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LeadTime {
    /// The sheet states no lead time.
    None,
    /// At least one month before the change takes effect (see [`crate::lead_time`]).
    OneMonthBefore,
    /// By the date written on Canon's request.
    ByRequestDate,
}

/// A piece of information Canon needs to handle a situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Identifier {
    /// The Canon contract number, printed on invoices.
    ContractNumber,
    /// The Canon serial number, on the device and on invoices.
    SerialNumber,
    /// The Canon customer number, printed on invoices.
    CustomerNumber,
    /// The new purchase-order number, from the customer's own purchasing.
    PoNumber,
    /// The address the device moves to.
    NewAddress,
    /// The address the device stands at now, before a move (its site in the records).
    CurrentAddress,
    /// The new postal or email address invoices are received at.
    NewInvoiceAddress,
    /// The role (non-nominative) email address invoices should go to.
    InvoiceEmail,
    /// The new entity's K-bis (French company registration extract), attached.
    KbisDocument,
    /// The legal name of the entity invoiced from now on.
    NewEntityName,
    /// The SIRET of the entity invoiced from now on.
    NewEntitySiret,
    /// The address of the entity invoiced from now on, to put on its invoices.
    NewEntityAddress,
    /// The page of the device's meter readings, attached.
    MeterReadingPage,
    /// Canon's meter-reading request, completed with the counters.
    MeterReadings,
}

impl Identifier {
    /// Whether the identifier is a document to attach rather than a value to type.
    pub fn is_attachment(self) -> bool {
        matches!(
            self,
            Identifier::KbisDocument | Identifier::MeterReadingPage | Identifier::MeterReadings
        )
    }

    /// Whether the sheet says the value is printed on Canon's invoices, so the
    /// interface can tell the user where to look.
    pub fn printed_on_invoices(self) -> bool {
        matches!(
            self,
            Identifier::ContractNumber | Identifier::SerialNumber | Identifier::CustomerNumber
        )
    }
}

/// Who an email goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, specta::Type)]
#[serde(tag = "kind", content = "address", rename_all = "snake_case")]
pub enum Recipient {
    /// A Canon address given on the sheet.
    Fixed(&'static str),
    /// The customer's Canon sales contact, whose address the user records.
    SalesContact,
    /// The address written on Canon's request (meter readings).
    AddressOnRequest,
}

/// A way of telling Canon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
// tauri-specta reserves the name `Channel` for its own runtime type in the bindings;
// the container name never appears in the JSON of an internally tagged enum.
#[serde(rename = "CatalogueChannel")]
pub enum Channel {
    /// A call to [`PHONE_LINE`].
    Phone,
    /// An email.
    Email {
        /// Who the email goes to.
        to: Recipient,
    },
}

/// One row of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The situation this row describes.
    pub situation: Situation,
    /// Its number in DOMAIN.md's table, 1 to 10.
    pub number: u8,
    /// When Canon must be told.
    pub lead_time: LeadTime,
    /// What Canon must be given.
    pub identifiers: &'static [Identifier],
    /// What is worth giving when the user has it, though not clearly required.
    pub optional_identifiers: &'static [Identifier],
    /// The ways Canon may be told, any one of which will do; empty for a check.
    pub channels: &'static [Channel],
    /// Whether Canon quotes first, so the user should plan ahead though no lead time is stated.
    pub quote_first: bool,
}

impl Entry {
    /// Whether this is a check the user makes rather than a request to Canon.
    pub fn is_check(&self) -> bool {
        self.channels.is_empty()
    }

    /// The email recipient, if the situation can be handled by email.
    pub fn email_recipient(&self) -> Option<Recipient> {
        self.channels.iter().find_map(|c| match c {
            Channel::Email { to } => Some(*to),
            Channel::Phone => None,
        })
    }
}

use Identifier as I;

/// A shorthand for the rows below.
const fn row(
    situation: Situation,
    lead_time: LeadTime,
    identifiers: &'static [Identifier],
    channels: &'static [Channel],
) -> Entry {
    Entry {
        situation,
        number: situation as u8 + 1,
        lead_time,
        identifiers,
        optional_identifiers: &[],
        channels,
        quote_first: false,
    }
}

/// Every situation's row, in the sheet's order (the order of [`Situation::ALL`]).
pub const CATALOGUE: [Entry; 10] = [
    row(
        Situation::ChangePoNumber,
        LeadTime::OneMonthBefore,
        &[I::ContractNumber, I::PoNumber],
        &[Channel::Phone],
    ),
    // Canon finds the device by its serial number, but the case handler quotes the
    // move from where it stands now to where it goes.
    Entry {
        quote_first: true,
        ..row(
            Situation::MoveDevice,
            LeadTime::None,
            &[I::SerialNumber, I::CurrentAddress, I::NewAddress],
            &[Channel::Email {
                to: Recipient::Fixed(CASE_MGT_EMAIL),
            }],
        )
    },
    row(
        Situation::DisposeOwnedDevice,
        LeadTime::None,
        &[I::SerialNumber, I::MeterReadingPage],
        &[
            Channel::Phone,
            Channel::Email {
                to: Recipient::SalesContact,
            },
        ],
    ),
    // The sheet asks for the K-bis; the letter also names the new entity, so the
    // case handler need not open the attachment to know who to invoice.
    Entry {
        optional_identifiers: &[I::NewEntitySiret, I::NewEntityAddress],
        ..row(
            Situation::ChangeBillingEntity,
            LeadTime::OneMonthBefore,
            &[I::SerialNumber, I::NewEntityName, I::KbisDocument],
            &[Channel::Email {
                to: Recipient::SalesContact,
            }],
        )
    },
    row(
        Situation::TerminateContract,
        LeadTime::None,
        &[I::SerialNumber],
        &[Channel::Email {
            to: Recipient::SalesContact,
        }],
    ),
    row(
        Situation::ChangeInvoiceAddress,
        LeadTime::OneMonthBefore,
        &[I::CustomerNumber, I::NewInvoiceAddress],
        &[Channel::Phone],
    ),
    // The sheet's row also lists "new PO number", most likely repeated from row 1; it
    // is asked for when the user has one rather than required.
    Entry {
        optional_identifiers: &[I::PoNumber],
        ..row(
            Situation::InvoicesByEmail,
            LeadTime::OneMonthBefore,
            &[I::ContractNumber, I::InvoiceEmail],
            &[Channel::Phone],
        )
    },
    // The sheet asks only for the completed request; counters typed into a letter do
    // not say which device they were read on, so the serial number goes with them.
    row(
        Situation::AnswerMeterReadingRequest,
        LeadTime::ByRequestDate,
        &[I::SerialNumber, I::MeterReadings],
        &[Channel::Email {
            to: Recipient::AddressOnRequest,
        }],
    ),
    row(
        Situation::EnableAutomaticMeters,
        LeadTime::None,
        &[I::SerialNumber],
        &[Channel::Email {
            to: Recipient::Fixed(SUPPORT_EMAIL),
        }],
    ),
    row(Situation::VerifyBankDetails, LeadTime::None, &[], &[]),
];

#[cfg(test)]
#[path = "catalogue_tests.rs"]
mod tests;
