import { render } from "preact";
import { App } from "./components/App";
import { loadCatalogue } from "./i18n/catalogues";
import { resolveLocale, systemLanguages } from "./i18n/locale";
import { reportStartup } from "./lib/startup";
import "./styles.css";

const root = document.getElementById("app");
if (!root) throw new Error("index.html has no #app element");
// The system's language is read before the first render, so the window does not
// open in English for a moment; English needs no reading.
const first = resolveLocale(null, systemLanguages());
loadCatalogue(first)
  .catch((e) => console.warn("catalogue failed to load", e))
  .finally(() => {
    render(<App />, root);
    reportStartup("firstPaint");
  });
