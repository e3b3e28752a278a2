import { describe, expect, it } from "vitest";
import { buildPreview } from "./csvPreview";

describe("CSV preview", () => {
  it("matches each row with the backend's errors by line", () => {
    const text = "serial,model,kind\nA1,iR C3826i,mfp\nA2,,mfp\n";
    const preview = buildPreview(text, {
      rows: 2, newSites: [], imported: 0,
      errors: [{ line: 3, field: "model", problem: "required", value: "", message: "required" }],
    });
    expect(preview.columns, "the header gives the columns").toEqual(["serial", "model", "kind"]);
    expect(preview.rows.map((r) => r.line), "data rows start on line 2").toEqual([2, 3]);
    expect(preview.rows[0]?.errors, "the valid row carries no error").toEqual([]);
    expect(preview.rows[1]?.errors.map((e) => e.field), "the faulty row carries its error").toEqual(["model"]);
    expect(preview.rows[1]?.cells.serial, "cells are keyed by column").toBe("A2");
  });

  it("counts line breaks inside quoted fields as the backend does", () => {
    const text = 'serial,notes\nA1,"two\nlines"\nA2,x\n';
    const preview = buildPreview(text, { rows: 2, newSites: [], imported: 0, errors: [{ line: 4, field: "serial", problem: "repeated_in_file", value: "2", message: "dup" }] });
    expect(preview.rows.map((r) => r.line), "a row after a two-line field starts one line later").toEqual([2, 4]);
    expect(preview.rows[1]?.errors.length, "the error of line 4 belongs to the second row").toBe(1);
  });

  it("keeps errors that match no row, such as a missing column", () => {
    const preview = buildPreview("serial\n", { rows: 0, newSites: [], imported: 0, errors: [{ line: 1, field: "model", problem: "missing_column", value: "model", message: "missing column" }] });
    expect(preview.fileErrors.map((e) => e.line), "an error on the header must still be shown").toEqual([1]);
  });
});
