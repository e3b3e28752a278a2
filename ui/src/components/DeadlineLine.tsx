import type { ComponentChildren } from "preact";
import type { DeadlineRow } from "../bindings";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";
import { isOverdue } from "../lib/reminders";

type Props = { row: DeadlineRow; now: Date; onOpen: (row: DeadlineRow) => void; children?: ComponentChildren };

// One deadline: what it asks, what it concerns (as typed in the record), when it
// falls due in the user's own zone, and a button that opens its record. Actions
// (snooze, done) come as children.
export function DeadlineLine({ row, now, onOpen, children }: Props) {
  const { t, dateTime } = useI18n();
  const overdue = row.status === "open" && isOverdue(row, now);
  return (
    <li class="deadline" data-testid="deadline" data-key={row.key} data-kind={row.kind} data-status={row.status}>
      <div class="deadline-main">
        <button type="button" class="link" data-testid="deadline-open" onClick={() => onOpen(row)}>
          {t(`deadline.${row.kind}` as MessageKey)}
        </button>
        {row.subject && <span class="deadline-subject">{row.subject}</span>}
        <span class={overdue ? "badge warn" : "hint"}>
          {t(overdue ? "deadline.overdue" : "deadline.due", { date: dateTime(row.dueAt) })}
        </span>
        {row.status === "snoozed" && row.snoozedUntil && (
          <span class="badge">{t("deadline.snoozedUntil", { date: dateTime(row.snoozedUntil) })}</span>
        )}
        {(row.status === "done" || row.status === "dismissed") && (
          <span class={row.status === "done" ? "badge ok" : "badge"}>{t(`deadlineStatus.${row.status}`)}</span>
        )}
      </div>
      {children}
    </li>
  );
}
