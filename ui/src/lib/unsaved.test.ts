import { describe, expect, it } from "vitest";
import { differs, hasUnsaved, setUnsaved } from "./unsaved";

describe("unsaved changes", () => {
  it("is unsaved while any form says so, and saved again once none does", () => {
    expect(hasUnsaved(), "nothing is unsaved at first").toBe(false);
    setUnsaved("org", true);
    setUnsaved("wizard", true);
    setUnsaved("org", false);
    expect(hasUnsaved(), "the wizard is still under way").toBe(true);
    setUnsaved("wizard", false);
    expect(hasUnsaved(), "nothing is left unsaved").toBe(false);
  });

  it("compares drafts by content", () => {
    expect(differs({ a: "x", b: [1] }, { a: "x", b: [1] }), "equal drafts are not changes").toBe(false);
    expect(differs({ a: "x" }, { a: "y" }), "a changed field is a change").toBe(true);
  });
});
