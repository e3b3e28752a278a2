import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { Device, DeviceStatus, MeterReading } from "../types";
import { useI18n } from "../i18n/context";
import { countersFor } from "../lib/counters";
import { DEVICE_STATUSES, isOneOf } from "../lib/enums";
import { ConfirmDialog } from "./ConfirmDialog";
import { DocumentsPanel } from "./DocumentsPanel";
import { ErrorNotice } from "./ErrorNotice";
import { HistoryList } from "./HistoryList";
import { ReadingForm } from "./ReadingForm";
import { ReadingsTable } from "./ReadingsTable";
import { UndoToast } from "./UndoToast";

type Tab = "details" | "readings" | "documents" | "history";
const TABS: readonly Tab[] = ["details", "readings", "documents", "history"];

type Props = {
  device: Device;
  onEdit: () => void;
  onClose: () => void;
  onDelete: () => void;
  onChanged: (device: Device) => void;
};

export function DeviceDetail({ device, onEdit, onClose, onDelete, onChanged }: Props) {
  const i18n = useI18n();
  const { t, number, date } = i18n;
  const [tab, setTab] = useState<Tab>("details");
  const [readings, setReadings] = useState<MeterReading[] | null>(null);
  // A reading about to be taken back (asked first), then just taken back (undoable).
  const [removing, setRemoving] = useState<MeterReading | null>(null);
  const [removed, setRemoved] = useState<MeterReading | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const counters = countersFor(device.kind);

  // Readings are fetched per device; a late answer for a device the user has
  // already left is dropped so it cannot overwrite the current one.
  useEffect(() => {
    let current = true;
    setReadings(null);
    setError(null);
    api.readingsList(device.id).then(
      (list) => current && setReadings(list),
      (e) => current && setError(toApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [device.id, device.updatedAt, attempt]);

  const changeStatus = async (status: DeviceStatus) => {
    setError(null);
    try {
      onChanged(await api.deviceSetStatus(device.id, status));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const rows: [string, string][] = [
    [t("col.model"), device.model],
    [t("col.kind"), t(`kind.${device.kind}`)],
    [t("col.site"), device.siteName ?? "—"],
    [t("col.ownership"), t(`ownership.${device.ownership}`)],
    [t("form.installedOn"), i18n.date(device.installedOn) || "—"],
    [t("form.meter"), t(`meter.${device.meterTransmission}`)],
    [t("detail.created"), i18n.dateTime(device.createdAt)],
    [t("detail.updated"), i18n.dateTime(device.updatedAt)],
  ];

  // Arrow keys move between tabs, as in any desktop tab strip.
  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next = e.key === "ArrowRight" ? TABS[(i + 1) % TABS.length] : e.key === "ArrowLeft" ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(`device-tab-${next}`)?.focus();
  };

  return (
    <section class="detail-panel" aria-labelledby="device-detail-title" data-testid="device-detail"
      onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <header class="panel-header">
        <h2 id="device-detail-title">{t("detail.title", { serial: device.serial })}</h2>
        <div class="actions">
          <button type="button" class="primary" data-testid="device-edit" onClick={onEdit}>{t("detail.edit")}</button>
          <button type="button" class="secondary danger" data-testid="device-delete" onClick={onDelete}>{t("detail.delete")}</button>
          <button type="button" class="secondary" onClick={onClose}>{t("detail.close")}</button>
        </div>
      </header>
      <div class="tabs" role="tablist" aria-label={t("detail.tabs")} onKeyDown={onTabKey}>
        {TABS.map((id) => (
          <button key={id} type="button" role="tab" id={`device-tab-${id}`} data-testid={`device-tab-${id}`}
            aria-selected={tab === id ? "true" : "false"} aria-controls={`device-panel-${id}`}
            tabIndex={tab === id ? 0 : -1} onClick={() => setTab(id)}>
            {t(`detail.tab.${id}`)}
          </button>
        ))}
      </div>
      {error && <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      <div role="tabpanel" id={`device-panel-${tab}`} aria-labelledby={`device-tab-${tab}`} class="tab-panel">
        {tab === "details" && (
          <>
            <dl class="facts">
              {rows.map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
              <div>
                <dt><label for="device-status">{t("col.status")}</label></dt>
                <dd>
                  <select id="device-status" data-testid="device-status" value={device.status}
                    onChange={(e) => { const v = e.currentTarget.value; if (isOneOf(DEVICE_STATUSES, v) && v !== device.status) void changeStatus(v); }}>
                    {DEVICE_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
                  </select>
                </dd>
              </div>
            </dl>
            {device.notes && (
              <>
                <h3>{t("form.notes")}</h3>
                <p class="notes">{device.notes}</p>
              </>
            )}
          </>
        )}
        {tab === "readings" && (
          <>
            {counters.length > 0 && readings && (
              <ReadingForm device={device} counters={counters} readings={readings}
                onAdded={(r) => setReadings((list) => [r, ...(list ?? [])])} />
            )}
            {counters.length === 0 && <p class="muted">{t("reading.none")}</p>}
            {!error && readings === null && <p class="muted">{t("app.loading")}</p>}
            {readings && <ReadingsTable readings={readings} onRemove={setRemoving} />}
            {removing && (
              <ConfirmDialog danger
                title={t("reading.removeTitle", { value: number(removing.value), date: date(removing.readOn) })}
                message={t("reading.removeMessage")} confirmLabel={t("reading.remove")}
                onCancel={() => setRemoving(null)}
                onConfirm={() => {
                  const r = removing;
                  setRemoving(null);
                  api.readingDelete(r.id).then(
                    () => { setReadings((list) => (list ?? []).filter((x) => x.id !== r.id)); setRemoved(r); },
                    (e) => setError(toApiError(e)),
                  );
                }} />
            )}
            {removed && (
              <UndoToast message={t("reading.removed", { value: number(removed.value), date: date(removed.readOn) })}
                onDismiss={() => setRemoved(null)}
                onUndo={() => {
                  const r = removed;
                  setRemoved(null);
                  api.readingRestore(r.id).then(() => setAttempt((n) => n + 1), (e) => setError(toApiError(e)));
                }} />
            )}
          </>
        )}
        {tab === "documents" && <DocumentsPanel entity="device" entityId={device.id} />}
        {tab === "history" && <HistoryList entity="device" id={device.id} key={device.updatedAt} />}
      </div>
    </section>
  );
}
