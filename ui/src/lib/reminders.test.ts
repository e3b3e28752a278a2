import { describe, expect, it } from "vitest";
import type { DeadlineRow } from "../bindings";
import { formatLeadTimes, isOverdue, parseLeadTimes, targetOf } from "./reminders";

const row = (over: Partial<DeadlineRow>): DeadlineRow => ({
  id: 1, key: "po:4:po_renewal", kind: "po_renewal", record: { type: "poNumber", id: 4 }, dueAt: "2026-12-01T08:00:00.000Z",
  zone: "Europe/Paris", subject: "CT-1 · PO-26", status: "open", snoozedUntil: null, leadDays: null, revision: 0,
  situation: null, contractId: 9, ...over,
});

describe("reminders", () => {
  it("opens the record a deadline belongs to; a PO deadline opens its contract", () => {
    expect(targetOf(row({})), "a PO deadline opens its contract").toEqual({ screen: "contracts", id: 9 });
    expect(targetOf(row({ record: { type: "request", id: 3 } })), "a request deadline opens the request").toEqual({ screen: "requests", id: 3 });
    expect(targetOf(row({ record: { type: "cpsMembership", id: 2 } })), "CPS deadlines open the CPS screen").toEqual({ screen: "cps", id: null });
  });

  it("reads lead times as typed and refuses what the backend would", () => {
    expect(parseLeadTimes("7, 30 1;0 7"), "sorted largest first, repeats dropped").toEqual([30, 7, 1, 0]);
    expect(parseLeadTimes(""), "at least one").toBeNull();
    expect(parseLeadTimes("400"), "at most 366 days").toBeNull();
    expect(parseLeadTimes("1.5"), "whole days only").toBeNull();
    expect(parseLeadTimes("1 2 3 4 5 6 7 8 9 10 11"), "at most ten").toBeNull();
    expect(formatLeadTimes([30, 7, 1, 0]), "shown as typed").toBe("30, 7, 1, 0");
  });

  it("knows an overdue deadline", () => {
    expect(isOverdue(row({}), new Date("2026-12-01T08:00:01Z")), "a second after it fell due").toBe(true);
    expect(isOverdue(row({}), new Date("2026-12-01T07:59:59Z")), "a second before").toBe(false);
  });
});
