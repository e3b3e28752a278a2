import { describe, expect, it } from "vitest";
import type { Device } from "../types";
import { pickerFilter, pickerRows } from "./deviceSearch";

const device = (id: number, serial: string): Device => ({
  id, serial, model: "imageRUNNER 2630i", kind: "mfp", siteId: null, siteName: null, ownership: "owned",
  installedOn: null, meterTransmission: "manual", status: "active", notes: "", createdAt: "", updatedAt: "",
});

describe("device pickers", () => {
  it("search by the trimmed text, or list from the start when nothing is typed", () => {
    expect(pickerFilter("  xk00 ", "active"), "the text is trimmed").toEqual({ query: "xk00", status: "active", kind: null, siteId: null, contractId: null, ownership: null });
    expect(pickerFilter("   ", null).query, "blank text is no query").toBeNull();
  });

  it("show the chosen devices first, then the other matches, each once", () => {
    const a = device(1, "A1"), b = device(2, "B2"), c = device(3, "C3");
    expect(pickerRows([c], [a, b, c]).map((d) => d.serial), "a chosen device is not repeated among the matches").toEqual(["C3", "A1", "B2"]);
    expect(pickerRows([], [a, b]).map((d) => d.serial), "without a choice, the matches alone").toEqual(["A1", "B2"]);
  });
});
