import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { DeadlineFilter, DeadlineKind, DeadlineRow, DeadlineStatus, Exported, SnoozeUntil } from "../bindings";
import { DeadlineLine } from "../components/DeadlineLine";
import { ErrorNotice } from "../components/ErrorNotice";
import { ExportResult } from "../components/ExportResult";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";
import { isIsoDate, typedDate } from "../lib/dates";
import { DEADLINE_KINDS, formatLeadTimes, parseLeadTimes, targetOf, type Target } from "../lib/reminders";

const STATUSES: readonly DeadlineStatus[] = ["open", "snoozed", "done", "dismissed"];
const WITHIN = [null, 7, 31] as const;

type Props = { onOpen: (target: Target) => void };

// Deadlines the list shows at first, and reads more by when asked.
const REMINDER_PAGE = 100;
// The most the backend returns at once (reminders::MAX_PAGE_ROWS): past that, the
// filters narrow the list.
const REMINDER_MAX = 1000;

// Every deadline, with filters; each can be snoozed (until tomorrow, next week or
// a chosen day), marked done, or reopened.
export function RemindersScreen({ onOpen }: Props) {
  const { t, tp } = useI18n();
  const [filter, setFilter] = useState<DeadlineFilter>({ status: "open", kind: null, withinDays: null });
  const [rows, setRows] = useState<DeadlineRow[] | null>(null);
  const [total, setTotal] = useState(0);
  // How many rows the list shows: a page, and a page more each time the user asks.
  const [shown, setShown] = useState(REMINDER_PAGE);
  const [error, setError] = useState<ApiError | null>(null);
  const [reload, setReload] = useState(0);
  const [exported, setExported] = useState<Exported | null>(null);
  const [globalDays, setGlobalDays] = useState<number[]>([]);
  const now = new Date();

  useEffect(() => {
    api.remindersLeadTimes().then(setGlobalDays, (e) => setError(toApiError(e)));
  }, []);

  useEffect(() => {
    let current = true;
    setError(null);
    api.remindersPage(filter, shown).then((page) => {
      if (!current) return;
      setRows(page.rows);
      setTotal(page.total);
    }, (e) => current && setError(toApiError(e)));
    return () => { current = false; };
  }, [filter, reload, shown]);
  // Another filter starts again from one page.
  const changeFilter = (next: DeadlineFilter) => {
    setShown(REMINDER_PAGE);
    setFilter(next);
  };

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toApiError(e));
    }
    setReload((n) => n + 1);
  };
  const exportCalendar = () => act(async () => setExported(await api.exportCalendar()));

  return (
    <section class="screen" aria-labelledby="reminders-title">
      <header class="screen-header">
        <h1 id="reminders-title">{t("reminders.title")}</h1>
        {rows && <span class="count">{tp("reminders.count", total)}</span>}
        <button type="button" class="secondary push-end" data-testid="reminders-export" onClick={exportCalendar}>{t("reminders.exportCalendar")}</button>
      </header>
      {exported && <ExportResult exported={exported} onDismiss={() => setExported(null)} />}
      {error && <ErrorNotice error={error} onRetry={() => setReload((n) => n + 1)} />}
      <div class="toolbar">
        <label class="field" for="reminders-status">
          <span>{t("reminders.filterStatus")}</span>
          <select id="reminders-status" data-testid="reminders-status" value={filter.status ?? ""}
            onChange={(e) => { const v = e.currentTarget.value; changeFilter({ ...filter, status: STATUSES.find((s) => s === v) ?? null }); }}>
            <option value="">{t("reminders.filterAll")}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`deadlineStatus.${s}`)}</option>)}
          </select>
        </label>
        <label class="field" for="reminders-kind">
          <span>{t("reminders.filterKind")}</span>
          <select id="reminders-kind" data-testid="reminders-kind" value={filter.kind ?? ""}
            onChange={(e) => { const v = e.currentTarget.value; changeFilter({ ...filter, kind: DEADLINE_KINDS.find((k) => k === v) ?? null }); }}>
            <option value="">{t("reminders.allKinds")}</option>
            {DEADLINE_KINDS.map((k) => <option key={k} value={k}>{t(`deadline.${k}` as MessageKey)}</option>)}
          </select>
        </label>
        <label class="field" for="reminders-within">
          <span>{t("reminders.filterWithin")}</span>
          <select id="reminders-within" data-testid="reminders-within" value={filter.withinDays === null ? "" : String(filter.withinDays)}
            onChange={(e) => { const v = e.currentTarget.value; changeFilter({ ...filter, withinDays: v === "" ? null : Number(v) }); }}>
            {WITHIN.map((w) => <option key={String(w)} value={w === null ? "" : String(w)}>{t(w === null ? "reminders.anyTime" : w === 7 ? "reminders.within7" : "reminders.within31")}</option>)}
          </select>
        </label>
      </div>
      {rows === null && !error && <p class="muted">{t("app.loading")}</p>}
      {rows && rows.length === 0 && <p class="muted" data-testid="reminders-empty">{t("reminders.empty")}</p>}
      {rows && rows.length > 0 && (
        <ul class="deadlines" data-testid="reminders-list">
          {rows.map((r) => (
            <DeadlineLine key={r.id} row={r} now={now} onOpen={(row) => onOpen(targetOf(row))}>
              <DeadlineActions row={r} act={act} globalDays={globalDays} />
            </DeadlineLine>
          ))}
        </ul>
      )}
      {rows && total > rows.length && rows.length < REMINDER_MAX && (
        <button type="button" class="secondary" data-testid="reminders-more" onClick={() => setShown(rows.length + REMINDER_PAGE)}>
          {tp("list.showMore", Math.min(REMINDER_PAGE, total - rows.length))}
        </button>
      )}
    </section>
  );
}

