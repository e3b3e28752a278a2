import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { AuditEntry } from "../bindings";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";
import { changes } from "../lib/history";
import { ErrorNotice } from "./ErrorNotice";

// Field names as the record stores them, shown with the form's own labels.
const LABELS: Record<string, MessageKey> = {
  serial: "col.serial",
  model: "col.model",
  kind: "col.kind",
  siteName: "col.site",
  siteId: "col.site",
  ownership: "col.ownership",
  status: "col.status",
  installedOn: "form.installedOn",
  meterTransmission: "form.meter",
  notes: "form.notes",
};

type Props = { entity: string; id: number };

// The record's history, newest first, from the audit log every change writes to.
export function HistoryList({ entity, id }: Props) {
  const { t, dateTime } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    api.recordHistory(entity, id).then(
      (list) => current && setEntries([...list].reverse()),
      (e) => current && setError(toApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [entity, id]);

  if (error) return <ErrorNotice error={error} />;
  if (!entries) return <p class="muted">{t("app.loading")}</p>;
  if (entries.length === 0) return <p class="muted">{t("history.empty")}</p>;
  return (
    <ol class="history">
      {entries.map((e) => {
        const list = e.action === "update" ? changes(e) : [];
        const action = (["create", "update", "delete", "restore"] as const).find((a) => a === e.action);
        return (
          <li key={e.id} data-testid="history-row" data-action={e.action}>
            <div class="history-head">
              <strong>{action ? t(`history.${action}`) : e.action}</strong>
              <time class="muted" dateTime={e.at}>{dateTime(e.at)}</time>
            </div>
            {list.length > 0 && (
              <ul class="history-changes">
                {list.map((c) => (
                  <li key={c.field}>
                    <span class="history-field">{LABELS[c.field] ? t(LABELS[c.field]!) : c.field}</span>{" "}
                    <del>{c.before}</del> → <ins>{c.after}</ins>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
