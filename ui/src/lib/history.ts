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
