// Pure helpers behind the billing wizards, kept apart from the components so
// they can be tested without a DOM. The Rust side stays the authority on every
// rule; these only spare a round trip and drive what the wizard asks for.
import type { ApiError } from "../api";
import { isIsoDate } from "./dates";
import type { AttachmentInput, CatalogueEntry, EntityChange, Identifier, Request, RequestFacts, RequestStatus, Situation } from "../types";

export const REQUEST_STATUSES = ["draft", "outbox", "sending", "sent", "acknowledged", "done", "cancelled"] as const satisfies readonly RequestStatus[];

// The wizard input of the identifiers the user types; attachments and meter
// readings have their own controls.
export type TextFact = "contractNumber" | "serialNumber" | "customerNumber" | "poNumber" | "newAddress" | "currentAddress" | "newInvoiceAddress"
  | "invoiceEmail" | "newEntityName" | "newEntitySiret" | "newEntityAddress";

export const TEXT_FACT: Partial<Record<Identifier, TextFact>> = {
  contract_number: "contractNumber",
  serial_number: "serialNumber",
  customer_number: "customerNumber",
  po_number: "poNumber",
  new_address: "newAddress",
  current_address: "currentAddress",
  new_invoice_address: "newInvoiceAddress",
  invoice_email: "invoiceEmail",
  new_entity_name: "newEntityName",
  new_entity_siret: "newEntitySiret",
  new_entity_address: "newEntityAddress",
};

// Identifiers typed as an address, over several lines.
export const LONG_FACTS: readonly Identifier[] = ["new_address", "current_address", "new_invoice_address", "new_entity_address"];

export const ATTACHMENT_KIND: Partial<Record<Identifier, string>> = {
  kbis_document: "kbis",
  meter_reading_page: "meter_reading_page",
};

export function allIdentifiers(entry: CatalogueEntry): Identifier[] {
  return [...entry.identifiers, ...entry.optionalIdentifiers];
}

// A device is picked when Canon needs its serial number or its counters.
export function needsDevice(entry: CatalogueEntry): boolean {
  return allIdentifiers(entry).some((i) => i === "serial_number" || i === "meter_readings" || i === "meter_reading_page");
}

// A contract is picked when Canon needs one of its numbers; terminating one
// names the contract too, though Canon identifies it by the serial number.
export function needsContract(entry: CatalogueEntry): boolean {
  return entry.situation === "terminate_contract" || allIdentifiers(entry).some((i) => i === "contract_number" || i === "customer_number");
}

// A request handed to the mail client that has not left the app: the user is
// asked whether the mail client sent it, each time the request is opened, until
// they say it did (the backend's awaits_mail_client_answer).
export function awaitsMailClientAnswer(request: Pick<Request, "channel" | "status">): boolean {
  return request.channel === "mail_client" && (request.status === "draft" || request.status === "outbox");
}

export function isEmailSituation(entry: CatalogueEntry): boolean {
  return entry.channels.some((c) => c.kind === "email");
}

export function isPhoneSituation(entry: CatalogueEntry): boolean {
  return entry.channels.some((c) => c.kind === "phone");
}

// Values the records give, as the Rust side fills them: the serial number and
// the current address (its site) from the device, the contract and customer
// numbers and the current PO number from the contract (except when the PO
// number is what changes).
export type RecordValues = {
  serial?: string | null; contractNumber?: string | null; customerNumber?: string | null; poNumber?: string | null; currentAddress?: string | null;
};

// A site as the letter gives it, as the Rust side writes it: name, street, postal code and city.
export function siteAddress(site: { name: string; address: string; postalCode: string; city: string }): string {
  const town = `${site.postalCode.trim()} ${site.city.trim()}`.trim();
  return [site.name.trim(), site.address.trim(), town].filter((part) => part !== "").join(", ");
}

export function prefilled(situation: Situation, identifier: Identifier, records: RecordValues): string | null {
  const value = (() => {
    switch (identifier) {
      case "serial_number": return records.serial;
      case "contract_number": return records.contractNumber;
      case "customer_number": return records.customerNumber;
      case "current_address": return records.currentAddress;
      // A new PO number (changing it, or the optional one given with invoices by
      // email) is typed, not taken from the records.
      case "po_number": return situation === "change_po_number" || situation === "invoices_by_email" ? null : records.poNumber;
      default: return null;
    }
  })();
  return value && value.trim() !== "" ? value : null;
}

