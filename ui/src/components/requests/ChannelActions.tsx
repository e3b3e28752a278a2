import { useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import { failureText } from "../../lib/failure";
import { awaitsMailClientAnswer, isEmailSituation, isPhoneSituation } from "../../lib/requests";
import type { CatalogueEntry, Request } from "../../types";
import { ErrorNotice } from "../ErrorNotice";
import { CallSheetPanel } from "./CallSheetPanel";

type Props = {
  entry: CatalogueEntry;
  request: Request;
  smtpConfigured: boolean;
  edited: { subject: string; body: string };
  // The request left the app (sent, handed and confirmed, or told by phone).
  onFinished: (request: Request) => void;
  // Any change, including one that keeps it in the app (its channel becoming the
  // mail client, a failed send), so the history shows it at once.
  onChanged?: (request: Request) => void;
  // The user started telling Canon (sending, handing off): from then on the request
  // is one they meant to make, even before the answer comes back.
  onActing?: () => void;
  // The user answered "not yet" a moment ago (in the wizard this view follows):
  // the question waits until the request is opened again.
  answeredNotYet?: boolean;
  onNotYet?: () => void;
};

// How a request leaves the app: SMTP, the user's mail client (a mailto: URL
// the backend has the desktop open, because WebKitGTK does not hand mailto:
// navigations on), or a phone call with its call sheet. A failed SMTP send is
// not an error: the request comes back in the outbox with the reason. A request
// handed to the mail client stays unsent until the user says it went; until
// then, opening it asks again.
export function ChannelActions({ entry, request, smtpConfigured, edited, onFinished, onChanged, onActing, answeredNotYet = false, onNotYet }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<Request | null>(null);
  const [calling, setCalling] = useState(false);
  const [openFailed, setOpenFailed] = useState(false);
  // After the mail client opened: did the user send the message from it? Asked
  // again whenever a request handed to the mail client is opened unsent.
  const [awaitingConfirm, setAwaitingConfirm] = useState(() => !answeredNotYet && awaitsMailClientAnswer(request));
  // The user answered "not yet".
  const [notYet, setNotYet] = useState(() => answeredNotYet && awaitsMailClientAnswer(request));
  const current = result ?? request;
  const pending = current.status === "draft" || current.status === "outbox";

  const run = async (action: () => Promise<Request>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    onActing?.();
    try {
      if (edited.subject !== current.subject || edited.body !== current.body) {
        await api.requestEditMessage(current.id, edited.subject, edited.body);
      }
      const next = await action();
      setResult(next);
      onChanged?.(next);
      if (next.status !== "outbox" && next.status !== "draft") onFinished(next);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const send = () => run(() => api.requestSend(current.id));
  const mailClient = () => run(async () => {
    // The backend records the mail client as the channel and opens the URL;
    // the request stays unsent until the user says the mail went: a mail
    // client can be closed without sending.
    const handoff = await api.requestMailClient(current.id);
    setOpenFailed(!handoff.opened);
    setNotYet(false);
    setAwaitingConfirm(true);
    return handoff.request;
  });
  const confirmSent = () => run(async () => {
    const sent = await api.requestMailClientSent(current.id);
    setAwaitingConfirm(false);
    return sent;
  });

  const reason = failureText(t, current.errorCode, current.lastError);
  const attachments = current.attachments.map((a) => a.fileName).join(", ");

  return (
    <section class="channel-actions" aria-label={t("request.channel")}>
      {error && <ErrorNotice error={error} />}
      {current.status === "outbox" && (
        <p class="notice warning" role="alert" data-testid="wizard-outbox">{t("wizard.outbox", { reason })}</p>
      )}
      {result && current.status === "sent" && current.channel === "email" && <p class="notice ok" role="status" data-testid="wizard-sent">{t("wizard.sent")}</p>}
      {result && current.status === "sent" && current.channel === "mail_client" && (
        <p class="notice ok" role="status" data-testid="wizard-sent">{t("wizard.handed")}</p>
      )}
      {pending && awaitingConfirm && (
        <div class="notice info confirm-sent" role="group" aria-labelledby="mail-confirm-q" data-testid="wizard-mail-client-question">
          {openFailed && <p class="field-error" role="alert" data-testid="wizard-mail-client-failed">{t("wizard.mailClientFailed", { recipient: current.recipient ?? "" })}</p>}
          <p id="mail-confirm-q">{t("wizard.mailClientAsk")}</p>
          <div class="actions start">
            <button type="button" class="primary" data-testid="wizard-mail-client-confirm" disabled={busy} onClick={confirmSent}>{t("wizard.mailClientYes")}</button>
            <button type="button" class="secondary" data-testid="wizard-mail-client-not-yet"
              onClick={() => { setAwaitingConfirm(false); setNotYet(true); onNotYet?.(); }}>{t("wizard.mailClientNotYet")}</button>
          </div>
        </div>
      )}
      {pending && notYet && !awaitingConfirm && (
        <p class="notice info" role="status" data-testid="wizard-mail-client-later">{t("wizard.mailClientLater")}</p>
      )}
      {result && current.channel === "phone" && current.status !== "draft" && <p class="notice ok" role="status" data-testid="wizard-sent">{t("call.recorded")}</p>}

      {pending && isEmailSituation(entry) && (
        <>
          {!smtpConfigured && <p class="hint">{t("wizard.noSmtp")}</p>}
          {attachments && <p class="hint">{t("wizard.attachYourself", { files: attachments })}</p>}
          <div class="actions">
            <button type="button" class={smtpConfigured ? "secondary" : "primary"} data-testid="wizard-mail-client" disabled={busy} onClick={mailClient}>
              {t("wizard.mailClient")}
            </button>
            {smtpConfigured && (
              <button type="button" class="primary" data-testid="wizard-send" disabled={busy} onClick={send}>
                {busy ? t("wizard.sending") : current.status === "outbox" ? t("requests.retry") : t("wizard.send")}
              </button>
            )}
          </div>
        </>
      )}
      {pending && isPhoneSituation(entry) && (
        <>
          <p class="hint">{t("wizard.phoneIntro")}</p>
          {!calling && (
            <div class="actions">
              <button type="button" class={isEmailSituation(entry) ? "secondary" : "primary"} data-testid="wizard-call-sheet" onClick={() => setCalling(true)}>
                {t("wizard.callSheet")}
              </button>
            </div>
          )}
          {calling && (
            <CallSheetPanel requestId={current.id} onRecorded={(next) => { setResult(next); onFinished(next); }} />
          )}
        </>
      )}
    </section>
  );
}
