import type { ErrorCode, Locale } from "../types";
import { catalogue as catalogueOf } from "./catalogues";
import { en, type MessageKey } from "./en";

// Every error code the backend can send (the Rust ErrorCode enum, through the
// generated bindings) has its message: a code without one fails the type check.
export const ERROR_MESSAGE_KEYS: { [C in ErrorCode]: `error.${C}` & MessageKey } = {
  validation: "error.validation",
  not_found: "error.not_found",
  conflict: "error.conflict",
  storage: "error.storage",
  invalid_state: "error.invalid_state",
  not_configured: "error.not_configured",
  keychain: "error.keychain",
  newer_version: "error.newer_version",
  unsafe_file: "error.unsafe_file",
  malformed: "error.malformed",
  internal: "error.internal",
};

export type Params = Record<string, string | number>;

// A base such as "devices.count" for which the catalogue has "devices.count.other".
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.other` ? B : never;
}[MessageKey];

export type Translator = {
  t: (key: MessageKey, params?: Params) => string;
  tp: (base: PluralBase, count: number, params?: Params) => string;
};

const PLACEHOLDER = /\{(\w+)\}/g;

// Italian elides the article and the articulated prepositions before a number
// spoken with a vowel: "l’8 marzo", "dall’11 aprile", "all’80 %" (otto, undici,
// ottanta…). 1 is not elided: the first of the month is "il 1º".
const ELIDED: Record<string, string> = { il: "l’", dal: "dall’", al: "all’", del: "dell’", nel: "nell’", sul: "sull’" };
const ITALIAN_ARTICLE_BEFORE = /(^|[\s(])(il|dal|al|del|nel|sul) \{(\w+)\}/g;

function speaksWithVowel(value: string): boolean {
  return /^(8|11(?!\d))/.test(value);
}

// Unknown placeholders are left visible so a missing parameter shows up in
// review instead of silently disappearing from the sentence.
export function interpolate(template: string, params: Params | undefined, locale: Locale): string {
  if (!params) return template;
  const text = (value: string | number) => (typeof value === "number" ? new Intl.NumberFormat(locale).format(value) : value);
  let elided = template;
  if (locale === "it") {
    elided = template.replace(ITALIAN_ARTICLE_BEFORE, (whole, before: string, article: string, name: string) => {
      const value = params[name];
      if (value === undefined || !speaksWithVowel(text(value))) return whole;
      return `${before}${ELIDED[article]}{${name}}`;
    });
  }
  return elided.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return text(value);
  });
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();
}

export function makeTranslator(locale: Locale): Translator {
  // A catalogue not read yet (loadCatalogue) leaves English in its place.
  const catalogue = catalogueOf(locale) ?? en;
  const rules = new Intl.PluralRules(locale);
  const t = (key: MessageKey, params?: Params) => interpolate(catalogue[key] ?? en[key], params, locale);
  // Languages with more categories than the catalogue spells out (Italian
  // "many", for instance) fall back to the "other" form.
  const tp = (base: PluralBase, count: number, params?: Params) => {
    const candidate = `${base}.${rules.select(count)}` as MessageKey;
    const key = candidate in catalogue ? candidate : (`${base}.other` as MessageKey);
    return t(key, { ...params, count });
  };
  return { t, tp };
}
