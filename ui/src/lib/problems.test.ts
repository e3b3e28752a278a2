import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../i18n/catalogues";
import { makeI18n } from "../i18n/context";
import type { Locale } from "../types";
import {
  bicProblem, countryProblem, emailProblem, ibanProblem, partitaIvaProblem, postalCodeProblem, serialProblem, sirenProblem, siretProblem, vatProblem,
} from "./identifiers";
import { problemText, type Subject } from "./problems";

// One row per message: what the user typed, the check, the subject the sentence
// names, and the words each language's message must contain. A check that fell
// back to a vague "not valid" fails here.
const CASES: { what: string; problem: ReturnType<typeof sirenProblem>; subject?: Subject; en: string; fr: string; it: string }[] = [
  { what: "SIRET of 7 digits", problem: siretProblem("1234567"), subject: "siret", en: "A SIRET has 14 digits; this one has 7.", fr: "Un SIRET compte 14 chiffres\u202f; celui-ci en compte 7.", it: "Un SIRET ha 14 cifre; questo ne ha 7." },
  { what: "SIREN of 8 digits", problem: sirenProblem("12345678"), subject: "siren", en: "A SIREN has 9 digits; this one has 8.", fr: "Un SIREN compte 9 chiffres", it: "Un SIREN ha 9 cifre" },
  { what: "SIREN with a letter", problem: sirenProblem("73282932A"), subject: "siren", en: "“A” is not a digit", fr: "«\u00a0A\u00a0» n’en est pas un", it: "«A» non è una cifra" },
  { what: "SIREN mistyped", problem: sirenProblem("732829321"), subject: "siren", en: "The check digit does not match", fr: "La clé de contrôle ne correspond pas", it: "La cifra di controllo non corrisponde" },
  { what: "SIRET with a wrong SIREN", problem: siretProblem("73282932100015"), subject: "siret", en: "The first 9 digits are not a valid SIREN", fr: "Les 9 premiers chiffres", it: "Le prime 9 cifre" },
  { what: "French VAT key", problem: vatProblem("FR45732829320"), subject: "vat", en: "for this SIREN it is 44", fr: "c’est 44", it: "è 44" },
  { what: "French VAT shape", problem: vatProblem("FR4473282932"), subject: "vat", en: "FR, a 2-character key and the 9-digit SIREN", fr: "une clé de 2 caractères", it: "una chiave di 2 caratteri" },
  { what: "VAT prefix", problem: vatProblem("US123456789"), subject: "vat", en: "two letters (FR, IT, DE…); “US” is not one", fr: "«\u00a0US\u00a0»", it: "«US»" },
  { what: "German VAT shape", problem: vatProblem("DE12345"), subject: "vat", en: "VAT number from DE", fr: "(DE)", it: "(DE)" },
  { what: "partita IVA length", problem: partitaIvaProblem("0074311015"), subject: "vat", en: "partita IVA) has 11 digits; this one has 10", fr: "compte 11 chiffres", it: "Una partita IVA ha 11 cifre; questa ne ha 10." },
  { what: "partita IVA of zeros", problem: partitaIvaProblem("00000000000"), subject: "vat", en: "cannot all be zeros", fr: "tous des zéros", it: "tutte zero" },
  { what: "IBAN without country", problem: ibanProblem("7630006000011234567890189"), en: "An IBAN starts with two letters", fr: "Un IBAN commence par deux lettres", it: "Un IBAN inizia con due lettere" },
  { what: "French IBAN too short", problem: ibanProblem("FR76 3000 6000 0112 3456 7890 18"), en: "An IBAN from FR has 27 characters; this one has 26.", fr: "compte 27 caractères\u202f; celui-ci en compte 26", it: "ha 27 caratteri; questo ne ha 26" },
  { what: "IBAN mistyped", problem: ibanProblem("FR76 3000 6000 0112 3456 7890 188"), en: "The check digit does not match", fr: "La clé de contrôle", it: "La cifra di controllo" },
  { what: "BIC length", problem: bicProblem("BNPAFRP"), en: "A BIC has 8 or 11 letters and digits; this one has 7.", fr: "Un BIC compte 8 ou 11", it: "Un BIC ha 8 o 11" },
  { what: "BIC bank", problem: bicProblem("BN1AFRPP"), en: "4 letters for the bank", fr: "4 lettres pour la banque", it: "4 lettere per la banca" },
  { what: "BIC country", problem: bicProblem("BNPA1RPP"), en: "5th and 6th characters", fr: "5e et 6e caractères", it: "5º e il 6º carattere" },
  { what: "email without @", problem: emailProblem("compta.example.fr"), en: "has an @ between the name and the domain", fr: "a un @ entre le nom et le domaine", it: "ha una @ tra il nome e il dominio" },
  { what: "email without domain", problem: emailProblem("compta@example"), en: "After the @ comes a domain", fr: "Après le @ vient un domaine", it: "Dopo la @ viene un dominio" },
  { what: "email with a space", problem: emailProblem("comp ta@example.fr"), en: "takes no spaces", fr: "ni espace", it: "non contiene spazi" },
  { what: "email with a name", problem: emailProblem("Compta <compta@example.fr>"), en: "without a name around it", fr: "sans nom autour", it: "senza un nome intorno" },
  { what: "serial with a slash", problem: serialProblem("AB/12"), subject: "serial", en: "A serial number uses letters and digits only, as on the device’s label: remove “/”.", fr: "Un numéro de série ne comporte que des lettres et des chiffres", it: "Un numero di serie ha solo lettere e cifre" },
  { what: "serial too long", problem: serialProblem("A".repeat(40)), subject: "serial", en: "At most 32 characters; this one has 40.", fr: "32 caractères au plus", it: "Al massimo 32 caratteri" },
  { what: "country", problem: countryProblem("UK"), en: "“UK” is not an ISO 3166 country code", fr: "«\u00a0UK\u00a0» n’est pas un code pays ISO 3166", it: "«UK» non è un codice paese ISO 3166" },
  { what: "postal code", problem: postalCodeProblem("IT", "0018"), en: "A postal code in this country (IT) has 5 digits.", fr: "Un code postal de ce pays (IT) compte 5 chiffres.", it: "Un codice postale di questo paese (IT) ha 5 cifre." },
];

