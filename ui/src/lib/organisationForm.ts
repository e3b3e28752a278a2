// The organisation form's draft (plain strings, as typed) and its conversion to
// and from the record. Client checks give feedback when a field is left; the
// backend checks everything again on save.
import type { OrganisationProfile } from "../bindings";
import { bicOk, emailOk, ibanOk, sirenOk, siretOk, vatOk } from "./identifiers";

export type OrgDraft = {
  legalName: string;
  country: string;
  siren: string;
  siret: string;
  vatNumber: string;
  invoicePostalAddress: string;
  invoiceEmail: string;
  salesContactName: string;
  salesContactEmail: string;
  canonIban: string;
  canonBic: string;
  customerNumbers: string[];
};

export type OrgField = keyof OrgDraft;
export type OrgProblem = "required" | "invalid" | "siretMismatch" | "vatMismatch";

// Countries offered first: where Canon Desk's users are.
export const COUNTRIES = ["FR", "IT", "BE", "LU", "CH", "DE", "ES", "NL", "AT", "PT", "IE", "DK", "FI", "SE", "PL", "CZ", "GR"] as const;

export function draftFromProfile(p: OrganisationProfile | null): OrgDraft {
  return {
    legalName: p?.legalName ?? "",
    country: p?.country ?? "FR",
    siren: p?.siren ?? "",
    siret: p?.siret ?? "",
    vatNumber: p?.vatNumber ?? "",
    invoicePostalAddress: p?.invoicePostalAddress ?? "",
    invoiceEmail: p?.invoiceEmail ?? "",
    salesContactName: p?.salesContactName ?? "",
    salesContactEmail: p?.salesContactEmail ?? "",
    canonIban: p?.canonIban ?? "",
    canonBic: p?.canonBic ?? "",
    customerNumbers: p && p.customerNumbers.length > 0 ? [...p.customerNumbers] : [""],
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

export function profileFromDraft(d: OrgDraft): OrganisationProfile {
  const french = d.country === "FR";
  return {
    legalName: d.legalName.trim(),
    country: d.country,
    // SIREN and SIRET are French; they are not kept for another country.
    siren: french ? orNull(d.siren) : null,
    siret: french ? orNull(d.siret) : null,
    vatNumber: orNull(d.vatNumber),
    invoicePostalAddress: d.invoicePostalAddress.trim(),
    invoiceEmail: orNull(d.invoiceEmail),
    salesContactName: orNull(d.salesContactName),
    salesContactEmail: orNull(d.salesContactEmail),
    canonIban: orNull(d.canonIban),
    canonBic: orNull(d.canonBic),
    customerNumbers: d.customerNumbers.map((n) => n.trim()).filter((n) => n !== ""),
  };
}

// The problem with one field, or null. Empty optional fields are fine.
export function checkField(d: OrgDraft, field: OrgField): OrgProblem | null {
  const v = (field === "customerNumbers" ? "" : d[field]).trim();
  switch (field) {
    case "legalName":
      return v === "" ? "required" : null;
    case "siren":
      return v !== "" && !sirenOk(v) ? "invalid" : null;
    case "siret": {
      if (v === "") return null;
      if (!siretOk(v)) return "invalid";
      const siren = d.siren.replace(/\s/g, "");
      return d.country === "FR" && sirenOk(siren) && !v.replace(/\s/g, "").startsWith(siren) ? "siretMismatch" : null;
    }
    case "vatNumber": {
      if (v === "") return null;
      if (!vatOk(v)) return "invalid";
      const siren = d.siren.replace(/\s/g, "");
      const vat = v.replace(/[\s.-]/g, "").toUpperCase();
      return d.country === "FR" && vat.startsWith("FR") && sirenOk(siren) && !vat.endsWith(siren) ? "vatMismatch" : null;
    }
    case "invoiceEmail":
    case "salesContactEmail":
      return v !== "" && !emailOk(v) ? "invalid" : null;
    case "canonIban":
      return v !== "" && !ibanOk(v) ? "invalid" : null;
    case "canonBic":
      return v !== "" && !bicOk(v) ? "invalid" : null;
    default:
      return null;
  }
}

export function checkAll(d: OrgDraft): Partial<Record<OrgField, OrgProblem>> {
  const out: Partial<Record<OrgField, OrgProblem>> = {};
  for (const f of Object.keys(d) as OrgField[]) {
    const p = checkField(d, f);
    if (p) out[f] = p;
  }
  return out;
}
