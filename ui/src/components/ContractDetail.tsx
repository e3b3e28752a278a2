import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { Contract } from "../bindings";
import { useI18n } from "../i18n/context";
import { checkContract, clearFixed, currentPo, draftFromContract, formFromDraft, upcomingPo, type ContractDraft, type ContractField, type ContractProblem } from "../lib/contractForm";
import { todayIn } from "../lib/requests";
import { differs, useUnsaved } from "../lib/unsaved";
import { ConfirmDialog } from "./ConfirmDialog";
import { ContractDevicePicker } from "./ContractDevicePicker";
import { ContractFields } from "./ContractFields";
import { DocumentsPanel } from "./DocumentsPanel";
import { ErrorNotice } from "./ErrorNotice";
import { HistoryList } from "./HistoryList";
import { UndoToast } from "./UndoToast";
import { isIsoDate, typedDate } from "../lib/dates";

type Tab = "details" | "po" | "devices" | "documents" | "history";
const TABS: readonly Tab[] = ["details", "po", "devices", "documents", "history"];

type Props = {
  contract: Contract;
  customerNumbers: string[];
  onChanged: (c: Contract) => void;
  onDelete: () => void;
  onClose: () => void;
};

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function ContractDetail({ contract, customerNumbers, onChanged, onDelete, onClose }: Props) {
  const { t, tp, date } = useI18n();
  const [tab, setTab] = useState<Tab>("details");
  const [draft, setDraft] = useState<ContractDraft>(draftFromContract(contract));
  const [problems, setProblems] = useState<Partial<Record<ContractField, ContractProblem>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  // Closing the detail with unsaved edits to its fields asks first.
  const dirty = differs(draft, draftFromContract(contract));
  useUnsaved("contract", dirty);
  const [asking, setAsking] = useState(false);
  const close = () => (dirty ? setAsking(true) : onClose());
  const [poNumber, setPoNumber] = useState("");
  const [poFrom, setPoFrom] = useState(today());
  // The last day of the current PO number's period (empty: not known).
  const [poEnd, setPoEnd] = useState(contract.poNumbers[0]?.validTo ?? "");
  const [poEndBad, setPoEndBad] = useState(false);
  const [poProblem, setPoProblem] = useState<"required" | "date" | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set(contract.deviceIds));
  // Devices about to leave the contract (asked first, naming them), then just removed (undoable).
  const [unlinking, setUnlinking] = useState<{ ids: number[]; serials: string[] } | null>(null);
  const [unlinked, setUnlinked] = useState<number[] | null>(null);

  // Before the browser paints, so nothing the user does once the saved contract shows
  // can be overwritten by this reset.
  useLayoutEffect(() => {
    setDraft(draftFromContract(contract));
    setChosen(new Set(contract.deviceIds));
    setProblems({});
  }, [contract]);

  const run = async (work: () => Promise<Contract>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const updated = await work();
      onChanged(updated);
      setSaved(true);
      return true;
    } catch (e) {
      const apiError = toApiError(e);
      const field = apiError.field as ContractField | null;
      if (apiError.code === "validation" && field && field in draft) setProblems({ [field]: field === "invoiceAddress" ? "email" : "required" });
      else if (apiError.code === "validation" && apiError.field === "poNumber") setPoProblem("required");
      else setError(apiError);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const saveDetails = (e: Event) => {
    e.preventDefault();
    const found = checkContract(draft);
    setProblems(found);
    if (Object.keys(found).length === 0) void run(() => api.contractUpdate(contract.id, formFromDraft(draft)));
  };

  const setPo = (e: Event) => {
    e.preventDefault();
    if (poNumber.trim() === "") return setPoProblem("required");
    if (!isIsoDate(poFrom.trim())) return setPoProblem("date");
    setPoProblem(null);
    void run(() => api.contractSetPo(contract.id, poNumber.trim(), poFrom.trim())).then((ok) => ok && setPoNumber(""));
  };

  const savePoEnd = (e: Event) => {
    e.preventDefault();
    const end = poEnd.trim();
    if (end !== "" && !isIsoDate(end)) return setPoEndBad(true);
    setPoEndBad(false);
    void run(() => api.contractSetPoEnd(contract.id, end === "" ? null : end));
  };

  const saveDevices = (e: Event) => {
    e.preventDefault();
    const removed = contract.deviceIds.filter((id) => !chosen.has(id));
    if (removed.length === 0) {
      void run(() => api.contractLinkDevices(contract.id, [...chosen]));
      return;
    }
    // The question names the devices leaving; their serials come from the record.
    const ask = (list: { id: number; serial: string }[]) =>
      setUnlinking({ ids: removed, serials: removed.map((id) => list.find((d) => d.id === id)?.serial ?? `#${id}`) });
    api.devicesGet(removed).then(ask, () => ask([]));
  };

  const unlink = (removed: number[]) => {
    setUnlinking(null);
    void run(() => api.contractLinkDevices(contract.id, [...chosen])).then((ok) => ok && setUnlinked(removed));
  };

  // Undo links the removed devices again, keeping whatever the contract covers now.
  const relink = (removed: number[]) => {
    setUnlinked(null);
    void run(() => api.contractLinkDevices(contract.id, [...new Set([...contract.deviceIds, ...removed])]));
  };

  const parisToday = todayIn("Europe/Paris");
  const po = currentPo(contract, parisToday);
  const next = upcomingPo(contract, parisToday);

  return (
    <section class="detail-panel" aria-labelledby="contract-detail-title" data-testid="contract-detail" onKeyDown={(e) => e.key === "Escape" && close()}>
      <header class="panel-header">
        <h2 id="contract-detail-title">{t("contract.title", { number: contract.form.number })}</h2>
        <div class="actions">
          <button type="button" class="secondary danger" data-testid="contract-delete" onClick={onDelete}>{t("detail.delete")}</button>
          <button type="button" class="secondary" data-testid="contract-close" onClick={close}>{t("detail.close")}</button>
        </div>
      </header>
      {contract.terminated && <p class="notice info" data-testid="contract-terminated">{t("contract.terminated")}</p>}
      <div class="tabs" role="tablist" aria-label={t("contract.tabs")}>
        {TABS.map((id) => (
          <button key={id} type="button" role="tab" id={`contract-tab-${id}`} data-testid={`contract-tab-${id}`}
            aria-selected={tab === id ? "true" : "false"} aria-controls={`contract-panel-${id}`} tabIndex={tab === id ? 0 : -1}
            onClick={() => { setTab(id); setSaved(false); }}
            onKeyDown={(e) => {
              const i = TABS.indexOf(tab);
              const next = e.key === "ArrowRight" ? TABS[(i + 1) % TABS.length] : e.key === "ArrowLeft" ? TABS[(i + TABS.length - 1) % TABS.length] : null;
              if (next) { e.preventDefault(); setTab(next); document.getElementById(`contract-tab-${next}`)?.focus(); }
            }}>
            {t(`contract.tab.${id}`)}
          </button>
        ))}
      </div>
      {error && <ErrorNotice error={error} />}
      {saved && <p class="ok-text" role="status" data-testid="contract-saved">{t("org.saved")}</p>}
      <div role="tabpanel" id={`contract-panel-${tab}`} aria-labelledby={`contract-tab-${tab}`} class="tab-panel">
        {tab === "details" && (
          <form onSubmit={saveDetails} noValidate>
            <ContractFields draft={draft} problems={problems} customerNumbers={customerNumbers}
              onChange={(f, v) => { const next = { ...draft, [f]: v }; setDraft(next); setProblems((p) => clearFixed(p, next, f)); setSaved(false); }} />
            <div class="actions start">
              <button type="submit" class="primary" data-testid="contract-save" disabled={busy}>{busy ? t("form.saving") : t("form.save")}</button>
            </div>
          </form>
        )}
        {tab === "po" && (
          <>
            <p>{po ? t("contract.poCurrent", { po: po.poNumber, from: date(po.validFrom) || "—" }) : t("contract.poNone")}</p>
            {next && <p data-testid="contract-po-upcoming">{t("contract.poUpcoming", { po: next.poNumber, from: date(next.validFrom) })}</p>}
            <form class="toolbar" onSubmit={setPo} aria-label={t("contract.poChange")}>
              <label class="inline-field">
                <span>{t("contract.poNew")}</span>
                <input data-testid="contract-po-new" value={poNumber} aria-invalid={poProblem === "required" ? "true" : undefined}
                  onInput={(e) => { setPoNumber(e.currentTarget.value); setPoProblem(null); }} onChange={(e) => { setPoNumber(e.currentTarget.value); setPoProblem(null); }} />
              </label>
              <label class="inline-field">
                <span>{t("contract.poFrom")}</span>
                <input data-testid="contract-po-from" value={poFrom} aria-invalid={poProblem === "date" ? "true" : undefined}
                  inputMode="numeric" autocomplete="off" placeholder={t("form.datePlaceholder")}
                  onInput={(e) => { setPoFrom(typedDate(e.currentTarget.value)); setPoProblem(null); }} onChange={(e) => { setPoFrom(typedDate(e.currentTarget.value)); setPoProblem(null); }} />
              </label>
              <button type="submit" class="primary" data-testid="contract-po-set" disabled={busy}>{t("contract.poChange")}</button>
            </form>
            {poProblem && <p class="field-error" role="alert">{t(poProblem === "date" ? "form.dateInvalid" : "form.required")}</p>}
            <p class="hint">{t("contract.poHint")}</p>
            {po && (
              <form class="toolbar" onSubmit={savePoEnd} aria-label={t("contract.poEnds")}>
                <label class="inline-field">
                  <span>{t("contract.poEnds")}</span>
                  <input data-testid="contract-po-end" value={poEnd} aria-invalid={poEndBad ? "true" : undefined}
                    inputMode="numeric" autocomplete="off" placeholder={t("form.datePlaceholder")} aria-describedby="contract-po-end-hint"
                    onInput={(e) => { setPoEnd(typedDate(e.currentTarget.value)); setPoEndBad(false); }} />
                </label>
                <button type="submit" class="secondary" data-testid="contract-po-end-save" disabled={busy}>{t("contract.poEndsSave")}</button>
              </form>
            )}
            {po && poEndBad && <p class="field-error" role="alert">{t("form.dateInvalid")}</p>}
            {po && <p class="hint" id="contract-po-end-hint">{t("contract.poEndsHint")}</p>}
            {contract.poNumbers.length > 0 && (
              <div class="table-scroll">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("contracts.po")}</th>
                    <th scope="col">{t("contract.poValidFrom")}</th>
                    <th scope="col">{t("contract.poValidTo")}</th>
                  </tr>
                </thead>
                <tbody>
                  {contract.poNumbers.map((p) => (
                    <tr key={p.id} data-testid="contract-po-row" data-po={p.poNumber}>
                      <td class="mono">{p.poNumber}</td>
                      <td>{date(p.validFrom) || "—"}</td>
                      <td>{p.validTo ? date(p.validTo) : <span class="badge ok">{t("contract.poInForce")}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </div>
            )}
          </>
        )}
        {tab === "devices" && (
          <form onSubmit={saveDevices}>
            <ContractDevicePicker contractId={contract.id} linkedIds={contract.deviceIds} chosen={chosen}
              onToggle={(id, on) => { setChosen((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; }); setSaved(false); }} />
            <div class="actions start">
              <span class="muted">{tp("contract.devicesChosen", chosen.size)}</span>
              <button type="submit" class="primary" data-testid="contract-devices-save" disabled={busy}>{t("form.save")}</button>
            </div>
          </form>
        )}
        {tab === "documents" && <DocumentsPanel entity="contract" entityId={contract.id} defaultKind="invoice" />}
        {tab === "history" && <HistoryList entity="contract" id={contract.id} key={JSON.stringify(contract)} />}
      </div>
      {unlinking && (
        <ConfirmDialog title={tp("contract.unlinkTitle", unlinking.ids.length, { number: contract.form.number })}
          message={t("contract.unlinkMessage", { serials: unlinking.serials.join(", ") })}
          confirmLabel={t("contract.unlinkConfirm")} danger onCancel={() => setUnlinking(null)} onConfirm={() => unlink(unlinking.ids)} />
      )}
      {unlinked && (
        <UndoToast message={tp("contract.unlinked", unlinked.length, { number: contract.form.number })}
          onDismiss={() => setUnlinked(null)} onUndo={() => relink(unlinked)} />
      )}
      {asking && (
        <ConfirmDialog title={t("unsaved.title")} message={t("unsaved.message")} confirmLabel={t("unsaved.leave")} danger
          onCancel={() => setAsking(false)} onConfirm={() => { setAsking(false); onClose(); }} />
      )}
    </section>
  );
}
