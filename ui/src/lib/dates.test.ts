import { describe, expect, it } from "vitest";
import { isIsoDate, typedDate } from "./dates";

describe("typed dates", () => {
  it("accepts real ISO dates only", () => {
    expect(isIsoDate("2024-02-29"), "a leap day is a date").toBe(true);
    expect(isIsoDate("2023-02-29"), "not a leap year").toBe(false);
    expect(isIsoDate("2024-13-01"), "there is no 13th month").toBe(false);
    expect(isIsoDate("19/09/2024"), "day-first is not ISO").toBe(false);
  });

  it("turns a complete day-first date into ISO", () => {
    expect(typedDate("19/09/2024"), "French and Italian slashes").toBe("2024-09-19");
    expect(typedDate("1.3.2027"), "dots, one-digit day and month").toBe("2027-03-01");
    expect(typedDate(" 31-12-2026 "), "dashes, with spaces around").toBe("2026-12-31");
  });

  it("keeps anything else as typed", () => {
    expect(typedDate("19/09/20"), "a half-typed year waits").toBe("19/09/20");
    expect(typedDate("31/02/2027"), "a day that does not exist is left for the check to refuse").toBe("31/02/2027");
    expect(typedDate("2024-09-19"), "ISO stays as it is").toBe("2024-09-19");
    expect(typedDate(""), "empty stays empty").toBe("");
  });
});
