import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { RestoreSummary } from "../bindings";
import { useI18n } from "../i18n/context";
import { spreadsheetSeparator } from "../lib/csvPreview";
import { readUpload, UploadTooLarge } from "../lib/upload";
import type { Settings } from "../types";
import { ConfirmDialog } from "./ConfirmDialog";
import { ErrorNotice } from "./ErrorNotice";
import { ExportResult } from "./ExportResult";

type Props = { settings: Settings; onChange: (next: Settings) => Promise<void> };
type Written = { path: string; sizeBytes: number };

// Exports, the export folder, and full backups (database and documents) with
// their restore. A restore replaces the whole record, so it asks first; the
// database as it was is kept aside by the backend.
export function DataSection({ settings, onChange }: Props) {
  const { t, tp, locale } = useI18n();
  const [folder, setFolder] = useState<string | null>(null);
  const [dirDraft, setDirDraft] = useState(settings.exportDir ?? "");
  const [written, setWritten] = useState<Written | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [dirError, setDirError] = useState(false);
  const [tooLarge, setTooLarge] = useState(false);
  const [pendingRestore, setPendingRestore] = useState<File | null>(null);
  const [restored, setRestored] = useState<RestoreSummary | null>(null);

  useEffect(() => {
    api.exportFolder().then(setFolder, (e) => setError(toApiError(e)));
  }, [settings.exportDir]);

  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    setWritten(null);
    try {
      await work();
    } catch (e) {
      if (e instanceof UploadTooLarge) setTooLarge(true);
      else setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const saveDir = async (e: Event) => {
    e.preventDefault();
    setDirError(false);
    try {
      await onChange({ ...settings, exportDir: dirDraft.trim() === "" ? null : dirDraft.trim() });
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.field === "exportDir") setDirError(true);
      else setError(apiError);
    }
  };

  const restore = (file: File) =>
    run("restore", async () => {
      setPendingRestore(null);
      setRestored(await api.backupRestore(await readUpload(file)));
    });

  return (
    <section class="data-section" aria-labelledby="data-title">
      <h2 id="data-title">{t("data.title")}</h2>
      <form class="folder-form" onSubmit={saveDir}>
        <label class="field wide" for="export-dir">
          <span>{t("data.folder")}</span>
          <input id="export-dir" data-testid="export-dir" value={dirDraft} placeholder={folder ?? ""}
            aria-invalid={dirError ? "true" : undefined} onInput={(e) => { setDirDraft(e.currentTarget.value); setDirError(false); }} onChange={(e) => { setDirDraft(e.currentTarget.value); setDirError(false); }} />
          <span class="hint">{t("data.folderHint")}</span>
          {dirError && <span class="field-error" role="alert">{t("data.folderInvalid")}</span>}
        </label>
        <button type="submit" class="secondary" data-testid="export-dir-save">{t("form.save")}</button>
      </form>
      <p class="hint">{t("data.folderNow")} <code class="break selectable" data-testid="export-folder">{folder ?? "…"}</code></p>

      <div class="actions start">
        <button type="button" class="secondary" data-testid="export-contracts" disabled={busy !== null}
          onClick={() => void run("contracts", async () => setWritten(await api.exportCsv("contracts", spreadsheetSeparator(locale))))}>
          {t("export.contracts")}
        </button>
        <button type="button" class="secondary" data-testid="export-readings" disabled={busy !== null}
          onClick={() => void run("readings", async () => setWritten(await api.exportCsv("readings", spreadsheetSeparator(locale))))}>
          {t("export.readings")}
        </button>
        <button type="button" class="primary" data-testid="backup-create" disabled={busy !== null}
          onClick={() => void run("backup", async () => {
            const summary = await api.backupCreate();
            setWritten({ path: summary.path, sizeBytes: 0 });
          })}>
          {busy === "backup" ? t("data.backingUp") : t("data.backup")}
        </button>
        <label class="button secondary file-button">
          {t("data.restore")}
          <input type="file" accept=".zip,application/zip" data-testid="backup-restore-input" class="visually-hidden" disabled={busy !== null}
            onChange={(e) => { const f = e.currentTarget.files?.[0]; e.currentTarget.value = ""; if (f) setPendingRestore(f); }} />
        </label>
      </div>
      {busy !== null && <p class="muted" role="status">{t("data.working")}</p>}
      {written && <ExportResult exported={written} onDismiss={() => setWritten(null)} />}
      {tooLarge && <p class="field-error" role="alert">{t("upload.tooLarge")}</p>}
      {restored && (
        <div class="notice ok" role="status" data-testid="backup-restored">
          <span>{tp("data.restored", restored.documents)} <code class="break selectable">{restored.previousCopy}</code></span>
          <button type="button" class="primary" data-testid="backup-reload" onClick={() => location.reload()}>{t("data.reload")}</button>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
      {pendingRestore && (
        <ConfirmDialog
          title={t("data.restoreTitle")}
          message={t("data.restoreMessage", { name: pendingRestore.name })}
          confirmLabel={t("data.restore")}
          danger
          onConfirm={() => void restore(pendingRestore)}
          onCancel={() => setPendingRestore(null)}
        />
      )}
    </section>
  );
}
