// A clicked notification brings the window forward and the shell dispatches
// `canondesk:open` in the page with the record it announced (`{ record: { type, id } }`,
// or `{ record: null }` for a group of deadlines). This reads that detail, which
// comes from outside the interface's own code, without trusting its shape.
import type { ScreenId } from "../components/Sidebar";

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

// The screen that shows a record: a request on Requests, a contract or its PO
// number on Contracts, the CPS records on CPS; a group (or an unknown kind) on
// Reminders, which lists them all.
export function screenOf(record: OpenedRecord | null): ScreenId {
  switch (record?.type) {
    case "request":
      return "requests";
    case "contract":
    case "poNumber":
      return "contracts";
    case "cpsAccount":
    case "cpsCheckout":
    case "cpsMembership":
      return "cps";
    default:
      return "reminders";
  }
}
