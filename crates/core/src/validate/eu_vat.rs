//! EU VAT numbers: the country prefix and the shape each member state publishes.
//!
//! Shapes follow the European Commission's VIES description of each country's
//! format. Check digits are verified only for France and Italy, the two countries
//! whose users the app serves first; for the others a number of the right shape may
//! still be wrong, and [`EuVat::check_digits_verified`] says so.

use serde::{Deserialize, Serialize};

use super::{compact, fr, it};
use crate::{Error, Problem, Result};

/// A VAT number accepted by [`eu_vat`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EuVat {
    /// The VAT prefix: ISO 3166 alpha-2, except Greece (`EL`) and Northern Ireland (`XI`).
    pub country: String,
    /// The whole number, prefix included, without separators (`FR44732829320`).
    pub number: String,
    /// Whether the check digits were verified, not only the shape.
    pub check_digits_verified: bool,
}

/// The shape language of [`VAT_COUNTRIES`]: `d` a digit, `a` a letter, `x` a letter
/// or a digit, `p` a letter, `+` or `*` (old Irish numbers); any other character
/// stands for itself.
fn matches_shape(value: &str, shape: &str) -> bool {
    value.chars().count() == shape.chars().count()
        && value.chars().zip(shape.chars()).all(|(c, s)| match s {
            'd' => c.is_ascii_digit(),
            'a' => c.is_ascii_uppercase(),
            'x' => c.is_ascii_uppercase() || c.is_ascii_digit(),
            'p' => c.is_ascii_uppercase() || c == '+' || c == '*',
            literal => c == literal,
        })
}

/// Each VAT prefix with the shapes its numbers may take after the prefix.
pub const VAT_COUNTRIES: &[(&str, &[&str])] = &[
    ("AT", &["Udddddddd"]),
    ("BE", &["0ddddddddd", "1ddddddddd"]),
    ("BG", &["ddddddddd", "dddddddddd"]),
    ("CY", &["dddddddda"]),
    ("CZ", &["dddddddd", "ddddddddd", "dddddddddd"]),
    ("DE", &["ddddddddd"]),
    ("DK", &["dddddddd"]),
    ("EE", &["ddddddddd"]),
    ("EL", &["ddddddddd"]),
    ("ES", &["xdddddddx"]),
    ("FI", &["dddddddd"]),
    ("FR", &["xxddddddddd"]),
    ("HR", &["ddddddddddd"]),
    ("HU", &["dddddddd"]),
    ("IE", &["dddddddaa", "ddddddda", "dpddddda"]),
    ("IT", &["ddddddddddd"]),
    ("LT", &["ddddddddd", "dddddddddddd"]),
    ("LU", &["dddddddd"]),
    ("LV", &["ddddddddddd"]),
    ("MT", &["dddddddd"]),
    ("NL", &["dddddddddBdd"]),
    ("PL", &["dddddddddd"]),
    ("PT", &["ddddddddd"]),
    (
        "RO",
        &[
            "dd",
            "ddd",
            "dddd",
            "ddddd",
            "dddddd",
            "ddddddd",
            "dddddddd",
            "ddddddddd",
            "dddddddddd",
        ],
    ),
    ("SE", &["dddddddddd01"]),
    ("SI", &["dddddddd"]),
    ("SK", &["dddddddddd"]),
    ("XI", &["ddddddddd", "dddddddddddd", "GDddd", "HAddd"]),
];

