import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { Document, DocumentEntity, DocumentKind } from "../bindings";
import { useI18n } from "../i18n/context";
import { DOCUMENT_KINDS, isOneOf } from "../lib/enums";
import { readUpload, uploadRefusal } from "../lib/upload";
import { ConfirmDialog } from "./ConfirmDialog";
import { ErrorNotice } from "./ErrorNotice";

type Props = { entity: DocumentEntity; entityId: number; defaultKind?: DocumentKind };

function size(bytes: number, number: (n: number) => string): string {
  if (bytes < 1024) return `${number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 1024))} KB`;
  return `${number(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

// Files are chosen with a plain file input (the system's file chooser), copied
// into Canon Desk's data folder under their content hash, and opened with the
// system's viewer. Removing one can be undone from the notice that follows.
export function DocumentsPanel({ entity, entityId, defaultKind = "other" }: Props) {
  const { t, number } = useI18n();
  const [docs, setDocs] = useState<Document[] | null>(null);
  const [kind, setKind] = useState<DocumentKind>(defaultKind);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [refused, setRefused] = useState<"upload.tooLarge" | "upload.empty" | null>(null);
  const [removed, setRemoved] = useState<Document | null>(null);
  const [confirm, setConfirm] = useState<Document | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    api.documentsList(entity, entityId).then(
      (list) => current && setDocs(list),
      (e) => current && setError(toApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [entity, entityId, reload]);

  const attach = async (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    setRefused(null);
    try {
      for (const file of files) {
        const upload = await readUpload(file);
        await api.documentAttach({ entity, entityId, kind, file: upload });
      }
    } catch (e) {
      const refusal = uploadRefusal(e);
      if (refusal) setRefused(refusal);
      else setError(toApiError(e));
    } finally {
      input.value = "";
      setBusy(false);
      setReload((n) => n + 1);
    }
  };

  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(toApiError(e));
    }
    setReload((n) => n + 1);
  };

  return (
    <div class="documents" aria-busy={busy ? "true" : "false"}>
      <div class="toolbar">
        <label class="inline-field">
          <span>{t("docs.kind")}</span>
          <select data-testid="doc-kind" value={kind}
            onChange={(e) => { const v = e.currentTarget.value; if (isOneOf(DOCUMENT_KINDS, v)) setKind(v); }}>
            {DOCUMENT_KINDS.map((k) => <option key={k} value={k}>{t(`docKind.${k}`)}</option>)}
          </select>
        </label>
        <label class="inline-field file-pick">
          <span>{t("docs.attach")}</span>
          <input type="file" multiple data-testid="doc-input" disabled={busy}
            onChange={(e) => void attach(e.currentTarget)} />
        </label>
        {busy && <span class="muted">{t("docs.copying")}</span>}
      </div>
      {refused && <p class="field-error" role="alert">{t(refused)}</p>}
      {error && <ErrorNotice error={error} />}
      {removed && (
        <div class="notice info" role="status" data-testid="doc-removed">
          <span>{t("docs.removed", { name: removed.fileName })}</span>
          <button type="button" class="secondary" data-testid="doc-undo"
            onClick={() => { const d = removed; setRemoved(null); void act(() => api.documentRestore(d.id)); }}>
            {t("docs.undo")}
          </button>
        </div>
      )}
      {docs && docs.length === 0 && <p class="muted">{t("docs.empty")}</p>}
      {docs && docs.length > 0 && (
        <ul class="doc-list">
          {docs.map((d) => (
            <li key={d.id} data-testid="doc-row" data-name={d.fileName}>
              <span class="doc-name">{d.fileName}</span>
              <span class="badge">{t(`docKind.${d.kind}`)}</span>
              <span class="muted">{size(d.sizeBytes, number)}</span>
              <span class="actions">
                <button type="button" class="secondary" data-testid="doc-open" onClick={() => void act(() => api.documentOpen(d.id))}>
                  {t("docs.open")}
                </button>
                <button type="button" class="secondary danger" data-testid="doc-remove"
                  onClick={() => setConfirm(d)}>
                  {t("docs.remove")}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {confirm && (
        <ConfirmDialog title={t("docs.removeTitle", { name: confirm.fileName })} message={t("docs.removeMessage")} confirmLabel={t("docs.remove")} danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => { const d = confirm; setConfirm(null); void act(async () => { await api.documentDelete(d.id); setRemoved(d); }); }} />
      )}
    </div>
  );
}
