import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Locale } from "../types";
import { formatDateTime, formatIsoDate, formatNumber } from "./format";
import { makeTranslator, type Translator } from "./translate";

export type I18n = Translator & {
  locale: Locale;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  number: (value: number) => string;
};

export function makeI18n(locale: Locale): I18n {
  return {
    ...makeTranslator(locale),
    locale,
    date: (iso) => formatIsoDate(iso, locale),
    dateTime: (iso) => formatDateTime(iso, locale),
    number: (value) => formatNumber(value, locale),
  };
}

export const I18nContext = createContext<I18n>(makeI18n("en"));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
