import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { catalogue, loadCatalogue } from "../i18n/catalogues";
import { I18nContext, makeI18n } from "../i18n/context";
import { resolveLocale, systemLanguages } from "../i18n/locale";
import { OPEN_EVENT, recordOf, targetOfRecord } from "../lib/openRecord";
import { applyLang, applyTheme } from "../lib/theme";
import { HomeScreen } from "../screens/HomeScreen";
import type { Target } from "../lib/reminders";
import type { FirstState } from "../lib/startup";
import type { Locale, Overview, Settings } from "../types";
import { focusFirstField, keepFocusInView } from "../lib/focus";
import { hasUnsaved } from "../lib/unsaved";
import { ConfirmDialog } from "./ConfirmDialog";
import { ErrorNotice } from "./ErrorNotice";
import { Sidebar, type ScreenId } from "./Sidebar";
import { StartupError } from "./StartupError";
import { WelcomeDialog } from "./WelcomeDialog";
import { lazyScreen } from "../lib/lazy";

// The home screen comes with the app; the others are read when first shown.
const ContractsScreen = lazyScreen(() => import("../screens/ContractsScreen").then((m) => m.ContractsScreen));
const DevicesScreen = lazyScreen(() => import("../screens/DevicesScreen").then((m) => m.DevicesScreen));
const CpsScreen = lazyScreen(() => import("../screens/CpsScreen").then((m) => m.CpsScreen));
const OrganisationScreen = lazyScreen(() => import("../screens/OrganisationScreen").then((m) => m.OrganisationScreen));
const RemindersScreen = lazyScreen(() => import("../screens/RemindersScreen").then((m) => m.RemindersScreen));
const RequestsScreen = lazyScreen(() => import("../screens/RequestsScreen").then((m) => m.RequestsScreen));
const SettingsScreen = lazyScreen(() => import("../screens/SettingsScreen").then((m) => m.SettingsScreen));

const DEFAULT_SETTINGS: Settings = { locale: null, theme: "system", exportDir: null };

