import { describe, expect, it } from "vitest";
import { bicOk, emailOk, ibanOk, partitaIvaOk, sirenOk, siretOk, vatOk } from "./identifiers";

describe("identifiers", () => {
  it("checks SIREN and SIRET keys", () => {
    expect(sirenOk("732 829 320"), "a real SIREN with spaces is valid").toBe(true);
    expect(sirenOk("732829321"), "a wrong key is refused").toBe(false);
    expect(siretOk("732 829 320 00074"), "a real SIRET is valid").toBe(true);
    expect(siretOk("73282932000075"), "a wrong SIRET key is refused").toBe(false);
    expect(siretOk("35600000049837"), "La Poste's SIRET uses its own rule").toBe(true);
  });

  it("checks IBAN and BIC", () => {
    expect(ibanOk("FR76 3000 6000 0112 3456 7890 189"), "a valid French IBAN passes").toBe(true);
    expect(ibanOk("FR76 3000 6000 0112 3456 7890 188"), "one wrong digit fails the checksum").toBe(false);
    expect(ibanOk("IT60 X054 2811 1010 0000 0123 456"), "a valid Italian IBAN passes").toBe(true);
    expect(bicOk("BNPAFRPPXXX"), "an 11-character BIC passes").toBe(true);
    expect(bicOk("BNPAFRP"), "a short BIC fails").toBe(false);
  });

  it("checks VAT numbers by country", () => {
    expect(vatOk("FR 44 732829320"), "the French key computed from the SIREN matches").toBe(true);
    expect(vatOk("FR45732829320"), "a wrong French key is refused").toBe(false);
    expect(vatOk("IT00743110157"), "a valid Partita IVA with its prefix passes").toBe(true);
    expect(partitaIvaOk("00743110158"), "a wrong Partita IVA check digit fails").toBe(false);
    expect(vatOk("DE123456789"), "a German number of the right shape passes").toBe(true);
    expect(vatOk("DE12345"), "a German number of the wrong shape fails").toBe(false);
  });

  it("checks the shape of email addresses", () => {
    expect(emailOk("factures@atelier.fr"), "a role address passes").toBe(true);
    expect(emailOk("factures@atelier"), "an address without a domain suffix fails").toBe(false);
  });
});

describe("customer numbers", () => {
  it("questions a number unlike the organisation's", async () => {
    const { unusualCustomerNumber } = await import("./identifiers");
    expect(unusualCustomerNumber("C0048999", ["C0048213"]), "the same shape passes").toBeNull();
    expect(unusualCustomerNumber("48213", ["C0048213"]), "a different shape names the usual one").toBe("C0048213");
    expect(unusualCustomerNumber("48213", []), "nothing known, nothing questioned").toBeNull();
    expect(unusualCustomerNumber("C0048213", ["C0048213"]), "a number is not compared with itself").toBeNull();
  });
});
