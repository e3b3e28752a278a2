//! Canon devices: what kind they are, who owns them, how their counters reach Canon.

use serde::{Deserialize, Serialize};

use crate::{Error, Problem, Result};

/// The families of Canon equipment the app keeps a record of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DeviceKind {
    /// A single-function office printer.
    Printer,
    /// A multifunction device (print, copy, scan).
    Mfp,
    /// A digital production press.
    ProductionPress,
    /// A large-format inkjet printer.
    LargeFormat,
    /// A camera body (CPS registration).
    Camera,
    /// A lens (CPS registration).
    Lens,
}

impl DeviceKind {
    /// Every kind, in the order the interface lists them.
    pub const ALL: [DeviceKind; 6] = [
        DeviceKind::Printer,
        DeviceKind::Mfp,
        DeviceKind::ProductionPress,
        DeviceKind::LargeFormat,
        DeviceKind::Camera,
        DeviceKind::Lens,
    ];

    /// The stable name stored in the database and used over IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceKind::Printer => "printer",
            DeviceKind::Mfp => "mfp",
            DeviceKind::ProductionPress => "production_press",
            DeviceKind::LargeFormat => "large_format",
            DeviceKind::Camera => "camera",
            DeviceKind::Lens => "lens",
        }
    }

    /// Parses the stable name back; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether Canon France's billing sheet applies to this kind (office and
    /// production equipment under contract, not cameras or lenses).
    pub fn is_billed_by_page(self) -> bool {
        !matches!(self, DeviceKind::Camera | DeviceKind::Lens)
    }
}

/// Who owns the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    /// Bought by the organisation.
    Owned,
    /// Financed through a lease.
    Leased,
    /// Rented from Canon.
    Rented,
}

impl Ownership {
    /// Every value.
    pub const ALL: [Ownership; 3] = [Ownership::Owned, Ownership::Leased, Ownership::Rented];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Ownership::Owned => "owned",
            Ownership::Leased => "leased",
            Ownership::Rented => "rented",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a device stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DeviceStatus {
    /// In service.
    Active,
    /// Moved to another site (kept for history).
    Moved,
    /// No longer with the organisation; kept for history, never deleted.
    Disposed,
}

impl DeviceStatus {
    /// Every value.
    pub const ALL: [DeviceStatus; 3] = [
        DeviceStatus::Active,
        DeviceStatus::Moved,
        DeviceStatus::Disposed,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceStatus::Active => "active",
            DeviceStatus::Moved => "moved",
            DeviceStatus::Disposed => "disposed",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How the device's counters reach Canon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MeterTransmission {
    /// The device sends its counters by itself.
    Automatic,
    /// Someone must read and send the counters when Canon asks.
    Manual,
}

impl MeterTransmission {
    /// Every value.
    pub const ALL: [MeterTransmission; 2] =
        [MeterTransmission::Automatic, MeterTransmission::Manual];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            MeterTransmission::Automatic => "automatic",
            MeterTransmission::Manual => "manual",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Longest serial number accepted; Canon's are far shorter, this only stops pasted junk.
const SERIAL_MAX_LEN: usize = 32;

/// Normalises a Canon serial number the way it is compared and stored.
///
/// Spaces (including the non-breaking ones a copy from a PDF brings) and dashes used
/// as visual separators are removed, and letters are upper-cased: Canon prints its
/// serial numbers in capitals, and the serial is read back to Canon as it appears on
/// the device. Anything other than ASCII letters and digits is refused.
pub fn normalize_serial(input: &str) -> Result<String> {
    let serial: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if serial.is_empty() {
        return Err(Error::Required { field: "serial" });
    }
    if serial.len() > SERIAL_MAX_LEN {
        return Err(Error::Wrong {
            field: "serial",
            problem: Problem::TooLong {
                max: crate::problem::count(SERIAL_MAX_LEN),
                got: crate::problem::count(serial.chars().count()),
            },
        });
    }
    if let Some(bad) = serial.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(Error::Wrong {
            field: "serial",
            problem: Problem::LettersAndDigitsOnly {
                found: bad.to_string(),
            },
        });
    }
    Ok(serial)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn serial_normalisation_table() {
        let cases = [
            ("XKT 01234", Ok("XKT01234")),
            ("  ab-12 34\u{a0}", Ok("AB1234")),
            ("QRX90817", Ok("QRX90817")),
            ("", Err(Error::Required { field: "serial" })),
            (" - ", Err(Error::Required { field: "serial" })),
        ];
        for (input, expected) in cases {
            let got = normalize_serial(input);
            assert_eq!(
                got.as_deref().map_err(Clone::clone),
                expected,
                "normalize_serial({input:?}) gave the wrong result"
            );
        }
        assert!(
            matches!(
                normalize_serial("AB/12"),
                Err(Error::Wrong {
                    field: "serial",
                    ..
                })
            ),
            "a slash must be refused in a serial number"
        );
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in DeviceKind::ALL {
            assert_eq!(
                DeviceKind::parse(kind.as_str()),
                Some(kind),
                "{kind:?} does not round-trip"
            );
        }
        assert_eq!(
            DeviceKind::parse("fax"),
            None,
            "an unknown kind must not parse"
        );
    }

    proptest! {
        #[test]
        fn normalised_serial_is_idempotent_and_clean(s in "[A-Za-z0-9 \\-]{1,30}") {
            if let Ok(n) = normalize_serial(&s) {
                prop_assert!(n.chars().all(|c| c.is_ascii_alphanumeric()), "{n:?} kept a separator");
                prop_assert_eq!(normalize_serial(&n), Ok(n.clone()), "normalising twice changed {:?}", n);
            }
        }
    }
}
