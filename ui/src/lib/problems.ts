// What exactly is wrong with a typed value, as a sentence in the user's language.
// The problems come from the checks in lib/identifiers.ts or from the backend's
// validators (the same `Problem` type): each names the problem and the expected
// form ("A SIRET has 14 digits; this one has 7").
import type { Problem } from "../bindings";
import type { MessageKey } from "../i18n/en";
import type { Translator } from "../i18n/translate";

// The identifier a problem is about, when the sentence names it.
export type Subject = "siren" | "siret" | "vat" | "serial" | "other";

export function problemText(t: Translator["t"], problem: Problem, subject: Subject = "other"): string {
  switch (problem.kind) {
    case "length": {
      const key: MessageKey =
        subject === "siren" ? "problem.length.siren" : subject === "siret" ? "problem.length.siret" : subject === "vat" && problem.expected === 11 ? "problem.length.vat" : "problem.length";
      return t(key, { expected: problem.expected, got: problem.got });
    }
    case "lengthEither":
      return t("problem.lengthEither", { short: problem.short, long: problem.long, got: problem.got });
    case "digitsOnly":
      return t("problem.digitsOnly", { found: problem.found });
    case "lettersAndDigitsOnly":
      return t(subject === "serial" ? "problem.lettersAndDigitsOnly.serial" : "problem.lettersAndDigitsOnly", { found: problem.found });
    case "checkDigit":
      return t("problem.checkDigit");
    case "sirenPart":
      return t("problem.sirenPart");
    case "siretNotSiren":
      return t("problem.siretNotSiren");
    case "vatNotSiren":
      return t("problem.vatNotSiren");
    case "vatKey":
      return t("problem.vatKey", { expected: problem.expected });
    case "vatFrShape":
      return t("problem.vatFrShape");
    case "vatPrefix":
      return t("problem.vatPrefix", { found: problem.found });
    case "vatShape":
      return t("problem.vatShape", { country: problem.country });
    case "businessNumberZero":
      return t("problem.businessNumberZero");
    case "ibanStart":
      return t("problem.ibanStart");
    case "ibanCountry":
      return t("problem.ibanCountry", { country: problem.country });
    case "ibanLength":
      return problem.expected === null
        ? t("problem.ibanLengthAny", { got: problem.got })
        : t("problem.ibanLength", { country: problem.country, expected: problem.expected, got: problem.got });
    case "ibanShape":
      return t("problem.ibanShape", { country: problem.country });
    case "bicBank":
      return t("problem.bicBank");
    case "bicCountry":
      return t("problem.bicCountry");
    case "emailAt":
      return t("problem.emailAt");
    case "emailDomain":
      return t("problem.emailDomain");
    case "emailCharacter":
      return t("problem.emailCharacter");
    case "emailDisplayName":
      return t("problem.emailDisplayName");
    case "tooLong":
      return t("problem.tooLong", { max: problem.max, got: problem.got });
    case "country":
      return t("problem.country", { found: problem.found });
    case "postalCode":
      return t("problem.postalCode", { country: problem.country, digits: problem.digits });
    case "customerNumberCharacters":
      return t("problem.customerNumberCharacters");
  }
}
