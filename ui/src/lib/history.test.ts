import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../bindings";
import { changes } from "./history";

const entry = (before: object | null, after: object | null): AuditEntry => ({
  id: 1, at: "2026-11-24T08:00:00Z", entity: "device", entityId: 7, action: "update",
  before: before && JSON.stringify(before), after: after && JSON.stringify(after),
});

describe("history", () => {
  it("lists only the fields that changed", () => {
    const list = changes(entry({ model: "TM-300", site: "Atelier", updatedAt: "a" }, { model: "TM-305", site: "Atelier", updatedAt: "b" }));
    expect(list, "one field changed; bookkeeping fields are hidden").toEqual([{ field: "model", before: "TM-300", after: "TM-305" }]);
  });

  it("shows a creation as values appearing", () => {
    expect(changes(entry(null, { serial: "X1" })), "a created record's fields go from nothing to their value").toEqual([{ field: "serial", before: "—", after: "X1" }]);
  });

  it("survives entries that are not JSON objects", () => {
    const broken: AuditEntry = { ...entry(null, null), before: "{oops", after: "[1]" };
    expect(changes(broken), "unreadable entries give no change rather than an exception").toEqual([]);
  });
});
