import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";
import { CALENDAR_PRESETS, presetFor, type CalendarPreset } from "../lib/calendar";
import { isOneOf } from "../lib/enums";
import type { CalendarOutcome, CalendarSettings, DisconnectOutcome, FailureCode } from "../types";
import { ErrorNotice } from "./ErrorNotice";
import { Field } from "./Field";

// How often the section refreshes where publishing stands while it is open.
const REFRESH_MS = 10_000;

// The user's own calendar (CalDAV): connect, pick a calendar, see what is waiting,
// publish now, disconnect. The password goes straight to the keychain; afterwards
// the screen only ever learns that one is saved.
export function CalendarSection() {
  const { t, tp, dateTime } = useI18n();
  const [settings, setSettings] = useState<CalendarSettings | null>(null);
  const [preset, setPreset] = useState<CalendarPreset>("other");
  const [serverUrl, setServerUrl] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [outcome, setOutcome] = useState<CalendarOutcome | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [asking, setAsking] = useState(false);
  const [reentering, setReentering] = useState(false);
  const [disconnected, setDisconnected] = useState<DisconnectOutcome | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<"connect" | "publish" | "other" | null>(null);

  const refresh = () => api.calendarSettings().then(setSettings, (e) => setError(toApiError(e)));
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => { void api.calendarSettings().then(setSettings, () => undefined); }, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const run = async (kind: "connect" | "publish" | "other", action: () => Promise<void>) => {
    if (busy) return;
    setBusy(kind);
    setError(null);
    setFieldError(null);
    try {
      await action();
    } catch (e) {
      const err = toApiError(e);
      if (err.field) setFieldError(err.field);
      else setError(err);
    } finally {
      setBusy(null);
    }
  };

  const adopt = (o: CalendarOutcome) => {
    setOutcome(o);
    setSettings(o.settings);
  };

  const connect = (event: Event) => {
    event.preventDefault();
    void run("connect", async () => {
      setDisconnected(null);
      const o = await api.calendarConnect({ serverUrl: serverUrl.trim(), username: username.trim(), password });
      adopt(o);
      if (!o.ok) return;
      setPassword("");
      if (reentering && o.settings.connection?.calendarHref != null) {
        // The same account with its new password: publish what waited at once.
        setReentering(false);
        await api.calendarPublishNow();
        setSettings(await api.calendarSettings());
      } else {
        setReentering(false);
        setChoosing(true);
      }
    });
  };
  const choose = (href: string | null) => run("other", async () => {
    const o = await api.calendarChoose(href);
    adopt(o);
    if (o.ok) {
      setChoosing(false);
      await api.calendarPublishNow();
      setSettings(await api.calendarSettings());
    }
  });
  const listAgain = () => run("other", async () => {
    const o = await api.calendarList();
    adopt(o);
    if (o.ok) setChoosing(true);
  });
  const publishNow = () => run("publish", async () => {
    await api.calendarPublishNow();
    await refresh();
  });
  const disconnect = (removeEvents: boolean) => run("other", async () => {
    setDisconnected(await api.calendarDisconnect(removeEvents));
    setAsking(false);
    setOutcome(null);
    setChoosing(false);
    await refresh();
  });

  // The class of failure in the user's language, then the server's own words.
  const failText = (code: FailureCode | null, reason: string | null) =>
    `${code ? t(`calendar.fail.${code}`) : ""} ${reason ? `(${reason})` : ""}`.trim();
  const fieldErr = (field: string) => (fieldError === field ? t("error.validation") : undefined);
  const connection = settings?.connection ?? null;
  const status = settings?.status ?? null;
  const showForm = connection === null || reentering;
  const showChoice = connection !== null && !reentering && (choosing || connection.calendarHref === null);

  return (
    <section class="settings-section calendar" aria-labelledby="calendar-title" data-testid="calendar-section">
      <h2 id="calendar-title">{t("calendar.title")}</h2>
      <p class="muted">{t("calendar.intro")}</p>
      {error && <ErrorNotice error={error} />}

      {showForm && (
        <form class="grid smtp-grid" noValidate onSubmit={connect}>
          <Field id="calendar-preset" label={t("calendar.preset")} hint={t(`calendar.presetHint.${preset}`)} wide control={(a) => (
            <select {...a} data-testid="calendar-preset" value={preset}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (!isOneOf(CALENDAR_PRESETS, v)) return;
                setPreset(v);
                const url = presetFor(v);
                if (url !== null) setServerUrl(url);
              }}>
              {CALENDAR_PRESETS.map((p) => <option key={p} value={p}>{t(`calendar.preset.${p}`)}</option>)}
            </select>)} />
          <Field id="calendar-url" label={t("calendar.serverUrl")} error={fieldErr("serverUrl")} wide control={(a) => (
            <input {...a} type="url" data-testid="calendar-url" autocomplete="off" spellcheck={false} value={serverUrl} onInput={(e) => setServerUrl(e.currentTarget.value)} />)} />
          <Field id="calendar-username" label={t("calendar.username")} error={fieldErr("username")} control={(a) => (
            <input {...a} type="text" data-testid="calendar-username" autocomplete="off" spellcheck={false} value={username} onInput={(e) => setUsername(e.currentTarget.value)} />)} />
          <Field id="calendar-password" label={t("calendar.password")} hint={t("calendar.passwordHint")} error={fieldErr("password")} control={(a) => (
            <input {...a} type="password" data-testid="calendar-password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />)} />
          <div class="actions wide">
            <button type="submit" class="primary" data-testid="calendar-connect" disabled={busy !== null}>
              {busy === "connect" ? t("calendar.connecting") : t("calendar.connect")}
            </button>
            {reentering && (
              <button type="button" class="secondary" data-testid="calendar-reenter-cancel" onClick={() => setReentering(false)}>{t("calendar.cancel")}</button>
            )}
          </div>
        </form>
      )}

      {outcome && !outcome.ok && (
        <p class="notice error" role="status" data-testid="calendar-failure">
          {t("calendar.connectFailed", { reason: failText(outcome.code, outcome.reason) })}
        </p>
      )}

      {showChoice && outcome?.ok && (
        <div class="calendar-choice" data-testid="calendar-choice">
          <h3>{t("calendar.choose")}</h3>
          {outcome.calendars.filter((c) => c.writable).length === 0 && <p class="muted">{t("calendar.noCalendars")}</p>}
          <ul class="check-list">
            {outcome.calendars.map((c) => (
              <li key={c.href}>
                <span>{c.name}</span>
                {c.writable ? (
                  <button type="button" class="secondary" data-testid="calendar-use" data-href={c.href} disabled={busy !== null} onClick={() => void choose(c.href)}>{t("calendar.use")}</button>
                ) : (
                  <span class="muted"> ({t("calendar.readOnly")})</span>
                )}
              </li>
            ))}
          </ul>
          <div class="actions start">
            <button type="button" class="primary" data-testid="calendar-create" disabled={busy !== null} onClick={() => void choose(null)}>{t("calendar.create")}</button>
            {connection?.calendarHref != null && (
              <button type="button" class="secondary" data-testid="calendar-choice-cancel" onClick={() => setChoosing(false)}>{t("calendar.cancel")}</button>
            )}
          </div>
        </div>
      )}

      {connection && connection.calendarHref === null && !outcome?.ok && !asking && (
        // Connected, but no calendar chosen yet (the window was closed in between).
        <div class="actions start">
          <button type="button" class="primary" data-testid="calendar-change" disabled={busy !== null} onClick={() => void listAgain()}>{t("calendar.choose")}</button>
          <button type="button" class="secondary" data-testid="calendar-disconnect" disabled={busy !== null} onClick={() => void disconnect(false)}>{t("calendar.disconnect")}</button>
        </div>
      )}

      {connection && connection.calendarHref !== null && !showChoice && !reentering && status && (
        <div class="calendar-status">
          <p data-testid="calendar-target">
            {t("calendar.publishingTo", { calendar: connection.calendarName ?? connection.calendarHref, user: connection.username, server: connection.serverUrl })}
          </p>
          <p class={status.failures > 0 ? "notice error" : "notice ok"} role="status" data-testid="calendar-status"
            data-waiting={String(status.waiting)} data-published={String(status.published)}>
            {status.waiting === 0
              ? tp("calendar.upToDate", status.published)
              : status.failures > 0
                ? tp("calendar.waiting", status.waiting, { reason: failText(status.lastErrorCode, status.lastError) })
                : tp("calendar.pending", status.waiting)}
            {status.failures > 0 && status.nextAttemptAt ? ` ${t("calendar.retryAt", { time: dateTime(status.nextAttemptAt) })}` : ""}
          </p>
          {asking ? (
            <div class="calendar-disconnect" role="group" aria-labelledby="calendar-disconnect-question">
              <p id="calendar-disconnect-question">{t("calendar.disconnectQuestion")}</p>
              <div class="actions start">
                <button type="button" class="danger" data-testid="calendar-remove-events" disabled={busy !== null} onClick={() => void disconnect(true)}>{t("calendar.removeAndDisconnect")}</button>
                <button type="button" class="secondary" data-testid="calendar-keep-events" disabled={busy !== null} onClick={() => void disconnect(false)}>{t("calendar.keepAndDisconnect")}</button>
                <button type="button" class="secondary" data-testid="calendar-disconnect-cancel" onClick={() => setAsking(false)}>{t("calendar.cancel")}</button>
              </div>
            </div>
          ) : (
            <div class="actions start">
              <button type="button" class="secondary" data-testid="calendar-publish-now" disabled={busy !== null} onClick={() => void publishNow()}>
                {busy === "publish" ? t("calendar.publishing") : t("calendar.publishNow")}
              </button>
              {status.lastErrorCode === "auth" && (
                <button type="button" class="primary" data-testid="calendar-reenter" onClick={() => {
                  setServerUrl(connection.serverUrl);
                  setUsername(connection.username);
                  setPassword("");
                  setOutcome(null);
                  setReentering(true);
                }}>{t("calendar.reenterPassword")}</button>
              )}
              <button type="button" class="secondary" data-testid="calendar-change" disabled={busy !== null} onClick={() => void listAgain()}>{t("calendar.changeCalendar")}</button>
              <button type="button" class="secondary" data-testid="calendar-disconnect" disabled={busy !== null} onClick={() => setAsking(true)}>{t("calendar.disconnect")}</button>
            </div>
          )}
        </div>
      )}

      {disconnected && (
        <p class="notice ok" role="status" data-testid="calendar-disconnected">
          {[
            t("calendar.disconnected"),
            disconnected.removed > 0 ? tp("calendar.removed", disconnected.removed) : "",
            disconnected.left > 0 ? tp("calendar.left", disconnected.left, { reason: disconnected.reason ?? "" }) : "",
          ].filter(Boolean).join(" ")}
        </p>
      )}

      <DigestSection />
    </section>
  );
}

