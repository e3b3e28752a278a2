// Pure helpers of the CPS screen: prices typed and shown, points typed, and why a
// level is open or not. The rules themselves are Rust's (crates/core/src/cps.rs);
// these only word what the backend decided.
import type { Availability, CpsLevelRow, Level, Locale, Price, Standing } from "../types";

const LEVEL_NAMES: Record<Level, string> = { silver: "Silver", gold: "Gold", platinum: "Platinum", corporate: "Corporate" };
// A CPS level as Canon names it, in every language.
export const levelName = (level: Level) => LEVEL_NAMES[level];

// A price as typed ("85", "85.00", "85,00", "1 234,50") in minor units, or null
// when it is not an amount with at most two decimals.
export function parseAmount(text: string): number | null {
  const clean = text.replace(/[\s\u00a0\u202f]/g, "");
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(clean);
  if (!m) return null;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
  return minor > 0 ? minor : null;
}

// The amount of a price for an input field, with the locale's decimal sign.
export function amountText(minor: number, locale: Locale): string {
  const text = (minor / 100).toFixed(2);
  return locale === "en" ? text : text.replace(".", ",");
}

// A price with its currency, in the user's language ("£85.00", "85,00 £GB").
export function formatPrice(price: Price, locale: Locale): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: price.currency }).format(price.amountMinor / 100);
  } catch {
    return `${price.currency} ${amountText(price.amountMinor, locale)}`;
  }
}

// Points as typed: empty is unknown (null), a whole number is kept, anything else
// is undefined (refused by the form).
export function parsePoints(text: string): number | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  return /^\d{1,7}$/.test(t) ? Number(t) : undefined;
}

export type Reason = "notInvited" | "allStandard" | "threshold" | "corporateOpen" | "corporateClosed" | "unknown";

// Why a level has the availability the rules gave it, for one sentence under it.
export function levelReason(level: Level, availability: Availability, standing: Standing, row: CpsLevelRow | undefined): Reason {
  if (!standing.invited) return "notInvited";
  if (level === "corporate") return availability === "open" ? "corporateOpen" : "corporateClosed";
  if (standing.points >= 2000) return "allStandard";
  if (availability === "unknown" || row?.threshold == null) return "unknown";
  return "threshold";
}