// `first` is the start-up answer (main.tsx): the first render shows what it holds.
export function App({ first }: { first: FirstState }) {
  const [settings, setSettings] = useState<Settings>(first.settings ?? DEFAULT_SETTINGS);
  const [overview, setOverview] = useState<Overview | null>(first.overview);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  // The app opens on what needs the user.
  const [screen, setScreen] = useState<ScreenId>("home");
  // Each move to a section counts in `n` (the screen mounts afresh, the overview is
  // read again, the keyboard goes to its first field); `id` is the record a reminder
  // opens, selected on that screen.
  const [focus, setFocus] = useState<{ id: number | null; n: number }>({ id: null, n: 0 });
  const openTarget = (target: Target) => {
    moved.current = true;
    setFocus((f) => ({ id: target.id, n: f.n + 1 }));
    setScreen(target.screen);
  };
  const [attempt, setAttempt] = useState(0);
  // Why the record could not be opened at start-up.
  const failure = first.failure;

  // The language asked for, and the one shown: the same once its catalogue is read
  // (main.tsx reads the system's before the first render; one chosen in Settings is
  // read here, the previous language staying until it arrives).
  const wanted = resolveLocale(settings.locale ?? null, systemLanguages());
  const [locale, setLocale] = useState<Locale>(() => (catalogue(wanted) ? wanted : "en"));
  useEffect(() => {
    let live = true;
    loadCatalogue(wanted).then(() => live && setLocale(wanted), (e) => console.warn("catalogue failed to load", e));
    return () => { live = false; };
  }, [wanted]);
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  useEffect(() => applyLang(locale), [locale]);
  useEffect(() => applyTheme(settings.theme), [settings.theme]);

  // A clicked notification: the shell brings the window forward and names the record.
  useEffect(() => {
    const open = (event: Event) => {
      const target = targetOfRecord(recordOf((event as CustomEvent<unknown>).detail));
      if (target) openTarget(target);
      else navigate("home");
    };
    window.addEventListener(OPEN_EVENT, open);
    return () => window.removeEventListener(OPEN_EVENT, open);
  }, []);

  // Read here only when the start-up answer did not bring them. Settings failing to
  // load must not keep the user out: the defaults apply.
  useEffect(() => {
    if (failure !== null || first.settings) return;
    api.settingsGet().then(setSettings, (e) => console.warn("settings_get failed", e));
  }, [failure]);

  useEffect(() => {
    if (failure !== null || (attempt === 0 && first.overview)) return;
    setLoadError(null);
    api.overview().then(setOverview, (e) => setLoadError(toApiError(e)));
  }, [attempt, failure]);

  // Set after the render that shows the overview (and, on a first start, the
  // welcome dialog), or the start-up failure, because the end-to-end test starts
  // clicking on this signal.
  useEffect(() => {
    if ((overview || failure) && locale === wanted) document.body.dataset.ready = "1";
  }, [overview, failure, locale, wanted]);

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

  // Leaving a screen that holds unsaved typing (a form, a wizard) asks first;
  // `leaving` is where the user asked to go meanwhile.
  const [leaving, setLeaving] = useState<ScreenId | null>(null);
  // The badge on Requests follows the record: read again on each move and now
  // and then, so a request that failed on another screen shows up there too.
  useEffect(() => {
    if (failure !== null) return;
    const refresh = () => api.overview().then(setOverview, () => undefined);
    const timer = window.setInterval(refresh, 10_000);
    return () => window.clearInterval(timer);
  }, [failure]);
  useEffect(() => {
    if (failure !== null || focus.n === 0) return;
    api.overview().then(setOverview, () => undefined);
  }, [focus.n, failure]);
  // A view that replaces the focused element hands the keyboard on instead of losing it.
  useEffect(keepFocusInView, []);
  // Choosing a section puts the keyboard in its first field.
  useEffect(() => {
    if (focus.n > 0) focusFirstField(() => document.querySelector("main.content"));
  }, [focus.n]);
  // A first start on an empty record, once the demo is declined (or was before),
  // leads to setting up the organisation.
  // Only while the user has not chosen a section yet: a click that comes first wins.
  const [placed, setPlaced] = useState(false);
  const moved = useRef(false);
  useEffect(() => {
    if (!overview || placed || overview.demoOffered) return;
    setPlaced(true);
    const empty = overview.organisation === null && overview.deviceCount === 0 && overview.contractCount === 0;
    if (empty && !moved.current) go("organisation");
  }, [overview, placed]);
  const navigate = (next: ScreenId) => {
    if (hasUnsaved()) return setLeaving(next);
    go(next);
  };
  const go = (next: ScreenId) => {
    moved.current = true;
    // Choosing the section shown again starts it afresh (a wizard goes back to the list).
    setFocus((f) => ({ id: null, n: f.n + 1 }));
    setScreen(next);
  };

  return (
    <I18nContext.Provider value={i18n}>
      <div class="app">
        <header class="app-header">
          <span class="brand">{i18n.t("app.name")}</span>
          {overview && <span class="org">{organisation ? organisation.legalName : i18n.t("app.noOrganisation")}</span>}
        </header>
        {failure && <StartupError failure={failure} />}
        {!failure && <div class="app-body">
          <Sidebar current={screen} onNavigate={navigate} requestsToCheck={overview?.requestsToCheck ?? 0} />
          <main class="content">
            {loadError && <ErrorNotice error={loadError} onRetry={() => setAttempt((n) => n + 1)} />}
            {!overview && !loadError && <p class="muted">{i18n.t("app.loading")}</p>}
            {overview && screen === "organisation" && (
              <OrganisationScreen key={`${generation}-${focus.n}`} onSaved={() => setAttempt((n) => n + 1)} />
            )}
            {overview && screen === "devices" && <DevicesScreen key={`${generation}-${focus.n}`} />}
            {overview && screen === "home" && (
              <HomeScreen key={`${generation}-${focus.n}`} onOpen={openTarget} onAllReminders={() => navigate("reminders")}
                initial={generation === 0 && focus.n === 0 ? first.home : null} />
            )}
            {overview && screen === "contracts" && <ContractsScreen key={`${generation}-${focus.n}`} openId={focus.id} />}
            {overview && screen === "requests" && <RequestsScreen key={`${generation}-${focus.n}`} openId={focus.id} />}
            {overview && screen === "cps" && <CpsScreen key={`${generation}-${focus.n}`} />}
            {overview && screen === "reminders" && <RemindersScreen key={`${generation}-${focus.n}`} onOpen={openTarget} />}
            {screen === "settings" && <SettingsScreen settings={settings} onChange={changeSettings} />}
          </main>
        </div>}
      </div>
      {leaving && (
        <ConfirmDialog title={i18n.t("unsaved.title")} message={i18n.t("unsaved.message")} confirmLabel={i18n.t("unsaved.leave")} danger
          onCancel={() => setLeaving(null)}
          onConfirm={() => {
            const next = leaving;
            setLeaving(null);
            go(next);
          }} />
      )}
      {overview?.demoOffered && (
        <WelcomeDialog onLoadDemo={() => answerDemo(true)} onDecline={() => answerDemo(false)} />
      )}
    </I18nContext.Provider>
  );
}
