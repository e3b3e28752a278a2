import { describe, expect, it } from "vitest";
import type { Contract } from "../bindings";
import { checkContract, currentPo, draftFromContract, emptyContractDraft, formFromDraft } from "./contractForm";
import { isIsoDate } from "./dates";

const contract: Contract = {
  id: 3,
  form: {
    number: "CT-2024-0081", kind: "maintenance", customerNumber: "C123456", billingEntity: "Atelier Lumière SARL",
    invoiceDelivery: "email", invoiceAddress: "factures@atelier.fr", startsOn: "2024-01-01", endsOn: "2028-12-31",
    renewal: "tacit", noticeMonths: 3, renewalMonths: null,
  },
  poNumbers: [
    { id: 2, poNumber: "PO-2026", validFrom: "2026-01-01", validTo: null },
    { id: 1, poNumber: "PO-2025", validFrom: "2025-01-01", validTo: "2025-12-31" },
  ],
  deviceIds: [1, 2],
  deletedAt: null,
  terminated: false,
};

describe("contract form", () => {
  it("round-trips a contract's fields", () => {
    expect(formFromDraft(draftFromContract(contract)), "the form must give back the same fields").toEqual(contract.form);
  });

  it("finds the PO number in force", () => {
    expect(currentPo(contract)?.poNumber, "the open PO number is the current one").toBe("PO-2026");
    const ending = { ...contract, poNumbers: [{ ...contract.poNumbers[0], validTo: "2026-12-31" }, contract.poNumbers[1]] };
    expect(currentPo(ending)?.poNumber, "a PO whose period end is known is still the one in force").toBe("PO-2026");
  });

  it("checks what the user typed", () => {
    const draft = { ...emptyContractDraft(), startsOn: "2026-05-01", endsOn: "2026-04-30", invoiceDelivery: "email" as const, invoiceAddress: "nope", noticeMonths: "x", renewalMonths: "0" };
    expect(checkContract(draft), "number missing, end before start, bad email, bad months, a term of no month").toEqual({
      number: "required", endsOn: "order", invoiceAddress: "email", noticeMonths: "months", renewalMonths: "months",
    });
    expect(formFromDraft({ ...emptyContractDraft(), number: "X" }).renewalMonths, "an empty renewal term is the default (12)").toBeNull();
    expect(isIsoDate("2026-02-30"), "a day that does not exist is refused").toBe(false);
    expect(formFromDraft({ ...emptyContractDraft(), number: " X ", noticeMonths: "" }).noticeMonths, "an empty notice period is unknown").toBeNull();
  });
});
