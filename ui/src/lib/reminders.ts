// Pure helpers of the reminder screens: where a deadline leads, the lead-times
// field, and what counts as overdue.
import type { DeadlineKind, DeadlineRow } from "../bindings";

export const DEADLINE_KINDS: readonly DeadlineKind[] = [
  "notify_by", "follow_up", "meter_reading_due", "po_renewal", "contract_notice", "contract_end",
  "cps_account_validation", "cps_invoice_due", "cps_card_charge", "cps_membership_renewal", "cps_membership_charge",
];

// The screen and record a deadline opens: a PO number's deadline opens its contract.
export type Target = { screen: "contracts" | "requests" | "cps"; id: number | null };

export function targetOf(row: DeadlineRow): Target {
  switch (row.record.type) {
    case "request":
      return { screen: "requests", id: row.record.id };
    case "contract":
      return { screen: "contracts", id: row.record.id };
    case "poNumber":
      return { screen: "contracts", id: row.contractId };
    default:
      return { screen: "cps", id: null };
  }
}

// "30, 7, 1, 0" (commas, spaces or semicolons) → [30, 7, 1, 0], largest first and
// without repeats; null when it is not one to ten whole numbers from 0 to 366.
export function parseLeadTimes(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== "");
  if (parts.length === 0 || parts.length > 10 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const days = parts.map(Number);
  if (days.some((d) => d > 366)) return null;
  return [...new Set(days)].sort((a, b) => b - a);
}

export function formatLeadTimes(days: readonly number[]): string {
  return days.join(", ");
}

export function isOverdue(row: DeadlineRow, now: Date): boolean {
  return new Date(row.dueAt).getTime() < now.getTime();
}
