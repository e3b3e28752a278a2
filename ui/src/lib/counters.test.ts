import { describe, expect, it } from "vitest";
import type { MeterReading } from "../types";
import { countersFor, lastReading, neighbours, parseCount } from "./counters";

const reading = (id: number, counter: string, value: number, readOn: string): MeterReading => ({
  id, deviceId: 1, counter, value, readOn, source: "manual",
});

describe("counters", () => {
  it("offers the counters each kind of device has", () => {
    expect(countersFor("mfp"), "a multifunction device counts black and colour pages").toEqual(["black", "colour"]);
    expect(countersFor("large_format")[0], "a large-format inkjet is billed on its printed area first").toBe("large_format");
    expect(countersFor("lens"), "a lens has no counter").toEqual([]);
  });

  it("finds the latest reading of a counter", () => {
    const list = [reading(1, "black", 100, "2026-01-31"), reading(2, "colour", 50, "2026-03-01"), reading(3, "black", 180, "2026-02-28"), reading(4, "black", 190, "2026-02-28")];
    expect(lastReading(list, "black")?.value, "the newest date wins, then the newest entry that day").toBe(190);
    expect(lastReading(list, "large_format"), "a counter never read has no last reading").toBeNull();
  });

  it("finds the readings on each side of a date", () => {
    const list = [reading(1, "black", 100, "2026-01-31"), reading(2, "black", 180, "2026-02-28"), reading(3, "black", 190, "2026-02-28"), reading(4, "black", 300, "2026-04-30"), reading(5, "colour", 5, "2026-03-15")];
    const mid = neighbours(list, "black", "2026-03-15");
    expect(mid.before?.id, "the last reading on or before the date, newest entry that day").toBe(3);
    expect(mid.after?.id, "the first reading after the date, of the same counter").toBe(4);
    const sameDay = neighbours(list, "black", "2026-02-28");
    expect(sameDay.before?.id, "a reading on the same day comes before").toBe(3);
    expect(sameDay.after?.id, "the next date's reading comes after").toBe(4);
    const first = neighbours(list, "black", "2026-01-01");
    expect(first.before, "nothing precedes the first reading").toBeNull();
    expect(first.after?.id, "the earliest reading follows a date before all of them").toBe(1);
  });

  it("reads counts typed with thousands separators", () => {
    expect(parseCount("12 345"), "a space separator is accepted").toBe(12345);
    expect(parseCount("12\u202f345"), "the French narrow no-break space is accepted").toBe(12345);
    expect(parseCount("12.345"), "a dot separator is accepted").toBe(12345);
    expect(parseCount("-3"), "a negative count is refused").toBeNull();
    expect(parseCount("abc"), "letters are refused").toBeNull();
    expect(parseCount(""), "an empty value is refused").toBeNull();
  });
});
