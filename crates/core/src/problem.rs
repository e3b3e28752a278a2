//! What exactly is wrong with a value the user typed, in a form the interface can
//! translate: the problem and the figures it names ("a SIRET has 14 digits, you typed
//! 7"), never a sentence in one language.

use serde::{Deserialize, Serialize};

/// One precise reason a typed value was refused. Each variant carries what the message
/// needs (the expected length, the character found); the interface turns it into a
/// sentence in the user's language, and [`std::fmt::Display`] gives the English one
/// for logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Problem {
    /// The value has the wrong number of characters (digits for a SIREN).
    Length {
        /// How many the identifier has.
        expected: u32,
        /// How many were typed.
        got: u32,
    },
    /// The value has a length none of the allowed ones (a BIC: 8 or 11).
    LengthEither {
        /// The shorter allowed length.
        short: u32,
        /// The longer allowed length.
        long: u32,
        /// How many were typed.
        got: u32,
    },
    /// A character other than a digit where only digits are allowed.
    DigitsOnly {
        /// The first character that is not a digit.
        found: String,
    },
    /// A character other than a letter or a digit (a serial number, a BIC).
    LettersAndDigitsOnly {
        /// The first character refused.
        found: String,
    },
    /// The check digit (or key) does not match the rest: a digit is probably mistyped.
    CheckDigit,
    /// A SIRET whose first nine digits are not a valid SIREN.
    SirenPart,
    /// The SIRET does not start with the organisation's SIREN.
    SiretNotSiren,
    /// The French VAT number is not built on the organisation's SIREN.
    VatNotSiren,
    /// The key of a French VAT number does not match its SIREN.
    VatKey {
        /// The key the SIREN gives.
        expected: String,
    },
    /// A French VAT number that is not FR, a 2-character key and 9 digits.
    VatFrShape,
    /// A VAT number that does not start with an EU country's two letters.
    VatPrefix {
        /// What the value starts with.
        found: String,
    },
    /// A VAT number with a known prefix but not that country's shape.
    VatShape {
        /// The VAT prefix (`DE`, `EL`).
        country: String,
    },
    /// A Partita IVA whose first seven digits are all zeros.
    BusinessNumberZero,
    /// An IBAN that does not start with two letters and two digits.
    IbanStart,
    /// An IBAN whose country does not issue IBANs (or is unknown).
    IbanCountry {
        /// The two letters it starts with.
        country: String,
    },
    /// An IBAN of the wrong length for its country.
    IbanLength {
        /// Its country.
        country: String,
        /// The length that country's IBANs have, when known.
        expected: Option<u32>,
        /// How many characters were typed.
        got: u32,
    },
    /// An IBAN whose account part does not follow its country's format.
    IbanShape {
        /// Its country.
        country: String,
    },
    /// A BIC whose first four characters (the bank) are not letters.
    BicBank,
    /// A BIC whose 5th and 6th characters (the country) are not letters.
    BicCountry,
    /// An email address without an `@`.
    EmailAt,
    /// An email address whose part after the `@` is not a domain such as `example.fr`.
    EmailDomain,
    /// An email address with a space or a character addresses do not take.
    EmailCharacter,
    /// An email address with a display name (`Name <a@b.fr>`).
    EmailDisplayName,
    /// Longer than the identifier can be.
    TooLong {
        /// The most characters allowed.
        max: u32,
        /// How many were typed.
        got: u32,
    },
    /// Not a two-letter ISO 3166 country code.
    Country {
        /// What was typed.
        found: String,
    },
    /// A postal code of the wrong shape for its country.
    PostalCode {
        /// The country (`FR`, `IT`).
        country: String,
        /// How many digits that country's postal codes have.
        digits: u32,
    },
    /// A customer number with a character other than a letter, a digit or a dash.
    CustomerNumberCharacters,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Length { expected, got } => {
                write!(f, "{got} characters instead of {expected}")
            }
            Problem::LengthEither { short, long, got } => {
                write!(f, "{got} characters instead of {short} or {long}")
            }
            Problem::DigitsOnly { found } => {
                write!(f, "unexpected character {found:?}, digits only")
            }
            Problem::LettersAndDigitsOnly { found } => {
                write!(f, "unexpected character {found:?}, letters and digits only")
            }
            Problem::CheckDigit => f.write_str("the check digit does not match"),
            Problem::SirenPart => f.write_str("its first 9 digits are not a valid SIREN"),
            Problem::SiretNotSiren => f.write_str("does not start with the SIREN"),
            Problem::VatNotSiren => f.write_str("the French VAT number is not the SIREN's"),
            Problem::VatKey { expected } => {
                write!(f, "the key does not match the SIREN (expected {expected})")
            }
            Problem::VatFrShape => {
                f.write_str("expected FR, a 2-character key and a 9-digit SIREN")
            }
            Problem::VatPrefix { found } => write!(f, "{found:?} is not an EU VAT prefix"),
            Problem::VatShape { country } => write!(f, "not the shape of a {country} VAT number"),
            Problem::BusinessNumberZero => {
                f.write_str("the business number (first 7 digits) is all zeros")
            }
            Problem::IbanStart => f.write_str("an IBAN starts with two letters and two digits"),
            Problem::IbanCountry { country } => write!(f, "{country:?} issues no IBANs"),
            Problem::IbanLength {
                country,
                expected: Some(expected),
                got,
            } => {
                write!(f, "{got} characters instead of {expected} for {country}")
            }
            Problem::IbanLength {
                country,
                expected: None,
                got,
            } => {
                write!(f, "{got} characters is not a {country} IBAN's length")
            }
            Problem::IbanShape { country } => write!(f, "not the format of a {country} IBAN"),
            Problem::BicBank => f.write_str("the bank code (first 4) must be letters"),
            Problem::BicCountry => f.write_str("the country code (5th and 6th) must be letters"),
            Problem::EmailAt => f.write_str("no @ between the name and the domain"),
            Problem::EmailDomain => f.write_str("the part after @ is not a domain"),
            Problem::EmailCharacter => f.write_str("a space or a character addresses do not take"),
            Problem::EmailDisplayName => f.write_str("a name around the address"),
            Problem::TooLong { max, got } => write!(f, "{got} characters, at most {max}"),
            Problem::Country { found } => write!(f, "{found:?} is not an ISO 3166 country code"),
            Problem::PostalCode { country, digits } => {
                write!(f, "a {country} postal code has {digits} digits")
            }
            Problem::CustomerNumberCharacters => f.write_str("letters, digits and dashes only"),
        }
    }
}

/// A count for a [`Problem`]: identifiers are short, so the conversion never saturates
/// in practice, and a pasted novel reads as `u32::MAX` rather than failing.
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The first character of `s` as a string, for [`Problem::DigitsOnly`] and the like.
pub(crate) fn shown(c: char) -> String {
    c.to_string()
}
