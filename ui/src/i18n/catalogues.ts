// English comes with the app: it is the language of last resort for every key.
// French and Italian are read when the interface is shown in them, so start-up
// parses one catalogue besides English rather than both (each is some 70 KB).
import type { Locale } from "../types";
import { en, type MessageKey } from "./en";

export type Messages = Record<MessageKey, string>;

const loaded: Partial<Record<Locale, Messages>> = { en };

// The catalogue of `locale`, once read.
export function catalogue(locale: Locale): Messages | undefined {
  return loaded[locale];
}

// Reads the catalogue of `locale` (at once for one already read).
export function loadCatalogue(locale: Locale): Promise<Messages> {
  const have = loaded[locale];
  if (have) return Promise.resolve(have);
  const load: Promise<Messages> = locale === "fr" ? import("./fr").then((m) => m.fr) : import("./it").then((m) => m.it);
  return load.then((messages) => (loaded[locale] = messages));
}
