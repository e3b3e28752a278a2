//! Canon Professional Services (CPS): points, levels and product registration.
//!
//! The CPS guide (DOMAIN.md, section B) states only a few numbers: an account is
//! invited at 500 points, every standard level is open at 2,000 points, and the
//! Corporate level is added above 2,500 points. The points each product earns and
//! the thresholds of the individual levels below 2,000 are not stated, so they are
//! parameters the user enters ([`LevelThresholds`], the points of each product) and
//! are never invented here; where they are unknown the answer says "unknown".

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The minimum points for an invitation to CPS.
pub const MIN_POINTS_FOR_INVITATION: u32 = 500;
/// From this many points every standard level (Silver, Gold, Platinum) is open.
pub const POINTS_ALL_STANDARD_LEVELS: u32 = 2_000;
/// Corporate is open to accounts with strictly more than this many points.
pub const POINTS_ABOVE_FOR_CORPORATE: u32 = 2_500;
/// Canon creates and validates a Business account within this many business days.
pub const ACCOUNT_VALIDATION_BUSINESS_DAYS: u32 = 2;
/// The sender of the password-reset email that says the account is ready.
pub const ACCOUNT_READY_SENDER: &str = "donotreply@canon-europe.com";

/// A CPS membership level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Silver.
    Silver,
    /// Gold.
    Gold,
    /// Platinum.
    Platinum,
    /// Corporate, open above 2,500 points.
    Corporate,
}

impl Level {
    /// Every level, in the order the CPS guide names them.
    pub const ALL: [Level; 4] = [
        Level::Silver,
        Level::Gold,
        Level::Platinum,
        Level::Corporate,
    ];
}

/// The points from which Silver, Gold and Platinum open, as the user read them in
/// their CPS dashboard; `None` where not known. Corporate has no entry: its rule
/// (more than 2,500 points) is in the source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LevelThresholds {
    /// Points from which Silver is open.
    pub silver: Option<u32>,
    /// Points from which Gold is open.
    pub gold: Option<u32>,
    /// Points from which Platinum is open.
    pub platinum: Option<u32>,
}

impl LevelThresholds {
    /// Checks the entered thresholds against what the source does say: no level
    /// opens before the 500-point invitation, and every one is open at 2,000.
    pub fn validate(&self) -> Result<()> {
        let fields = [
            ("silver_threshold", self.silver),
            ("gold_threshold", self.gold),
            ("platinum_threshold", self.platinum),
        ];
        for (field, value) in fields {
            if let Some(points) = value {
                if !(MIN_POINTS_FOR_INVITATION..=POINTS_ALL_STANDARD_LEVELS).contains(&points) {
                    return Err(Error::Invalid {
                        field,
                        reason: format!(
                            "{points} is outside {MIN_POINTS_FOR_INVITATION}..={POINTS_ALL_STANDARD_LEVELS}, \
                             the range the CPS guide allows"
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// The entered threshold of a standard level; `None` for Corporate or when unknown.
    fn of(&self, level: Level) -> Option<u32> {
        match level {
            Level::Silver => self.silver,
            Level::Gold => self.gold,
            Level::Platinum => self.platinum,
            Level::Corporate => None,
        }
    }
}

/// Whether a level can be chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// The level can be chosen.
    Open,
    /// The account does not have the points for it.
    Closed,
    /// Its threshold is not known, and the points are between the invitation and
    /// 2,000, where the source does not say.
    Unknown,
}

/// One level and whether it can be chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LevelOption {
    /// The level.
    pub level: Level,
    /// Whether it can be chosen.
    pub availability: Availability,
}

/// Where an account stands for CPS with a given number of points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Standing {
    /// The confirmed points.
    pub points: u32,
    /// Whether the account has the points to be invited.
    pub invited: bool,
    /// Points still needed for the invitation; 0 once invited.
    pub points_to_invitation: u32,
    /// Every level, in [`Level::ALL`] order, with its availability.
    pub levels: Vec<LevelOption>,
}

/// Where an account with `points` confirmed points stands, given the thresholds
/// the user entered.
pub fn standing(points: u32, thresholds: &LevelThresholds) -> Standing {
    let invited = points >= MIN_POINTS_FOR_INVITATION;
    let availability = |level: Level| {
        if !invited {
            return Availability::Closed;
        }
        if level == Level::Corporate {
            return if points > POINTS_ABOVE_FOR_CORPORATE {
                Availability::Open
            } else {
                Availability::Closed
            };
        }
        if points >= POINTS_ALL_STANDARD_LEVELS {
            return Availability::Open;
        }
        match thresholds.of(level) {
            Some(t) if points >= t => Availability::Open,
            Some(_) => Availability::Closed,
            None => Availability::Unknown,
        }
    };
    Standing {
        points,
        invited,
        points_to_invitation: MIN_POINTS_FOR_INVITATION.saturating_sub(points),
        levels: Level::ALL
            .into_iter()
            .map(|level| LevelOption {
                level,
                availability: availability(level),
            })
            .collect(),
    }
}

/// A registration detail CPS needs before it confirms a product's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationField {
    /// The product's serial number.
    SerialNumber,
    /// The purchase date (a best guess is accepted).
    PurchaseDate,
    /// The country of purchase.
    CountryOfPurchase,
    /// The dealer it was bought from.
    Dealer,
}

/// A product as registered in "My products", with the points the user says it earns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProductRegistration {
    /// The serial number.
    pub serial_number: Option<String>,
    /// The purchase date.
    pub purchase_date: Option<NaiveDate>,
    /// The country of purchase.
    pub country_of_purchase: Option<String>,
    /// The dealer.
    pub dealer: Option<String>,
    /// The points the product earns, as entered by the user; `None` when unknown.
    pub points: Option<u32>,
}

impl ProductRegistration {
    /// The mandatory details still missing; blank text counts as missing.
    pub fn missing(&self) -> Vec<RegistrationField> {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|v| v.trim().is_empty());
        let mut missing = Vec::new();
        if blank(&self.serial_number) {
            missing.push(RegistrationField::SerialNumber);
        }
        if self.purchase_date.is_none() {
            missing.push(RegistrationField::PurchaseDate);
        }
        if blank(&self.country_of_purchase) {
            missing.push(RegistrationField::CountryOfPurchase);
        }
        if blank(&self.dealer) {
            missing.push(RegistrationField::Dealer);
        }
        missing
    }

    /// Whether every mandatory detail is there, which is what CPS's green tick shows.
    pub fn has_green_tick(&self) -> bool {
        self.missing().is_empty()
    }
}

/// The points CPS confirms for these products: the entered points of each product
/// with a complete registration. Products without a green tick, or whose points are
/// unknown, add nothing, so the total never overstates the account.
pub fn confirmed_points(products: &[ProductRegistration]) -> u32 {
    products
        .iter()
        .filter(|p| p.has_green_tick())
        .filter_map(|p| p.points)
        .fold(0, u32::saturating_add)
}

/// Where the Business account stands. Each step is dated in the record; the state
/// is the furthest step reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    /// The account was requested on the online form; Canon is creating it.
    Requested,
    /// The email from donotreply@canon-europe.com arrived: the account exists.
    Validated,
    /// The user set the new password: the account can be used.
    PasswordSet,
}

