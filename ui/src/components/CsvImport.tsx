import { useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { DeviceImport } from "../bindings";
import { useModal } from "../lib/useModal";
import { useI18n } from "../i18n/context";
import { buildPreview, type Preview } from "../lib/csvPreview";
import { MAX_UPLOAD_BYTES } from "../lib/upload";
import { ErrorNotice } from "./ErrorNotice";
import type { ImportRowError } from "../bindings";
import type { Translator } from "../i18n/translate";

const FIELDS = ["serial", "model", "kind", "site", "ownership", "installedOn", "meterTransmission", "status", "notes", "file"] as const;

// A row's problem in the user's language; the English detail stays as a tooltip.
function describe(e: ImportRowError, t: Translator["t"]): string {
  const field = (FIELDS as readonly string[]).includes(e.field) ? t(`csvField.${e.field as (typeof FIELDS)[number]}`) : e.field;
  return `${field}${t("csv.sep")}${t(`csvProblem.${e.problem}`, { value: e.value })}`;
}

// Rows shown in the preview when the file is valid; errors are always all shown.
const SHOWN_ROWS = 200;

type Loaded = { name: string; text: string; report: DeviceImport; preview: Preview };
type Props = { onImported: (report: DeviceImport) => void; onClose: () => void };

// Import is two steps: the file is checked in full and shown with a verdict
// per row, and only then written, all rows or none.
export function CsvImport({ onImported, onClose }: Props) {
  const { t, tp, number } = useI18n();
  const dialogRef = useModal();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [tooLarge, setTooLarge] = useState(false);


  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setTooLarge(false);
    setLoaded(null);
    if (file.size > MAX_UPLOAD_BYTES) return setTooLarge(true);
    setBusy(true);
    try {
      const text = await file.text();
      const report = await api.csvPreviewDevices(text);
      setLoaded({ name: file.name, text, report, preview: buildPreview(text, report) });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!loaded || busy) return;
    setBusy(true);
    setError(null);
    try {
      const report = await api.csvImportDevices(loaded.text);
      if (report.errors.length > 0) {
        // The file changed between preview and import: show the new verdict.
        setLoaded({ ...loaded, report, preview: buildPreview(loaded.text, report) });
      } else {
        onImported(report);
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const report = loaded?.report;
  const ok = report !== undefined && report.errors.length === 0 && report.rows > 0;
  const rows = loaded ? (ok ? loaded.preview.rows.slice(0, SHOWN_ROWS) : loaded.preview.rows.filter((r) => r.errors.length > 0)) : [];
  const columns = loaded?.preview.columns.slice(0, 6) ?? [];

  return (
    <dialog ref={dialogRef} class="modal csv-dialog" aria-labelledby="csv-title" onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id="csv-title">{t("csv.title")}</h2>
      <p class="hint">{t("csv.intro")}</p>
      <p class="hint mono">serial,model,kind,site,ownership,installed_on,meter_transmission,status,notes</p>
      <label class="inline-field file-pick">
        <span>{t("csv.choose")}</span>
        <input type="file" accept=".csv,text/csv" data-testid="csv-import-input" disabled={busy} onChange={(e) => void choose(e.currentTarget)} />
      </label>
      {busy && <p class="muted" role="status">{t("csv.checking")}</p>}
      {tooLarge && <p class="field-error" role="alert">{t("upload.tooLarge")}</p>}
      {error && <ErrorNotice error={error} />}
      {loaded && report && (
        <div class="csv-preview" data-testid="csv-preview">
          <p role="status" data-testid="csv-verdict" data-ok={ok ? "true" : "false"}>
            {ok
              ? tp("csv.ready", report.rows)
              : report.rows === 0 && report.errors.length === 0
                ? t("csv.noRows")
                : tp("csv.errors", report.errors.length)}
          </p>
          {report.newSites.length > 0 && <p class="hint">{t("csv.newSites", { sites: report.newSites.join(", ") })}</p>}
          {loaded.preview.fileErrors.map((e) => (
            <p key={`${e.line}-${e.field}`} class="field-error" title={e.message}>{t("csv.lineError", { line: number(e.line), message: describe(e, t) })}</p>
          ))}
          {rows.length > 0 && (
            <div class="csv-table-wrap">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col" class="num">{t("csv.line")}</th>
                    {columns.map((c) => <th key={c} scope="col">{c}</th>)}
                    <th scope="col">{t("csv.verdict")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.line} data-testid="csv-preview-row" data-line={r.line} data-ok={r.errors.length === 0 ? "true" : "false"}
                      class={r.errors.length > 0 ? "row-error" : undefined}>
                      <td class="num">{r.line}</td>
                      {columns.map((c) => <td key={c}>{r.cells[c]}</td>)}
                      <td>
                        {r.errors.length === 0
                          ? <span class="badge ok">{t("csv.rowOk")}</span>
                          : r.errors.map((e) => <span key={e.field} class="field-error block" title={e.message}>{describe(e, t)}</span>)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {ok && loaded.preview.rows.length > SHOWN_ROWS && (
            <p class="hint">{tp("csv.more", loaded.preview.rows.length - SHOWN_ROWS)}</p>
          )}
        </div>
      )}
      <div class="actions">
        <button type="button" class="secondary" data-testid="csv-import-cancel" onClick={onClose}>{t("form.cancel")}</button>
        <button type="button" class="primary" data-testid="csv-import-commit" disabled={!ok || busy} onClick={() => void commit()}>
          {report && ok ? tp("csv.import", report.rows) : t("csv.importNone")}
        </button>
      </div>
    </dialog>
  );
}
