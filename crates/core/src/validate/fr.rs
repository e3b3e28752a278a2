//! French company identifiers: SIREN, SIRET and the intra-community VAT number (TVA).

use super::{compact, luhn_ok, require_digits};
use crate::{Error, Problem, Result};

/// La Poste's SIREN: its establishments' SIRETs do not follow Luhn (see [`siret`]).
const LA_POSTE_SIREN: &str = "356000000";
/// La Poste's head-office SIRET, the one La Poste number that does follow Luhn.
const LA_POSTE_HEAD_OFFICE: &str = "35600000000048";

/// Validates a SIREN (the 9-digit number of a French company) and returns its 9
/// digits without separators.
///
/// The last digit is a Luhn check digit, so a single mistyped digit is always caught.
pub fn siren(input: &str) -> Result<String> {
    let value = compact(input);
    require_digits(&value, 9, "siren")?;
    if !luhn_ok(&value) {
        return Err(Error::Wrong {
            field: "siren",
            problem: Problem::CheckDigit,
        });
    }
    Ok(value)
}

/// Validates a SIRET (SIREN + 5-digit establishment number) and returns its 14
/// digits without separators.
///
/// The whole number passes Luhn, except La Poste's establishments (SIREN
/// 356000000, other than the head office): INSEE numbers them so that the sum of
/// their digits is a multiple of 5 instead, and rejecting them would refuse real
/// post offices.
pub fn siret(input: &str) -> Result<String> {
    let value = compact(input);
    require_digits(&value, 14, "siret")?;
    let la_poste_rule = value.starts_with(LA_POSTE_SIREN) && value != LA_POSTE_HEAD_OFFICE;
    let ok = if la_poste_rule {
        value.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0
    } else {
        luhn_ok(&value)
    };
    if !ok {
        // La Poste's establishments fail a different sum, but for the user it is the
        // same mistake: a mistyped digit.
        return Err(Error::Wrong {
            field: "siret",
            problem: Problem::CheckDigit,
        });
    }
    // The SIREN part carries its own check digit; a SIRET whose SIREN is wrong is wrong.
    if !luhn_ok(&value[..9]) {
        return Err(Error::Wrong {
            field: "siret",
            problem: Problem::SirenPart,
        });
    }
    Ok(value)
}

/// Validates a French intra-community VAT number (`FR` + 2-character key + SIREN)
/// and returns it as `FRkkSSSSSSSSS`, without separators. The `FR` prefix may be
/// omitted in the input.
///
/// A numeric key must equal `(12 + 3 × (SIREN mod 97)) mod 97`, and the SIREN must
/// pass Luhn (except numbers starting with 000, which the tax office gives to
/// entities without a SIREN, such as Monaco's). Keys containing letters exist for
/// entities without a SIREN; their check is not implemented here, so they are
/// accepted on shape alone (digits and letters other than I and O).
pub fn tva_fr(input: &str) -> Result<String> {
    const FIELD: &str = "tva_fr";
    let value = compact(input);
    if value.is_empty() {
        return Err(Error::Required { field: FIELD });
    }
    let body = value.strip_prefix("FR").unwrap_or(&value);
    if body.chars().count() != 11 {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::VatFrShape,
        });
    }
    // Two characters, which need not be two bytes (`split_at(2)` panicked inside a
    // pasted byte-order mark).
    let key_end = body.char_indices().nth(2).map_or(body.len(), |(i, _)| i);
    let (key, number) = body.split_at(key_end);
    if !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::VatFrShape,
        });
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && c != 'I' && c != 'O'))
    {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::VatFrShape,
        });
    }
    if !number.starts_with("000") && !luhn_ok(number) {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::SirenPart,
        });
    }
    if key.bytes().all(|b| b.is_ascii_digit()) {
        let expected = fr_vat_key(number);
        if key.parse::<u64>().ok() != Some(expected) {
            return Err(Error::Wrong {
                field: FIELD,
                problem: Problem::VatKey {
                    expected: format!("{expected:02}"),
                },
            });
        }
    }
    Ok(format!("FR{key}{number}"))
}

/// The numeric key of a French VAT number for a 9-digit SIREN.
///
/// The official formula is `(12 + 3 × (SIREN mod 97)) mod 97`; it is the same as
/// `(SIREN × 100 + 12) mod 97`, because 100 ≡ 3 (mod 97).
pub(crate) fn fr_vat_key(siren_digits: &str) -> u64 {
    let siren: u64 = siren_digits
        .bytes()
        .fold(0, |acc, b| acc * 10 + u64::from(b - b'0'));
    (12 + 3 * (siren % 97)) % 97
}

#[cfg(test)]
mod tests {
    use super::super::luhn_check_digit;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_tva_with_a_character_of_several_bytes_in_its_key_is_refused_not_a_panic() {
        // Found by the fuzzer (tests/fuzz_validators.rs): a byte-order mark pasted
        // before the key made the key's end fall inside a character.
        assert_eq!(
            tva_fr("\u{feff}4\u{130}32829320"),
            Err(Error::Wrong {
                field: "tva_fr",
                problem: Problem::VatFrShape,
            }),
            "eleven characters of which the key is not two digits or letters"
        );
    }

