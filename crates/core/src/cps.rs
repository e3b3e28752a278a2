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

#[cfg(test)]
#[path = "cps_tests.rs"]
mod tests;
