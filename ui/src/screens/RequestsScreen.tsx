import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { EmptyState } from "../components/EmptyState";
import { ErrorNotice } from "../components/ErrorNotice";
import { BankCheckWizard } from "../components/requests/BankCheckWizard";
import { RequestDetail } from "../components/requests/RequestDetail";
import { RequestList } from "../components/requests/RequestList";
import { RequestWizard } from "../components/requests/RequestWizard";
import { SituationPicker } from "../components/requests/SituationPicker";
import { useI18n } from "../i18n/context";
import { isOneOf } from "../lib/enums";
import { REQUEST_STATUSES } from "../lib/requests";
import type { CatalogueEntry, ContractSummary, Device, Request, RequestStatus } from "../types";

type View = { kind: "list" } | { kind: "pick" } | { kind: "wizard"; entry: CatalogueEntry };

// The request history (with the outbox of unsent requests and their retry)
// and the way into the wizards.
type ScreenProps = { openId?: number | null };

export function RequestsScreen({ openId = null }: ScreenProps) {
  const { t, tp } = useI18n();
  const [view, setView] = useState<View>({ kind: "list" });
  const [catalogue, setCatalogue] = useState<CatalogueEntry[]>([]);
  const [devices, setDevices] = useState<Device[]>([]);
  const [contracts, setContracts] = useState<ContractSummary[]>([]);
  const [requests, setRequests] = useState<Request[] | null>(null);
  const [smtpConfigured, setSmtpConfigured] = useState(false);
  const [status, setStatus] = useState<RequestStatus | null>(null);
  const [selected, setSelected] = useState<Request | null>(null);
  // Each opening of a request mounts its detail afresh (so a pending question is
  // asked again); the one the wizard closed on after "not yet" does not ask.
  const [openings, setOpenings] = useState(0);
  const [notYetId, setNotYetId] = useState<number | null>(null);
  const select = (request: Request) => {
    setNotYetId(null);
    setOpenings((n) => n + 1);
    setSelected(request);
  };
  const [retrying, setRetrying] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const fail = (e: unknown) => setError(toApiError(e));
    api.requestsCatalogue().then(setCatalogue, fail);
    api.smtpGet().then((s) => setSmtpConfigured(s.config !== null), fail);
  }, [reload]);

  // The devices the requests name, for their labels; the wizard searches the
  // fleet itself, so the whole device list is never loaded here.
  const deviceIds = [...new Set((requests ?? []).map((r) => r.deviceId).filter((id): id is number => id !== null))].sort((a, b) => a - b);
  const deviceKey = deviceIds.join(",");
  useEffect(() => {
    if (deviceIds.length === 0) {
      setDevices([]);
      return;
    }
    let current = true;
    api.devicesGet(deviceIds).then((list) => current && setDevices(list), (e) => current && setError(toApiError(e)));
    return () => { current = false; };
  }, [deviceKey]);

  // The contracts the requests name, for their labels, read the same way.
  const contractIds = [...new Set((requests ?? []).map((r) => r.contractId).filter((id): id is number => id !== null))].sort((a, b) => a - b);
  const contractKey = contractIds.join(",");
  useEffect(() => {
    if (contractIds.length === 0) {
      setContracts([]);
      return;
    }
    let current = true;
    api.contractsGet(contractIds).then((list) => current && setContracts(list), (e) => current && setError(toApiError(e)));
    return () => { current = false; };
  }, [contractKey]);

  useEffect(() => {
    api.requestsList().then((list) => {
      setRequests(list);
      setError(null);
      setSelected((s) => (s ? (list.find((r) => r.id === s.id) ?? null) : s));
      // Opened from a reminder: the request it concerns is shown at once.
      const wanted = openId !== null && reload === 0 ? list.find((r) => r.id === openId) : undefined;
      if (wanted) select(wanted);
    }, (e) => setError(toApiError(e)));
  }, [reload]);

  const changed = (request: Request) => {
    setRequests((list) => list && list.map((r) => (r.id === request.id ? request : r)));
    setSelected((s) => (s && s.id === request.id ? request : s));
  };

  const retry = async (request: Request) => {
    setRetrying(request.id);
    try {
      changed(await api.requestRetry(request.id));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setRetrying(null);
    }
  };

  const backToList = () => {
    setView({ kind: "list" });
    setStatus(null);
    setReload((n) => n + 1);
  };

  if (view.kind === "pick") {
    return <SituationPicker catalogue={catalogue} onCancel={() => setView({ kind: "list" })}
      onPick={(entry) => setView({ kind: "wizard", entry })} />;
  }
  if (view.kind === "wizard" && view.entry.situation === "verify_bank_details") {
    return <BankCheckWizard onClose={backToList} />;
  }
  if (view.kind === "wizard") {
    return <RequestWizard entry={view.entry} smtpConfigured={smtpConfigured}
      onClose={(request, answeredNotYet) => {
        backToList();
        if (request) {
          select(request);
          if (answeredNotYet) setNotYetId(request.id);
        }
      }} />;
  }

  const outbox = requests?.filter((r) => r.status === "outbox").length ?? 0;
  // Left being sent when the app stopped: they may have reached Canon, so the user
  // is asked about each before anything is sent again.
  const inDoubt = requests?.filter((r) => r.status === "sending").length ?? 0;
  const shown = requests?.filter((r) => status === null || r.status === status) ?? null;
  const entryOf = (r: Request) => catalogue.find((e) => e.situation === r.situation) ?? null;

  return (
    <section class="screen requests-screen" aria-labelledby="requests-title">
      <header class="screen-header">
        <h1 id="requests-title">{t("requests.title")}</h1>
        {outbox > 0 && (
          <button type="button" class="badge outbox-badge" data-testid="outbox-count" data-count={outbox} onClick={() => setStatus("outbox")}>
            {tp("requests.outbox", outbox)}
          </button>
        )}
        <button type="button" class="primary push-end" data-testid="request-new" onClick={() => setView({ kind: "pick" })}>
          {t("requests.new")}
        </button>
      </header>

      <div class="toolbar">
        <label class="inline-field">
          <span>{t("requests.statusFilter")}</span>
          <select data-testid="request-status-filter" value={status ?? ""}
            onChange={(e) => { const v = e.currentTarget.value; setStatus(isOneOf(REQUEST_STATUSES, v) ? v : null); }}>
            <option value="">{t("requests.all")}</option>
            {REQUEST_STATUSES.map((s) => <option key={s} value={s}>{t(`reqStatus.${s}`)}</option>)}
          </select>
        </label>
      </div>
      {outbox > 0 && !smtpConfigured && <p class="hint">{t("requests.noSmtpRetry")}</p>}
      {inDoubt > 0 && (
        <div class="notice warning" role="alert" data-testid="requests-in-doubt" data-count={inDoubt}>
          <span>{tp("requests.inDoubt", inDoubt)}</span>
          <button type="button" class="secondary" onClick={() => setStatus("sending")}>{t("requests.inDoubtShow")}</button>
        </div>
      )}

      {error && <ErrorNotice error={error} onRetry={() => setReload((n) => n + 1)} />}

      <div class={selected ? "split with-detail" : "split"}>
        <div class="list-pane">
          {shown === null && !error && <p class="muted">{t("app.loading")}</p>}
          {requests && requests.length === 0 && <EmptyState>{t("requests.empty")}</EmptyState>}
          {requests && requests.length > 0 && shown && shown.length === 0 && <EmptyState>{t("requests.noMatch")}</EmptyState>}
          {shown && shown.length > 0 && (
            <RequestList requests={shown} devices={devices} contracts={contracts} selectedId={selected?.id ?? null}
              retrying={retrying} canRetry={smtpConfigured} onSelect={select} onRetry={retry} />
          )}
        </div>
        {selected && (
          <RequestDetail key={`${selected.id}-${openings}`} request={selected} answeredNotYet={notYetId === selected.id} entry={entryOf(selected)} devices={devices} contracts={contracts}
            smtpConfigured={smtpConfigured} onChanged={changed} onClose={() => setSelected(null)} />
        )}
      </div>
    </section>
  );
}
