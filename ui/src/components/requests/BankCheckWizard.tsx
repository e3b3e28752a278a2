import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import { focusFirstField } from "../../lib/focus";
import { errorsFromApi, type WizardErrors } from "../../lib/requests";
import type { BankCheck } from "../../types";
import { ErrorNotice } from "../ErrorNotice";
import { Field } from "../Field";

type Props = { onClose: () => void };

// Situation 10 is a check, not a request: the IBAN and BIC printed on an
// invoice are validated and compared with the known-good details; any
// difference is treated as the fraud it usually is.
export function BankCheckWizard({ onClose }: Props) {
  const { t } = useI18n();
  // Opening the wizard puts the keyboard in its first field.
  useEffect(() => focusFirstField(() => document.querySelector(".wizard-form")), []);
  const [iban, setIban] = useState("");
  const [bic, setBic] = useState("");
  const [errors, setErrors] = useState<WizardErrors>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const [check, setCheck] = useState<BankCheck | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const fail = (e: unknown) => {
    const error = toApiError(e);
    const mapped = errorsFromApi(error);
    if (mapped) setErrors(mapped);
    else setGeneral(error);
  };

  const run = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const missing: WizardErrors = {};
    if (iban.trim() === "") missing.iban = "required";
    if (bic.trim() === "") missing.bic = "required";
    setErrors(missing);
    setGeneral(null);
    setCheck(null);
    setSaved(false);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      setCheck(await api.bankCheck(iban, bic));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const saveKnown = async () => {
    try {
      await api.bankSetKnown(iban, bic);
      setSaved(true);
      setCheck(await api.bankCheck(iban, bic));
    } catch (e) {
      fail(e);
    }
  };

  const problem = (field: string) => (errors[field] === "required" ? t("wizard.required") : errors[field] ? t(`error.${errors[field]}` as "error.validation") : undefined);
  const title = t("situation.verify_bank_details.title");

  return (
    <section class="wizard" aria-labelledby="bank-title" data-situation="verify_bank_details">
      <header class="screen-header">
        <h1 id="bank-title">{title}</h1>
        <button type="button" class="secondary push-end" data-testid="wizard-close" onClick={onClose}>{check ? t("wizard.toList") : t("wizard.cancel")}</button>
      </header>
      <p class="muted">{t("bank.intro")}</p>
      {general && <ErrorNotice error={general} />}
      <form class="wizard-form" noValidate onSubmit={run}>
        <div class="grid wizard-grid">
          <Field id="bank-iban" label={t("bank.iban")} error={problem("iban")}
            control={(a) => <input {...a} type="text" class="mono" autocomplete="off" spellcheck={false} data-testid="wizard-field-iban" value={iban}
              onInput={(e) => { setIban(e.currentTarget.value); setErrors((x) => ({ ...x, iban: "" })); }} />} />
          <Field id="bank-bic" label={t("bank.bic")} error={problem("bic")}
            control={(a) => <input {...a} type="text" class="mono" autocomplete="off" spellcheck={false} data-testid="wizard-field-bic" value={bic}
              onInput={(e) => { setBic(e.currentTarget.value); setErrors((x) => ({ ...x, bic: "" })); }} />} />
        </div>
        <div class="actions">
          <button type="submit" class="primary" data-testid="wizard-next" disabled={busy}>{t("wizard.check")}</button>
        </div>
      </form>
      {check && (
        <div class="bank-result" data-testid="bank-verdict" data-verdict={check.verdict}>
          {check.verdict === "match" && <p class="notice ok" role="status">{t("bank.match")}</p>}
          {check.verdict === "mismatch" && <p class="notice error" role="alert" data-testid="bank-fraud-warning">{t("bank.mismatch")}</p>}
          {check.verdict === "no_reference" && <p class="notice warning">{t("bank.noReference")}</p>}
          <dl class="facts">
            <div><dt>{t("bank.entered")}</dt><dd class="mono">{`${check.iban} · ${check.bic}`}</dd></div>
            {(check.knownIban || check.knownBic) && (
              <div><dt>{t("bank.known")}</dt><dd class="mono">{[check.knownIban, check.knownBic].filter(Boolean).join(" · ")}</dd></div>
            )}
            <div><dt>{t("bank.remittance")}</dt><dd class="mono" data-testid="bank-remittance">{check.remittanceEmail}</dd></div>
          </dl>
          {check.atStatedBank
            ? <p class="hint">{t("bank.bank", { bank: check.bankName, year: String(check.bankSinceYear) })}</p>
            : <p class="notice warning" role="alert" data-testid="bank-other-bank">{t("bank.otherBank", { bank: check.bankName, year: String(check.bankSinceYear) })}</p>}
          {check.verdict === "no_reference" && !saved && (
            <>
              <p class="hint">{t("bank.saveKnownHint")}</p>
              <div class="actions">
                <button type="button" class="secondary" data-testid="bank-save-known" onClick={saveKnown}>{t("bank.saveKnown")}</button>
              </div>
            </>
          )}
          {saved && <p class="notice ok" role="status">{t("bank.saved")}</p>}
        </div>
      )}
    </section>
  );
}
