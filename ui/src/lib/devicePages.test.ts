import { describe, expect, it } from "vitest";
import { keptPages, MAX_PAGES, PAGE_SIZE, pagesFor } from "./devicePages";

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

describe("the page cache", () => {
  // Scrolls a window of 30 rows from the top of 10,000 devices to the end, a
  // screen at a time, as the list does: every page the rows in view need is
  // fetched, and the pages held never exceed the cap.
  it("holds at most MAX_PAGES pages while scrolling the whole list", () => {
    const total = 10_000;
    let pages = new Map<number, string>();
    let largest = 0;
    for (let first = 0; first < total; first += 30) {
      const last = Math.min(total - 1, first + 30 + 16);
      const wanted = pagesFor(first, last, total);
      for (const p of wanted) if (!pages.has(p)) pages.set(p, `page ${p}`);
      pages = keptPages(pages, wanted);
      largest = Math.max(largest, pages.size);
      for (const p of wanted) expect(pages.has(p), `page ${p} is in view at row ${first} and must be kept`).toBe(true);
    }
    expect(largest, "the cache must stay within its cap over the whole list").toBeLessThanOrEqual(MAX_PAGES);
    expect([...pages.keys()].sort((a, b) => a - b), "at the end, the last pages are the ones held").toEqual([94, 95, 96, 97, 98, 99]);
  });

  it("keeps the nearest pages to the rows in view and drops the far ones", () => {
    const pages = new Map([0, 1, 2, 3, 40, 41, 42, 43].map((p) => [p, p]));
    const kept = keptPages(pages, [41, 42, 43], 4);
    expect([...kept.keys()].sort((a, b) => a - b), "the wanted pages and their nearest neighbour stay").toEqual([40, 41, 42, 43]);
    expect(keptPages(pages, [1], 100).size, "under the cap nothing is dropped").toBe(8);
  });
});
