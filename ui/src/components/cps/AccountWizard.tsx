import { useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import type { MessageKey } from "../../i18n/en";
import { isIsoDate, typedDate } from "../../lib/dates";
import { looksLikeEmail } from "../../lib/requests";
import { readUpload, UploadTooLarge } from "../../lib/upload";
import type { AccountView, ProofDocument } from "../../types";
import { ErrorNotice } from "../ErrorNotice";
import { Field } from "../Field";

const WITH_VAT: ProofDocument[] = ["vat_certificate", "commercial_invoice"];
const WITHOUT_VAT: ProofDocument[] = ["company_invoice", "business_licence", "chamber_of_commerce_certificate"];
export const ACCOUNT_READY_SENDER = "donotreply@canon-europe.com";

// Today's date on this computer, as the request's default date.
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

type Props = { onClose: (changed: boolean) => void };

// Phase 1 of the CPS guide: the Business account. The user fills in Canon's form
// beside this wizard; the wizard says which proof their case needs, keeps the file
// they attach there, explains what leaving out the old CPS email means, and records
// the request, whose expected validation (2 business days) becomes a reminder.
export function AccountWizard({ onClose }: Props) {
  const { t, date } = useI18n();
  const [step, setStep] = useState(1);
  const [hasVat, setHasVat] = useState<boolean | null>(null);
  const [proofKind, setProofKind] = useState<ProofDocument | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [login, setLogin] = useState("");
  const [oldEmail, setOldEmail] = useState("");
  const [requestedOn, setRequestedOn] = useState(todayIso());
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<AccountView | null>(null);

  const err = (key: string) => (errors[key] ? t(errors[key]) : undefined);
  const choices = hasVat === null ? [] : hasVat ? WITH_VAT : WITHOUT_VAT;

  const next = (event: Event) => {
    event.preventDefault();
    const found: Record<string, MessageKey> = {};
    if (hasVat === null) found.vat = "cps.error.required";
    if (!proofKind) found.proof = "cps.error.required";
    if (!file) found.file = "cps.aw.fileMissing";
    setErrors(found);
    if (Object.keys(found).length === 0) setStep(2);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || hasVat === null || !proofKind || !file) return;
    const found: Record<string, MessageKey> = {};
    if (!looksLikeEmail(login)) found.login = login.trim() ? "cps.error.email" : "cps.error.required";
    if (oldEmail.trim() && !looksLikeEmail(oldEmail)) found.oldEmail = "cps.error.email";
    if (!isIsoDate(requestedOn.trim())) found.requestedOn = "cps.error.date";
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const proof = await readUpload(file);
      setDone(await api.cpsAccountRequest({
        request: { loginEmail: login, hasVat, proofKind, oldCpsEmail: oldEmail.trim() || null, requestedOn: requestedOn.trim() },
        proof,
      }));
    } catch (e) {
      if (e instanceof UploadTooLarge) {
        setStep(1);
        setErrors({ file: "error.validation" });
      } else {
        const error = toApiError(e);
        if (error.field === "login_email") setErrors({ login: error.code === "conflict" ? "error.conflict" : "cps.error.email" });
        else if (error.field === "old_cps_email") setErrors({ oldEmail: "cps.error.email" });
        else setGeneral(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="wizard" aria-labelledby="cps-aw-title" data-testid="cps-account-wizard">
      <header class="screen-header">
        <h1 id="cps-aw-title">{t("cps.aw.title")}</h1>
        <button type="button" class="secondary push-end" data-testid="cps-wizard-close" onClick={() => onClose(done !== null)}>
          {done ? t("cps.wizard.close") : t("cps.wizard.cancel")}
        </button>
      </header>
      {!done && <p class="muted">{t("cps.aw.intro")} {t("cps.wizard.step", { step: String(step), total: "2" })}</p>}
      {general && <ErrorNotice error={general} />}

      {!done && step === 1 && (
        <form class="wizard-form" noValidate onSubmit={next}>
          <fieldset class="field">
            <legend>{t("cps.aw.vatQuestion")}</legend>
            <label class="check-field">
              <input type="radio" name="vat" data-testid="cps-aw-with-vat" checked={hasVat === true}
                onChange={() => { setHasVat(true); setProofKind(null); setErrors({}); }} />
              {t("cps.aw.withVat")}
            </label>
            <label class="check-field">
              <input type="radio" name="vat" data-testid="cps-aw-without-vat" checked={hasVat === false}
                onChange={() => { setHasVat(false); setProofKind(null); setErrors({}); }} />
              {t("cps.aw.withoutVat")}
            </label>
            {errors.vat && <p class="field-error">{t(errors.vat)}</p>}
          </fieldset>
          {hasVat !== null && (
            <fieldset class="field">
              <legend>{t("cps.aw.proof")}</legend>
              <p class="hint">{hasVat ? t("cps.aw.withVatHelp") : t("cps.aw.withoutVatHelp")}</p>
              {choices.map((kind) => (
                <label class="check-field" key={kind}>
                  <input type="radio" name="proof" value={kind} data-testid={`cps-aw-proof-${kind}`} checked={proofKind === kind}
                    onChange={() => { setProofKind(kind); setErrors((x) => ({ ...x, proof: undefined as unknown as MessageKey })); }} />
                  {t(`cps.proof.${kind}`)}
                </label>
              ))}
              {errors.proof && <p class="field-error">{t(errors.proof)}</p>}
            </fieldset>
          )}
          <div class="wizard-grid">
            <Field id="cps-aw-file" label={t("cps.aw.file")} hint={file ? file.name : t("cps.aw.fileHint")} error={err("file")}
              control={(a) => <input {...a} type="file" data-testid="cps-aw-file"
                onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setErrors((x) => ({ ...x, file: undefined as unknown as MessageKey })); }} />} />
          </div>
          <div class="actions">
            <button type="submit" class="primary" data-testid="cps-aw-next">{t("cps.wizard.next")}</button>
          </div>
        </form>
      )}

      {!done && step === 2 && (
        <form class="wizard-form" noValidate onSubmit={submit}>
          <div class="wizard-grid">
            <Field id="cps-aw-login" label={t("cps.aw.login")} error={err("login")}
              control={(a) => <input {...a} type="email" autocomplete="email" data-testid="cps-aw-login" value={login}
                onInput={(e) => setLogin(e.currentTarget.value)} />} />
            <Field id="cps-aw-old" label={t("cps.aw.oldEmail")} hint={t("cps.aw.oldEmailHint")} error={err("oldEmail")}
              control={(a) => <input {...a} type="email" data-testid="cps-aw-old-email" value={oldEmail}
                onInput={(e) => setOldEmail(e.currentTarget.value)} />} />
            <Field id="cps-aw-date" label={t("cps.aw.requestedOn")} error={err("requestedOn")}
              control={(a) => <input {...a} type="text" inputMode="numeric" placeholder={t("form.datePlaceholder")} data-testid="cps-aw-date"
                value={requestedOn} onInput={(e) => setRequestedOn(typedDate(e.currentTarget.value))} />} />
          </div>
          {oldEmail.trim() === "" && <p class="notice warning" data-testid="cps-aw-no-old-email">{t("cps.aw.oldEmailMissing")}</p>}
          <p class="notice info">{t("cps.aw.waitNote")}</p>
          <p class="notice warning" data-testid="cps-aw-password-warning">{t("cps.account.warning", { sender: ACCOUNT_READY_SENDER })}</p>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setStep(1)}>{t("cps.wizard.back")}</button>
            <button type="submit" class="primary" data-testid="cps-aw-submit" disabled={busy}>{t("cps.aw.submit")}</button>
          </div>
        </form>
      )}

      {done && (
        <div data-testid="cps-aw-done">
          <p class="notice ok" role="status">{t("cps.aw.done", { date: date(done.expectedValidation) })}</p>
          <p class="notice warning">{t("cps.account.warning", { sender: ACCOUNT_READY_SENDER })}</p>
        </div>
      )}
    </section>
  );
}
