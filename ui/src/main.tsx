import { render } from "preact";
import { api } from "./api";
import { App } from "./components/App";
import { loadCatalogue } from "./i18n/catalogues";
import { resolveLocale, systemLanguages } from "./i18n/locale";
import { firstState, reportStartup } from "./lib/startup";
import "./styles.css";

const root = document.getElementById("app");
if (!root) throw new Error("index.html has no #app element");
// The first screen's data is asked for at once, in one call: the backend has been
// reading it since the record opened, so the first render is the home screen with
// its data (or the reason the record could not be opened), not a loading line.
const start = api.startup().then(firstState, (e) => {
  console.warn("startup failed", e);
  return firstState(null);
});
// The system's language is read meanwhile (the usual case), and the one chosen in
// Settings once the answer says it, so the window does not open in English for a
// moment; English needs no reading.
const system = systemLanguages();
loadCatalogue(resolveLocale(null, system)).catch((e) => console.warn("catalogue failed to load", e));
start
  .then((first) =>
    loadCatalogue(resolveLocale(first.settings?.locale ?? null, system))
      .catch((e) => console.warn("catalogue failed to load", e))
      .then(() => first),
  )
  .then((first) => {
    render(<App first={first} />, root);
    reportStartup("firstPaint");
  });