type ActionsProps = { row: DeadlineRow; act: (work: () => Promise<unknown>) => Promise<void>; globalDays: number[] };

function DeadlineActions({ row, act, globalDays }: ActionsProps) {
  const { t } = useI18n();
  const [leadText, setLeadText] = useState(row.leadDays ? formatLeadTimes(row.leadDays) : "");
  const [leadBad, setLeadBad] = useState(false);
  const saveLead = (e: Event) => {
    e.preventDefault();
    const text = leadText.trim();
    const days = text === "" ? null : parseLeadTimes(text);
    if (text !== "" && days === null) return setLeadBad(true);
    setLeadBad(false);
    void act(() => api.reminderSetLeadTimes(row.id, days));
  };
  const [day, setDay] = useState("");
  const [dayBad, setDayBad] = useState(false);
  const snooze = (until: SnoozeUntil) => act(() => api.reminderSnooze(row.id, until));
  const snoozeToDay = () => {
    const d = day.trim();
    if (!isIsoDate(d)) {
      setDayBad(true);
      return;
    }
    setDayBad(false);
    void snooze({ type: "date", date: d });
  };
  if (row.status === "done") {
    return (
      <div class="actions start">
        <button type="button" class="secondary" data-testid="deadline-reopen" onClick={() => act(() => api.reminderReopen(row.id))}>{t("reminders.reopen")}</button>
      </div>
    );
  }
  if (row.status === "dismissed") return null;
  const dayId = `snooze-day-${row.id}`;
  return (
    <div class="actions start" role="group" aria-label={t("reminders.snooze")}>
      <button type="button" class="secondary" data-testid="deadline-snooze-tomorrow" onClick={() => snooze({ type: "tomorrow" })}>{t("reminders.snoozeTomorrow")}</button>
      <button type="button" class="secondary" data-testid="deadline-snooze-week" onClick={() => snooze({ type: "nextWeek" })}>{t("reminders.snoozeNextWeek")}</button>
      <label class="inline" for={dayId}>
        <span class="visually-hidden">{t("reminders.snoozeDate")}</span>
        <input id={dayId} data-testid="deadline-snooze-day" placeholder={t("form.datePlaceholder")} value={day} size={11}
          aria-invalid={dayBad ? "true" : undefined}
          onInput={(e) => setDay(typedDate(e.currentTarget.value))}
          onKeyDown={(e) => { if (e.key === "Enter") snoozeToDay(); }} />
      </label>
      <button type="button" class="secondary" data-testid="deadline-snooze-date" onClick={snoozeToDay}>{t("reminders.snoozeDate")}</button>
      {dayBad && <span class="field-error" role="alert">{t("form.dateInvalid")}</span>}
      <button type="button" class="primary" data-testid="deadline-done" onClick={() => act(() => api.reminderDone(row.id))}>{t("reminders.done")}</button>
      <form class="inline" onSubmit={saveLead}>
        <label for={`lead-${row.id}`}>{t("reminders.itemLeadTimes")}</label>{" "}
        <input id={`lead-${row.id}`} data-testid="deadline-lead-days" value={leadText} size={12}
          placeholder={formatLeadTimes(globalDays)} aria-invalid={leadBad ? "true" : undefined}
          onInput={(e) => { setLeadText(e.currentTarget.value); setLeadBad(false); }} />{" "}
        <button type="submit" class="secondary" data-testid="deadline-lead-save">{t("form.save")}</button>
        {row.leadDays && (
          <button type="button" class="secondary" data-testid="deadline-lead-global"
            onClick={() => { setLeadText(""); void act(() => api.reminderSetLeadTimes(row.id, null)); }}>{t("reminders.itemLeadTimesGlobal")}</button>
        )}
        {leadBad && <span class="field-error" role="alert">{t("reminders.leadTimesInvalid")}</span>}
      </form>
    </div>
  );
}
