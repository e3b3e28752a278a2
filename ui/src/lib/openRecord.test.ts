import { describe, expect, it } from "vitest";
import { recordOf, screenOf } from "./openRecord";

describe("opening the record of a clicked notification", () => {
  it("reads the shell's detail and refuses anything else", () => {
    expect(recordOf({ record: { type: "request", id: 12 } }), "a request").toEqual({ type: "request", id: 12 });
    expect(recordOf({ record: null }), "a group names no record").toBeNull();
    expect(recordOf({ record: { type: "request", id: "12" } }), "an id that is not a number").toBeNull();
    expect(recordOf("request:12"), "not an object").toBeNull();
    expect(recordOf(null), "nothing").toBeNull();
  });

  it("goes to the screen that shows the record", () => {
    expect(screenOf({ type: "request", id: 1 }), "request").toBe("requests");
    expect(screenOf({ type: "contract", id: 1 }), "contract").toBe("contracts");
    expect(screenOf({ type: "poNumber", id: 1 }), "PO number").toBe("contracts");
    expect(screenOf({ type: "cpsMembership", id: 1 }), "CPS membership").toBe("cps");
    expect(screenOf(null), "a group").toBe("reminders");
    expect(screenOf({ type: "somethingNew", id: 1 }), "an unknown kind").toBe("reminders");
  });
});
