import { useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import { failureText } from "../../lib/failure";
import type { CatalogueEntry, ContractSummary, Device, Request } from "../../types";
import { ErrorNotice } from "../ErrorNotice";
import { ChannelActions } from "./ChannelActions";
import { RequestAttachments } from "./RequestAttachments";
import { RequestReminders } from "./RequestReminders";

type Props = {
  request: Request;
  entry: CatalogueEntry | null;
  devices: Device[];
  contracts: ContractSummary[];
  smtpConfigured: boolean;
  onChanged: (request: Request) => void;
  onClose: () => void;
  // Opened straight from the wizard where the user answered "not yet".
  answeredNotYet?: boolean;
};

// One request: its dates, channel, records, message and outcome, and the moves
// its status allows (acknowledged, done, cancelled; sending again while it is
// still in the app).
export function RequestDetail({ request: r, entry, devices, contracts, smtpConfigured, onChanged, onClose, answeredNotYet = false }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const act = async (action: () => Promise<Request>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await action());
      setNote("");
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const device = devices.find((d) => d.id === r.deviceId);
  const contract = contracts.find((c) => c.id === r.contractId);
  const rows: [string, string][] = [
    [t("reqcol.status"), t(`reqStatus.${r.status}`)],
    [t("request.channel"), r.channel ? t(`channel.${r.channel}`) : "—"],
    [t("request.device"), device ? `${device.serial} — ${device.model}` : "—"],
    [t("request.contract"), contract?.number ?? "—"],
    [t("request.effective"), i18n.date(r.effectiveOn) || "—"],
    [t("request.notifyBy"), i18n.date(r.notifyBy) || "—"],
    [t("request.recipient"), r.recipient ?? "—"],
    [t("request.created"), i18n.dateTime(r.createdAt)],
    [t("request.sentAt"), i18n.dateTime(r.sentAt) || "—"],
    [t("request.acknowledgedAt"), i18n.dateTime(r.acknowledgedAt) || "—"],
    [t("request.doneAt"), i18n.dateTime(r.doneAt) || "—"],
    [t("request.cancelledAt"), i18n.dateTime(r.cancelledAt) || "—"],
  ];
  // Sending attempts mean something for email only: a phone call or a mail-client
  // hand-off is not an attempt, and "0" says nothing.
  if (r.channel !== "phone" && r.channel !== "mail_client" && r.attempts > 0) rows.push([t("request.attempts"), String(r.attempts)]);
  // Dates and links that do not apply stay out of the way.
  const shownRows = rows.filter(([, value], i) => i < 2 || value !== "—");
  if (r.lastError) shownRows.push([t("request.lastError"), failureText(t, r.errorCode, r.lastError)]);
  if (r.emlPath) shownRows.push([t("request.eml"), r.emlPath]);
  const pending = r.status === "draft" || r.status === "outbox";
  const open = r.status === "sent" || r.status === "acknowledged";

  return (
    <section class="detail-panel" aria-labelledby="request-detail-title" data-testid="request-detail" data-status={r.status}
      onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <header class="panel-header">
        <h2 id="request-detail-title">{t(`situation.${r.situation}.title`)}</h2>
        <button type="button" class="secondary" onClick={onClose}>{t("request.close")}</button>
      </header>
      {error && <ErrorNotice error={error} />}
      <dl class="facts">
        {shownRows.map(([label, value]) => (
          <div key={label}><dt>{label}</dt><dd class="break">{value}</dd></div>
        ))}
      </dl>
      {r.status === "sending" && (
        <div class="notice warning" role="alert" data-testid="request-in-doubt">
          <div>
            <p>{t("request.inDoubt")}</p>
            <p class="hint">{t("request.sendAgainHint")}</p>
            <div class="actions start">
              <button type="button" class="primary" data-testid="request-mark-sent" disabled={busy}
                onClick={() => act(() => api.requestMarkSent(r.id))}>{t("request.markSent")}</button>
              <button type="button" class="secondary" data-testid="request-send-again" disabled={busy}
                onClick={() => act(() => api.requestSendAgain(r.id))}>{t("request.sendAgain")}</button>
            </div>
          </div>
        </div>
      )}
      {r.outcome && (<><h3>{t("request.outcome")}</h3><p class="notes" data-testid="request-outcome">{r.outcome}</p></>)}
      {r.subject && (
        <>
          <h3>{t("request.message")}</h3>
          <div lang="fr">
            <p><strong>{r.subject}</strong></p>
            <p class="notes message-body">{r.body}</p>
          </div>
        </>
      )}
      {(r.attachments.length > 0 || r.emlSha256) && <RequestAttachments request={r} />}
      <RequestReminders request={r} />
      {pending && entry && (
        <ChannelActions key={`${r.id}-${r.status}-${r.attempts}`} entry={entry} request={r} smtpConfigured={smtpConfigured}
          edited={{ subject: r.subject, body: r.body }} onFinished={onChanged} onChanged={onChanged} answeredNotYet={answeredNotYet} />
      )}
      {open && (
        <>
          <label class="field" for="request-note">
            <span>{r.status === "sent" ? t("request.note") : t("request.outcome")}</span>
            <textarea id="request-note" rows={2} data-testid="request-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <p class="hint" data-testid="request-complete-hint">{t(`complete.${r.situation}`)}</p>
        </>
      )}
      <div class="actions">
        {r.status === "sent" && (
          <button type="button" class="secondary" data-testid="request-acknowledge" disabled={busy}
            onClick={() => act(() => api.requestAcknowledge(r.id, note.trim()))}>{t("request.acknowledge")}</button>
        )}
        {open && (
          <button type="button" class="primary" data-testid="request-done" disabled={busy}
            onClick={() => act(() => api.requestComplete(r.id, note.trim()))}>{t("request.complete")}</button>
        )}
        {(pending || open) && (
          <button type="button" class="secondary danger" data-testid="request-cancel" disabled={busy}
            onClick={() => act(() => api.requestCancel(r.id))}>{t("request.cancel")}</button>
        )}
      </div>
    </section>
  );
}
