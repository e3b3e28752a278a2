import type { Locale } from "../types";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Calendar dates ("YYYY-MM-DD") have no time zone: they are built and formatted
// in UTC so that a user west of Greenwich never sees the day before.
export function formatIsoDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return "";
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return withOrdinalFirst(new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }), date, locale);
}

// French and Italian write the first of the month as an ordinal ("1er mars
// 2027", "1º mar 2027"), which Intl does not; other days are Intl's own.
const FIRST: Partial<Record<Locale, string>> = { fr: "1er", it: "1º" };

function withOrdinalFirst(format: Intl.DateTimeFormat, date: Date, locale: Locale): string {
  const first = FIRST[locale];
  if (!first) return format.format(date);
  return format.formatToParts(date).map((p) => (p.type === "day" && p.value === "1" ? first : p.value)).join("");
}

// Timestamps are instants, shown in the user's own zone unless a test pins one.
export function formatDateTime(iso: string | null | undefined, locale: Locale, timeZone?: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return withOrdinalFirst(new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }), date, locale);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}
