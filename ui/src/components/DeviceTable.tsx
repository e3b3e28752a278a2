import type { Device } from "../types";
import { useI18n } from "../i18n/context";

type Props = { devices: Device[]; selectedId: number | null; onSelect: (device: Device) => void };

// The whole row is clickable for the mouse; the serial number is a real button
// so the keyboard reaches every row, and its click bubbles to the row handler.
export function DeviceTable({ devices, selectedId, onSelect }: Props) {
  const { t } = useI18n();
  return (
    <table class="data-table devices">
      <thead>
        <tr>
          <th scope="col">{t("col.serial")}</th>
          <th scope="col">{t("col.model")}</th>
          <th scope="col">{t("col.kind")}</th>
          <th scope="col">{t("col.site")}</th>
          <th scope="col">{t("col.ownership")}</th>
          <th scope="col">{t("col.status")}</th>
        </tr>
      </thead>
      <tbody>
        {devices.map((d) => (
          <tr
            key={d.id}
            data-testid="device-row"
            data-serial={d.serial}
            class={d.id === selectedId ? "selected" : undefined}
            aria-selected={d.id === selectedId ? "true" : "false"}
            onClick={() => onSelect(d)}
          >
            <td>
              <button type="button" class="row-link mono">{d.serial}</button>
            </td>
            <td>{d.model}</td>
            <td>{t(`kind.${d.kind}`)}</td>
            <td>{d.siteName ?? "—"}</td>
            <td>{t(`ownership.${d.ownership}`)}</td>
            <td>
              <span class={`badge status-${d.status}`}>{t(`status.${d.status}`)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
