// Quick checks of identifiers as the user types them, for feedback on leaving a
// field. The backend checks everything again on save and is the authority; these
// only spare the user a round trip for a typo.

const digitsOnly = (s: string) => s.replace(/[\s.\-\u00a0]/g, "");

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

export function sirenOk(value: string): boolean {
  const v = digitsOnly(value);
  return /^\d{9}$/.test(v) && luhn(v);
}

// La Poste's establishments share one SIREN and use a different key.
export function siretOk(value: string): boolean {
  const v = digitsOnly(value);
  if (!/^\d{14}$/.test(v)) return false;
  if (v.startsWith("356000000")) return [...v].reduce((n, c) => n + Number(c), 0) % 5 === 0;
  return luhn(v);
}

// IBAN: country, check digits, then the account; mod 97 of the rearranged
// number must be 1.
export function ibanOk(value: string): boolean {
  const v = value.replace(/\s/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v)) return false;
  const moved = v.slice(4) + v.slice(0, 4);
  let rest = 0;
  for (const c of moved) {
    const n = c >= "A" ? String(c.charCodeAt(0) - 55) : c;
    for (const d of n) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

export function bicOk(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value.replace(/\s/g, "").toUpperCase());
}

// VAT numbers: the French key is computed from the SIREN, the Italian Partita IVA
// has a Luhn-style check digit; other EU countries are checked for shape only.
const SHAPES: Record<string, RegExp> = {
  AT: /^U\d{8}$/, BE: /^[01]\d{9}$/, DE: /^\d{9}$/, ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/, LU: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/, PT: /^\d{9}$/, IE: /^\d{7}[A-Z]{1,2}$|^\d[A-Z+*]\d{5}[A-Z]$/, DK: /^\d{8}$/,
  FI: /^\d{8}$/, SE: /^\d{12}$/, PL: /^\d{10}$/, CZ: /^\d{8,10}$/, GR: /^\d{9}$/, EL: /^\d{9}$/,
};

export function vatOk(value: string): boolean {
  const v = value.replace(/[\s.\-]/g, "").toUpperCase();
  const country = v.slice(0, 2);
  const rest = v.slice(2);
  if (country === "FR") {
    if (!/^[0-9A-Z]{2}\d{9}$/.test(rest)) return false;
    const key = rest.slice(0, 2);
    const siren = rest.slice(2);
    if (!/^\d{2}$/.test(key)) return true; // the newer alphanumeric keys cannot be recomputed
    return Number(key) === (12 + 3 * (Number(siren) % 97)) % 97;
  }
  if (country === "IT") return partitaIvaOk(rest);
  const shape = SHAPES[country];
  return shape ? shape.test(rest) : /^[A-Z0-9]{2,13}$/.test(rest) && /^[A-Z]{2}$/.test(country);
}

export function partitaIvaOk(value: string): boolean {
  const v = digitsOnly(value).replace(/^IT/i, "");
  if (!/^\d{11}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(v[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(v[10]);
}

export function emailOk(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
