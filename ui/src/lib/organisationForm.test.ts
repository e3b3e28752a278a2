import { describe, expect, it } from "vitest";
import { checkAll, draftFromProfile, profileFromDraft } from "./organisationForm";

describe("organisation form", () => {
  it("round-trips a profile", () => {
    const profile = {
      legalName: "Atelier Lumière SARL", country: "FR", siren: "732829320", siret: "73282932000074", vatNumber: "FR44732829320",
      invoicePostalAddress: "12 rue des Arts\n69002 Lyon", invoiceEmail: "factures@atelier.fr", salesContactName: null,
      salesContactEmail: "commercial@canon.example", canonIban: "FR7630006000011234567890189", canonBic: "BNPAFRPPXXX",
      customerNumbers: ["C123456", "C654321"],
    };
    expect(profileFromDraft(draftFromProfile(profile)), "a profile must survive the form unchanged").toEqual(profile);
  });

  it("turns blank optional fields into nulls and drops empty customer numbers", () => {
    const draft = { ...draftFromProfile(null), legalName: "  Studio Rossi ", country: "IT", siren: "732829320", customerNumbers: [" C1 ", ""] };
    const profile = profileFromDraft(draft);
    expect(profile.legalName, "the name is trimmed").toBe("Studio Rossi");
    expect(profile.siren, "a SIREN is not kept for an Italian organisation").toBeNull();
    expect(profile.invoiceEmail, "an empty email is null").toBeNull();
    expect(profile.customerNumbers, "empty rows are dropped and numbers trimmed").toEqual(["C1"]);
  });

  it("flags the fields that are wrong and only those", () => {
    const draft = { ...draftFromProfile(null), legalName: "", siren: "123", canonIban: "FR7630006000011234567890188", invoiceEmail: "ok@x.fr" };
    expect(checkAll(draft), "the name is required, the SIREN and IBAN are invalid").toEqual({
      legalName: { kind: "required" }, siren: { kind: "length", expected: 9, got: 3 }, canonIban: { kind: "checkDigit" },
    });
    const other = { ...draftFromProfile(null), legalName: "X", siren: "732829320", siret: "35600000049837", vatNumber: "FR 39 356000000" };
    expect(checkAll(other), "a SIRET and a VAT number of another company are flagged as such").toEqual({ siret: { kind: "siretNotSiren" }, vatNumber: { kind: "vatNotSiren" } });
  });
});