/// The dates of the Business account's steps, as the user recorded them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AccountSteps {
    /// The day the account was requested.
    pub requested_on: NaiveDate,
    /// The day Canon's email said the account is ready.
    pub validated_on: Option<NaiveDate>,
    /// The day the new password was set.
    pub password_set_on: Option<NaiveDate>,
}

impl AccountSteps {
    /// The furthest step reached.
    pub fn state(&self) -> AccountState {
        match (self.validated_on, self.password_set_on) {
            (_, Some(_)) => AccountState::PasswordSet,
            (Some(_), None) => AccountState::Validated,
            (None, None) => AccountState::Requested,
        }
    }

    /// Checks that the steps come in order: a step dated before the one it follows,
    /// or a password set before the account was validated, is a typing mistake.
    pub fn validate(&self) -> Result<()> {
        if let Some(validated) = self.validated_on {
            if validated < self.requested_on {
                return Err(Error::Invalid {
                    field: "validated_on",
                    reason: "the account cannot be validated before it was requested".into(),
                });
            }
        }
        match (self.validated_on, self.password_set_on) {
            (None, Some(_)) => Err(Error::Invalid {
                field: "password_set_on",
                reason: "the password is set only after Canon's email".into(),
            }),
            (Some(validated), Some(set)) if set < validated => Err(Error::Invalid {
                field: "password_set_on",
                reason: "the password cannot be set before the account was validated".into(),
            }),
            _ => Ok(()),
        }
    }
}

/// The day Canon's email is expected: [`ACCOUNT_VALIDATION_BUSINESS_DAYS`] business
/// days after the request (a request on Friday 27 November 2026 is expected by
/// Tuesday 1 December 2026).
pub fn expected_validation(requested_on: NaiveDate) -> Result<NaiveDate> {
    crate::business_days::add_business_days(requested_on, ACCOUNT_VALIDATION_BUSINESS_DAYS)
}

/// A document that proves the business to Canon when the account is requested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ProofDocument {
    /// With a VAT number: the VAT registration certificate.
    VatCertificate,
    /// With a VAT number: a commercial invoice showing the VAT number and company name.
    CommercialInvoice,
    /// Without a VAT number: a company invoice showing the name and address.
    CompanyInvoice,
    /// Without a VAT number: a business or professional licence.
    BusinessLicence,
    /// Without a VAT number: a chamber-of-commerce registration certificate.
    ChamberOfCommerceCertificate,
}

