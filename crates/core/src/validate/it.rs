//! The Italian VAT number (Partita IVA), which CPS asks of Italian businesses as proof
//! of business.

use super::{compact, luhn_ok, require_digits};
use crate::{Error, Problem, Result};

/// Validates a Partita IVA and returns its 11 digits without separators; an `IT`
/// prefix in the input is accepted and dropped, since Italians write the number
/// both ways.
///
/// The first 7 digits identify the business (never all zeros), the next 3 the tax
/// office, and the last is a check digit computed like Luhn's over the first 10.
pub fn partita_iva(input: &str) -> Result<String> {
    const FIELD: &str = "partita_iva";
    let value = compact(input);
    let value = value.strip_prefix("IT").unwrap_or(&value).to_owned();
    require_digits(&value, 11, FIELD)?;
    if value.starts_with("0000000") {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::BusinessNumberZero,
        });
    }
    if !luhn_ok(&value) {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::CheckDigit,
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::super::luhn_check_digit;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn partita_iva_table() {
        let good = [
            ("00743110157", "00743110157"),
            ("IT 00743110157", "00743110157"),
            ("01114601006", "01114601006"),
        ];
        for (input, expected) in good {
            assert_eq!(
                partita_iva(input).as_deref(),
                Ok(expected),
                "partita_iva({input:?}) should be valid"
            );
        }
        let bad = ["00743110158", "0074311015", "00000000000", "0074311015A"];
        for input in bad {
            assert!(
                matches!(
                    partita_iva(input),
                    Err(Error::Wrong {
                        field: "partita_iva",
                        ..
                    })
                ),
                "partita_iva({input:?}) should be refused, got {:?}",
                partita_iva(input)
            );
        }
        assert_eq!(
            partita_iva(""),
            Err(Error::Required {
                field: "partita_iva"
            }),
            "empty input is a missing field"
        );
    }

    proptest! {
        #[test]
        fn generated_partita_iva_validates(prefix in "[1-9][0-9]{9}") {
            let number = format!("{prefix}{}", luhn_check_digit(&prefix));
            prop_assert_eq!(partita_iva(&number), Ok(number.clone()), "generated Partita IVA {} was refused", number);
        }

        #[test]
        fn changed_check_digit_fails(prefix in "[1-9][0-9]{9}", delta in 1u8..10) {
            let good = luhn_check_digit(&prefix) as u8 - b'0';
            let wrong = format!("{prefix}{}", (good + delta) % 10);
            prop_assert!(partita_iva(&wrong).is_err(), "{} has a wrong check digit yet validated", wrong);
        }
    }
}
