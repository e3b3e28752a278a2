// Quick checks of identifiers as the user types them, for feedback on leaving a
// field. The backend checks everything again on save and is the authority; these
// only spare the user a round trip for a typo. Each check names the precise
// problem in the backend's own vocabulary (`Problem`, generated from
// crates/core/src/problem.rs), so the message says what is wrong and what is
// expected; lib/problems.ts turns it into a sentence.
import type { Problem } from "../bindings";

const compact = (s: string) => s.replace(/[\s.\-\u00a0]/g, "").toUpperCase();

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// Digits only, of one length: the shape of SIREN, SIRET and partita IVA.
function digitsProblem(v: string, expected: number): Problem | null {
  const bad = [...v].find((c) => !/\d/.test(c));
  if (bad !== undefined) return { kind: "digitsOnly", found: bad };
  if (v.length !== expected) return { kind: "length", expected, got: v.length };
  return null;
}

export function sirenProblem(value: string): Problem | null {
  const v = compact(value);
  return digitsProblem(v, 9) ?? (luhn(v) ? null : { kind: "checkDigit" });
}

// La Poste's establishments share one SIREN and use a different key.
export function siretProblem(value: string): Problem | null {
  const v = compact(value);
  const shape = digitsProblem(v, 14);
  if (shape) return shape;
  const laPoste = v.startsWith("356000000") && v !== "35600000000048";
  const ok = laPoste ? [...v].reduce((n, c) => n + Number(c), 0) % 5 === 0 : luhn(v);
  if (!ok) return { kind: "checkDigit" };
  return luhn(v.slice(0, 9)) ? null : { kind: "sirenPart" };
}

// The length of IBANs of the countries users deal with most (as the backend's table).
const IBAN_LENGTHS: Record<string, number> = {
  FR: 27, IT: 27, MC: 27, SM: 27, GR: 27, DE: 22, GB: 22, IE: 22, BE: 16, LU: 20, AT: 20,
  CH: 21, LI: 21, ES: 24, SE: 24, NL: 18, DK: 18, FI: 18, PT: 25, PL: 28, CY: 28,
};

