// Every catalogue at once, for the tests that compare them (the app reads French
// and Italian only when shown in them: catalogues.ts).
import type { Locale } from "../types";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";
import { it } from "./it";

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, fr, it };
