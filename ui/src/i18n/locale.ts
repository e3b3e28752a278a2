import type { Locale } from "../types";

export const LOCALES: readonly Locale[] = ["en", "fr", "it"];

// The first of the user's preferred languages that Canon Desk speaks wins, so a
// German-first user who also lists French gets French rather than English.
export function detectLocale(languages: readonly string[] | undefined): Locale {
  for (const tag of languages ?? []) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    const match = LOCALES.find((l) => l === primary);
    if (match) return match;
  }
  return "en";
}

// An explicit choice in Settings overrides whatever the system says.
export function resolveLocale(choice: Locale | null, languages: readonly string[] | undefined): Locale {
  return choice ?? detectLocale(languages);
}

// navigator is absent in unit tests and may list nothing in some webviews.
export function systemLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  if (navigator.languages && navigator.languages.length > 0) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}
