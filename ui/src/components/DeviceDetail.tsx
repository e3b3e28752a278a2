import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { Device, MeterReading } from "../types";
import { useI18n } from "../i18n/context";
import { ErrorNotice } from "./ErrorNotice";
import { ReadingsTable } from "./ReadingsTable";

type Props = { device: Device; onEdit: () => void; onClose: () => void };

export function DeviceDetail({ device, onEdit, onClose }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [readings, setReadings] = useState<MeterReading[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

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

  const rows: [string, string][] = [
    [t("col.model"), device.model],
    [t("col.kind"), t(`kind.${device.kind}`)],
    [t("col.site"), device.siteName ?? "—"],
    [t("col.ownership"), t(`ownership.${device.ownership}`)],
    [t("col.status"), t(`status.${device.status}`)],
    [t("form.installedOn"), i18n.date(device.installedOn) || "—"],
    [t("form.meter"), t(`meter.${device.meterTransmission}`)],
    [t("detail.created"), i18n.dateTime(device.createdAt)],
    [t("detail.updated"), i18n.dateTime(device.updatedAt)],
  ];

  return (
    <section
      class="detail-panel"
      aria-labelledby="device-detail-title"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
    >
      <header class="panel-header">
        <h2 id="device-detail-title">{t("detail.title", { serial: device.serial })}</h2>
        <div class="actions">
          <button type="button" class="primary" data-testid="device-edit" onClick={onEdit}>
            {t("detail.edit")}
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            {t("detail.close")}
          </button>
        </div>
      </header>
      <dl class="facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {device.notes && (
        <>
          <h3>{t("form.notes")}</h3>
          <p class="notes">{device.notes}</p>
        </>
      )}
      <h3>{t("readings.title")}</h3>
      {error && <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {!error && readings === null && <p class="muted">{t("app.loading")}</p>}
      {readings && <ReadingsTable readings={readings} />}
    </section>
  );
}