/// Validates an EU VAT number: a known prefix followed by one of that country's
/// shapes. French and Italian numbers also have their check digits verified (see
/// [`tva_fr`](super::tva_fr) and [`partita_iva`](super::partita_iva)).
///
/// `GR` is accepted for Greece and rewritten `EL`, the prefix VAT numbers use,
/// because people naturally type the ISO code.
pub fn eu_vat(input: &str) -> Result<EuVat> {
    const FIELD: &str = "eu_vat";
    let value = compact(input);
    if value.is_empty() {
        return Err(Error::Required { field: FIELD });
    }
    let Some(prefix) = value.get(..2) else {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::VatPrefix {
                found: value.clone(),
            },
        });
    };
    let rest = &value[2..];
    let country = if prefix == "GR" { "EL" } else { prefix };
    let Some((country, shapes)) = VAT_COUNTRIES.iter().find(|(c, _)| *c == country) else {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::VatPrefix {
                found: prefix.to_owned(),
            },
        });
    };
    if !shapes.iter().any(|shape| matches_shape(rest, shape)) {
        let problem = match *country {
            "FR" => Problem::VatFrShape,
            // An Italian number is all digits: say how many, as for a SIREN.
            "IT" if rest.bytes().all(|b| b.is_ascii_digit()) => Problem::Length {
                expected: 11,
                got: crate::problem::count(rest.len()),
            },
            _ => Problem::VatShape {
                country: (*country).to_owned(),
            },
        };
        return Err(Error::Wrong {
            field: FIELD,
            problem,
        });
    }
    // The national validators report their own field name; here the user typed one
    // EU VAT field, so their errors are renamed to it while keeping the reason.
    let rename = |e: Error| e.on(FIELD);
    let (number, verified) = match *country {
        "FR" => (
            fr::tva_fr(&value).map_err(rename)?,
            rest.bytes().take(2).all(|b| b.is_ascii_digit()),
        ),
        "IT" => (
            format!("IT{}", it::partita_iva(rest).map_err(rename)?),
            true,
        ),
        _ => (format!("{country}{rest}"), false),
    };
    Ok(EuVat {
        country: (*country).to_owned(),
        number,
        check_digits_verified: verified,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_table() {
        let good = [
            ("ATU12345678", "AT", false),
            ("BE 0123.456.789", "BE", false),
            ("DE123456789", "DE", false),
            ("EL123456789", "EL", false),
            ("GR123456789", "EL", false),
            ("ESX1234567X", "ES", false),
            ("ESB12345678", "ES", false),
            ("IE1234567WA", "IE", false),
            ("IE1234567W", "IE", false),
            ("IE1+34567W", "IE", false),
            ("NL123456789B01", "NL", false),
            ("RO12", "RO", false),
            ("SE123456789001", "SE", false),
            ("CY12345678L", "CY", false),
            ("XIGD123", "XI", false),
            ("FR44732829320", "FR", true),
            ("FRA1732829320", "FR", false),
            ("IT00743110157", "IT", true),
        ];
        for (input, country, verified) in good {
            let got = eu_vat(input);
            let Ok(vat) = got else {
                panic!("eu_vat({input:?}) should be valid, got {got:?}");
            };
            assert_eq!(
                vat.country, country,
                "eu_vat({input:?}) reported the wrong country"
            );
            assert_eq!(
                vat.check_digits_verified, verified,
                "eu_vat({input:?}) misreported what it verified"
            );
            assert!(
                vat.number.starts_with(country),
                "eu_vat({input:?}) number {} lacks its prefix",
                vat.number
            );
        }
        let bad = [
            "ATU1234567",
            "DE12345678",
            "NL123456789A01",
            "US123456789",
            "SE123456789002",
            "FR45732829320",
            "IT00743110158",
            "X",
            "RO1",
        ];
        for input in bad {
            assert!(
                matches!(
                    eu_vat(input),
                    Err(Error::Wrong {
                        field: "eu_vat",
                        ..
                    })
                ),
                "eu_vat({input:?}) should be refused, got {:?}",
                eu_vat(input)
            );
        }
        assert_eq!(
            eu_vat(" "),
            Err(Error::Required { field: "eu_vat" }),
            "blank input is a missing field"
        );
    }

    #[test]
    fn every_country_is_listed_once() {
        for (i, (country, shapes)) in VAT_COUNTRIES.iter().enumerate() {
            assert!(!shapes.is_empty(), "{country} has no shape");
            assert!(
                VAT_COUNTRIES[i + 1..].iter().all(|(c, _)| c != country),
                "{country} is listed twice"
            );
        }
        assert_eq!(
            VAT_COUNTRIES.len(),
            28,
            "27 member states plus Northern Ireland (XI) are expected"
        );
    }
}
