import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import { isIsoDate, typedDate } from "../../lib/dates";
import type { AccountView } from "../../types";
import { ErrorNotice } from "../ErrorNotice";
import { HistoryList } from "../HistoryList";
import { ACCOUNT_READY_SENDER, todayIso } from "./AccountWizard";

type Props = { view: AccountView; onChanged: () => void };

// The Business account once requested: its dated steps (requested, validated,
// password set), the warning while Canon's email is awaited, and the Canon
// password, which only ever goes to the keychain and comes back as a mask.
export function AccountPanel({ view, onChanged }: Props) {
  const { t, tp, date } = useI18n();
  const { account } = view;
  const [stepDate, setStepDate] = useState(todayIso());
  const [password, setPassword] = useState("");
  // The seconds before the backend empties the clipboard again, once copied.
  const [copied, setCopied] = useState<number | null>(null);
  // The notice goes when the backend empties the clipboard.
  useEffect(() => {
    if (copied === null) return;
    const timer = window.setTimeout(() => setCopied(null), copied * 1000);
    return () => window.clearTimeout(timer);
  }, [copied]);
  const [error, setError] = useState<ApiError | null>(null);
  const [dateError, setDateError] = useState(false);
  const [login, setLogin] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const nextStep = account.state === "requested" ? "validated" : account.state === "validated" ? "password_set" : null;
  const recordStep = () => {
    if (!nextStep) return;
    if (!isIsoDate(stepDate)) {
      setDateError(true);
      return;
    }
    setDateError(false);
    void run(() => api.cpsAccountStep(nextStep, stepDate));
  };

  return (
    <div data-testid="cps-account" data-state={account.state}>
      {error && <ErrorNotice error={error} />}
      <p><span class="badge ok" data-testid="cps-account-state">{t(`cps.account.state.${account.state}`)}</span></p>
      <dl class="facts">
        <div>
          <dt><label for="cps-login">{t("cps.account.login")}</label></dt>
          <dd>
            <form class="folder-form" onSubmit={(e) => { e.preventDefault(); if (login !== null) void run(async () => { await api.cpsAccountSetLogin(login); setLogin(null); }); }}>
              <input id="cps-login" type="email" data-testid="cps-login" value={login ?? account.loginEmail}
                onInput={(e) => setLogin(e.currentTarget.value)} />
              {login !== null && <button type="submit" class="secondary">{t("form.save")}</button>}
            </form>
          </dd>
        </div>
        <div><dt>{t("cps.account.requestedOn")}</dt><dd>{date(account.steps.requestedOn)}</dd></div>
        {account.state === "requested" && (
          <div><dt>{t("cps.account.expected")}</dt><dd data-testid="cps-account-expected">{date(view.expectedValidation)}</dd></div>
        )}
        {account.steps.validatedOn && <div><dt>{t("cps.account.validatedOn")}</dt><dd>{date(account.steps.validatedOn)}</dd></div>}
        {account.steps.passwordSetOn && <div><dt>{t("cps.account.passwordSetOn")}</dt><dd>{date(account.steps.passwordSetOn)}</dd></div>}
        <div><dt>{t("cps.account.proof")}</dt><dd>{t(`cps.proof.${account.proofKind}`)}</dd></div>
        <div><dt>{t("cps.account.oldEmail")}</dt><dd>{account.oldCpsEmail ?? t("cps.account.oldEmailNone")}</dd></div>
      </dl>
      {account.state === "requested" && (
        <p class="notice warning" data-testid="cps-account-warning">{t("cps.account.warning", { sender: ACCOUNT_READY_SENDER })}</p>
      )}
      {nextStep && (
        <div class="folder-form">
          <div class="field">
            <label for="cps-step-date">{t("cps.account.stepDate")}</label>
            <input id="cps-step-date" type="text" inputMode="numeric" placeholder={t("form.datePlaceholder")} data-testid="cps-step-date"
              aria-invalid={dateError ? "true" : undefined} value={stepDate} onInput={(e) => setStepDate(typedDate(e.currentTarget.value))} />
            {dateError && <p class="field-error">{t("cps.error.date")}</p>}
          </div>
          <button type="button" class="secondary" data-testid="cps-account-step" onClick={recordStep}>
            {nextStep === "validated" ? t("cps.account.emailArrived") : t("cps.account.passwordWasSet")}
          </button>
        </div>
      )}
      <h3>{t("cps.password.title")}</h3>
      <p class="hint">{t("cps.password.hint")}</p>
      <p data-testid="cps-password-state">{view.hasPassword ? t("cps.password.kept") : t("cps.password.none")}</p>
      <form class="folder-form" autocomplete="off" onSubmit={(e) => { e.preventDefault(); if (password) void run(async () => { await api.cpsPasswordSet(password); setPassword(""); }); }}>
        <div class="field">
          <label for="cps-password">{t("cps.password.label")}</label>
          <input id="cps-password" type="password" autocomplete="new-password" data-testid="cps-password" value={password}
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </div>
        <button type="submit" class="secondary" data-testid="cps-password-save">{t("cps.password.save")}</button>
        {view.hasPassword && (
          <>
            <button type="button" class="secondary" data-testid="cps-password-copy"
              onClick={() => void run(async () => { setCopied(await api.cpsPasswordCopy()); })}>{t("cps.password.copy")}</button>
            <button type="button" class="secondary" onClick={() => void run(() => { setCopied(null); return api.cpsPasswordSet(""); })}>{t("cps.password.forget")}</button>
          </>
        )}
      </form>
      {copied !== null && <p class="notice ok" role="status" data-testid="cps-password-copied">{tp("cps.password.copied", copied)}</p>}
      <details>
        <summary>{t("cps.account.history")}</summary>
        <HistoryList entity="cps_account" id={account.id} />
      </details>
    </div>
  );
}
