import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { DeviceDetail } from "../components/DeviceDetail";
import { DeviceForm } from "../components/DeviceForm";
import { DeviceTable } from "../components/DeviceTable";
import { EmptyState } from "../components/EmptyState";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/context";
import { emptyDeviceInput, inputFromDevice } from "../lib/deviceForm";
import { DEVICE_KINDS, DEVICE_STATUSES, isOneOf } from "../lib/enums";
import { useDebounced } from "../lib/useDebounced";
import type { Device, DeviceKind, DeviceStatus, Site } from "../types";

type FormState = { mode: "add" } | { mode: "edit"; device: Device } | null;

export function DevicesScreen() {
  const { t, tp } = useI18n();
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [kind, setKind] = useState<DeviceKind | null>(null);
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [sites, setSites] = useState<Site[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<Device | null>(null);
  const [form, setForm] = useState<FormState>(null);
  const debouncedQuery = useDebounced(query, 250);

  // Answers can arrive out of order while the user types; only the answer to
  // the latest filter is kept.
  useEffect(() => {
    let current = true;
    const trimmed = debouncedQuery.trim();
    api.devicesList({ query: trimmed === "" ? null : trimmed, status, kind }).then(
      (list) => {
        if (!current) return;
        setDevices(list);
        setError(null);
        // The open detail panel shows the fresh copy of its device.
        setSelected((s) => (s ? (list.find((d) => d.id === s.id) ?? s) : s));
      },
      (e) => current && setError(toApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [debouncedQuery, status, kind, reload]);

  // Sites change rarely; they are fetched when the screen opens and before a form.
  const loadSites = () => api.sitesList().then(setSites, (e) => setError(toApiError(e)));
  useEffect(() => void loadSites(), []);

  const onSaved = (device: Device) => {
    if (form?.mode === "add") {
      // A new device must be visible straight away, so filters that could
      // hide it are cleared.
      setQuery("");
      setStatus(null);
      setKind(null);
    }
    setForm(null);
    setSelected(device);
    setReload((n) => n + 1);
  };

  const filtered = query.trim() !== "" || status !== null || kind !== null;

  return (
    <section class="screen devices-screen" aria-labelledby="devices-title">
      <header class="screen-header">
        <h1 id="devices-title">{t("devices.title")}</h1>
        {devices && <span class="count">{tp("devices.count", devices.length)}</span>}
        <button type="button" class="primary push-end" data-testid="device-add"
          onClick={() => { void loadSites(); setForm({ mode: "add" }); }}>
          {t("devices.add")}
        </button>
      </header>

      <div class="toolbar" role="search">
        <label class="inline-field">
          <span>{t("devices.filter")}</span>
          <input type="search" data-testid="device-filter" placeholder={t("devices.filterPlaceholder")}
            value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <label class="inline-field">
          <span>{t("devices.statusFilter")}</span>
          <select data-testid="device-status-filter" value={status ?? ""}
            onChange={(e) => { const v = e.currentTarget.value; setStatus(isOneOf(DEVICE_STATUSES, v) ? v : null); }}>
            <option value="">{t("devices.all")}</option>
            {DEVICE_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label class="inline-field">
          <span>{t("devices.kindFilter")}</span>
          <select data-testid="device-kind-filter" value={kind ?? ""}
            onChange={(e) => { const v = e.currentTarget.value; setKind(isOneOf(DEVICE_KINDS, v) ? v : null); }}>
            <option value="">{t("devices.all")}</option>
            {DEVICE_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
          </select>
        </label>
      </div>

      {error && <ErrorNotice error={error} onRetry={() => setReload((n) => n + 1)} />}

      <div class={selected ? "split with-detail" : "split"}>
        <div class="list-pane">
          {devices === null && !error && <p class="muted">{t("app.loading")}</p>}
          {devices && devices.length === 0 && <EmptyState>{filtered ? t("devices.noMatch") : t("devices.empty")}</EmptyState>}
          {devices && devices.length > 0 && (
            <DeviceTable devices={devices} selectedId={selected?.id ?? null} onSelect={setSelected} />
          )}
        </div>
        {selected && (
          <DeviceDetail device={selected} onClose={() => setSelected(null)}
            onEdit={() => { void loadSites(); setForm({ mode: "edit", device: selected }); }} />
        )}
      </div>

      {form && (
        <DeviceForm
          key={form.mode === "edit" ? `edit-${form.device.id}` : "add"}
          title={form.mode === "edit" ? t("form.editTitle", { serial: form.device.serial }) : t("form.addTitle")}
          initial={form.mode === "edit" ? inputFromDevice(form.device) : emptyDeviceInput()}
          sites={sites}
          save={(input) => (form.mode === "edit" ? api.deviceUpdate(form.device.id, input) : api.deviceCreate(input))}
          onSaved={onSaved}
          onCancel={() => setForm(null)}
        />
      )}
    </section>
  );
}
