import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { CalendarSection } from "../components/CalendarSection";
import { DataSection } from "../components/DataSection";
import { DesktopSection } from "../components/DesktopSection";
import { ErrorNotice } from "../components/ErrorNotice";
import { LeadTimesSection } from "../components/LeadTimesSection";
import { SmtpSection } from "../components/SmtpSection";
import { useI18n } from "../i18n/context";
import { LOCALES } from "../i18n/locale";
import { THEMES, isOneOf } from "../lib/enums";
import type { AppInfo, Locale, Settings } from "../types";

// Language names are written in their own language so that a user who picked
// the wrong one by mistake can still find theirs.
const NATIVE_NAMES: Record<Locale, string> = { en: "English", fr: "Français", it: "Italiano" };

type Props = { settings: Settings; onChange: (next: Settings) => Promise<void> };

export function SettingsScreen({ settings, onChange }: Props) {
  const { t } = useI18n();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    api.appInfo().then(setInfo, (e) => setError(toApiError(e)));
  }, []);

  const change = async (next: Settings) => {
    setSaved(false);
    setError(null);
    try {
      await onChange(next);
      setSaved(true);
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <section class="screen settings" aria-labelledby="settings-title">
      <header class="screen-header">
        <h1 id="settings-title">{t("settings.title")}</h1>
      </header>
      {error && <ErrorNotice error={error} />}
      <div class="settings-form">
        <label class="field" for="settings-locale">
          <span>{t("settings.language")}</span>
          <select id="settings-locale" data-testid="settings-locale" value={settings.locale ?? ""}
            onChange={(e) => {
              const v = e.currentTarget.value;
              void change({ ...settings, locale: isOneOf(LOCALES, v) ? v : null });
            }}>
            <option value="">{t("settings.systemLanguage")}</option>
            {LOCALES.map((l) => <option key={l} value={l} lang={l}>{NATIVE_NAMES[l]}</option>)}
          </select>
        </label>
        <label class="field" for="settings-theme">
          <span>{t("settings.theme")}</span>
          <select id="settings-theme" data-testid="settings-theme" value={settings.theme}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isOneOf(THEMES, v)) void change({ ...settings, theme: v });
            }}>
            {THEMES.map((th) => <option key={th} value={th}>{t(`theme.${th}`)}</option>)}
          </select>
        </label>
        <p class="status-line" role="status">{saved ? t("settings.saved") : ""}</p>
      </div>

      <SmtpSection />

      <LeadTimesSection />

      <DesktopSection />

      <DataSection settings={settings} onChange={onChange} />

      {/* Last but About: its form appears once the connection is read, and would
          otherwise move everything below it under the pointer. */}
      <CalendarSection />

      <section class="about" aria-labelledby="about-title">
        <h2 id="about-title">{t("settings.about")}</h2>
        <dl class="facts">
          <div>
            <dt>{t("settings.version")}</dt>
            <dd data-testid="about-version">{info?.version ?? "…"}</dd>
          </div>
          <div>
            <dt>{t("settings.dataDir")}</dt>
            <dd class="mono break" data-testid="about-data-dir">{info?.dataDir ?? "…"}</dd>
          </div>
        </dl>
        <p class="disclaimer">{t("settings.disclaimer")}</p>
      </section>
    </section>
  );
}
