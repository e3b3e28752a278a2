import { useEffect, useMemo, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { I18nContext, makeI18n } from "../i18n/context";
import { resolveLocale, systemLanguages } from "../i18n/locale";
import { applyLang, applyTheme } from "../lib/theme";
import { ComingSoonScreen } from "../screens/ComingSoonScreen";
import { ContractsScreen } from "../screens/ContractsScreen";
import { DevicesScreen } from "../screens/DevicesScreen";
import { HomeScreen } from "../screens/HomeScreen";
import { OrganisationScreen } from "../screens/OrganisationScreen";
import { RemindersScreen } from "../screens/RemindersScreen";
import { RequestsScreen } from "../screens/RequestsScreen";
import { SettingsScreen } from "../screens/SettingsScreen";
import type { StartupFailure } from "../bindings";
import type { Target } from "../lib/reminders";
import type { Overview, Settings } from "../types";
import { ErrorNotice } from "./ErrorNotice";
import { Sidebar, type ScreenId } from "./Sidebar";
import { StartupError } from "./StartupError";
import { WelcomeDialog } from "./WelcomeDialog";

const DEFAULT_SETTINGS: Settings = { locale: null, theme: "system", exportDir: null };

export function App() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [overview, setOverview] = useState<Overview | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  // The app opens on what needs the user.
  const [screen, setScreen] = useState<ScreenId>("home");
  // A record a reminder opens: the screen mounts afresh with it selected.
  const [focus, setFocus] = useState<{ id: number | null; n: number }>({ id: null, n: 0 });
  const openTarget = (target: Target) => {
    setFocus((f) => ({ id: target.id, n: f.n + 1 }));
    setScreen(target.screen);
  };
  const navigate = (next: ScreenId) => {
    setFocus((f) => ({ id: null, n: f.n + 1 }));
    setScreen(next);
  };
  const [attempt, setAttempt] = useState(0);
  // Why the record could not be opened at start-up: undefined until asked.
  const [failure, setFailure] = useState<StartupFailure | null | undefined>(undefined);

  const locale = resolveLocale(settings.locale ?? null, systemLanguages());
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  useEffect(() => applyLang(locale), [locale]);
  useEffect(() => applyTheme(settings.theme), [settings.theme]);

  useEffect(() => {
    api.startupFailure().then(
      (f) => setFailure(f ?? null),
      () => setFailure(null),
    );
  }, []);

  // Settings failing to load must not keep the user out: the defaults apply.
  useEffect(() => {
    if (failure !== null) return;
    api.settingsGet().then(setSettings, (e) => console.warn("settings_get failed", e));
  }, [failure]);

  useEffect(() => {
    if (failure !== null) return;
    setLoadError(null);
    api.overview().then(setOverview, (e) => setLoadError(toApiError(e)));
  }, [attempt, failure]);

  // Set after the render that shows the overview (and, on a first start, the
  // welcome dialog), or the start-up failure, because the end-to-end test starts
  // clicking on this signal.
  useEffect(() => {
    if (overview || failure) document.body.dataset.ready = "1";
  }, [overview, failure]);

  const changeSettings = async (next: Settings) => {
    setSettings(
      await api.settingsSet({ locale: next.locale ?? null, theme: next.theme, exportDir: next.exportDir ?? null }),
    );
  };

  // The device list is remounted after the demo loads so it shows the new rows.
  const [generation, setGeneration] = useState(0);
  const answerDemo = async (load: boolean) => {
    try {
      setOverview(await (load ? api.demoLoad() : api.demoDecline()));
      setGeneration((n) => n + 1);
    } catch (e) {
      setLoadError(toApiError(e));
    }
  };

  const organisation = overview?.organisation ?? null;

  return (
    <I18nContext.Provider value={i18n}>
      <div class="app">
        <header class="app-header">
          <span class="brand">{i18n.t("app.name")}</span>
          {overview && <span class="org">{organisation ? organisation.legalName : i18n.t("app.noOrganisation")}</span>}
        </header>
        {failure && <StartupError failure={failure} />}
        {!failure && <div class="app-body">
          <Sidebar current={screen} onNavigate={navigate} />
          <main class="content">
            {loadError && <ErrorNotice error={loadError} onRetry={() => setAttempt((n) => n + 1)} />}
            {!overview && !loadError && <p class="muted">{i18n.t("app.loading")}</p>}
            {overview && screen === "organisation" && (
              <OrganisationScreen key={generation} onSaved={() => setAttempt((n) => n + 1)} />
            )}
            {overview && screen === "devices" && <DevicesScreen key={generation} />}
            {overview && screen === "home" && (
              <HomeScreen key={generation} onOpen={openTarget} onAllReminders={() => navigate("reminders")} />
            )}
            {overview && screen === "contracts" && <ContractsScreen key={`${generation}-${focus.n}`} openId={focus.id} />}
            {overview && screen === "requests" && <RequestsScreen key={`${generation}-${focus.n}`} openId={focus.id} />}
            {screen === "cps" && <ComingSoonScreen title="cps.title" body="cps.soon" />}
            {overview && screen === "reminders" && <RemindersScreen key={generation} onOpen={openTarget} />}
            {screen === "settings" && <SettingsScreen settings={settings} onChange={changeSettings} />}
          </main>
        </div>}
      </div>
      {overview?.demoOffered && (
        <WelcomeDialog onLoadDemo={() => answerDemo(true)} onDecline={() => answerDemo(false)} />
      )}
    </I18nContext.Provider>
  );
}
