// Why a message could not be sent, in words the user can act on: the translated
// sentence for the failure's code first, then the server's own words marked as
// such, so the same thing is never said twice in two voices.
import type { MessageKey } from "../i18n/en";
import type { Translator } from "../i18n/translate";

const CODES = ["connection", "unknown_host", "refused", "tls", "no_login", "timeout", "auth", "rejected", "temporary"] as const;

export function failureText(t: Translator["t"], code: string | null, detail: string | null): string {
  const known = (CODES as readonly string[]).includes(code ?? "");
  const sentence = known ? t(`fail.${code}` as MessageKey) : "";
  const words = detail?.trim() ? t("fail.details", { detail: detail.trim() }) : "";
  const first = sentence ? sentence.charAt(0).toLocaleUpperCase() + sentence.slice(1) : "";
  return [first, words].filter(Boolean).join(" ");
}
