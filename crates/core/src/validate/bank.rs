//! Bank identifiers: IBAN and BIC, kept so that the app can warn when an invoice
//! shows bank details other than the known-good ones (DOMAIN situation 10).

use iban::{Iban, IbanLike};
use serde::{Deserialize, Serialize};

use super::compact;
use crate::problem::{count, shown};
use crate::{Error, Problem, Result};

/// An IBAN that passed the checksum and its country's BBAN format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ValidIban {
    /// The ISO 3166 country code the IBAN starts with.
    pub country: String,
    /// The electronic form, without spaces: the form stored and compared.
    pub electronic: String,
    /// The printed form, in groups of four: the form shown to people.
    pub formatted: String,
}

/// Validates an IBAN with the `iban_validate` crate (ISO 13616 checksum and the
/// BBAN format of every registered country).
///
/// People paste IBANs with irregular spacing, non-breaking spaces, dashes or in
/// lower case; all of that is normalised first, because the crate only accepts the
/// strict electronic or printed forms.
pub fn iban(input: &str) -> Result<ValidIban> {
    const FIELD: &str = "iban";
    let value = compact(input);
    if value.is_empty() {
        return Err(Error::Required { field: FIELD });
    }
    let wrong = |problem| Error::Wrong {
        field: FIELD,
        problem,
    };
    let starts_well = value.len() >= 4
        && value.as_bytes()[..2].iter().all(u8::is_ascii_uppercase)
        && value.as_bytes()[2..4].iter().all(u8::is_ascii_digit);
    if !starts_well {
        return Err(wrong(Problem::IbanStart));
    }
    let country = value[..2].to_owned();
    if super::ISO_3166_ALPHA2
        .binary_search(&country.as_str())
        .is_err()
    {
        return Err(wrong(Problem::IbanCountry { country }));
    }
    let expected = iban_length(&country);
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(wrong(Problem::LettersAndDigitsOnly { found: shown(bad) }));
    }
    if expected.is_some_and(|n| n != count(value.len())) {
        return Err(wrong(Problem::IbanLength {
            country,
            expected,
            got: count(value.len()),
        }));
    }
    let parsed: Iban = value.parse().map_err(|e: iban::ParseIbanError| {
        wrong(match e {
            iban::ParseIbanError::InvalidBaseIban {
                source: iban::ParseBaseIbanError::InvalidChecksum,
            } => Problem::CheckDigit,
            iban::ParseIbanError::InvalidBaseIban { .. } => Problem::IbanLength {
                country: country.clone(),
                expected,
                got: count(value.len()),
            },
            iban::ParseIbanError::InvalidBban(_) => Problem::IbanShape {
                country: country.clone(),
            },
            iban::ParseIbanError::UnknownCountry(_) => Problem::IbanCountry {
                country: country.clone(),
            },
        })
    })?;
    Ok(ValidIban {
        country: parsed.country_code().to_owned(),
        electronic: parsed.electronic_str().to_owned(),
        formatted: parsed.to_string(),
    })
}

/// The length of IBANs of the countries Canon Desk's users deal with most (the SEPA
/// register), so that a missing character is reported as such rather than as a
/// mismatching check digit. Other countries are left to `iban_validate`.
fn iban_length(country: &str) -> Option<u32> {
    Some(match country {
        "FR" | "IT" | "MC" | "SM" | "GR" => 27,
        "DE" | "GB" | "IE" => 22,
        "BE" => 16,
        "LU" | "AT" => 20,
        "CH" | "LI" => 21,
        "ES" | "SE" => 24,
        "NL" | "DK" | "FI" => 18,
        "PT" => 25,
        "PL" | "CY" => 28,
        _ => return None,
    })
}

/// Validates the shape of a BIC (ISO 9362) and returns it in upper case without
/// spaces.
///
/// A BIC is 4 letters for the bank, 2 letters for the country, 2 letters or digits
/// for the location, and optionally 3 letters or digits for the branch: 8 or 11
/// characters. There is no check digit, and whether the bank exists cannot be known
/// without a directory, so only the shape is checked.
pub fn bic(input: &str) -> Result<String> {
    const FIELD: &str = "bic";
    let value = compact(input);
    if value.is_empty() {
        return Err(Error::Required { field: FIELD });
    }
    // Checking ASCII first also makes the byte slicing below safe.
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::LettersAndDigitsOnly { found: shown(bad) },
        });
    }
    if value.len() != 8 && value.len() != 11 {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::LengthEither {
                short: 8,
                long: 11,
                got: count(value.len()),
            },
        });
    }
    let letters = |s: &str| s.bytes().all(|b| b.is_ascii_uppercase());
    let alnum = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    if !letters(&value[..4]) {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::BicBank,
        });
    }
    if !letters(&value[4..6]) {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::BicCountry,
        });
    }
    if !alnum(&value[6..]) {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::LettersAndDigitsOnly {
                found: value[6..].to_owned(),
            },
        });
    }
    Ok(value)
}

