import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { Channel } from "@tauri-apps/api/core";
import type { RestoreProgress, RestoreSummary } from "../bindings";
import { useI18n } from "../i18n/context";
import { spreadsheetSeparator } from "../lib/csvPreview";
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
  const [askRestore, setAskRestore] = useState(false);
  const [progress, setProgress] = useState<RestoreProgress | null>(null);
  const [badArchive, setBadArchive] = useState(false);
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
      const apiError = toApiError(e);
      if (apiError.code === "validation" && apiError.field === "archive") setBadArchive(true);
      else setError(apiError);
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

  // The backend opens the system's file dialog and reads the chosen backup where it
  // lies, so a backup of any size restores; it reports how far it has gone.
  const restore = () =>
    run("restore", async () => {
      setAskRestore(false);
      setBadArchive(false);
      setRestored(null);
      const onProgress = new Channel<RestoreProgress>();
      onProgress.onmessage = (p) => setProgress(p);
      try {
        const summary = await api.backupRestore(onProgress);
        if (summary) setRestored(summary);
      } finally {
        setProgress(null);
      }
    });
  const percent = progress && progress.totalBytes > 0 ? Math.floor((100 * progress.doneBytes) / progress.totalBytes) : 0;

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
        <button type="button" class="secondary" data-testid="backup-restore" disabled={busy !== null} onClick={() => setAskRestore(true)}>
          {t("data.restore")}
        </button>
      </div>
      {busy !== null && <p class="muted" role="status">{t("data.working")}</p>}
      {written && <ExportResult exported={written} onDismiss={() => setWritten(null)} />}
      {progress && (
        <p class="muted" role="status" data-testid="backup-restore-progress">
          <progress max={100} value={percent} aria-label={t("data.restoreProgress", { percent })} /> {t("data.restoreProgress", { percent })}
        </p>
      )}
      {badArchive && <p class="field-error" role="alert" data-testid="backup-restore-invalid">{t("data.restoreInvalid")}</p>}
      {restored && (
        <div class="notice ok" role="status" data-testid="backup-restored">
          <span>{tp("data.restored", restored.documents)} <code class="break selectable">{restored.previousCopy}</code></span>
          <button type="button" class="primary" data-testid="backup-reload" onClick={() => location.reload()}>{t("data.reload")}</button>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
      {askRestore && (
        <ConfirmDialog
          title={t("data.restoreTitle")}
          message={t("data.restoreAsk")}
          confirmLabel={t("data.restore")}
          danger
          onConfirm={() => void restore()}
          onCancel={() => setAskRestore(false)}
        />
      )}
    </section>
  );
}
