import { describe, expect, it } from "vitest";
import { detectLocale, resolveLocale } from "./locale";

describe("detectLocale", () => {
  const cases: [readonly string[] | undefined, string][] = [
    [["fr-FR", "en-US"], "fr"],
    [["it-IT"], "it"],
    [["IT"], "it"],
    [["fr_CA"], "fr"],
    [["en-GB", "fr-FR"], "en"],
    [["de-DE", "it-CH", "fr-FR"], "it"],
    [["de-DE", "es-ES"], "en"],
    [["frisian"], "en"],
    [[], "en"],
    [undefined, "en"],
  ];
  for (const [languages, expected] of cases) {
    it(`picks ${expected} for ${JSON.stringify(languages)}`, () => {
      expect(detectLocale(languages), `wrong locale for ${JSON.stringify(languages)}`).toBe(expected);
    });
  }
});

describe("resolveLocale", () => {
  it("prefers the choice made in Settings over the system languages", () => {
    expect(resolveLocale("it", ["fr-FR"]), "the Settings choice must win").toBe("it");
  });
  it("follows the system when Settings says nothing", () => {
    expect(resolveLocale(null, ["fr-FR"]), "a null choice must follow the system").toBe("fr");
  });
});
