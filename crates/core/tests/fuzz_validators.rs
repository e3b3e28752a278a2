//! Fuzzing every validator with generated input: near-valid values (a valid
//! identifier with characters inserted, removed, replaced, repeated, cut short, in
//! other scripts and with control characters) as well as arbitrary text.
//!
//! Each validator must answer without panicking, and a value it accepts must be
//! accepted again, unchanged, in the normalised form it returned: what the app stores
//! passes its own check when read back and typed again.
//!
//! `./x test` runs a few hundred cases per target; `./x fuzz` runs a million
//! (`PROPTEST_CASES=1000000`, see README.md › Performance and reliability).

use canon_desk_core::cps_subscription::{clean_po_number, normalize_membership_number};
use canon_desk_core::device::normalize_serial;
use canon_desk_core::validate;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// The number of cases: `PROPTEST_CASES` when set (the long mode), otherwise a few
/// hundred so that the normal test run stays fast.
fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 512;
    }
    // Failures are reported with their input; nothing is written beside the sources.
    config.failure_persistence = None;
    config
}

/// Characters that break validators in practice: separators people paste, letters
/// whose upper case is longer than themselves, digits of other scripts, control and
/// zero-width characters, and characters outside the Basic Multilingual Plane.
const PALETTE: &[char] = &[
    '0',
    '1',
    '7',
    '9',
    'A',
    'z',
    'I',
    ' ',
    '.',
    '-',
    '/',
    '@',
    '+',
    '*',
    '\u{a0}',
    '\u{202f}',
    '\t',
    '\n',
    '\r',
    '\0',
    'é',
    'ß',
    'ﬁ',
    'ŉ',
    'İ',
    '٣',
    '５',
    'Ⅻ',
    '\u{200b}',
    '\u{301}',
    '\u{feff}',
    '😀',
    '\u{10ffff}',
    '"',
    '\'',
    ',',
    ';',
    '<',
    '>',
];

/// One edit of a string, applied at a position given as a fraction of its length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Remove(usize),
    Replace(usize, char),
    /// Repeats a slice of the value in place.
    Repeat(usize, usize, usize),
    Truncate(usize),
    Upper,
    Lower,
}

fn edit() -> impl Strategy<Value = Edit> {
    let c = prop::sample::select(PALETTE).boxed();
    let any_c = prop_oneof![4 => c, 1 => any::<char>()];
    prop_oneof![
        (any::<usize>(), any_c.clone()).prop_map(|(at, c)| Edit::Insert(at, c)),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), any_c).prop_map(|(at, c)| Edit::Replace(at, c)),
        (any::<usize>(), 1usize..8, 1usize..200).prop_map(|(a, l, n)| Edit::Repeat(a, l, n)),
        any::<usize>().prop_map(Edit::Truncate),
        Just(Edit::Upper),
        Just(Edit::Lower),
    ]
}

fn apply(value: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = value.chars().collect();
    for e in edits {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
        match *e {
            Edit::Insert(i, c) => {
                let i = at(i, chars.len());
                chars.insert(i, c);
            }
            Edit::Remove(i) => {
                if !chars.is_empty() {
                    let i = i % chars.len();
                    chars.remove(i);
                }
            }
            Edit::Replace(i, c) => {
                if !chars.is_empty() {
                    let i = i % chars.len();
                    chars[i] = c;
                }
            }
            Edit::Repeat(i, len, times) => {
                if !chars.is_empty() {
                    let from = i % chars.len();
                    let to = (from + len).min(chars.len());
                    let slice: Vec<char> = chars[from..to].to_vec();
                    for _ in 0..times {
                        chars.splice(to..to, slice.iter().copied());
                    }
                }
            }
            Edit::Truncate(i) => {
                let i = at(i, chars.len());
                chars.truncate(i);
            }
            Edit::Upper => chars = chars.iter().flat_map(|c| c.to_uppercase()).collect(),
            Edit::Lower => chars = chars.iter().flat_map(|c| c.to_lowercase()).collect(),
        }
    }
    chars.into_iter().collect()
}

/// Near-valid input built from `seeds` (valid values as people type them), mixed with
/// arbitrary text.
fn near(seeds: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (prop::sample::select(seeds), prop::collection::vec(edit(), 0..6))
            .prop_map(|(seed, edits)| apply(seed, &edits)),
        1 => any::<String>(),
        1 => "[0-9A-Za-z .\\-]{0,40}",
    ]
}