// The weekly digest: on or off, the day, the recipient.
function DigestSection() {
  const { t, locale } = useI18n();
  const [enabled, setEnabled] = useState(false);
  const [weekday, setWeekday] = useState(1);
  const [recipient, setRecipient] = useState("");
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    api.digestGet().then((d) => { setEnabled(d.enabled); setWeekday(d.weekday); setRecipient(d.recipient); }, (e) => setError(toApiError(e)));
  }, []);

  // Day names in the user's language: 1 January 2024 was a Monday.
  const dayName = (n: number) => new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, n)));

  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    setProblem(null);
    setError(null);
    try {
      const d = await api.digestSave({ enabled, weekday, recipient: recipient.trim() });
      setRecipient(d.recipient);
      setSaved(true);
    } catch (e) {
      const err = toApiError(e);
      if (err.code === "not_configured") setProblem("digest.needsSmtp");
      else if (err.field === "recipient") setProblem("digest.badRecipient");
      else setError(err);
    }
  };

  return (
    <form class="digest" noValidate onSubmit={save} aria-labelledby="digest-title" data-testid="digest">
      <h3 id="digest-title">{t("digest.title")}</h3>
      <p class="muted">{t("digest.intro")}</p>
      {error && <ErrorNotice error={error} />}
      <label class="check-field">
        <input type="checkbox" data-testid="digest-enabled" checked={enabled} onChange={(e) => { setEnabled(e.currentTarget.checked); setSaved(false); }} />
        <span>{t("digest.enabled")}</span>
      </label>
      <div class="grid">
        <Field id="digest-weekday" label={t("digest.weekday")} control={(a) => (
          <select {...a} data-testid="digest-weekday" value={String(weekday)} onChange={(e) => { setWeekday(Number(e.currentTarget.value)); setSaved(false); }}>
            {[1, 2, 3, 4, 5, 6, 7].map((n) => <option key={n} value={String(n)}>{dayName(n)}</option>)}
          </select>)} />
        <Field id="digest-recipient" label={t("digest.recipient")} hint={t("digest.recipientHint")}
          error={problem === "digest.badRecipient" ? t(problem) : undefined} control={(a) => (
            <input {...a} type="email" data-testid="digest-recipient" autocomplete="off" spellcheck={false} value={recipient} onInput={(e) => { setRecipient(e.currentTarget.value); setSaved(false); }} />)} />
      </div>
      {problem === "digest.needsSmtp" && <p class="notice error" role="status">{t(problem)}</p>}
      <div class="actions start">
        <button type="submit" class="secondary" data-testid="digest-save">{t("digest.save")}</button>
        {saved && <span role="status" class="badge ok">{t("digest.saved")}</span>}
      </div>
    </form>
  );
}
