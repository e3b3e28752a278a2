import { useMemo, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { DeviceImport } from "../bindings";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { CsvImport } from "../components/CsvImport";
import { DeletedDevices } from "../components/DeletedDevices";
import { DeviceDetail } from "../components/DeviceDetail";
import { DeviceForm } from "../components/DeviceForm";
import { DeviceTable } from "../components/DeviceTable";
import { EmptyState } from "../components/EmptyState";
import { ErrorNotice } from "../components/ErrorNotice";
import { ExportResult } from "../components/ExportResult";
import { SearchFilter, type FilterOption } from "../components/SearchFilter";
import { UndoToast } from "../components/UndoToast";
import { useI18n } from "../i18n/context";
import { spreadsheetSeparator } from "../lib/csvPreview";
import { bringIntoView } from "../lib/focus";
import { emptyDeviceInput, inputFromDevice } from "../lib/deviceForm";
import { useDevicePages } from "../lib/devicePages";
import { DEVICE_KINDS, DEVICE_STATUSES, isOneOf } from "../lib/enums";
import { useDebounced } from "../lib/useDebounced";
import type { Device, DeviceFilter, DeviceKind, DeviceStatus } from "../types";

type FormState = { mode: "add" } | { mode: "edit"; device: Device } | null;
type Exported = Awaited<ReturnType<typeof api.exportCsv>>;

// The contract and site filters search as the user types: the first matches,
// never every contract or site of the record.
const findContracts = (query: string) =>
  api.contractsSearch(query).then((m) => ({ items: m.contracts.map((c): FilterOption => ({ id: c.id, label: c.number })), total: m.total }));
const findSites = (query: string) =>
  api.sitesSearch(query).then((m) => ({ items: m.sites.map((s): FilterOption => ({ id: s.id, label: s.name })), total: m.total }));

export function DevicesScreen() {
  const { t, tp, locale } = useI18n();
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [kind, setKind] = useState<DeviceKind | null>(null);
  const [site, setSite] = useState<FilterOption | null>(null);
  const [contract, setContract] = useState<FilterOption | null>(null);
  const siteId = site?.id ?? null;
  const contractId = contract?.id ?? null;
  const [error, setError] = useState<ApiError | null>(null);
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<Device | null>(null);
  const [form, setForm] = useState<FormState>(null);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<DeviceImport | null>(null);
  const [exported, setExported] = useState<Exported | null>(null);
  const [exporting, setExporting] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<Device | null>(null);
  const [deleted, setDeleted] = useState<Device | null>(null);
  const [showDeleted, setShowDeleted] = useState(false);
  const debouncedQuery = useDebounced(query, 200);

  const filter = useMemo<DeviceFilter>(() => {
    const trimmed = debouncedQuery.trim();
    return { query: trimmed === "" ? null : trimmed, status, kind, siteId, contractId, ownership: null };
  }, [debouncedQuery, status, kind, siteId, contractId]);
  const pages = useDevicePages(filter, reload);


  const refresh = () => setReload((n) => n + 1);

  const onSaved = (device: Device) => {
    if (form?.mode === "add") {
      // A new device must be visible straight away, so filters that could
      // hide it are cleared.
      setQuery("");
      setStatus(null);
      setKind(null);
      setSite(null);
      setContract(null);
    }
    setForm(null);
    setSelected(device);
    refresh();
    // The saved device's detail is brought into view (below the list on a narrow window).
    bringIntoView(".detail-panel");
  };

  const doDelete = async (device: Device) => {
    setConfirmDelete(null);
    try {
      await api.deviceDelete(device.id);
      setSelected(null);
      setDeleted(device);
      refresh();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const undoDelete = async (device: Device) => {
    setDeleted(null);
    try {
      setSelected(await api.deviceRestore(device.id));
      refresh();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const exportDevices = async () => {
    setExporting(true);
    setExported(null);
    try {
      setExported(await api.exportCsv("devices", spreadsheetSeparator(locale)));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setExporting(false);
    }
  };

  const filtered = query.trim() !== "" || status !== null || kind !== null || siteId !== null || contractId !== null;
  const total = pages.total;

  return (
    <section class="screen devices-screen" aria-labelledby="devices-title">
      <header class="screen-header">
        <h1 id="devices-title">{t("devices.title")}</h1>
        {total !== null && <span class="count" data-testid="device-count">{tp("devices.count", total)}</span>}
        <div class="actions push-end">
          <button type="button" class="secondary" data-testid="csv-import-open" onClick={() => { setImported(null); setImporting(true); }}>
            {t("csv.open")}
          </button>
          <button type="button" class="secondary" data-testid="deleted-open" onClick={() => setShowDeleted(true)}>
            {t("deleted.open")}
          </button>
          <button type="button" class="secondary" data-testid="export-devices" disabled={exporting} onClick={() => void exportDevices()}>
            {exporting ? t("export.working") : t("export.devices")}
          </button>
          <button type="button" class="primary" data-testid="device-add"
            onClick={() => { setForm({ mode: "add" }); }}>
            {t("devices.add")}
          </button>
        </div>
      </header>

      {exported && <ExportResult exported={exported} onDismiss={() => setExported(null)} />}
      {imported && (
        <div class="notice ok" role="status" data-testid="csv-imported">
          <span>{tp("csv.done", imported.imported)}</span>
          <button type="button" class="secondary" onClick={() => setImported(null)}>{t("detail.close")}</button>
        </div>
      )}

      <div class="toolbar" role="search">
        <label class="inline-field">
          <span>{t("devices.filter")}</span>
          <input type="search" data-testid="device-filter" placeholder={t("devices.filterPlaceholder")}
            value={query} onInput={(e) => setQuery(e.currentTarget.value)}
            // Clearing the field programmatically (WebDriver, some assistive tools)
            // fires only "change".
            onChange={(e) => setQuery(e.currentTarget.value)} />
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
        <SearchFilter label={t("devices.siteFilter")} searchLabel={t("search.siteSearch")} placeholder={t("search.siteSearchPlaceholder")}
          testid="device-site-filter" chosen={site} find={findSites} onChoose={setSite} />
        <SearchFilter label={t("devices.contractFilter")} searchLabel={t("search.contractSearch")} placeholder={t("search.contractSearchPlaceholder")}
          testid="device-contract-filter" chosen={contract} find={findContracts} onChoose={setContract} />
      </div>

      {error && <ErrorNotice error={error} onRetry={() => { setError(null); refresh(); }} />}
      {pages.error && <ErrorNotice error={pages.error} onRetry={refresh} />}

      <div class={selected ? "split with-detail" : "split"}>
        <div class="list-pane">
          {total === null && !pages.error && <p class="muted">{t("app.loading")}</p>}
          {total === 0 && <EmptyState>{filtered ? t("devices.noMatch") : t("devices.empty")}</EmptyState>}
          {total !== null && total > 0 && (
            <DeviceTable total={total} row={pages.row} indexOf={pages.indexOf} show={pages.show} selectedId={selected?.id ?? null} onSelect={setSelected} />
          )}
        </div>
        {selected && (
          <DeviceDetail device={selected} onClose={() => setSelected(null)}
            onEdit={() => { setForm({ mode: "edit", device: selected }); }}
            onDelete={() => setConfirmDelete(selected)}
            onChanged={(d) => { setSelected(d); refresh(); }} />
        )}
      </div>

      {form && (
        <DeviceForm
          key={form.mode === "edit" ? `edit-${form.device.id}` : "add"}
          title={form.mode === "edit" ? t("form.editTitle", { serial: form.device.serial }) : t("form.addTitle")}
          initial={form.mode === "edit" ? inputFromDevice(form.device) : emptyDeviceInput()}
          siteName={form.mode === "edit" ? form.device.siteName : null}
          save={(input) => (form.mode === "edit" ? api.deviceUpdate(form.device.id, input) : api.deviceCreate(input))}
          onSaved={onSaved}
          onCancel={() => setForm(null)}
        />
      )}
      {importing && (
        <CsvImport onClose={() => setImporting(false)}
          onImported={(report) => { setImporting(false); setImported(report); refresh(); }} />
      )}
      {confirmDelete && (
        <ConfirmDialog
          title={t("devices.deleteTitle", { serial: confirmDelete.serial })}
          message={t("devices.deleteMessage")}
          confirmLabel={t("detail.delete")}
          danger
          onConfirm={() => void doDelete(confirmDelete)}
          onCancel={() => setConfirmDelete(null)}
        />
      )}
      {showDeleted && (
        <DeletedDevices onClose={() => setShowDeleted(false)}
          onRestored={(d) => { setShowDeleted(false); setSelected(d); refresh(); }} />
      )}
      {deleted && (
        <UndoToast message={t("devices.deleted", { serial: deleted.serial })} onUndo={() => void undoDelete(deleted)} onDismiss={() => setDeleted(null)} />
      )}
    </section>
  );
}
