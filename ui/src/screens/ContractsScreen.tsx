import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { Contract } from "../bindings";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { ContractDetail } from "../components/ContractDetail";
import { ContractFields } from "../components/ContractFields";
import { EmptyState } from "../components/EmptyState";
import { ErrorNotice } from "../components/ErrorNotice";
import { UndoToast } from "../components/UndoToast";
import { useModal } from "../lib/useModal";
import { useI18n } from "../i18n/context";
import { checkContract, clearFixed, emptyContractDraft, formFromDraft, type ContractDraft, type ContractField, type ContractProblem } from "../lib/contractForm";
import type { ContractSummary } from "../types";
import { isIsoDate, typedDate } from "../lib/dates";
import { bringIntoView } from "../lib/focus";
import { useUnsaved } from "../lib/unsaved";

type NewProps = { customerNumbers: string[]; onCreated: (c: Contract) => void; onCancel: () => void };

function NewContractDialog({ customerNumbers, onCreated, onCancel }: NewProps) {
  const { t } = useI18n();
  const dialogRef = useModal();
  const [draft, setDraft] = useState<ContractDraft>(emptyContractDraft(customerNumbers[0] ?? ""));
  const [po, setPo] = useState("");
  const [poFrom, setPoFrom] = useState("");
  const [poDateBad, setPoDateBad] = useState(false);
  const [problems, setProblems] = useState<Partial<Record<ContractField, ContractProblem>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  // Cancelling (or leaving the section) once something was typed asks first.
  const [typed, setTyped] = useState(false);
  useUnsaved("contract-new", typed);
  const [asking, setAsking] = useState(false);
  const cancel = () => (typed ? setAsking(true) : onCancel());


  // The organisation's customer numbers may arrive after the dialog opens; the
  // first one is offered as long as the user has not typed another.
  useEffect(() => {
    const first = customerNumbers[0];
    if (first) setDraft((d) => (d.customerNumber === "" ? { ...d, customerNumber: first } : d));
  }, [customerNumbers]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    const found = checkContract(draft);
    const badPoDate = poFrom.trim() !== "" && !isIsoDate(poFrom.trim());
    setProblems(found);
    setPoDateBad(badPoDate);
    if (Object.keys(found).length > 0 || badPoDate) return;
    setSaving(true);
    setError(null);
    try {
      onCreated(await api.contractCreate({
        contract: formFromDraft(draft),
        poNumber: po.trim() === "" ? null : po.trim(),
        poValidFrom: poFrom.trim() === "" ? null : poFrom.trim(),
        deviceIds: [],
      }));
    } catch (err) {
      const apiError = toApiError(err);
      const field = apiError.field as ContractField | null;
      if (field && field in draft) setProblems({ [field]: apiError.code === "conflict" ? "required" : field === "invoiceAddress" ? "email" : "required" });
      setError(apiError);
    } finally {
      setSaving(false);
    }
  };

  return (
    <dialog ref={dialogRef} class="modal form-dialog wide-dialog" aria-labelledby="contract-new-title" onCancel={(e) => { e.preventDefault(); cancel(); }}>
      <form onSubmit={submit} noValidate>
        <h2 id="contract-new-title">{t("contract.newTitle")}</h2>
        {error && <ErrorNotice error={error} />}
        <ContractFields draft={draft} problems={problems} customerNumbers={customerNumbers}
          onChange={(f, v) => { const next = { ...draft, [f]: v }; setDraft(next); setTyped(true); setProblems((p) => clearFixed(p, next, f)); }} />
        <div class="form-grid po-first">
          <label class="field">
            <span>{t("contract.poFirst")}</span>
            <input data-testid="contract-po-first" value={po} onInput={(e) => { setPo(e.currentTarget.value); setTyped(true); }} onChange={(e) => { setPo(e.currentTarget.value); setTyped(true); }} />
          </label>
          <label class="field">
            <span>{t("contract.poFrom")}</span>
            <input data-testid="contract-po-first-from" value={poFrom} placeholder={t("form.datePlaceholder")} aria-invalid={poDateBad ? "true" : undefined}
              onInput={(e) => { setPoFrom(typedDate(e.currentTarget.value)); setPoDateBad(false); }} onChange={(e) => { setPoFrom(typedDate(e.currentTarget.value)); setPoDateBad(false); }} />
            {poDateBad && <span class="field-error">{t("form.dateInvalid")}</span>}
          </label>
        </div>
        <div class="actions">
          <button type="button" class="secondary" data-testid="contract-new-cancel" onClick={cancel}>{t("form.cancel")}</button>
          <button type="submit" class="primary" data-testid="contract-create" disabled={saving}>{saving ? t("form.saving") : t("form.save")}</button>
        </div>
      </form>
      {asking && (
        <ConfirmDialog title={t("unsaved.title")} message={t("unsaved.message")} confirmLabel={t("unsaved.leave")} danger
          onCancel={() => setAsking(false)} onConfirm={() => { setAsking(false); onCancel(); }} />
      )}
    </dialog>
  );
}

type ScreenProps = { openId?: number | null };

// Contracts the list shows at first, and reads more by when asked.
export const CONTRACT_PAGE = 100;
// The largest page the backend returns (Store::page_contracts).
const MAX_CONTRACT_PAGE = 500;

