import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Locale } from "../types";
import { en } from "./en";
import { CATALOGUES } from "./all";

// docs/glossary.md is the one list of chosen terms: each row names, per language,
// the variants not to use, between backticks. This test holds every catalogue to it.
type Row = { concept: string; avoid: Record<Locale, string[]> };

export function glossaryRows(markdown: string): Row[] {
  const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Concept"))
    .map((line) => line.split("|").map((cell) => cell.trim()))
    .map((cells) => ({ concept: cells[1], avoid: { en: backticked(cells[3]), fr: backticked(cells[5]), it: backticked(cells[7]) } }));
}

// A variant counts as a whole word or phrase: « revendeur » (dealer) is not « vendeur ».
export function usesTerm(text: string, term: string): boolean {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu").test(text);
}

const rows = glossaryRows(readFileSync(new URL("../../../docs/glossary.md", import.meta.url), "utf8"));
const keys = Object.keys(en) as (keyof typeof en)[];

describe("glossary", () => {
  it("has rows, each with variants to avoid", () => {
    expect(rows.length, "docs/glossary.md has no table rows, so nothing is checked").toBeGreaterThan(10);
    const variants = rows.flatMap((r) => [...r.avoid.en, ...r.avoid.fr, ...r.avoid.it]);
    expect(variants.length, "the glossary lists no variant").toBeGreaterThan(20);
  });

  it("finds a listed variant (the check can fail)", () => {
    const sample = glossaryRows("| Concept | en | x | fr | x | it | x |\n|---|\n| c | a | `role address` | b | — | c | `email` |");
    expect(sample[0].avoid, "variants are read from the backticks of each language's column").toEqual({ en: ["role address"], fr: [], it: ["email"] });
  });

  it("matches whole words only", () => {
    expect(usesTerm("Nom du revendeur", "vendeur"), "a longer word that contains the variant is another word").toBe(false);
    expect(usesTerm("Contactez le vendeur.", "vendeur"), "the variant on its own is found").toBe(true);
    expect(usesTerm("Oublier le mot de passe", "oublier"), "case does not matter").toBe(true);
  });

  for (const [locale, catalogue] of Object.entries(CATALOGUES) as [Locale, Record<string, string>][]) {
    it(`${locale} uses none of the variants the glossary rules out`, () => {
      const found: string[] = [];
      for (const row of rows) {
        for (const variant of row.avoid[locale]) {
          for (const key of keys) {
            if (usesTerm(catalogue[key], variant)) found.push(`"${key}" says “${variant}” (${row.concept}): ${catalogue[key]}`);
          }
        }
      }
      expect(found, `${locale} breaks the glossary:\n${found.join("\n")}`).toEqual([]);
    });
  }
});
