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

pub use bank::{bic, iban, same_bic, ValidIban};
pub use email::{email, looks_personal, ROLE_LOCAL_PARTS};
pub use eu_vat::{eu_vat, EuVat, VAT_COUNTRIES};
pub use fr::{siren, siret, tva_fr};
pub use it::partita_iva;

use crate::{Error, Result};

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
        return Err(Error::Invalid {
            field,
            reason: format!("unexpected character {bad:?}, digits only"),
        });
    }
    if value.len() != len {
        return Err(Error::Invalid {
            field,
            reason: format!("{} digits instead of {len}", value.len()),
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
}