// "1 month before": the same day a calendar month earlier, clamped to the end
// of a shorter month (31 March → 28 or 29 February), as the Rust rule does.
export function notifyBy(effectiveIso: string): string | null {
  if (!isIsoDate(effectiveIso)) return null;
  const [y, mo, day] = effectiveIso.split("-").map(Number);
  let year = y;
  let month = mo - 2; // the month before, counted from 0
  if (month < 0) { month = 11; year -= 1; }
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoOf(new Date(Date.UTC(year, month, Math.min(day, last))));
}

function isoOf(d: Date): string {
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

// Days from `fromIso` to `toIso`; negative when `toIso` is earlier.
export function daysBetween(fromIso: string, toIso: string): number {
  const a = Date.parse(`${fromIso}T00:00:00Z`);
  const b = Date.parse(`${toIso}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

// The wall-clock parts of an instant in a zone.
function wallParts(instant: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  return { y: get("year"), mo: get("month"), d: get("day"), h: get("hour"), mi: get("minute") };
}

// Today's date (YYYY-MM-DD) in a zone: Canon France's deadlines run on Paris days.
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const p = wallParts(now, timeZone);
  return `${String(p.y).padStart(4, "0")}-${String(p.mo).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`;
}

// The instant at which a zone's clock shows `hhmm` on `isoDate`, DST included.
export function zonedTimeToInstant(isoDate: string, hhmm: string, timeZone: string): Date {
  const [y, mo, d] = isoDate.split("-").map(Number);
  const [h, mi] = hhmm.split(":").map(Number);
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wanted;
  // Two passes settle the offset even across a DST change.
  for (let i = 0; i < 2; i++) {
    const p = wallParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi);
    guess += wanted - shown;
  }
  return new Date(guess);
}

export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

// Where a server error belongs in the wizard: the Rust side names fields in
// camelCase ("invoiceEmail", "counters.black") or after the validator ("email").
export function wizardFieldFromServer(field: string | null): string | null {
  if (!field) return null;
  if (field.startsWith("counters.")) return `counter-${field.slice("counters.".length)}`;
  const camel = field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const aliases: Record<string, string> = {
    email: "invoice_email",
    effectiveDate: "effective_date",
    effectiveOn: "effective_date",
    recipient: "request_address",
    requestAddress: "request_address",
    attachments: "attachments",
    entityChange: "entity_change",
    readOn: "read_on",
    deviceId: "device",
    iban: "iban",
    bic: "bic",
  };
  if (camel in aliases) return aliases[camel];
  const identifier = (Object.keys(TEXT_FACT) as Identifier[]).find((k) => TEXT_FACT[k] === camel);
  return identifier ?? null;
}

export type WizardErrors = Record<string, string>;

export function errorsFromApi(error: ApiError): WizardErrors | null {
  const field = wizardFieldFromServer(error.field);
  return field ? { [field]: error.code } : null;
}

// The obvious email-shape check; the Rust validator has the last word.
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}

// A counter the device's kind has but that no reading names yet (the colour
// counter of a printer read only in black so far) is optional: a black-only
// device leaves it blank.
export type CounterEntry = { counter: string; value: string; last: number | null; lastOn?: string | null; optional?: boolean };

// Each counter must be a whole number no lower than its last reading; an
// optional one may stay blank, but at least one counter must be given.
export function counterErrors(counters: CounterEntry[]): WizardErrors {
  const errors: WizardErrors = {};
  for (const c of counters) {
    const text = c.value.trim();
    if (text === "") {
      if (!c.optional) errors[`counter-${c.counter}`] = "required";
    } else if (!/^\d+$/.test(text)) errors[`counter-${c.counter}`] = "number";
    else if (c.last !== null && Number(text) < c.last) errors[`counter-${c.counter}`] = "belowLast";
  }
  const first = counters[0];
  if (first && counters.every((c) => c.value.trim() === "")) errors[`counter-${first.counter}`] = "required";
  return errors;
}

// The counters a meter-reading answer asks for: those the device has readings
// for (each required) and those its kind has without a reading yet (optional),
// in the order of `offered`.
export function wizardCounters(offered: readonly string[], latest: LastReading[]): CounterEntry[] {
  const read = new Map(latest.map((r) => [r.counter, r]));
  const order = [...offered, ...latest.map((r) => r.counter).filter((c) => !offered.includes(c))];
  return order.map((counter) => {
    const last = read.get(counter);
    return last
      ? { counter, value: "", last: last.value, lastOn: last.readOn }
      : { counter, value: "", last: null, optional: read.size > 0 || counter !== order[0] };
  });
}

export function emptyFacts(): RequestFacts {
  return {
    organisation: "", contactName: "", effectiveDate: null, contractNumber: null, serialNumber: null, customerNumber: null,
    poNumber: null, newAddress: null, currentAddress: null, newInvoiceAddress: null, invoiceEmail: null, kbisDocument: null,
    newEntityName: null, newEntitySiret: null, newEntityAddress: null, entityChange: null,
    meterReadingPage: null, meterReadings: null, counters: [], readOn: null, addressee: null,
  };
}

// Everything the wizard's form holds; kept whole so going back loses nothing.
export type WizardForm = {
  deviceId: number | null;
  contractId: number | null;
  texts: Partial<Record<TextFact, string>>;
  effectiveOn: string;
  requestAddress: string;
  // For a change of billing entity: whether the business is taken over or sold.
  entityChange: EntityChange | null;
  // For a meter-reading answer: the day the counters were read (YYYY-MM-DD).
  readOn: string;
  counters: CounterEntry[];
  // Each attachment identifier's kept file, as the backend returned it (content
  // hash and name: the page never holds a path).
  attachments: Partial<Record<Identifier, AttachmentInput>>;
};

export type LastReading = { counter: string; value: number; readOn: string };

// The latest reading of each counter, for the meter-reading wizard.
export function lastReadings(readings: LastReading[]): LastReading[] {
  const latest = new Map<string, LastReading>();
  for (const r of readings) {
    const seen = latest.get(r.counter);
    if (!seen || r.readOn > seen.readOn) latest.set(r.counter, r);
  }
  return [...latest.values()].sort((a, b) => a.counter.localeCompare(b.counter));
}


// What the wizard checks before asking the Rust side: required values that the
// records do not give, the shape of dates and addresses, and the counters.
export function formErrors(entry: CatalogueEntry, form: WizardForm, records: RecordValues): WizardErrors {
  const errors: WizardErrors = {};
  for (const identifier of entry.identifiers) {
    const fact = TEXT_FACT[identifier];
    if (fact && !prefilled(entry.situation, identifier, records) && (form.texts[fact] ?? "").trim() === "") errors[identifier] = "required";
    const kind = ATTACHMENT_KIND[identifier];
    if (kind && !form.attachments[identifier]) errors[identifier] = "required";
  }
  const email = (form.texts.invoiceEmail ?? "").trim();
  if (email !== "" && !looksLikeEmail(email)) errors.invoice_email = "email";
  if (entry.leadTime !== "none") {
    const date = form.effectiveOn.trim();
    if (date === "") errors.effective_date = "required";
    else if (!isIsoDate(date)) errors.effective_date = "date";
  }
  if (entry.channels.some((c) => c.kind === "email" && c.to.kind === "address_on_request")) {
    const address = form.requestAddress.trim();
    if (address === "") errors.request_address = "required";
    else if (!looksLikeEmail(address)) errors.request_address = "email";
  }
  if (entry.situation === "change_billing_entity" && form.entityChange === null) errors.entity_change = "required";
  if (entry.identifiers.includes("meter_readings")) {
    Object.assign(errors, counterErrors(form.counters));
    const read = form.readOn.trim();
    if (read === "") errors.read_on = "required";
    else if (!isIsoDate(read)) errors.read_on = "date";
  }
  return errors;
}