    #[test]
    fn siren_table() {
        let cases: [(&str, Result<&str>); 6] = [
            ("732 829 320", Ok("732829320")),
            ("356000000", Ok("356000000")),
            ("404.833.048", Ok("404833048")),
            (
                "732829321",
                Err(Error::Wrong {
                    field: "siren",
                    problem: Problem::CheckDigit,
                }),
            ),
            ("", Err(Error::Required { field: "siren" })),
            (
                "12345678",
                Err(Error::Wrong {
                    field: "siren",
                    problem: Problem::Length {
                        expected: 9,
                        got: 8,
                    },
                }),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                siren(input).as_deref().map_err(Clone::clone),
                expected,
                "siren({input:?}) gave the wrong result"
            );
        }
        assert!(
            matches!(siren("73282932A"), Err(Error::Wrong { field: "siren", .. })),
            "a letter must be refused in a SIREN"
        );
    }

    #[test]
    fn siret_table() {
        let good = [
            "732 829 320 00074",
            "35600000000048",
            "35600000049837",
            "40483304800022",
        ];
        for input in good {
            assert!(
                siret(input).is_ok(),
                "siret({input:?}) should be valid: {:?}",
                siret(input)
            );
        }
        let bad = [
            "73282932000075",
            "35600000049838",
            "3560000000004",
            "12345678901234",
        ];
        for input in bad {
            assert!(
                matches!(siret(input), Err(Error::Wrong { field: "siret", .. })),
                "siret({input:?}) should be refused"
            );
        }
        assert_eq!(
            siret(" ").map_err(|e| e.field()),
            Err("siret"),
            "an empty SIRET must name the siret field"
        );
    }

    #[test]
    fn la_poste_rule_is_not_luhn() {
        // 35600000049837: digit sum 45 (multiple of 5) but fails Luhn, as La Poste's do.
        assert!(
            !luhn_ok("35600000049837"),
            "the La Poste sample must fail plain Luhn for this test to mean anything"
        );
        assert_eq!(
            siret("356 000 000 49837").as_deref(),
            Ok("35600000049837"),
            "a La Poste establishment must be accepted"
        );
    }

    #[test]
    fn tva_fr_table() {
        // For SIREN 732829320 the formula gives key 44.
        assert_eq!(
            tva_fr("FR 44 732 829 320").as_deref(),
            Ok("FR44732829320"),
            "a known-good TVA must validate"
        );
        assert_eq!(
            tva_fr("44732829320").as_deref(),
            Ok("FR44732829320"),
            "the FR prefix may be omitted"
        );
        assert_eq!(
            tva_fr("fr40303265045").as_deref(),
            Ok("FR40303265045"),
            "lower case must be accepted"
        );
        assert!(
            matches!(
                tva_fr("FR45732829320"),
                Err(Error::Wrong {
                    field: "tva_fr",
                    ..
                })
            ),
            "a wrong key must be refused"
        );
        assert!(
            matches!(
                tva_fr("FR44732829321"),
                Err(Error::Wrong {
                    field: "tva_fr",
                    ..
                })
            ),
            "a SIREN failing Luhn must be refused"
        );
        assert!(
            tva_fr("FRA1732829320").is_ok(),
            "an alphabetic key is accepted on shape"
        );
        assert!(
            matches!(tva_fr("FRI1732829320"), Err(Error::Wrong { .. })),
            "I never appears in a key"
        );
        assert_eq!(
            tva_fr(""),
            Err(Error::Required { field: "tva_fr" }),
            "an empty TVA is a missing field"
        );
    }

    proptest! {
        #[test]
        fn generated_siren_always_validates(prefix in "[0-9]{8}") {
            let number = format!("{prefix}{}", luhn_check_digit(&prefix));
            prop_assert_eq!(siren(&number), Ok(number.clone()), "generated SIREN {} was refused", number);
        }

        #[test]
        fn one_changed_digit_always_fails(prefix in "[0-9]{8}", pos in 0usize..9, delta in 1u8..10) {
            let number = format!("{prefix}{}", luhn_check_digit(&prefix));
            let mut bytes = number.clone().into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap_or_default();
            prop_assert!(siren(&changed).is_err(), "{} differs from {} in one digit yet validated", changed, number);
        }

        #[test]
        fn generated_siret_validates_and_tva_key_round_trips(prefix in "[1-9][0-9]{7}", nic in "[0-9]{4}") {
            let siren_digits = format!("{prefix}{}", luhn_check_digit(&prefix));
            let base = format!("{siren_digits}{nic}");
            let siret_digits = format!("{base}{}", luhn_check_digit(&base));
            prop_assume!(!siret_digits.starts_with(LA_POSTE_SIREN));
            prop_assert_eq!(siret(&siret_digits), Ok(siret_digits.clone()), "generated SIRET was refused");
            let tva = format!("FR{:02}{siren_digits}", fr_vat_key(&siren_digits));
            prop_assert_eq!(tva_fr(&tva), Ok(tva.clone()), "TVA built from the formula was refused");
        }
    }
}
