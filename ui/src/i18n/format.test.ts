import { describe, expect, it } from "vitest";
import { formatDateTime, formatIsoDate, formatNumber } from "./format";

describe("formatIsoDate", () => {
  it("formats a calendar date in each locale", () => {
    expect(formatIsoDate("2024-09-19", "en"), "English date").toBe("Sep 19, 2024");
    expect(formatIsoDate("2024-09-19", "fr"), "French date").toBe("19 sept. 2024");
    expect(formatIsoDate("2024-09-19", "it"), "Italian date").toBe("19 set 2024");
  });

  it("writes the first of the month as an ordinal in French and Italian", () => {
    expect(formatIsoDate("2027-03-01", "it"), "Italian 1º").toBe("1º mar 2027");
    expect(formatIsoDate("2027-03-11", "it"), "other days stay cardinal").toBe("11 mar 2027");
    expect(formatIsoDate("2027-03-01", "fr"), "French 1er").toBe("1er mars 2027");
    expect(formatIsoDate("2027-03-01", "en"), "English is Intl's own").toBe("Mar 1, 2027");
  });

  it("never shifts the day, whatever the machine's zone", () => {
    // 1 January is the day most likely to slip to 31 December west of UTC.
    expect(formatIsoDate("2025-01-01", "en"), "the first of January must stay the first").toBe("Jan 1, 2025");
  });

  it("returns empty text for a missing date and the raw text for a malformed one", () => {
    expect(formatIsoDate(null, "en"), "null must give empty text").toBe("");
    expect(formatIsoDate("19/09/2024", "en"), "malformed input must be shown as is").toBe("19/09/2024");
  });
});

describe("formatDateTime", () => {
  it("shows an instant in the given zone", () => {
    const text = formatDateTime("2024-03-31T00:30:00Z", "fr", "Europe/Paris");
    expect(text, "00:30 UTC on the DST change day is 01:30 in Paris").toContain("01:30");
    expect(text, "the day must be the 31st in Paris").toContain("31 mars 2024");
  });

  it("returns the raw text when it is not a date", () => {
    expect(formatDateTime("yesterday", "en"), "an unparsable instant must be shown as is").toBe("yesterday");
  });
});

describe("formatNumber", () => {
  it("groups digits the way each locale does", () => {
    expect(formatNumber(1234567, "en"), "English grouping").toBe("1,234,567");
    expect(formatNumber(1234567, "fr"), "French grouping").toBe("1\u202f234\u202f567");
    expect(formatNumber(1234567, "it"), "Italian grouping").toBe("1.234.567");
  });
});
