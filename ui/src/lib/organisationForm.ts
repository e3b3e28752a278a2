// The organisation form's draft (plain strings, as typed) and its conversion to
// and from the record. Client checks give feedback when a field is left; the
// backend checks everything again on save.
import type { OrganisationProfile, Problem } from "../bindings";
import { bicProblem, emailProblem, groupIban, ibanProblem, sirenOk, sirenProblem, siretProblem, vatProblem } from "./identifiers";

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
// What is wrong with a field: required and empty, or a precise problem (lib/problems.ts).
// "invalid" is the backend refusing what the quick checks let through.
export type OrgProblem = { kind: "required" } | { kind: "invalid" } | Problem;

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
    // Shown in groups of four, as banks print it; stored without spaces.
    canonIban: p?.canonIban ? groupIban(p.canonIban) : "",
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
    canonIban: d.canonIban.trim() === "" ? null : d.canonIban.replace(/\s/g, "").toUpperCase(),
    canonBic: orNull(d.canonBic),
    customerNumbers: d.customerNumbers.map((n) => n.trim()).filter((n) => n !== ""),
  };
}

// The problem with one field, or null. Empty optional fields are fine.
export function checkField(d: OrgDraft, field: OrgField): OrgProblem | null {
  const v = (field === "customerNumbers" ? "" : d[field]).trim();
  switch (field) {
    case "legalName":
      return v === "" ? { kind: "required" } : null;
    case "siren":
      return v !== "" ? sirenProblem(v) : null;
    case "siret": {
      if (v === "") return null;
      const problem = siretProblem(v);
      if (problem) return problem;
      const siren = d.siren.replace(/\s/g, "");
      return d.country === "FR" && sirenOk(siren) && !v.replace(/\s/g, "").startsWith(siren) ? { kind: "siretNotSiren" } : null;
    }
    case "vatNumber": {
      if (v === "") return null;
      // Without a country prefix, the number is read as the organisation's country's.
      const prefixed = /^[A-Za-z]/.test(v) ? v : `${d.country}${v}`;
      const problem = vatProblem(prefixed);
      if (problem) return problem;
      const siren = d.siren.replace(/\s/g, "");
      const vat = prefixed.replace(/[\s.-]/g, "").toUpperCase();
      return d.country === "FR" && vat.startsWith("FR") && sirenOk(siren) && !vat.endsWith(siren) ? { kind: "vatNotSiren" } : null;
    }
    case "invoiceEmail":
    case "salesContactEmail":
      return v !== "" ? emailProblem(v) : null;
    case "canonIban":
      return v !== "" ? ibanProblem(v) : null;
    case "canonBic":
      return v !== "" ? bicProblem(v) : null;
    case "customerNumbers":
      return d.customerNumbers.some((n) => !/^[A-Za-z0-9-]*$/.test(n.trim())) ? { kind: "customerNumberCharacters" } : null;
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
