import { describe, expect, it } from "vitest";
import { CALENDAR_PRESETS, presetFor } from "./calendar";

describe("calendar presets", () => {
  it("give an https address for every named provider and none for another server", () => {
    for (const p of CALENDAR_PRESETS) {
      const url = presetFor(p);
      if (p === "other") expect(url, "another server keeps what the user typed").toBeNull();
      else expect(url?.startsWith("https://"), `${p} must be an https address: ${url}`).toBe(true);
    }
  });
});
