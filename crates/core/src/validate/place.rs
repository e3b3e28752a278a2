//! Country codes (ISO 3166-1 alpha-2) and the postal codes of the countries whose
//! shape Canon Desk knows.

use crate::{Error, Problem, Result};

/// Every ISO 3166-1 alpha-2 code currently assigned, sorted.
pub const ISO_3166_ALPHA2: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Validates an ISO 3166-1 alpha-2 country code and returns it in upper case.
pub fn country(input: &str) -> Result<String> {
    const FIELD: &str = "country";
    let value = input.trim().to_ascii_uppercase();
    if value.is_empty() {
        return Err(Error::Required { field: FIELD });
    }
    if ISO_3166_ALPHA2.binary_search(&value.as_str()).is_err() {
        return Err(Error::Wrong {
            field: FIELD,
            problem: Problem::Country { found: value },
        });
    }
    Ok(value)
}

/// How many digits the postal codes of `country` have, for the countries whose codes
/// are all digits of one length. Others are accepted as typed.
fn postal_digits(country: &str) -> Option<u32> {
    match country {
        "FR" | "IT" | "DE" | "ES" | "MC" | "SM" | "VA" | "FI" => Some(5),
        "BE" | "LU" | "CH" | "AT" | "DK" | "LI" => Some(4),
        _ => None,
    }
}

/// Validates a postal code for a site in `country` (an empty one is allowed: the
/// address may not be known yet) and returns it trimmed, inner spaces removed for
/// the all-digit shapes.
pub fn postal_code(country: &str, input: &str) -> Result<String> {
    let value = input.trim();
    let Some(digits) = postal_digits(country) else {
        return Ok(value.to_owned());
    };
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Ok(compact);
    }
    let ok = compact.bytes().all(|b| b.is_ascii_digit()) && compact.len() == digits as usize;
    if !ok {
        return Err(Error::Wrong {
            field: "postalCode",
            problem: Problem::PostalCode {
                country: country.to_owned(),
                digits,
            },
        });
    }
    Ok(compact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_list_is_sorted_and_complete() {
        assert!(
            ISO_3166_ALPHA2.windows(2).all(|w| w[0] < w[1]),
            "the list must be sorted and without duplicates for binary_search"
        );
        assert_eq!(ISO_3166_ALPHA2.len(), 249, "ISO 3166-1 assigns 249 codes");
    }

    #[test]
    fn countries_are_checked_against_iso_3166() {
        assert_eq!(
            country(" fr "),
            Ok("FR".into()),
            "a code is trimmed and upper-cased"
        );
        assert_eq!(
            country("UK"),
            Err(Error::Wrong {
                field: "country",
                problem: Problem::Country { found: "UK".into() }
            }),
            "UK is not the ISO code of the United Kingdom (GB is)"
        );
        assert_eq!(
            country("EL"),
            Err(Error::Wrong {
                field: "country",
                problem: Problem::Country { found: "EL".into() }
            }),
            "EL is Greece's VAT prefix, not its country code"
        );
    }

    #[test]
    fn postal_codes_follow_their_country() {
        assert_eq!(postal_code("FR", "75 008"), Ok("75008".into()), "spaces go");
        assert_eq!(
            postal_code("IT", "00184"),
            Ok("00184".into()),
            "a Rome code is fine"
        );
        let wrong = Err(Error::Wrong {
            field: "postalCode",
            problem: Problem::PostalCode {
                country: "FR".into(),
                digits: 5,
            },
        });
        assert_eq!(
            postal_code("FR", "7500"),
            wrong,
            "four digits are too few in France"
        );
        assert_eq!(
            postal_code("FR", "7500A"),
            wrong,
            "a letter is refused in France"
        );
        assert_eq!(
            postal_code("GB", "SW1A 1AA"),
            Ok("SW1A 1AA".into()),
            "unknown shapes pass"
        );
        assert_eq!(
            postal_code("FR", ""),
            Ok(String::new()),
            "an empty code is allowed"
        );
    }
}
