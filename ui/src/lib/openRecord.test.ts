import { describe, expect, it } from "vitest";
import { recordOf, targetOfRecord } from "./openRecord";

describe("opening the record of a clicked notification", () => {
  it("reads the shell's detail and refuses anything else", () => {
    expect(recordOf({ record: { type: "request", id: 12 } }), "a request").toEqual({ type: "request", id: 12 });
    expect(recordOf({ record: null }), "a group names no record").toBeNull();
    expect(recordOf({ record: { type: "request", id: "12" } }), "an id that is not a number").toBeNull();
    expect(recordOf("request:12"), "not an object").toBeNull();
    expect(recordOf(null), "nothing").toBeNull();
  });

  it("opens the record on its screen, or the home screen for a group", () => {
    expect(targetOfRecord({ type: "request", id: 4 }), "request").toEqual({ screen: "requests", id: 4 });
    expect(targetOfRecord({ type: "contract", id: 7 }), "contract").toEqual({ screen: "contracts", id: 7 });
    expect(targetOfRecord({ type: "poNumber", id: 9 }), "a PO number opens the contracts, not a contract with its id").toEqual({ screen: "contracts", id: null });
    expect(targetOfRecord({ type: "cpsMembership", id: 1 }), "CPS membership").toEqual({ screen: "cps", id: null });
    expect(targetOfRecord(null), "a group").toBeNull();
    expect(targetOfRecord({ type: "somethingNew", id: 1 }), "an unknown kind").toBeNull();
  });
});