export function ContractsScreen({ openId = null }: ScreenProps) {
  const { t, tp, date, number } = useI18n();
  const [contracts, setContracts] = useState<ContractSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  // How many rows the list shows: a page, and a page more each time the user asks.
  const [shown, setShown] = useState(CONTRACT_PAGE);
  const [error, setError] = useState<ApiError | null>(null);
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<Contract | null>(null);
  const [creating, setCreating] = useState(false);
  const [customerNumbers, setCustomerNumbers] = useState<string[]>([]);
  const [confirm, setConfirm] = useState<Contract | null>(null);
  const [removed, setRemoved] = useState<Contract | null>(null);

  useEffect(() => {
    let current = true;
    setError(null);
    // The backend's pages hold at most 500 contracts: more shown are read in several.
    const offsets: number[] = [];
    for (let offset = 0; offset < shown; offset += MAX_CONTRACT_PAGE) offsets.push(offset);
    Promise.all(offsets.map((offset) => api.contractsPage(offset, Math.min(MAX_CONTRACT_PAGE, shown - offset)))).then(
      (pages) => {
        if (!current) return;
        setContracts(pages.flatMap((p) => p.contracts));
        setTotal(pages[0]?.total ?? 0);
      },
      (e) => current && setError(toApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [reload, shown]);

  useEffect(() => {
    api.organisationGet().then((p) => setCustomerNumbers(p?.customerNumbers ?? []), () => setCustomerNumbers([]));
  }, []);

  const open = async (id: number) => {
    try {
      setSelected(await api.contractGet(id));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  // Opened from a reminder: the contract it concerns is shown at once.
  useEffect(() => {
    if (openId !== null) void open(openId);
  }, [openId]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toApiError(e));
    }
    setReload((n) => n + 1);
  };

  return (
    <section class="screen" aria-labelledby="contracts-title">
      <header class="screen-header">
        <h1 id="contracts-title">{t("contracts.title")}</h1>
        {contracts && <span class="count">{tp("contracts.count", total)}</span>}
        <button type="button" class="primary push-end" data-testid="contract-new" onClick={() => setCreating(true)}>{t("contract.new")}</button>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => setReload((n) => n + 1)} />}
      <div class={selected ? "split with-detail" : "split"}>
        <div class="list-pane">
          {contracts === null && !error && <p class="muted">{t("app.loading")}</p>}
          {contracts && contracts.length === 0 && <EmptyState>{t("contracts.empty")}</EmptyState>}
          {contracts && contracts.length > 0 && (
            <table class="data-table contracts">
              <thead>
                <tr>
                  <th scope="col">{t("contracts.number")}</th>
                  <th scope="col">{t("contracts.kind")}</th>
                  <th scope="col">{t("contracts.customer")}</th>
                  <th scope="col">{t("contracts.po")}</th>
                  <th scope="col">{t("contracts.starts")}</th>
                  <th scope="col">{t("contracts.ends")}</th>
                  <th scope="col" class="num">{t("contracts.devices")}</th>
                </tr>
              </thead>
              <tbody>
                {contracts.map((c) => (
                  <tr key={c.id} data-testid="contract-row" data-number={c.number} class={selected?.id === c.id ? "selected" : undefined}>
                    <td class="mono">
                      <button type="button" class="row-link mono" onClick={() => void open(c.id)}>{c.number}</button>
                    </td>
                    <td>{t(`contractKind.${c.kind}`)}</td>
                    <td class="mono">{c.customerNumber}</td>
                    <td class="mono">{c.poNumber ?? "—"}</td>
                    <td>{date(c.startsOn) || "—"}</td>
                    <td>{date(c.endsOn) || "—"}</td>
                    <td class="num">{number(c.deviceCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {contracts && total > contracts.length && (
            <button type="button" class="secondary" data-testid="contracts-more" onClick={() => setShown(contracts.length + CONTRACT_PAGE)}>
              {tp("list.showMore", Math.min(CONTRACT_PAGE, total - contracts.length))}
            </button>
          )}
        </div>
        {selected && (
          <ContractDetail key={selected.id} contract={selected} customerNumbers={customerNumbers}
            onChanged={(c) => { setSelected(c); setReload((n) => n + 1); }}
            onDelete={() => setConfirm(selected)} onClose={() => setSelected(null)} />
        )}
      </div>
      {creating && (
        <NewContractDialog customerNumbers={customerNumbers} onCancel={() => setCreating(false)}
          onCreated={(c) => { setCreating(false); setSelected(c); setReload((n) => n + 1); bringIntoView(".detail-panel"); }} />
      )}
      {confirm && (
        <ConfirmDialog title={t("contract.deleteTitle", { number: confirm.form.number })} message={t("contract.deleteMessage")}
          confirmLabel={t("detail.delete")} danger onCancel={() => setConfirm(null)}
          onConfirm={() => { const c = confirm; setConfirm(null); void act(async () => { await api.contractDelete(c.id); setSelected(null); setRemoved(c); }); }} />
      )}
      {removed && (
        <UndoToast message={t("contract.deleted", { number: removed.form.number })} onDismiss={() => setRemoved(null)}
          onUndo={() => { const c = removed; setRemoved(null); void act(async () => setSelected(await api.contractRestore(c.id))); }} />
      )}
    </section>
  );
}
