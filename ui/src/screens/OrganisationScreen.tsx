import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { DocumentsPanel } from "../components/DocumentsPanel";
import { ErrorNotice } from "../components/ErrorNotice";
import { Field, type ControlProps } from "../components/Field";
import { HistoryList } from "../components/HistoryList";
import { SitesSection } from "../components/SitesSection";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";
import { unusualCustomerNumber } from "../lib/identifiers";
import { problemText, type Subject } from "../lib/problems";
import { differs, useUnsaved } from "../lib/unsaved";
import { COUNTRIES, checkAll, checkField, draftFromProfile, profileFromDraft, type OrgDraft, type OrgField, type OrgProblem } from "../lib/organisationForm";

type Props = { onSaved: () => void };
type TextField = Exclude<OrgField, "customerNumbers" | "country">;

const TEST_IDS: Record<TextField, string> = {
  legalName: "org-legal-name",
  siren: "org-siren",
  siret: "org-siret",
  vatNumber: "org-vat",
  invoicePostalAddress: "org-invoice-address",
  invoiceEmail: "org-invoice-email",
  salesContactName: "org-sales-name",
  salesContactEmail: "org-sales-email",
  canonIban: "org-canon-iban",
  canonBic: "org-canon-bic",
};

// The identifier each field's messages name ("A SIRET has 14 digits…").
const SUBJECTS: Partial<Record<OrgField, Subject>> = { siren: "siren", siret: "siret", vatNumber: "vat" };

