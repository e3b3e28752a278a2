// An audit entry made readable: which fields changed, from what to what.
import type { AuditEntry } from "../bindings";

export type Change = { field: string; before: string; after: string };

// Bookkeeping fields change on every write and say nothing to the user.
const HIDDEN = new Set(["id", "createdAt", "updatedAt", "deletedAt", "created_at", "updated_at", "deleted_at"]);

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  // A list of plain values (the organisation's customer numbers) reads as a list.
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
    return value.length === 0 ? "—" : value.join(", ");
  }
  return JSON.stringify(value);
}

export function changes(entry: AuditEntry): Change[] {
  const before = parse(entry.before);
  const after = parse(entry.after);
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: Change[] = [];
  for (const field of fields) {
    if (HIDDEN.has(field)) continue;
    const b = show(before[field]);
    const a = show(after[field]);
    if (b !== a) out.push({ field, before: b, after: a });
  }
  return out;
}

// What an entry of a record's history is about: the record itself, or one of the
// things that hang from it (a document attached to it, a reading of a device), or a
// check run against it (the organisation's bank-details checks).
export type Subject =
  | { kind: "record" }
  | { kind: "document"; name: string }
  | { kind: "reading"; counter: string; value: number | null; readOn: string }
  | { kind: "bankCheck"; verdict: string; iban: string; bic: string; warnings: string[] }
  | { kind: "other" };

export function subject(entry: AuditEntry, entity: string): Subject {
  if (entry.entity === entity) return { kind: "record" };
  const data = { ...parse(entry.before), ...parse(entry.after) };
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  if (entry.entity === "document") return { kind: "document", name: text(data.fileName) };
  if (entry.entity === "meter_reading") {
    return {
      kind: "reading",
      counter: text(data.counter),
      value: typeof data.value === "number" ? data.value : null,
      readOn: text(data.readOn),
    };
  }
  if (entry.entity === "bank_check") {
    const warnings = Array.isArray(data.warnings) ? data.warnings.filter((w): w is string => typeof w === "string") : [];
    return { kind: "bankCheck", verdict: text(data.verdict), iban: text(data.iban), bic: text(data.bic), warnings };
  }
  return { kind: "other" };
}
