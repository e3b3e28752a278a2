import { describe, expect, it } from "vitest";
import type { Standing } from "../types";
import { amountText, formatPrice, levelReason, parseAmount, parsePoints } from "./cps";

const standing = (points: number): Standing => ({ points, invited: points >= 500, pointsToInvitation: Math.max(0, 500 - points), levels: [] });

describe("CPS helpers", () => {
  it("reads prices as typed in English, French and Italian", () => {
    expect(parseAmount("85"), "a whole amount").toBe(8500);
    expect(parseAmount("85.5"), "one decimal").toBe(8550);
    expect(parseAmount("85,00"), "a decimal comma").toBe(8500);
    expect(parseAmount("1 234,50"), "a thousands space").toBe(123450);
    expect(parseAmount("0"), "zero is not a price").toBeNull();
    expect(parseAmount("£85"), "a symbol is not part of the amount").toBeNull();
    expect(parseAmount("85.123"), "three decimals").toBeNull();
  });

  it("writes amounts back with the locale's decimal sign", () => {
    expect(amountText(8500, "en"), "English").toBe("85.00");
    expect(amountText(8500, "fr"), "French").toBe("85,00");
  });

  it("shows the guide's example as pounds", () => {
    expect(formatPrice({ amountMinor: 8500, currency: "GBP" }, "en"), "£85.00 in English").toBe("£85.00");
    expect(formatPrice({ amountMinor: 8500, currency: "GBP" }, "it"), "85,00 £ in Italian").toMatch(/85,00/);
  });

  it("keeps unknown points unknown", () => {
    expect(parsePoints(""), "empty is unknown").toBeNull();
    expect(parsePoints(" 300 "), "a whole number").toBe(300);
    expect(parsePoints("3.5"), "not whole").toBeUndefined();
  });

  it("says why a level is open or not", () => {
    expect(levelReason("gold", "closed", standing(499), undefined), "below the invitation").toBe("notInvited");
    expect(levelReason("gold", "unknown", standing(800), undefined), "no threshold entered").toBe("unknown");
    expect(levelReason("gold", "open", standing(800), { level: "gold", threshold: 700, price: null, priceSource: null }), "entered threshold").toBe("threshold");
    expect(levelReason("platinum", "open", standing(2000), undefined), "2,000 opens the standard levels").toBe("allStandard");
    expect(levelReason("corporate", "closed", standing(2500), undefined), "2,500 is not above 2,500").toBe("corporateClosed");
    expect(levelReason("corporate", "open", standing(2501), undefined), "2,501 opens Corporate").toBe("corporateOpen");
  });
});
