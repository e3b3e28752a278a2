import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../../api";
import { useI18n } from "../../i18n/context";
import { setUnsaved, useUnsaved } from "../../lib/unsaved";
import type { CatalogueEntry, Prepared, Request } from "../../types";
import { ChannelActions } from "./ChannelActions";
import { MessageReview } from "./MessageReview";

type Props = {
  entry: CatalogueEntry;
  prepared: Prepared;
  smtpConfigured: boolean;
  title: string;
  onBack: () => void;
  // `answeredNotYet`: the user said the mail client has not sent it yet.
  onClose: (changed: Request | null, answeredNotYet?: boolean) => void;
};

// The second half of the wizard: what the Rust side prepared (deadline,
// warnings, the French message beside its translation) and how to tell Canon.
export function ReviewStep({ entry, prepared, smtpConfigured, title, onBack, onClose }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [subject, setSubject] = useState(prepared.request.subject);
  const [body, setBody] = useState(prepared.request.body);
  const [finished, setFinished] = useState<Request | null>(null);
  // The request as it last came back (its channel may have changed while it
  // stays in the app), for the history the wizard returns to.
  const [latest, setLatest] = useState<Request>(prepared.request);
  const [notYet, setNotYet] = useState(false);
  // A request exists once the user sends it, hands it off, phones or keeps it as a
  // draft: until then the draft prepared for this review is taken back when the
  // user goes Back, closes the review or leaves for another section.
  const [acted, setActed] = useState(false);
  const kept = acted || finished !== null;
  const discarded = useRef(false);
  // The user chose to leave the review: nothing is unsaved any more, even while the
  // draft is being taken back (a click on the sidebar meanwhile must not ask).
  const [leaving, setLeaving] = useState(false);
  const discard = async () => {
    if (kept || discarded.current) return;
    discarded.current = true;
    setUnsaved("wizard-review", false);
    setLeaving(true);
    await api.requestDiscard(prepared.request.id).catch(() => undefined);
  };
  const keptRef = useRef(kept);
  keptRef.current = kept;
  useEffect(() => () => { if (!keptRef.current && !discarded.current) { discarded.current = true; void api.requestDiscard(prepared.request.id).catch(() => undefined); } }, []);
  useUnsaved("wizard-review", !kept && !leaving);
  // "Keep as draft": the request stays, with the message as edited here.
  const keepDraft = async () => {
    setActed(true);
    keptRef.current = true;
    let kept = latest;
    if (subject !== latest.subject || body !== latest.body) {
      kept = await api.requestEditMessage(latest.id, subject, body).catch(() => latest);
    }
    onClose(kept, notYet);
  };
  const lead = prepared.leadTime;
  // The late deadline is said by the lead-time notice itself.
  const warnings = prepared.warnings.filter((w) => w !== "deadline_passed");

  return (
    <section class="wizard" aria-labelledby="review-title" data-situation={entry.situation} data-request-id={prepared.request.id}>
      <header class="screen-header">
        <h1 id="review-title">{title}</h1>
        <span class="muted">{t("wizard.reviewTitle")}</span>
        <div class="actions push-end">
          {!finished && <button type="button" class="secondary" data-testid="wizard-back" onClick={() => void discard().then(onBack)}>{t("wizard.back")}</button>}
          {!kept && <button type="button" class="secondary" data-testid="wizard-keep-draft" onClick={() => void keepDraft()}>{t("wizard.keepDraft")}</button>}
          <button type="button" class="secondary" data-testid="wizard-close"
            onClick={() => (kept ? onClose(finished ?? latest, notYet) : void discard().then(() => onClose(null)))}>
            {finished ? t("wizard.toList") : t("request.close")}
          </button>
        </div>
      </header>

      {lead && lead.passed && !finished && (
        <p class="notice warning" role="alert" data-testid="wizard-late" data-notify-by={lead.notifyBy}>
          {t("wizard.late", { date: i18n.date(lead.notifyBy) })}
        </p>
      )}
      {lead && !lead.passed && !finished && (
        <p class="notice info" data-testid="wizard-notify-by" data-notify-by={lead.notifyBy}>
          {t("wizard.notifyBy", { date: i18n.date(lead.notifyBy) })}{" "}
          {lead.daysRemaining === 0 ? t("wizard.lastDay") : i18n.tp("wizard.daysLeft", lead.daysRemaining)}
        </p>
      )}
      {entry.leadTime === "by_request_date" && prepared.request.notifyBy && (
        <p class="notice info" data-testid="wizard-reply-by" data-notify-by={prepared.request.notifyBy}>
          {t("wizard.replyBy", { date: i18n.date(prepared.request.notifyBy) })}
        </p>
      )}
      {warnings.map((w) => (
        <p key={w} class="notice warning" role="alert" data-testid={`wizard-warning-${w}`}>{t(`warning.${w}`)}</p>
      ))}
      {prepared.missing.length > 0 && (
        <p class="notice warning" data-testid="wizard-missing">
          {t("wizard.missing", { list: prepared.missing.map((m) => t(`identifier.${m}`)).join(", ") })}
        </p>
      )}

      {prepared.message && (
        <MessageReview recipient={prepared.request.recipient} subject={subject} body={body} summary={prepared.summary}
          original={prepared.message} readOnly={finished !== null} onSubject={setSubject} onBody={setBody} />
      )}

      {!prepared.message && i18n.locale !== "fr" && (
        <aside class="message-translation" aria-labelledby="summary-title">
          <h2 id="summary-title">{t("wizard.summaryTitle")}</h2>
          <p class="notes" data-testid="wizard-translation">{i18n.locale === "it" ? prepared.summary.it : prepared.summary.en}</p>
        </aside>
      )}

      <ChannelActions entry={entry} request={finished ?? prepared.request} smtpConfigured={smtpConfigured}
        edited={{ subject, body }} onFinished={setFinished}
        onActing={() => { setActed(true); keptRef.current = true; }}
        onChanged={(next) => { setLatest(next); setNotYet(false); setActed(true); }} onNotYet={() => { setNotYet(true); setActed(true); }} />
    </section>
  );
}
