import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "./catalogues";
import { interpolate, makeTranslator } from "./translate";

// The app reads French and Italian when shown in them; the tests read both first.
beforeAll(() => Promise.all([loadCatalogue("fr"), loadCatalogue("it")]));

describe("t and tp", () => {
  it("fills placeholders", () => {
    const { t } = makeTranslator("en");
    expect(t("detail.title", { serial: "XYZ123" }), "the serial was not put into the title").toBe("Device XYZ123");
  });

  it("leaves an unknown placeholder visible rather than dropping it", () => {
    expect(interpolate("Edit {serial}", {}, "en"), "a missing parameter must stay visible").toBe("Edit {serial}");
  });

  it("chooses the plural form with the locale's rules", () => {
    const en = makeTranslator("en");
    const fr = makeTranslator("fr");
    const it = makeTranslator("it");
    expect(en.tp("devices.count", 1), "English singular").toBe("1 device");
    expect(en.tp("devices.count", 0), "English uses the plural for zero").toBe("0 devices");
    expect(fr.tp("devices.count", 0), "French uses the singular for zero").toBe("0 appareil");
    expect(fr.tp("devices.count", 2), "French plural").toBe("2 appareils");
    expect(it.tp("devices.count", 1), "Italian singular").toBe("1 dispositivo");
    expect(it.tp("devices.count", 1_000_000), "Italian 'many' falls back to the 'other' form").toMatch(/dispositivi$/);
  });

  it("formats numbers inside messages in the active locale", () => {
    const fr = makeTranslator("fr");
    expect(fr.tp("devices.count", 1200), "French groups thousands with a narrow no-break space").toBe("1\u202f200 appareils");
  });

  it("elides the Italian article before a date or number spoken with a vowel", () => {
    expect(interpolate("Ultima lettura: {value} il {date}", { value: 5, date: "8 mar 2027" }, "it"), "il 8 → l’8").toBe("Ultima lettura: 5 l’8 mar 2027");
    expect(interpolate("Valido dal {from}", { from: "11 apr 2027" }, "it"), "dal 11 → dall’11").toBe("Valido dall’11 apr 2027");
    expect(interpolate("entro il {date}", { date: "1º mar 2027" }, "it"), "the first of the month keeps il").toBe("entro il 1º mar 2027");
    expect(interpolate("entro il {date}", { date: "18 mar 2027" }, "it"), "18 is not spoken with a vowel").toBe("entro il 18 mar 2027");
    expect(interpolate("il {date}", { date: "8 mar 2027" }, "fr"), "only Italian elides").toBe("il 8 mar 2027");
    const it = makeTranslator("it");
    expect(it.t("wizard.notifyBy", { date: "8 mar 2027" }), "a real message").toBe("Canon va informata entro l’8 mar 2027.");
  });
});
