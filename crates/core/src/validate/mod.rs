//! Validators for the identifiers a user types into Canon Desk.
//!
//! Every validator takes what the user typed (spaces, dots and dashes included, as
//! people copy them from invoices and registry extracts) and returns the value in the
//! normalised form the app stores and sends, or an [`Error`] naming the
//! field so the interface can point at it. Check digits are verified where the
//! algorithm is public and implemented here (SIREN, SIRET, French TVA, Partita IVA,
//! IBAN); elsewhere only the official shape is checked, and the result says so.

mod bank;
mod email;
mod eu_vat;
mod fr;
mod it;
mod place;

pub use bank::{bic, iban, same_bic, ValidIban};
pub use email::{email, looks_personal, ROLE_LOCAL_PARTS};
pub use eu_vat::{eu_vat, EuVat, VAT_COUNTRIES};
pub use fr::{siren, siret, tva_fr};
pub use it::partita_iva;
pub use place::{country, postal_code, ISO_3166_ALPHA2};

use crate::problem::{count, shown};
use crate::{Error, Problem, Result};

/// Removes the separators people put in identifiers (all whitespace, including the
/// non-breaking spaces of PDF copies, dots and dashes) and upper-cases the rest, so
/// that every validator compares like with like.
pub(crate) fn compact(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// Checks that `value` is exactly `len` ASCII digits, with errors naming `field`.
pub(crate) fn require_digits(value: &str, len: usize, field: &'static str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::Required { field });
    }
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_digit()) {
        return Err(Error::Wrong {
            field,
            problem: Problem::DigitsOnly { found: shown(bad) },
        });
    }
    if value.len() != len {
        return Err(Error::Wrong {
            field,
            problem: Problem::Length {
                expected: count(len),
                got: count(value.len()),
            },
        });
    }
    Ok(())
}

/// Whether a string of ASCII digits passes the Luhn (mod 10) check: from the right,
/// every second digit is doubled (minus 9 when over 9) and the total must end in 0.
/// SIREN, SIRET and the Partita IVA all use it.
pub(crate) fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b.wrapping_sub(b'0'));
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 {
                    twice - 9
                } else {
                    twice
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// The digit that, appended to `digits`, makes the whole pass [`luhn_ok`]. Tests use
/// it to build valid numbers from random prefixes.
#[cfg(test)]
pub(crate) fn luhn_check_digit(digits: &str) -> char {
    (b'0'..=b'9')
        .map(char::from)
        .find(|c| luhn_ok(&format!("{digits}{c}")))
        .unwrap_or('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_strips_separators_and_upper_cases() {
        assert_eq!(
            compact(" fr 40-303.265\u{a0}045 "),
            "FR40303265045",
            "separators must all go"
        );
    }

    #[test]
    fn luhn_known_values() {
        assert!(
            luhn_ok("79927398713"),
            "the textbook Luhn example must pass"
        );
        assert!(
            !luhn_ok("79927398710"),
            "a wrong final digit must fail Luhn"
        );
        assert_eq!(
            luhn_check_digit("7992739871"),
            '3',
            "the check digit of the textbook example is 3"
        );
    }

    /// Each validator names the precise problem the interface translates: one case per
    /// message, so a validator falling back to a vague error fails here.
    #[test]
    fn each_validator_names_its_problem() {
        use crate::device::normalize_serial;
        let wrong = |r: Result<String>| r.err().and_then(|e| e.problem().cloned());
        let cases: Vec<(&str, Option<Problem>, Problem)> = vec![
            (
                "SIRET of 7 digits",
                wrong(siret("1234567")),
                Problem::Length {
                    expected: 14,
                    got: 7,
                },
            ),
            (
                "SIREN with a letter",
                wrong(siren("73282932A")),
                Problem::DigitsOnly { found: "A".into() },
            ),
            (
                "SIREN mistyped",
                wrong(siren("732829321")),
                Problem::CheckDigit,
            ),
            (
                "SIRET whose SIREN is wrong",
                wrong(siret("73282932100015")),
                Problem::SirenPart,
            ),
            (
                "French VAT key",
                wrong(tva_fr("FR45732829320")),
                Problem::VatKey {
                    expected: "44".into(),
                },
            ),
            (
                "French VAT shape",
                wrong(tva_fr("FR4473282932")),
                Problem::VatFrShape,
            ),
            (
                "VAT prefix",
                wrong(eu_vat("US123456789").map(|v| v.number)),
                Problem::VatPrefix { found: "US".into() },
            ),
            (
                "German VAT shape",
                wrong(eu_vat("DE12345678").map(|v| v.number)),
                Problem::VatShape {
                    country: "DE".into(),
                },
            ),
            (
                "Partita IVA length",
                wrong(eu_vat("IT0074311015").map(|v| v.number)),
                Problem::Length {
                    expected: 11,
                    got: 10,
                },
            ),
            (
                "Partita IVA mistyped",
                wrong(partita_iva("00743110158")),
                Problem::CheckDigit,
            ),
            (
                "Partita IVA of zeros",
                wrong(partita_iva("00000000000")),
                Problem::BusinessNumberZero,
            ),
            (
                "IBAN without country",
                wrong(iban("7630006000011234567890189").map(|i| i.electronic)),
                Problem::IbanStart,
            ),
            (
                "French IBAN too short",
                wrong(iban("FR76 3000 6000 0112 3456 7890 18").map(|i| i.electronic)),
                Problem::IbanLength {
                    country: "FR".into(),
                    expected: Some(27),
                    got: 26,
                },
            ),
            (
                "IBAN mistyped",
                wrong(iban("FR7630006000011234567890188").map(|i| i.electronic)),
                Problem::CheckDigit,
            ),
            (
                "IBAN of no country",
                wrong(iban("QQ7630006000011234567890189").map(|i| i.electronic)),
                Problem::IbanCountry {
                    country: "QQ".into(),
                },
            ),
            (
                "BIC length",
                wrong(bic("BNPAFRP")),
                Problem::LengthEither {
                    short: 8,
                    long: 11,
                    got: 7,
                },
            ),
            ("BIC bank letters", wrong(bic("BN1AFRPP")), Problem::BicBank),
            (
                "BIC country letters",
                wrong(bic("BNPAF1PP")),
                Problem::BicCountry,
            ),
            (
                "email without @",
                wrong(email("compta.example.fr")),
                Problem::EmailAt,
            ),
            (
                "email without domain",
                wrong(email("compta@example")),
                Problem::EmailDomain,
            ),
            (
                "email with a space",
                wrong(email("comp ta@example.fr")),
                Problem::EmailCharacter,
            ),
            (
                "email with a name",
                wrong(email("Compta <compta@example.fr>")),
                Problem::EmailDisplayName,
            ),
            (
                "serial with a slash",
                wrong(normalize_serial("AB/12")),
                Problem::LettersAndDigitsOnly { found: "/".into() },
            ),
            (
                "serial too long",
                wrong(normalize_serial(&"A".repeat(40))),
                Problem::TooLong { max: 32, got: 40 },
            ),
            (
                "country",
                wrong(country("XX")),
                Problem::Country { found: "XX".into() },
            ),
            (
                "postal code",
                wrong(postal_code("IT", "0018")),
                Problem::PostalCode {
                    country: "IT".into(),
                    digits: 5,
                },
            ),
        ];
        for (what, got, expected) in cases {
            assert_eq!(
                got,
                Some(expected),
                "{what}: the validator named the wrong problem"
            );
        }
    }
}
