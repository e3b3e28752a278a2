// The rows of a device CSV as the user will see them in the import preview.
// The backend is the authority on what is valid (it reports errors by line and
// field); this only splits the file into rows so each can be shown beside its
// verdict. Parsing is papaparse's, so quoted fields, commas and line breaks
// inside quotes behave as in a spreadsheet.
import Papa from "papaparse";
import type { DeviceImport, ImportRowError, Separator } from "../bindings";
import type { Locale } from "../types";

export type PreviewRow = {
  // Line in the file, counted as the backend counts it (the header is line 1).
  line: number;
  cells: Record<string, string>;
  errors: ImportRowError[];
};

export type Preview = { columns: string[]; rows: PreviewRow[]; fileErrors: ImportRowError[] };

// The separator Excel expects in the user's language: French and Italian write
// decimals with a comma, so their Excel splits CSV files on semicolons.
export function spreadsheetSeparator(locale: Locale): Separator {
  return locale === "en" ? "comma" : "semicolon";
}

export function buildPreview(text: string, report: DeviceImport): Preview {
  // Papaparse guesses the separator (comma, semicolon, tab) as the backend does;
  // the byte-order mark Excel writes is not part of the first column's name.
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ""), { skipEmptyLines: "greedy" });
  const [header = [], ...body] = parsed.data;
  const columns = header.map((h) => h.trim());
  // Papaparse gives rows, not line numbers; a row's line is found from the
  // number of line breaks before it, which also counts breaks inside quotes.
  const rows: PreviewRow[] = [];
  let line = 2;
  for (const record of body) {
    const cells: Record<string, string> = {};
    columns.forEach((c, i) => (cells[c] = record[i] ?? ""));
    rows.push({ line, cells, errors: report.errors.filter((e) => e.line === line) });
    line += 1 + record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  }
  const known = new Set(rows.map((r) => r.line));
  return { columns, rows, fileErrors: report.errors.filter((e) => !known.has(e.line)) };
}
