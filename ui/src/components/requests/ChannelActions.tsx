import { openUrl } from "@tauri-apps/plugin-opener";
import { useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import { isEmailSituation, isPhoneSituation } from "../../lib/requests";
import type { CatalogueEntry, Request } from "../../types";
import { ErrorNotice } from "../ErrorNotice";
import { CallSheetPanel } from "./CallSheetPanel";

type Props = {
  entry: CatalogueEntry;
  request: Request;
  smtpConfigured: boolean;
  edited: { subject: string; body: string };
  onFinished: (request: Request) => void;
};

// How a request leaves the app: SMTP, the user's mail client (a mailto: URL
// opened by the desktop, because WebKitGTK does not hand mailto: navigations
// on), or a phone call with its call sheet. A failed SMTP send is not an
// error: the request comes back in the outbox with the reason.
export function ChannelActions({ entry, request, smtpConfigured, edited, onFinished }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<Request | null>(null);
  const [calling, setCalling] = useState(false);
  const [openFailed, setOpenFailed] = useState(false);
  // After the mail client opened: did the user send the message from it?
  const [awaitingConfirm, setAwaitingConfirm] = useState(false);
  const current = result ?? request;
  const pending = current.status === "draft" || current.status === "outbox";

  const run = async (action: () => Promise<Request>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (edited.subject !== current.subject || edited.body !== current.body) {
        await api.requestEditMessage(current.id, edited.subject, edited.body);
      }
      const next = await action();
      setResult(next);
      if (next.status !== "outbox" && next.status !== "draft") onFinished(next);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const send = () => run(() => api.requestSend(current.id));
  const mailClient = () => run(async () => {
    const handoff = await api.requestMailClient(current.id);
    setOpenFailed(false);
    // The request stays a draft until the user says the mail went: a mail
    // client can be closed without sending.
    await openUrl(handoff.url).catch((e: unknown) => {
      console.warn("no mail client opened the mailto: URL", e);
      setOpenFailed(true);
    });
    setAwaitingConfirm(true);
    return handoff.request;
  });
  const confirmSent = () => run(async () => {
    const sent = await api.requestMailClientSent(current.id);
    setAwaitingConfirm(false);
    return sent;
  });

  const reason = current.errorCode ? `${t(`fail.${current.errorCode}` as "fail.connection")} ${current.lastError ?? ""}`.trim() : (current.lastError ?? "");
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
            <button type="button" class="secondary" data-testid="wizard-mail-client-not-yet" onClick={() => setAwaitingConfirm(false)}>{t("wizard.mailClientNotYet")}</button>
          </div>
        </div>
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
