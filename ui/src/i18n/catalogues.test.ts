import { describe, expect, it } from "vitest";
import { en } from "./en";
import { CATALOGUES } from "./all";
import { placeholders } from "./translate";

const keys = Object.keys(en) as (keyof typeof en)[];

describe("catalogues", () => {
  for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
    it(`${locale} has a non-empty text for every English key and nothing else`, () => {
      for (const key of keys) {
        const text = catalogue[key];
        expect(typeof text === "string" && text.trim().length > 0, `${locale}: "${key}" is missing or empty`).toBe(true);
      }
      const extra = Object.keys(catalogue).filter((k) => !(k in en));
      expect(extra, `${locale} has keys that English does not: ${extra.join(", ")}`).toEqual([]);
    });

    it(`${locale} uses the same placeholders as English`, () => {
      for (const key of keys) {
        expect(placeholders(catalogue[key]), `${locale}: "${key}" placeholders differ from English`).toEqual(placeholders(en[key]));
      }
    });

    it(`${locale} writes no straight apostrophe or quote`, () => {
      for (const key of keys) {
        expect(/['"]/.test(catalogue[key]), `${locale}: "${key}" uses a straight quote: ${catalogue[key]}`).toBe(false);
      }
    });
  }

  it("French puts a no-break space before : ; ? ! and inside guillemets", () => {
    const fr = CATALOGUES.fr;
    for (const key of keys) {
      const text = fr[key];
      expect(/ [:;?!»]/.test(text), `fr: "${key}" has an ordinary space before high punctuation: ${text}`).toBe(false);
      expect(/[^\u00a0\u202f][;?!]/.test(text), `fr: "${key}" lacks a narrow no-break space before ; ? or !: ${text}`).toBe(false);
      expect(/«[^\u00a0\u202f]/.test(text), `fr: "${key}" lacks a no-break space after «: ${text}`).toBe(false);
      // A colon in a time such as 08:30 is not punctuation, so only a colon
      // followed by a space or the end of the text is checked.
      expect(/[^\u00a0\u202f]:(\s|$)/.test(text), `fr: "${key}" lacks a no-break space before a colon: ${text}`).toBe(false);
    }
  });

  it("French and Italian quote with guillemets, not English quotes", () => {
    for (const locale of ["fr", "it"] as const) {
      for (const key of keys) {
        const text = CATALOGUES[locale][key];
        expect(/[“”]/.test(text), `${locale}: "${key}" uses English quotes instead of « »: ${text}`).toBe(false);
      }
    }
  });

  it("Italian speaks to the user with tu, never voi nor an impersonal instruction", () => {
    // Unambiguous voi forms only: "inviate" or "usate" are also participles.
    const voi = /\b(voi|vostr[aeio]|avete|potete|dovete|siete|volete|scegliete|inserite|aprite|chiedete|aggiungete|spuntate|configuratene)\b/i;
    const impersonal = /^(Impossibile|Aggiungere|Inserire|Scegliere|Selezionare)\b/;
    expect(voi.test("Scegliete la situazione"), "the check must catch a voi form").toBe(true);
    for (const key of keys) {
      const text = CATALOGUES.it[key];
      expect(voi.test(text), `it: "${key}" addresses the user with voi: ${text}`).toBe(false);
      expect(impersonal.test(text), `it: "${key}" gives an impersonal instruction: ${text}`).toBe(false);
    }
  });

  it("every count goes through a plural key, never a « (s) » shortcut", () => {
    const counted = keys.filter((k) => placeholders(en[k]).includes("count"));
    expect(counted.length, "no message takes a count, so this test checks nothing").toBeGreaterThan(5);
    for (const key of counted) {
      expect(/\.(one|other)$/.test(key), `"${key}" takes {count} but is not a .one/.other plural key`).toBe(true);
    }
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      for (const key of keys) {
        expect(/\((s|e|i|es|x)\)/.test(catalogue[key]), `${locale}: "${key}" writes a plural shortcut: ${catalogue[key]}`).toBe(false);
      }
    }
  });

  it("every plural base has an 'other' form in every catalogue", () => {
    const bases = keys.filter((k) => k.endsWith(".one")).map((k) => k.slice(0, -4));
    expect(bases.length, "no plural keys were found, so this test checks nothing").toBeGreaterThan(0);
    for (const base of bases) {
      expect(`${base}.other` in en, `English has "${base}.one" but no "${base}.other"`).toBe(true);
    }
  });
});
