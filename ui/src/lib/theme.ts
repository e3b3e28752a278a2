import type { Locale, Theme } from "../types";

// The stylesheet reads the theme from an attribute rather than inline styles,
// which the content security policy forbids; "system" is resolved by a CSS
// media query, so it follows the OS live without any listener here.
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

// Screen readers and hyphenation depend on the document language.
export function applyLang(locale: Locale): void {
  document.documentElement.lang = locale;
}
