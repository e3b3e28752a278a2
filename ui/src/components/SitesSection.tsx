import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { useI18n } from "../i18n/context";
import type { Problem } from "../bindings";
import { countryProblem, postalCodeProblem } from "../lib/identifiers";
import { problemText } from "../lib/problems";
import { differs, useUnsaved } from "../lib/unsaved";
import type { Site } from "../types";
import { ConfirmDialog } from "./ConfirmDialog";
import { DocumentsPanel } from "./DocumentsPanel";
import { ErrorNotice } from "./ErrorNotice";
import { HistoryList } from "./HistoryList";
import { UndoToast } from "./UndoToast";

const EMPTY = { name: "", address: "", postalCode: "", city: "", country: "FR" };

// The organisation's addresses. A site still referenced keeps its history:
// deleting archives it and can be undone.
export function SitesSection() {
  const { t } = useI18n();
  const [sites, setSites] = useState<Site[] | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [nameMissing, setNameMissing] = useState(false);
  // What is wrong with the country code or the postal code (checked for the country).
  const [place, setPlace] = useState<{ field: "country" | "postalCode"; problem: Problem } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirm, setConfirm] = useState<Site | null>(null);
  const [removed, setRemoved] = useState<Site | null>(null);
  const [reload, setReload] = useState(0);
  // The site being edited in the form below, or null when the form adds one.
  const [editing, setEditing] = useState<Site | null>(null);
  const [inUse, setInUse] = useState<string | null>(null);
  // A site typed or edited and not saved yet is unsaved typing (leaving asks first).
  const reference = editing
    ? { name: editing.name, address: editing.address, postalCode: editing.postalCode, city: editing.city, country: editing.country }
    : EMPTY;
  useUnsaved("site", differs(draft, reference));
  // The site whose documents are shown under the table.
  const [docsOf, setDocsOf] = useState<Site | null>(null);
  // The site whose history is shown under the table.
  const [historyOf, setHistoryOf] = useState<Site | null>(null);

  useEffect(() => {
    api.sitesList().then(setSites, (e) => setError(toApiError(e)));
  }, [reload]);

  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(toApiError(e));
    }
    setReload((n) => n + 1);
  };

  const add = (e: Event) => {
    e.preventDefault();
    if (draft.name.trim() === "") return setNameMissing(true);
    const country = countryProblem(draft.country);
    const postal = country ? null : postalCodeProblem(draft.country, draft.postalCode);
    if (country || postal) {
      setPlace(country ? { field: "country", problem: country } : { field: "postalCode", problem: postal! });
      document.getElementById(country ? "site-form-country" : "site-form-postalCode")?.focus();
      return;
    }
    const input = { ...draft, name: draft.name.trim() };
    void act(async () => {
      if (editing) await api.siteUpdate(editing.id, input);
      else await api.siteCreate(input);
      setDraft(EMPTY);
      setEditing(null);
    });
  };

  const edit = (site: Site) => {
    setEditing(site);
    setNameMissing(false);
    setDraft({ name: site.name, address: site.address, postalCode: site.postalCode, city: site.city, country: site.country });
    document.getElementById("site-form-name")?.focus();
  };

  const input = (field: keyof typeof EMPTY, label: string, testid: string) => (
    <label class="inline-field">
      <span>{label}</span>
      <input id={`site-form-${field}`} data-testid={testid} value={draft[field]} aria-invalid={(field === "name" && nameMissing) || place?.field === field ? "true" : undefined}
        onInput={(e) => { const v = e.currentTarget.value; setDraft((d) => ({ ...d, [field]: v })); if (field === "name") setNameMissing(false); if (field === "country" || field === "postalCode") setPlace(null); }} onChange={(e) => { const v = e.currentTarget.value; setDraft((d) => ({ ...d, [field]: v })); if (field === "name") setNameMissing(false); if (field === "country" || field === "postalCode") setPlace(null); }} />
    </label>
  );

  return (
    <section class="sites" aria-labelledby="sites-title">
      <h2 id="sites-title">{t("sites.title")}</h2>
      {error && <ErrorNotice error={error} />}
      {sites && sites.length === 0 && <p class="muted">{t("sites.empty")}</p>}
      {sites && sites.length > 0 && (
        <div class="table-scroll">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t("sites.name")}</th>
              <th scope="col">{t("sites.address")}</th>
              <th scope="col">{t("sites.city")}</th>
              <th scope="col"><span class="visually-hidden">{t("sites.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.id} data-testid="site-row" data-name={s.name}>
                <td>{s.name}</td>
                <td>{s.address || "—"}</td>
                <td>{[s.postalCode, s.city].filter(Boolean).join(" ") || "—"} {s.country && <span class="muted">({s.country})</span>}</td>
                <td class="num">
                  <button type="button" class="secondary small" data-testid="site-docs" aria-pressed={docsOf?.id === s.id ? "true" : "false"}
                    onClick={() => setDocsOf(docsOf?.id === s.id ? null : s)}>{t("detail.tab.documents")}</button>{" "}
                  <button type="button" class="secondary small" data-testid="site-history" aria-pressed={historyOf?.id === s.id ? "true" : "false"}
                    onClick={() => setHistoryOf(historyOf?.id === s.id ? null : s)}>{t("detail.tab.history")}</button>{" "}
                  <button type="button" class="secondary small" data-testid="site-edit" onClick={() => edit(s)}>{t("detail.edit")}</button>{" "}
                  <button type="button" class="secondary small danger" data-testid="site-delete" onClick={() => setConfirm(s)}>{t("detail.delete")}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {docsOf && (
        <section class="site-docs" aria-labelledby="site-docs-title">
          <h3 id="site-docs-title">{t("sites.documents", { name: docsOf.name })}</h3>
          <DocumentsPanel key={docsOf.id} entity="site" entityId={docsOf.id} />
        </section>
      )}
      {historyOf && (
        <section class="site-history" aria-labelledby="site-history-title">
          <h3 id="site-history-title">{t("sites.history", { name: historyOf.name })}</h3>
          <HistoryList key={`${historyOf.id}-${reload}`} entity="site" id={historyOf.id} />
        </section>
      )}
      {inUse && <p class="notice warning" role="alert" data-testid="site-in-use">{t("sites.inUse", { name: inUse })}</p>}
      <form class="site-form toolbar" onSubmit={add} aria-label={editing ? t("sites.editTitle", { name: editing.name }) : t("sites.add")}>
        {input("name", t("sites.name"), "site-name")}
        {input("address", t("sites.address"), "site-address")}
        {input("postalCode", t("sites.postalCode"), "site-postal-code")}
        {input("city", t("sites.city"), "site-city")}
        {input("country", t("org.country"), "site-country")}
        <button type="submit" class={editing ? "primary" : "secondary"} data-testid="site-add">{editing ? t("form.save") : t("sites.add")}</button>
        {editing && <button type="button" class="secondary" onClick={() => { setEditing(null); setDraft(EMPTY); }}>{t("form.cancel")}</button>}
        {nameMissing && <p class="field-error wide" role="alert">{t("form.required")}</p>}
        {place && <p class="field-error wide" role="alert" data-testid="site-place-error">{problemText(t, place.problem)}</p>}
      </form>
      {confirm && (
        <ConfirmDialog title={t("sites.deleteTitle", { name: confirm.name })} message={t("sites.deleteMessage")} confirmLabel={t("detail.delete")} danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const s = confirm;
            setConfirm(null);
            setInUse(null);
            void (async () => {
              try {
                await api.siteDelete(s.id);
                setRemoved(s);
              } catch (e) {
                // A site where devices still stand is kept; the user is told why.
                const err = toApiError(e);
                if (err.code === "conflict") setInUse(s.name);
                else setError(err);
              }
              setReload((n) => n + 1);
            })();
          }} />
      )}
      {removed && (
        <UndoToast message={t("sites.deleted", { name: removed.name })} onDismiss={() => setRemoved(null)}
          onUndo={() => { const s = removed; setRemoved(null); void act(() => api.siteRestore(s.id)); }} />
      )}
    </section>
  );
}
