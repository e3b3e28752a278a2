import type { Device } from "../types";
import { useI18n } from "../i18n/context";

type Props = { devices: Device[]; selectedId: number | null; onSelect: (device: Device) => void };

// Rows are grid boxes with table roles rather than <tr> elements because
// WebKitGTK's WebDriver reports table rows as "not interactable" and the
// end-to-end test clicks whole rows. The whole row is clickable for the mouse;
// the serial number is a real button so the keyboard reaches every row, and
// its click bubbles to the row handler.
export function DeviceTable({ devices, selectedId, onSelect }: Props) {
  const { t } = useI18n();
  return (
    <div class="grid-table devices" role="table" aria-label={t("devices.title")}>
      <div role="rowgroup">
        <div class="grid-row head" role="row">
          <div role="columnheader">{t("col.serial")}</div>
          <div role="columnheader">{t("col.model")}</div>
          <div role="columnheader">{t("col.kind")}</div>
          <div role="columnheader">{t("col.site")}</div>
          <div role="columnheader">{t("col.ownership")}</div>
          <div role="columnheader">{t("col.status")}</div>
        </div>
      </div>
      <div role="rowgroup">
        {devices.map((d) => (
          <div
            key={d.id}
            role="row"
            data-testid="device-row"
            data-serial={d.serial}
            class={d.id === selectedId ? "grid-row selected" : "grid-row"}
            aria-selected={d.id === selectedId ? "true" : "false"}
            onClick={() => onSelect(d)}
          >
            <div role="cell">
              <button type="button" class="row-link mono">{d.serial}</button>
            </div>
            <div role="cell">{d.model}</div>
            <div role="cell">{t(`kind.${d.kind}`)}</div>
            <div role="cell">{d.siteName ?? "—"}</div>
            <div role="cell">{t(`ownership.${d.ownership}`)}</div>
            <div role="cell">
              <span class={`badge status-${d.status}`}>{t(`status.${d.status}`)}</span>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