export function OrganisationScreen({ onSaved }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<OrgDraft | null>(null);
  // The draft as last loaded or saved, to know whether leaving would lose typing.
  const [savedDraft, setSavedDraft] = useState<OrgDraft | null>(null);
  useUnsaved("organisation", draft !== null && savedDraft !== null && differs(draft, savedDraft));
  const [exists, setExists] = useState(false);
  const [problems, setProblems] = useState<Partial<Record<OrgField, OrgProblem>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  // The history is read when opened, and again after each save.
  const [historyOpen, setHistoryOpen] = useState(false);
  const [saves, setSaves] = useState(0);
  // The customer number about to be removed (its place in the list), once confirmed.
  const [removing, setRemoving] = useState<number | null>(null);

  useEffect(() => {
    api.organisationGet().then(
      (p) => { setDraft(draftFromProfile(p)); setSavedDraft(draftFromProfile(p)); setExists(p !== null); },
      (e) => setError(toApiError(e)),
    );
  }, []);

  if (!draft) {
    return (
      <section class="screen" aria-labelledby="org-title">
        <h1 id="org-title">{t("org.title")}</h1>
        {error ? <ErrorNotice error={error} /> : <p class="muted">{t("app.loading")}</p>}
      </section>
    );
  }

  const set = (field: OrgField, value: string | string[]) => {
    setDraft((d) => (d ? { ...d, [field]: value } : d));
    setSaved(false);
    setProblems((p) => {
      if (!(field in p)) return p;
      const next = { ...p };
      delete next[field];
      return next;
    });
  };

  const blur = (field: OrgField) => {
    const problem = checkField(draft, field);
    if (problem) setProblems((p) => ({ ...p, [field]: problem }));
  };
  const say = (field: OrgField): string | undefined => {
    const problem = problems[field];
    if (!problem) return undefined;
    if (problem.kind === "required") return t("form.required");
    if (problem.kind === "invalid") return t("org.invalid");
    return problemText(t, problem, SUBJECTS[field]);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    setError(null);
    setSaved(false);
    const found = checkAll(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>(".org-form [aria-invalid='true']")?.focus();
      return;
    }
    setSaving(true);
    try {
      const profile = await api.organisationSave(profileFromDraft(draft));
      setDraft(draftFromProfile(profile));
      setSavedDraft(draftFromProfile(profile));
      setExists(true);
      setSaved(true);
      setSaves((n) => n + 1);
      onSaved();
    } catch (err) {
      const apiError = toApiError(err);
      // The backend names the field in the form's own terms; the message stays
      // on that field and nothing typed is lost.
      const field = apiError.field as OrgField | null;
      if (apiError.code === "validation" && field && field in draft) {
        // The interface's own check names the same problem as the backend's
        // validator; the backend's English detail is only for the log.
        const problem: OrgProblem = checkField(draft, field)
          ?? (field === "siret" && /SIREN/.test(apiError.message) ? { kind: "siretNotSiren" } : field === "vatNumber" && /SIREN/.test(apiError.message) ? { kind: "vatNotSiren" } : { kind: "invalid" });
        setProblems({ [field]: problem });
        document.getElementById(`org-${field}`)?.focus();
      } else {
        setError(apiError);
      }
    } finally {
      setSaving(false);
    }
  };

  const text = (field: TextField, label: MessageKey, hint?: MessageKey, multiline = false) => (
    <Field id={`org-${field}`} label={t(label)} hint={hint ? t(hint) : undefined} wide={multiline}
      error={say(field)}
      control={(p: ControlProps) => multiline ? (
        <textarea {...p} rows={3} data-testid={TEST_IDS[field]} value={draft[field]}
          onInput={(e) => set(field, e.currentTarget.value)} onChange={(e) => set(field, e.currentTarget.value)} onBlur={() => blur(field)} />
      ) : (
        <input {...p} data-testid={TEST_IDS[field]} value={draft[field]}
          onInput={(e) => set(field, e.currentTarget.value)} onChange={(e) => set(field, e.currentTarget.value)} onBlur={() => blur(field)} />
      )} />
  );

  // A blank line goes at once; a number asks first (it leaves the record on save).
  const removeNumber = (i: number) => {
    const list = draft.customerNumbers;
    set("customerNumbers", list.length > 1 ? list.filter((_, j) => j !== i) : [""]);
  };
  const toRemove = removing === null ? undefined : draft.customerNumbers[removing];

  const french = draft.country === "FR";
  const numbers = draft.customerNumbers;
  // A number unlike the first one is questioned, not refused: Canon gives one
  // organisation numbers of one shape, so it is more often a typo.
  const oddNumber = numbers.slice(1).some((n) => unusualCustomerNumber(n, [numbers[0]]) !== null);

  return (
    <section class="screen organisation" aria-labelledby="org-title">
      <header class="screen-header">
        <h1 id="org-title">{t("org.title")}</h1>
      </header>
      <p class="hint">{t("org.intro")}</p>
      {error && <ErrorNotice error={error} />}
      <form class="org-form" onSubmit={save} noValidate>
        <fieldset>
          <legend>{t("org.identity")}</legend>
          <div class="form-grid">
            {text("legalName", "org.legalName")}
            <Field id="org-country" label={t("org.country")} control={(p) => (
              <select {...p} data-testid="org-country" value={draft.country} onChange={(e) => set("country", e.currentTarget.value)}>
                {COUNTRIES.map((c) => <option key={c} value={c}>{t(`country.${c}`)}</option>)}
              </select>
            )} />
            {french && text("siren", "org.siren", "org.sirenHint")}
            {french && text("siret", "org.siret", "org.siretHint")}
            {text("vatNumber", draft.country === "IT" ? "org.partitaIva" : "org.vat", draft.country === "IT" ? "org.partitaIvaHint" : "org.vatHint")}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("org.invoicing")}</legend>
          <div class="form-grid">
            {text("invoicePostalAddress", "org.invoiceAddress", undefined, true)}
            {text("invoiceEmail", "org.invoiceEmail", "org.invoiceEmailHint")}
          </div>
          <div class="customer-numbers">
            <span class="label" id="org-customers-label">{t("org.customerNumbers")}</span>
            <ul aria-labelledby="org-customers-label">
              {numbers.map((n, i) => (
                <li key={i}>
                  <input data-testid="org-customer-number" aria-label={t("org.customerNumberN", { n: i + 1 })} value={n}
                    aria-invalid={problems.customerNumbers ? "true" : undefined}
                    onInput={(e) => set("customerNumbers", numbers.map((x, j) => (j === i ? e.currentTarget.value : x)))} onChange={(e) => set("customerNumbers", numbers.map((x, j) => (j === i ? e.currentTarget.value : x)))} />
                  <button type="button" class="secondary small" data-testid="org-customer-remove" aria-label={t("org.customerRemove", { n: i + 1 })}
                    onClick={() => (n.trim() === "" ? removeNumber(i) : setRemoving(i))}>×</button>
                </li>
              ))}
            </ul>
            <button type="button" class="secondary small" data-testid="org-customer-add" onClick={() => set("customerNumbers", [...numbers, ""])}>
              {t("org.customerAdd")}
            </button>
            {problems.customerNumbers && <p class="field-error" role="alert">{say("customerNumbers")}</p>}
            {!problems.customerNumbers && oddNumber && (
              <p class="hint" data-testid="org-customer-shape">{t("problem.customerNumberShape", { example: numbers[0].trim() })}</p>
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("org.canon")}</legend>
          <div class="form-grid">
            {text("salesContactName", "org.salesName")}
            {text("salesContactEmail", "org.salesEmail", "org.salesEmailHint")}
            {text("canonIban", "org.canonIban", "org.canonBankHint")}
            {text("canonBic", "org.canonBic")}
          </div>
        </fieldset>
        <div class="actions start">
          <button type="submit" class="primary" data-testid="org-save" disabled={saving}>{saving ? t("form.saving") : t("form.save")}</button>
          <span role="status" class="ok-text">{saved ? <span data-testid="org-saved">{t("org.saved")}</span> : ""}</span>
        </div>
      </form>

      {exists && (
        <section aria-labelledby="org-docs-title">
          <h2 id="org-docs-title">{t("org.documents")}</h2>
          <DocumentsPanel entity="organisation" entityId={1} defaultKind="kbis" />
        </section>
      )}
      {removing !== null && toRemove !== undefined && (
        <ConfirmDialog title={t("org.customerRemoveTitle", { number: toRemove.trim() })} message={t("org.customerRemoveMessage")}
          confirmLabel={t("docs.remove")} danger onCancel={() => setRemoving(null)}
          onConfirm={() => { removeNumber(removing); setRemoving(null); }} />
      )}
      {exists && (
        <details class="history-section" data-testid="org-history" onToggle={(e) => setHistoryOpen(e.currentTarget.open)}>
          <summary><h2>{t("org.history")}</h2></summary>
          {historyOpen && <HistoryList entity="organisation" id={1} key={saves} />}
        </details>
      )}
      <SitesSection />
    </section>
  );
}
