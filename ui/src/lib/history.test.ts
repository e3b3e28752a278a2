import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../bindings";
import { changes, subject } from "./history";

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

  it("shows a list of customer numbers as a list", () => {
    const list = changes(entry({ customerNumbers: ["C-1", "C-2"] }, { customerNumbers: ["C-2"] }));
    expect(list, "a removed customer number reads as the list before and after").toEqual([{ field: "customerNumbers", before: "C-1, C-2", after: "C-2" }]);
  });

  it("tells the record's own entries from its documents and readings", () => {
    expect(subject(entry(null, { serial: "X1" }), "device"), "the device's own entry is about the record").toEqual({ kind: "record" });
    const doc: AuditEntry = { ...entry({ fileName: "kbis.pdf", entity: "device" }, null), entity: "document", action: "delete" };
    expect(subject(doc, "device"), "a removed document is named from the record before").toEqual({ kind: "document", name: "kbis.pdf" });
    const reading: AuditEntry = { ...entry(null, { counter: "black", value: 1200, readOn: "2026-11-02" }), entity: "meter_reading", action: "create" };
    expect(subject(reading, "device"), "a reading carries its counter, value and date").toEqual({ kind: "reading", counter: "black", value: 1200, readOn: "2026-11-02" });
    expect(subject({ ...entry(null, {}), entity: "contract" }, "device"), "anything else is not guessed at").toEqual({ kind: "other" });
  });

  it("reads a bank-details check in the organisation's history", () => {
    const check: AuditEntry = { ...entry(null, { iban: "FR76 3000 4000 0312 3456 7890 143", bic: "BNPAFRPPXXX", verdict: "mismatch", warnings: ["other_bank"] }), entity: "bank_check", action: "create" };
    expect(subject(check, "organisation"), "a check carries what was entered, its verdict and its warnings").toEqual({
      kind: "bankCheck",
      verdict: "mismatch",
      iban: "FR76 3000 4000 0312 3456 7890 143",
      bic: "BNPAFRPPXXX",
      warnings: ["other_bank"],
    });
  });
});
