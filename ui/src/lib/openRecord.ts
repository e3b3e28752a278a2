// A clicked notification brings the window forward and the shell dispatches
// `canondesk:open` in the page with the record it announced (`{ record: { type, id } }`,
// or `{ record: null }` for a group of deadlines). This reads that detail, which
// comes from outside the interface's own code, without trusting its shape.
import type { Target } from "./reminders";

export const OPEN_EVENT = "canondesk:open";

export type OpenedRecord = { type: string; id: number };

// The record named by the event's detail; null when it names none or is malformed.
export function recordOf(detail: unknown): OpenedRecord | null {
  if (typeof detail !== "object" || detail === null) return null;
  const record = (detail as { record?: unknown }).record;
  if (typeof record !== "object" || record === null) return null;
  const { type, id } = record as { type?: unknown; id?: unknown };
  return typeof type === "string" && typeof id === "number" && Number.isSafeInteger(id) ? { type, id } : null;
}

// Where a notified record opens: a request or a contract selected on its screen, a
// PO number's contract screen (the notification names the PO, not its contract),
// the CPS screen; null (a group of deadlines, or a kind this version does not know)
// opens the home screen, which lists them all.
export function targetOfRecord(record: OpenedRecord | null): Target | null {
  switch (record?.type) {
    case "request":
      return { screen: "requests", id: record.id };
    case "contract":
      return { screen: "contracts", id: record.id };
    case "poNumber":
      return { screen: "contracts", id: null };
    case "cpsAccount":
    case "cpsCheckout":
    case "cpsMembership":
      return { screen: "cps", id: null };
    default:
      return null;
  }
}
