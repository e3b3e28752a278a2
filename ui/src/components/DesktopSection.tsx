import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { CloseAction, DesktopSettings } from "../bindings";
import { useI18n } from "../i18n/context";
import { isOneOf } from "../lib/enums";
import { ErrorNotice } from "./ErrorNotice";

const CLOSE_ACTIONS = ["tray", "minimise"] as const satisfies readonly CloseAction[];

// Running in the background: start at login (off until chosen) and what closing
// the window does. The app never quits on close, so reminders keep coming; where
// the desktop shows no tray this says so, and closing minimises the window.
export function DesktopSection() {
  const { t } = useI18n();
  const [desktop, setDesktop] = useState<DesktopSettings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => { api.desktopGet().then(setDesktop, (e) => setError(toApiError(e))); }, []);

  const change = async (startAtLogin: boolean, closeAction: CloseAction | null) => {
    if (busy) return;
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      setDesktop(await api.desktopSet(startAtLogin, closeAction));
      setSaved(true);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="desktop" aria-labelledby="desktop-title">
      <h2 id="desktop-title">{t("desktop.title")}</h2>
      <p class="muted">{t("desktop.intro")}</p>
      {error && <ErrorNotice error={error} />}
      {desktop && (
        <div class="settings-form">
          <label class="check-field" for="desktop-start-at-login">
            <input id="desktop-start-at-login" type="checkbox" data-testid="desktop-start-at-login" checked={desktop.startAtLogin} disabled={busy}
              onChange={(e) => void change(e.currentTarget.checked, desktop.closeAction)} />
            <span>{t("desktop.startAtLogin")}</span>
          </label>
          <p class="muted">{t("desktop.startAtLoginHint")}</p>
          <label class="field wide" for="desktop-close">
            <span>{t("desktop.closeAction")}</span>
            <select id="desktop-close" data-testid="desktop-close" value={desktop.closesTo} disabled={busy}
              onChange={(e) => { const v = e.currentTarget.value; if (isOneOf(CLOSE_ACTIONS, v)) void change(desktop.startAtLogin, v); }}>
              {CLOSE_ACTIONS.map((a) => <option key={a} value={a}>{t(`desktop.close.${a}`)}</option>)}
            </select>
          </label>
          {!desktop.trayShown && (
            <p class="notice" role="note" data-testid="desktop-no-tray">
              {desktop.closesTo === "tray" ? t("desktop.noTrayChosen") : t("desktop.noTray")}
            </p>
          )}
          <p class="status-line" role="status">{saved ? t("desktop.saved") : ""}</p>
        </div>
      )}
    </section>
  );
}
