import { describe, expect, it } from "vitest";
import { PAGE_SIZE, pagesFor } from "./devicePages";

describe("device pages", () => {
  it("fetches the visible pages and one either side", () => {
    expect(pagesFor(0, 20, 10_000), "the top of the list needs pages 0 and 1").toEqual([0, 1]);
    expect(pagesFor(5 * PAGE_SIZE + 10, 5 * PAGE_SIZE + 40, 10_000), "the middle needs its page and both neighbours").toEqual([4, 5, 6]);
    expect(pagesFor(9_990, 9_999, 10_000), "the end never asks beyond the last page").toEqual([98, 99]);
  });

  it("asks for nothing when the list is empty", () => {
    expect(pagesFor(0, 20, 0), "an empty list has no page").toEqual([]);
  });
});
