import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { useI18n } from "../i18n/context";
import { formatLeadTimes, parseLeadTimes } from "../lib/reminders";
import { ErrorNotice } from "./ErrorNotice";
import { Field } from "./Field";

// The global lead times: how many days before each deadline it is announced.
export function LeadTimesSection() {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [bad, setBad] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    api.remindersLeadTimes().then((d) => setText(formatLeadTimes(d)), (e) => setError(toApiError(e)));
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    const days = parseLeadTimes(text);
    setBad(days === null);
    if (days === null) return;
    try {
      setText(formatLeadTimes(await api.remindersSetLeadTimes(days)));
      setSaved(true);
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <form class="settings-section" data-testid="lead-times" onSubmit={save} aria-labelledby="lead-times-title">
      <h2 id="lead-times-title">{t("reminders.leadTimes")}</h2>
      {error && <ErrorNotice error={error} />}
      <Field id="lead-times-days" label={t("reminders.leadTimes")} hint={t("reminders.leadTimesHint")}
        error={bad ? t("reminders.leadTimesInvalid") : undefined} control={(p) => (
          <input {...p} data-testid="lead-times-days" value={text} onInput={(e) => { setText(e.currentTarget.value); setSaved(false); }} />
        )} />
      <div class="actions start">
        <button type="submit" class="primary" data-testid="lead-times-save">{t("reminders.leadTimesSave")}</button>
        {saved && <span role="status" class="badge ok">{t("reminders.leadTimesSaved")}</span>}
      </div>
    </form>
  );
}