const SIRENS: &[&str] = &["732 829 320", "356000000", "404.833.048", "552 100 554"];
const SIRETS: &[&str] = &["732 829 320 00074", "35600000000048", "552 100 554 00018"];
const TVAS: &[&str] = &["FR44732829320", "FR 44 732 829 320", "FR40303265045"];
const PARTITE_IVA: &[&str] = &["07643520567", "IT 00743110157", "01114601006"];
const EU_VATS: &[&str] = &[
    "DE136695976",
    "ATU13585627",
    "EL094259216",
    "IE6388047V",
    "IT00743110157",
    "NL004495445B01",
    "FR44732829320",
    "XI123456782",
];
const IBANS: &[&str] = &[
    "FR76 3000 6000 0112 3456 7890 189",
    "IT60X0542811101000000123456",
    "DE89 3704 0044 0532 0130 00",
    "GB29NWBK60161331926819",
];
const BICS: &[&str] = &["BNPAFRPPXXX", "BNPAFRPP", "UNCRITMM", "DEUTDEFF500"];
const EMAILS: &[&str] = &[
    "compta@atelier.fr",
    "Marie.Dupont+canon@exemple.co.uk",
    "\"quoted local\"@example.fr",
    "a@b.it",
];
const COUNTRIES: &[&str] = &["FR", "it", " de ", "GB", "MC"];
const POSTAL_CODES: &[&str] = &["75008", "20121", "06000", "97400", "00118", "SW1A 1AA"];
const SERIALS: &[&str] = &["XQD04127", "083021004417", "E2E 0042 x", "2ab-34 cd"];
const PO_NUMBERS: &[&str] = &["eg-0123456789", "PO 2026/17", "  commande 42  "];
const MEMBERSHIPS: &[&str] = &["CPS123456", "ab 12 cd 34"];

/// Asserts the fixpoint: a value accepted once is accepted again, unchanged.
macro_rules! stable {
    ($validator:expr, $input:expr, $normal:expr) => {{
        let input: &str = $input;
        if let Ok(out) = $validator(input) {
            let normal: String = $normal(&out);
            let again = $validator(normal.as_str());
            prop_assert!(
                again.as_ref().map($normal).as_deref() == Ok(normal.as_str()),
                "{input:?} was accepted as {normal:?}, which then gave {again:?}"
            );
        }
    }};
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_siren(input in near(SIRENS)) {
        stable!(validate::siren, &input, |s: &String| s.clone());
    }

    #[test]
    fn fuzz_siret(input in near(SIRETS)) {
        stable!(validate::siret, &input, |s: &String| s.clone());
    }

    #[test]
    fn fuzz_tva_fr(input in near(TVAS)) {
        stable!(validate::tva_fr, &input, |s: &String| s.clone());
    }

    #[test]
    fn fuzz_partita_iva(input in near(PARTITE_IVA)) {
        stable!(validate::partita_iva, &input, |s: &String| s.clone());
    }

    #[test]
    fn fuzz_eu_vat(input in near(EU_VATS)) {
        stable!(validate::eu_vat, &input, |v: &validate::EuVat| v.number.clone());
    }

    #[test]
    fn fuzz_iban(input in near(IBANS)) {
        stable!(validate::iban, &input, |v: &validate::ValidIban| v.electronic.clone());
        // The printed form is an accepted way of typing it too.
        if let Ok(v) = validate::iban(&input) {
            let printed = validate::iban(&v.formatted).map(|w| w.electronic);
            prop_assert_eq!(printed, Ok(v.electronic.clone()), "the printed form {:?} is refused", v.formatted);
        }
    }

    #[test]
    fn fuzz_bic(input in near(BICS)) {
        stable!(validate::bic, &input, |s: &String| s.clone());
    }

    #[test]
    fn fuzz_email(input in near(EMAILS)) {
        stable!(validate::email, &input, |s: &String| s.clone());
        let _ = validate::looks_personal(&input);
    }

    #[test]
    fn fuzz_country(input in near(COUNTRIES)) {
        stable!(validate::country, &input, |s: &String| s.clone());
    }

    #[test]
    fn fuzz_postal_code(country in prop::sample::select(&["FR", "IT", "DE", "GB", "MC", "fr", "", "ZZ"][..]), input in near(POSTAL_CODES)) {
        stable!(|code: &str| validate::postal_code(country, code), &input, |s: &String| s.clone());
    }

    #[test]
    fn fuzz_serial(input in near(SERIALS)) {
        stable!(normalize_serial, &input, |s: &String| s.clone());
    }

    #[test]
    fn fuzz_po_number(input in near(PO_NUMBERS)) {
        if let Ok(Some(po)) = clean_po_number(Some(&input)) {
            prop_assert_eq!(clean_po_number(Some(&po)), Ok(Some(po.clone())), "{:?} was accepted as {:?}, not stable", input, po);
        }
    }

    #[test]
    fn fuzz_membership_number(input in near(MEMBERSHIPS)) {
        stable!(normalize_membership_number, &input, |s: &String| s.clone());
    }
}
