import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { CpsHome, DeadlineRow, Home, Request } from "../bindings";
import { DeadlineLine } from "../components/DeadlineLine";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";
import type { PluralBase } from "../i18n/translate";
import { levelName } from "../lib/cps";
import { targetOf, type Target } from "../lib/reminders";
import { reportStartup, type HomeData } from "../lib/startup";

// `initial`: the data the start-up answer brought, for the app's first screen only.
type Props = { onOpen: (target: Target) => void; onAllReminders: () => void; initial?: HomeData | null };

// The CPS membership as its dashboard shows it, or the Business account on its way
// to one; nothing when the organisation has neither.
function CpsState({ cps, onOpen }: { cps: CpsHome; onOpen: () => void }) {
  const { t, date } = useI18n();
  const current = cps.membership;
  const account = cps.accountState;
  if (!current && !account) return null;
  return (
    <section class="home-section" data-testid="home-cps" aria-labelledby="home-cps-title">
      <h2 id="home-cps-title">{t("home.cps")}</h2>
      <div class="deadline">
        <div class="deadline-main">
          <button type="button" class="link" onClick={onOpen}>
            {current ? t("cps.co.subscriptionLine", { level: levelName(current.level) }) : t("cps.account.title")}
          </button>
          {current && (
            <>
              <span class="badge" data-testid="home-cps-status">{t(`cps.ms.status.${current.status}`)}</span>
              <span class="deadline-subject" data-testid="home-cps-number">{current.number}</span>
              {current.expiresOn && <span class="hint">{t("cps.ms.expires")} {date(current.expiresOn)}</span>}
              <span class="hint">{t(`cps.co.${current.subscription}`)}</span>
            </>
          )}
          {!current && account && (
            <>
              <span class="badge" data-testid="home-cps-status">{t(`cps.account.state.${account}`)}</span>
              {account === "requested" && cps.expectedValidation && (
                <span class="hint">{t("cps.account.expected")} {date(cps.expectedValidation)}</span>
              )}
            </>
          )}
        </div>
      </div>
    </section>
  );
}

// The line under a section cut short: how many more, and where they all are.
function More({ count, label, onOpen }: { count: number; label: PluralBase; onOpen: () => void }) {
  const { tp } = useI18n();
  if (count <= 0) return null;
  return <li class="deadline"><button type="button" class="link" data-testid="home-more" onClick={onOpen}>{tp(label, count)}</button></li>;
}

// The screen the app opens on: what needs the user, most urgent first, each
// section cut at ten rows (the backend's HOME_LIMIT). Each row opens its record.
export function HomeScreen({ onOpen, onAllReminders, initial }: Props) {
  const { t, dateTime } = useI18n();
  const [home, setHome] = useState<Home | null>(initial?.home ?? null);
  const [cps, setCps] = useState<CpsHome | null>(initial?.cps ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reload, setReload] = useState(0);
  const now = new Date();

  useEffect(() => {
    // The first screen is drawn from the start-up answer; asked again on a retry.
    if (reload === 0 && initial) return;
    let current = true;
    setError(null);
    api.remindersHome().then((h) => current && setHome(h), (e) => current && setError(toApiError(e)));
    api.cpsHome().then((c) => current && setCps(c), (e) => current && setError(toApiError(e)));
    return () => { current = false; };
  }, [reload]);
  // The app's first screen with its data is in the page: start-up is over once it is
  // painted (reportStartup waits for the frame after). A layout effect, so that a
  // first render with its data reports in the same frame as the first paint.
  useLayoutEffect(() => {
    if (home && cps) reportStartup("interactive");
  }, [home, cps]);

  const open = (row: DeadlineRow) => onOpen(targetOf(row));
  const deadlines = (rows: DeadlineRow[], total: number, testid: string, title: MessageKey) => rows.length > 0 && (
    <section class="home-section" data-testid={testid} aria-labelledby={`${testid}-title`}>
      <h2 id={`${testid}-title`}>{t(title)}</h2>
      <ul class="deadlines">
        {rows.map((r) => <DeadlineLine key={r.id} row={r} now={now} onOpen={open} />)}
        <More count={total - rows.length} label="home.moreReminders" onOpen={onAllReminders} />
      </ul>
    </section>
  );
  const requests = (rows: Request[], total: number, testid: string, title: MessageKey) => rows.length > 0 && (
    <section class="home-section" data-testid={testid} aria-labelledby={`${testid}-title`}>
      <h2 id={`${testid}-title`}>{t(title)}</h2>
      <ul class="deadlines">
        {rows.map((r) => (
          <li key={r.id} class="deadline" data-testid="home-request" data-id={r.id}>
            <div class="deadline-main">
              <button type="button" class="link" onClick={() => onOpen({ screen: "requests", id: r.id })}>
                {t(`situation.${r.situation}.title` as MessageKey)}
              </button>
              <span class="hint">{dateTime(r.updatedAt)}</span>
            </div>
          </li>
        ))}
        <More count={total - rows.length} label="home.moreRequests" onOpen={() => onOpen({ screen: "requests", id: null })} />
      </ul>
    </section>
  );
  const empty = home && home.due.length + home.coming.length + home.outbox.length + home.awaitingAnswer.length === 0;

  return (
    <section class="screen home" aria-labelledby="home-title">
      <header class="screen-header">
        <h1 id="home-title">{t("home.title")}</h1>
        <button type="button" class="secondary push-end" data-testid="home-all-reminders" onClick={onAllReminders}>{t("home.allReminders")}</button>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => setReload((n) => n + 1)} />}
      {!home && !error && <p class="muted">{t("app.loading")}</p>}
      {empty && <p class="muted" data-testid="home-nothing">{t("home.nothing")}</p>}
      {home && deadlines(home.due, home.dueTotal, "home-due", "home.due")}
      {home && deadlines(home.coming, home.comingTotal, "home-coming", "home.coming")}
      {home && requests(home.outbox, home.outboxTotal, "home-outbox", "home.outbox")}
      {home && requests(home.awaitingAnswer, home.awaitingAnswerTotal, "home-awaiting", "home.awaiting")}
      {cps && <CpsState cps={cps} onOpen={() => onOpen({ screen: "cps", id: null })} />}
    </section>
  );
}