impl ProofDocument {
    /// The documents accepted with a VAT number (either one).
    pub const WITH_VAT: [ProofDocument; 2] = [
        ProofDocument::VatCertificate,
        ProofDocument::CommercialInvoice,
    ];
    /// The documents accepted without a VAT number (one of them).
    pub const WITHOUT_VAT: [ProofDocument; 3] = [
        ProofDocument::CompanyInvoice,
        ProofDocument::BusinessLicence,
        ProofDocument::ChamberOfCommerceCertificate,
    ];

    /// The documents Canon accepts for a business with or without a VAT number.
    pub fn accepted(has_vat: bool) -> &'static [ProofDocument] {
        if has_vat {
            &Self::WITH_VAT
        } else {
            &Self::WITHOUT_VAT
        }
    }

    /// Fails when this document is not one Canon asks for in the business's case
    /// (a licence from a business that has a VAT number, say).
    pub fn check(self, has_vat: bool) -> Result<()> {
        if Self::accepted(has_vat).contains(&self) {
            Ok(())
        } else {
            Err(Error::Invalid {
                field: "proof_kind",
                reason: format!(
                    "{self:?} is not a proof Canon asks for {} a VAT number",
                    if has_vat { "with" } else { "without" }
                ),
            })
        }
    }

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ProofDocument::VatCertificate => "vat_certificate",
            ProofDocument::CommercialInvoice => "commercial_invoice",
            ProofDocument::CompanyInvoice => "company_invoice",
            ProofDocument::BusinessLicence => "business_licence",
            ProofDocument::ChamberOfCommerceCertificate => "chamber_of_commerce_certificate",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::WITH_VAT
            .into_iter()
            .chain(Self::WITHOUT_VAT)
            .find(|d| d.as_str() == s)
    }
}

/// Where a product stands in "My products".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ProductRegistrationState {
    /// Not registered in the new Business account yet.
    NotRegistered,
    /// Registered by hand in "My products".
    Registered,
    /// Migrated from the old CPS account with the "migrate products" button.
    Migrated,
}

impl ProductRegistrationState {
    /// Every value.
    pub const ALL: [ProductRegistrationState; 3] = [
        ProductRegistrationState::NotRegistered,
        ProductRegistrationState::Registered,
        ProductRegistrationState::Migrated,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductRegistrationState::NotRegistered => "not_registered",
            ProductRegistrationState::Registered => "registered",
            ProductRegistrationState::Migrated => "migrated",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Sorts products so that what keeps points away comes first: the most missing
/// details first, then those whose points are unknown, then the complete ones; ties
/// keep their order (callers pass them by serial number).
pub fn blockers_first<T>(products: &mut [T], registration: impl Fn(&T) -> ProductRegistration) {
    products.sort_by_key(|p| {
        let r = registration(p);
        let missing = r.missing().len();
        (
            std::cmp::Reverse(missing),
            missing == 0 && r.points.is_some(),
        )
    });
}

/// What the next step needs: the points still missing for the invitation, then for
/// the nearest level that is not open and whose threshold is known (2,000 for every
/// standard level, 2,501 for Corporate). `None` once every level is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NextStep {
    /// The points the next step opens at.
    pub at_points: u32,
    /// How many more points it needs.
    pub points_needed: u32,
    /// The levels it opens (empty for the invitation alone).
    pub opens: Vec<Level>,
}

/// The next step for an account with `points`, given the entered thresholds.
pub fn next_step(points: u32, thresholds: &LevelThresholds) -> Option<NextStep> {
    let now = standing(points, thresholds);
    // Candidate points where something opens: the invitation, each entered
    // threshold, 2,000 and 2,501; the nearest above `points` that changes anything.
    let mut candidates = vec![
        MIN_POINTS_FOR_INVITATION,
        POINTS_ALL_STANDARD_LEVELS,
        POINTS_ABOVE_FOR_CORPORATE + 1,
    ];
    candidates.extend(
        [thresholds.silver, thresholds.gold, thresholds.platinum]
            .into_iter()
            .flatten(),
    );
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .filter(|c| *c > points)
        .find_map(|at| {
            let then = standing(at, thresholds);
            let opens: Vec<Level> = then
                .levels
                .iter()
                .zip(now.levels.iter())
                .filter(|(t, n)| {
                    t.availability == Availability::Open && n.availability != Availability::Open
                })
                .map(|(t, _)| t.level)
                .collect();
            (!opens.is_empty() || (then.invited && !now.invited)).then_some(NextStep {
                at_points: at,
                points_needed: at - points,
                opens,
            })
        })
}

#[cfg(test)]
#[path = "cps_tests.rs"]
mod tests;