/// Whether two validated BICs name the same bank office. An 8-character BIC is the
/// bank's primary office, which is also written with the branch code `XXX`
/// (`BNPAFRPP` and `BNPAFRPPXXX`); invoices print either form.
pub fn same_bic(a: &str, b: &str) -> bool {
    fn primary(bic: &str) -> &str {
        bic.strip_suffix("XXX")
            .filter(|s| s.len() == 8)
            .unwrap_or(bic)
    }
    primary(a) == primary(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_primary_office_has_two_spellings() {
        assert!(
            same_bic("DEUTFRPP", "DEUTFRPPXXX"),
            "an 8-character BIC and the same one with XXX are one office"
        );
        assert!(
            same_bic("DEUTFRPPXXX", "DEUTFRPP"),
            "the comparison must not depend on the order"
        );
        assert!(
            same_bic("DEUTFRPPABC", "DEUTFRPPABC"),
            "a branch BIC equals itself"
        );
        assert!(
            !same_bic("DEUTFRPP", "DEUTFRPPABC"),
            "a branch is not the primary office"
        );
        assert!(
            !same_bic("DEUTFRPP", "BNPAFRPP"),
            "two banks must never compare equal"
        );
    }

    #[test]
    fn iban_table() {
        let cases = [
            (
                "FR76 3000 6000 0112 3456 7890 189",
                "FR",
                "FR7630006000011234567890189",
                "FR76 3000 6000 0112 3456 7890 189",
            ),
            (
                "fr7630006000011234567890189",
                "FR",
                "FR7630006000011234567890189",
                "FR76 3000 6000 0112 3456 7890 189",
            ),
            (
                "DE44\u{a0}5001 0517  5407 3249 31",
                "DE",
                "DE44500105175407324931",
                "DE44 5001 0517 5407 3249 31",
            ),
            (
                "IT60 X054 2811 1010 0000 0123 456",
                "IT",
                "IT60X0542811101000000123456",
                "IT60 X054 2811 1010 0000 0123 456",
            ),
        ];
        for (input, country, electronic, formatted) in cases {
            let got = iban(input);
            let expected = ValidIban {
                country: country.into(),
                electronic: electronic.into(),
                formatted: formatted.into(),
            };
            assert_eq!(got, Ok(expected), "iban({input:?}) gave the wrong result");
        }
        for bad in [
            "FR7630006000011234567890188",
            "DE44500105175407324932",
            "XX00123",
            "FR76",
        ] {
            assert!(
                matches!(iban(bad), Err(Error::Wrong { field: "iban", .. })),
                "iban({bad:?}) should be refused, got {:?}",
                iban(bad)
            );
        }
        assert_eq!(
            iban("  "),
            Err(Error::Required { field: "iban" }),
            "a blank IBAN is a missing field"
        );
    }

    #[test]
    fn bic_table() {
        for (input, expected) in [
            ("DEUT FR PP", "DEUTFRPP"),
            ("deutfrppxxx", "DEUTFRPPXXX"),
            ("BNPAFRPPPAR", "BNPAFRPPPAR"),
        ] {
            assert_eq!(
                bic(input).as_deref(),
                Ok(expected),
                "bic({input:?}) should be valid"
            );
        }
        for bad in [
            "DEUTFRP",
            "DEUTFRPPX",
            "DEU1FRPP",
            "DEUTF1PP",
            "DEUTFRP_",
            "AAAÉRPP",
        ] {
            assert!(
                matches!(bic(bad), Err(Error::Wrong { field: "bic", .. })),
                "bic({bad:?}) should be refused"
            );
        }
        assert_eq!(
            bic(""),
            Err(Error::Required { field: "bic" }),
            "a blank BIC is a missing field"
        );
    }
}
