import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import type { Reminder } from "../../bindings";
import { useI18n } from "../../i18n/context";
import type { MessageKey } from "../../i18n/en";
import type { Request } from "../../types";
import { ErrorNotice } from "../ErrorNotice";

type Props = { request: Request };

// The reminders a request planned (the date Canon must be told by, the
// follow-up a week after it left), each with its due date and whether it is
// still to come. Titles are worded here from the reminder's kind; a kind this
// interface does not know shows the title stored with it.
export function RequestReminders({ request }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [reminders, setReminders] = useState<Reminder[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  // Sending, completing or cancelling the request closes some of them.
  useEffect(() => {
    let current = true;
    api.requestReminders(request.id).then(
      (list) => current && setReminders(list),
      (e) => current && setError(toApiError(e)),
    );
    return () => { current = false; };
  }, [request.id, request.status, request.updatedAt]);

  if (reminders.length === 0 && !error) return null;
  const title = (r: Reminder) => {
    if (r.kind === "follow_up") return t("reminder.follow_up");
    if (r.kind === "notify_by") return t(request.situation === "answer_meter_reading_request" ? "reminder.reply_by" : "reminder.notify_by");
    return r.title;
  };

  return (
    <>
      <h3>{t("request.reminders")}</h3>
      {error && <ErrorNotice error={error} />}
      <ul class="doc-list">
        {reminders.map((r) => (
          <li key={r.id} data-testid="request-reminder" data-kind={r.kind} data-status={r.status}>
            <span class="doc-name">{title(r)}</span>
            <span class="hint">{t("reminder.due", { date: i18n.dateTime(r.dueAt) })}</span>
            <span class={r.status === "done" ? "badge ok" : "badge"}>{t(`reminderStatus.${r.status}` as MessageKey)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
