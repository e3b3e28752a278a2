import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { useModal } from "../lib/useModal";
import { useI18n } from "../i18n/context";
import type { Device } from "../types";
import { ErrorNotice } from "./ErrorNotice";

type Props = { onRestored: (device: Device) => void; onClose: () => void };

// Deleted devices stay in the record with their readings, documents and
// history; this is where they come back from after the undo notice is gone,
// most recently deleted first.
export function DeletedDevices({ onRestored, onClose }: Props) {
  const { t } = useI18n();
  const dialogRef = useModal();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);


  useEffect(() => {
    api.devicesDeleted().then(setDevices, (e) => setError(toApiError(e)));
  }, []);

  const restore = async (d: Device) => {
    try {
      onRestored(await api.deviceRestore(d.id));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <dialog ref={dialogRef} class="modal form-dialog" aria-labelledby="deleted-title" onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id="deleted-title">{t("deleted.title")}</h2>
      {error && <ErrorNotice error={error} />}
      {devices === null && !error && <p class="muted">{t("app.loading")}</p>}
      {devices && devices.length === 0 && <p class="muted">{t("deleted.empty")}</p>}
      {devices && devices.length > 0 && (
        <ul class="doc-list">
          {devices.map((d) => (
            <li key={d.id} data-testid="deleted-row" data-serial={d.serial}>
              <span class="mono">{d.serial}</span>
              <span>{d.model}</span>
              <span class="muted">{d.siteName ?? ""}</span>
              <span class="actions">
                <button type="button" class="secondary" data-testid="deleted-restore" onClick={() => void restore(d)}>{t("deleted.restore")}</button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={onClose}>{t("detail.close")}</button>
      </div>
    </dialog>
  );
}