// The app reads French and Italian when shown in them; the tests read both first.
beforeAll(() => Promise.all([loadCatalogue("fr"), loadCatalogue("it")]));

describe("each validator's message names the problem and the expected form", () => {
  for (const c of CASES) {
    for (const locale of ["en", "fr", "it"] as Locale[]) {
      it(`${c.what} (${locale})`, () => {
        expect(c.problem, `${c.what}: the check found no problem`).not.toBeNull();
        const text = problemText(makeI18n(locale).t, c.problem!, c.subject);
        expect(text, `${c.what} in ${locale} is not the precise message`).toContain(c[locale]);
        expect(text, `${c.what} in ${locale} left a placeholder unfilled`).not.toMatch(/\{\w+\}/);
      });
    }
  }

  it("accepts what is right", () => {
    const good: [string, unknown][] = [
      ["SIREN", sirenProblem("732 829 320")], ["SIRET", siretProblem("732 829 320 00074")], ["La Poste", siretProblem("35600000049837")],
      ["French VAT", vatProblem("FR 44 732829320")], ["Italian VAT", vatProblem("IT00743110157")], ["IBAN", ibanProblem("fr76 3000 6000 0112 3456 7890 189")],
      ["BIC", bicProblem("BNPAFRPPXXX")], ["email", emailProblem("factures@atelier.fr")], ["serial", serialProblem("xkt-01234")],
      ["country", countryProblem("fr")], ["postal code", postalCodeProblem("FR", "75 008")], ["foreign postal code", postalCodeProblem("GB", "SW1A 1AA")],
    ];
    for (const [what, problem] of good) expect(problem, `a valid ${what} was refused`).toBeNull();
  });
});
