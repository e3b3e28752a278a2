import { useI18n } from "../../i18n/context";
import type { Prepared } from "../../types";

type Props = {
  recipient: string | null;
  subject: string;
  body: string;
  summary: Prepared["summary"];
  // The message as composed, before the user's edits.
  original: Prepared["message"];
  readOnly: boolean;
  onSubject: (subject: string) => void;
  onBody: (body: string) => void;
};

// The French message, editable, beside what it says in the interface
// language (French users read the message itself).
export function MessageReview({ recipient, subject, body, summary, original, readOnly, onSubject, onBody }: Props) {
  const { t, locale } = useI18n();
  const translation = locale === "it" ? summary.it : locale === "en" ? summary.en : null;
  // The translation is of the composed letter; edits to the French are not translated.
  const edited = original !== null && (subject !== original.subject || body !== original.body);
  return (
    <section class={translation ? "message-review" : "message-review single"} aria-labelledby="message-title">
      <div class="message-fr" lang="fr">
        <h2 id="message-title">{t("wizard.messageFr")}</h2>
        <p class="hint" lang={locale}>{t("wizard.frenchNote")}</p>
        <dl class="facts">
          <div>
            <dt lang={locale}>{t("wizard.to")}</dt>
            <dd class="mono" data-testid="wizard-recipient">{recipient ?? "—"}</dd>
          </div>
        </dl>
        <label class="field" for="wizard-subject">
          <span lang={locale}>{t("wizard.subject")}</span>
          <input id="wizard-subject" type="text" data-testid="wizard-subject" value={subject} readOnly={readOnly}
            onInput={(e) => onSubject(e.currentTarget.value)} />
        </label>
        <label class="field" for="wizard-body">
          <span lang={locale}>{t("wizard.body")}</span>
          <textarea id="wizard-body" rows={14} data-testid="wizard-body" value={body} readOnly={readOnly}
            onInput={(e) => onBody(e.currentTarget.value)} />
        </label>
      </div>
      {translation && (
        <aside class="message-translation" aria-labelledby="translation-title">
          <h2 id="translation-title">{t("wizard.translation")}</h2>
          {edited && <p class="notice info" role="status" data-testid="wizard-translation-edited">{t("wizard.translationEdited")}</p>}
          <p class="notes" data-testid="wizard-translation">{translation}</p>
        </aside>
      )}
    </section>
  );
}