// IBAN: country, check digits, then the account; mod 97 of the rearranged
// number must be 1.
export function ibanProblem(value: string): Problem | null {
  const v = compact(value);
  if (!/^[A-Z]{2}\d{2}/.test(v)) return { kind: "ibanStart" };
  const country = v.slice(0, 2);
  const bad = [...v].find((c) => !/[A-Z0-9]/.test(c));
  if (bad !== undefined) return { kind: "lettersAndDigitsOnly", found: bad };
  const expected = IBAN_LENGTHS[country] ?? null;
  if ((expected !== null && v.length !== expected) || v.length < 15 || v.length > 34) {
    return { kind: "ibanLength", country, expected, got: v.length };
  }
  const moved = v.slice(4) + v.slice(0, 4);
  let rest = 0;
  for (const c of moved) {
    const n = c >= "A" ? String(c.charCodeAt(0) - 55) : c;
    for (const d of n) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1 ? null : { kind: "checkDigit" };
}

export function bicProblem(value: string): Problem | null {
  const v = compact(value);
  const bad = [...v].find((c) => !/[A-Z0-9]/.test(c));
  if (bad !== undefined) return { kind: "lettersAndDigitsOnly", found: bad };
  if (v.length !== 8 && v.length !== 11) return { kind: "lengthEither", short: 8, long: 11, got: v.length };
  if (!/^[A-Z]{4}/.test(v)) return { kind: "bicBank" };
  if (!/^[A-Z]{4}[A-Z]{2}/.test(v)) return { kind: "bicCountry" };
  return null;
}

// VAT numbers: the French key is computed from the SIREN, the Italian Partita IVA
// has a Luhn-style check digit; other EU countries are checked for shape only.
const SHAPES: Record<string, RegExp> = {
  AT: /^U\d{8}$/, BE: /^[01]\d{9}$/, DE: /^\d{9}$/, ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/, LU: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/, PT: /^\d{9}$/, IE: /^\d{7}[A-Z]{1,2}$|^\d[A-Z+*]\d{5}[A-Z]$/, DK: /^\d{8}$/,
  FI: /^\d{8}$/, SE: /^\d{10}01$/, PL: /^\d{10}$/, CZ: /^\d{8,10}$/, EL: /^\d{9}$/, BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/, EE: /^\d{9}$/, HR: /^\d{11}$/, HU: /^\d{8}$/, LT: /^\d{9}$|^\d{12}$/,
  LV: /^\d{11}$/, MT: /^\d{8}$/, RO: /^\d{2,10}$/, SI: /^\d{8}$/, SK: /^\d{10}$/,
  XI: /^\d{9}$|^\d{12}$|^GD\d{3}$|^HA\d{3}$/,
};

export function vatProblem(value: string): Problem | null {
  const v = compact(value);
  const prefix = v.slice(0, 2);
  const country = prefix === "GR" ? "EL" : prefix;
  const rest = v.slice(2);
  if (country === "FR") {
    if (!/^[0-9A-HJ-NP-Z]{2}\d{9}$/.test(rest)) return { kind: "vatFrShape" };
    const key = rest.slice(0, 2);
    const siren = rest.slice(2);
    if (!siren.startsWith("000") && !luhn(siren)) return { kind: "sirenPart" };
    if (!/^\d{2}$/.test(key)) return null; // the newer alphanumeric keys cannot be recomputed
    const expected = (12 + 3 * (Number(siren) % 97)) % 97;
    return Number(key) === expected ? null : { kind: "vatKey", expected: String(expected).padStart(2, "0") };
  }
  if (country === "IT") return partitaIvaProblem(rest);
  const shape = SHAPES[country];
  if (!shape) return { kind: "vatPrefix", found: prefix };
  return shape.test(rest) ? null : { kind: "vatShape", country };
}

export function partitaIvaProblem(value: string): Problem | null {
  const v = compact(value).replace(/^IT/, "");
  const shape = digitsProblem(v, 11);
  if (shape) return shape;
  if (v.startsWith("0000000")) return { kind: "businessNumberZero" };
  return luhn(v) ? null : { kind: "checkDigit" };
}

export function emailProblem(value: string): Problem | null {
  const v = value.trim();
  if (v.includes("<")) return { kind: "emailDisplayName" };
  if (!v.includes("@")) return { kind: "emailAt" };
  if (/\s/.test(v)) return { kind: "emailCharacter" };
  const at = v.lastIndexOf("@");
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  if (local === "" || /[(),:;<>[\]\\"]/.test(local)) return { kind: "emailCharacter" };
  if (!/^[^\s@.]+(\.[^\s@.]+)+$/.test(domain)) return { kind: "emailDomain" };
  return null;
}

// A serial number as Canon prints it: letters and digits (spaces and dashes are
// separators the backend removes), at most 32 characters.
export function serialProblem(value: string): Problem | null {
  const v = value.replace(/[\s\-\u00a0]/g, "");
  const bad = [...v].find((c) => !/[A-Za-z0-9]/.test(c));
  if (bad !== undefined) return { kind: "lettersAndDigitsOnly", found: bad };
  if (v.length > 32) return { kind: "tooLong", max: 32, got: v.length };
  return null;
}

// Postal codes whose shape is all digits of one length, by country (as the backend).
const POSTAL_DIGITS: Record<string, number> = { FR: 5, IT: 5, DE: 5, ES: 5, MC: 5, SM: 5, VA: 5, FI: 5, BE: 4, LU: 4, CH: 4, AT: 4, DK: 4, LI: 4 };

export function postalCodeProblem(country: string, value: string): Problem | null {
  const digits = POSTAL_DIGITS[country.trim().toUpperCase()];
  const v = value.replace(/\s/g, "");
  if (!digits || v === "") return null;
  return new RegExp(`^\\d{${digits}}$`).test(v) ? null : { kind: "postalCode", country: country.trim().toUpperCase(), digits };
}

// ISO 3166-1 alpha-2, as crates/core/src/validate/place.rs.
const ISO_3166 = new Set(
  ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
    "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").split(" "),
);

export function countryProblem(value: string): Problem | null {
  const v = value.trim().toUpperCase();
  return v === "" || ISO_3166.has(v) ? null : { kind: "country", found: v };
}

export const sirenOk = (v: string) => sirenProblem(v) === null;
export const siretOk = (v: string) => siretProblem(v) === null;
export const ibanOk = (v: string) => ibanProblem(v) === null;
export const bicOk = (v: string) => bicProblem(v) === null;
export const vatOk = (v: string) => vatProblem(v) === null;
export const partitaIvaOk = (v: string) => partitaIvaProblem(v) === null;
export const emailOk = (v: string) => emailProblem(v) === null;

// The printed form of an IBAN, in groups of four, as banks and invoices show it.
export function groupIban(value: string): string {
  return compact(value).replace(/(.{4})(?=.)/g, "$1 ");
}

// The shape of a customer number: each letter an A, each digit a 9 ("C0048213"
// is "A9999999"). Canon gives one organisation numbers of one shape.
function shapeOf(value: string): string {
  return value.trim().toUpperCase().replace(/[A-Z]/g, "A").replace(/\d/g, "9");
}

// A customer number unlike the ones the record knows: the first known one, as an
// example of the shape expected, or null when it matches one or none is known.
export function unusualCustomerNumber(value: string, known: readonly string[]): string | null {
  const others = known.map((k) => k.trim()).filter((k) => k !== "" && k.toUpperCase() !== value.trim().toUpperCase());
  if (value.trim() === "" || others.length === 0) return null;
  return others.some((k) => shapeOf(k) === shapeOf(value)) ? null : others[0];
}
