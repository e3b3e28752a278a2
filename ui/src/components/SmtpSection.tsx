import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { useI18n } from "../i18n/context";
import { failureText } from "../lib/failure";
import { emailProblem } from "../lib/identifiers";
import { problemText } from "../lib/problems";
import type { MessageKey } from "../i18n/en";
import { isOneOf } from "../lib/enums";
import { SMTP_PRESETS, applyPreset, presetOf } from "../lib/smtpPresets";
import type { ConnectionTest, SmtpConfig, SmtpSettings } from "../types";
import { ErrorNotice } from "./ErrorNotice";
import { Field } from "./Field";
import { differs, useUnsaved } from "../lib/unsaved";

const SECURITIES = ["start_tls", "tls", "plain"] as const;
const EMPTY: SmtpConfig = { host: "", port: 587, security: "start_tls", username: "", fromAddress: "", fromName: "", timeoutSeconds: 30, trustedCertificatePem: null };

// Failures whose sentence names the problem but not the remedy.
const ADVISED = ["connection", "timeout", "auth", "rejected", "temporary"] as const;

// The SMTP server: saved without the password, which goes straight to the OS
// keychain; afterwards the screen only ever shows that a password is saved.
export function SmtpSection() {
  const { t } = useI18n();
  const [settings, setSettings] = useState<SmtpSettings | null>(null);
  const [draft, setDraft] = useState<SmtpConfig>(EMPTY);
  const [port, setPort] = useState("587");
  const [password, setPassword] = useState("");
  const [changingPassword, setChangingPassword] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: string; code: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  // What the last test message gave, with the address it went to.
  const [mailTest, setMailTest] = useState<{ result: ConnectionTest; address: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const adopt = (s: SmtpSettings) => {
    setSettings(s);
    if (s.config) { setDraft(s.config); setPort(String(s.config.port)); }
  };
  // The form is shown once the saved server has been read, so that nothing typed
  // before it arrives is replaced by it.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    api.smtpGet().then(adopt, (e) => setError(toApiError(e))).finally(() => setLoaded(true));
  }, []);

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setFieldError(null);
    setStatus(null);
    try {
      await action();
    } catch (e) {
      const err = toApiError(e);
      if (err.field) setFieldError({ field: err.field, code: err.code });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const save = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const n = Number(port.trim());
      if (!/^\d+$/.test(port.trim()) || n < 1 || n > 65535) throw { code: "validation", message: "port", field: "port" };
      adopt(await api.smtpSave({ ...draft, host: draft.host.trim(), port: n, username: draft.username.trim(), fromAddress: draft.fromAddress.trim(), fromName: draft.fromName.trim() }));
      setTest(null);
      setStatus("smtp.saved");
    });
  };
  const savePassword = (value: string) => run(async () => {
    adopt(await api.smtpSetPassword(value));
    setPassword("");
    setChangingPassword(false);
  });
  const runTest = () => run(async () => { setTest(null); setMailTest(null); setTest(await api.smtpTest()); });
  // A real message to the saved sender address, worded in the user's language.
  const sendTestMail = () => run(async () => {
    setTest(null);
    setMailTest(null);
    const address = settings?.config?.fromAddress ?? "";
    setMailTest({ result: await api.smtpSendTest(t("smtp.testMailSubject"), t("smtp.testMailBody")), address });
  });
  // A provider chosen, a field typed in or a password typed and not yet kept: leaving
  // Settings asks first, as every form does.
  const saved = settings?.config ?? EMPTY;
  // The password is asked for a saved server with a user name while the keychain
  // answers; its field is shown while none is kept, or while it is being changed.
  const passwordOffered = settings?.config != null && settings.config.username !== "" && settings.keychainAvailable;
  const passwordShown = passwordOffered && (!settings.hasPassword || changingPassword);
  useUnsaved("smtp", loaded && (differs(draft, saved) || port.trim() !== String(saved.port) || (passwordShown && password !== "")));
  const preset = presetOf({ host: draft.host, port: Number(port), security: draft.security });
  const choosePreset = (id: string) => {
    const chosen = SMTP_PRESETS.find((p) => p.id === id);
    if (!chosen) return;
    const next = applyPreset(draft, chosen);
    setDraft(next);
    setPort(String(next.port));
  };
  // What happened, what to do about it where the sentence does not say it already,
  // then the server's own words, marked as such.
  const failure = (r: ConnectionTest) => {
    const advice = r.code && (ADVISED as readonly string[]).includes(r.code) ? t(`smtpAdvice.${r.code}` as MessageKey) : "";
    const details = r.reason?.trim() ? t("fail.details", { detail: r.reason.trim() }) : "";
    return [failureText(t, r.code, null), advice, details].filter(Boolean).join(" ");
  };

  const err = (field: string) => (fieldError?.field === field ? t(`error.${fieldError.code}` as MessageKey) : undefined);
  // An error goes as soon as its field is changed (the From address's comes back
  // from the backend named "email").
  const set = <K extends keyof SmtpConfig>(key: K, value: SmtpConfig[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setFieldError((f) => (f && (f.field === key || (key === "fromAddress" && f.field === "email")) ? null : f));
  };
  // The From address's error says what is wrong with it, as every email field does.
  const fromError = () => {
    const generic = err("fromAddress") ?? err("email");
    const problem = generic ? emailProblem(draft.fromAddress) : null;
    return problem ? problemText(t, problem) : generic;
  };

  return (
    <section class="smtp" aria-labelledby="smtp-title">
      <h2 id="smtp-title">{t("smtp.title")}</h2>
      <p class="muted">{t("smtp.intro")}</p>
      {error && <ErrorNotice error={error} />}
      {loaded && <form class="grid smtp-grid" noValidate onSubmit={save}>
        <Field id="smtp-provider" label={t("smtp.provider")} hint={t("smtp.providerHint")} control={(a) => (
          <select {...a} data-testid="smtp-provider" value={preset?.id ?? ""} onChange={(e) => choosePreset(e.currentTarget.value)}>
            <option value="">{t("smtp.providerOther")}</option>
            {SMTP_PRESETS.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>)} />
        {preset?.appPassword && <p class="muted wide" data-testid="smtp-app-password">{t("smtp.appPasswordHint", { provider: preset.name })}</p>}
        {preset?.passwordMayBeRefused && <p class="muted wide" data-testid="smtp-password-refused">{t("smtp.passwordRefusedHint", { provider: preset.name })}</p>}
        <Field id="smtp-host" label={t("smtp.host")} error={err("host")} control={(a) => (
          <input {...a} type="text" data-testid="smtp-host" autocomplete="off" spellcheck={false} value={draft.host} onInput={(e) => set("host", e.currentTarget.value)} />)} />
        <Field id="smtp-port" label={t("smtp.port")} error={err("port")} control={(a) => (
          <input {...a} type="text" inputMode="numeric" data-testid="smtp-port" value={port} onInput={(e) => { setPort(e.currentTarget.value); setFieldError((f) => (f?.field === "port" ? null : f)); }} />)} />
        <Field id="smtp-security" label={t("smtp.security")} error={err("security")} control={(a) => (
          <select {...a} data-testid="smtp-security" value={draft.security}
            onChange={(e) => { const v = e.currentTarget.value; if (isOneOf(SECURITIES, v)) set("security", v); }}>
            {SECURITIES.map((s) => <option key={s} value={s}>{t(`smtpSecurity.${s}`)}</option>)}
          </select>)} />
        <Field id="smtp-username" label={t("smtp.username")} hint={t("smtp.usernameHint")} error={err("username")} control={(a) => (
          <input {...a} type="text" data-testid="smtp-username" autocomplete="off" spellcheck={false} value={draft.username} onInput={(e) => set("username", e.currentTarget.value)} />)} />
        <Field id="smtp-from" label={t("smtp.fromAddress")} error={fromError()} control={(a) => (
          <input {...a} type="text" inputMode="email" data-testid="smtp-from" autocomplete="off" spellcheck={false} value={draft.fromAddress} onInput={(e) => set("fromAddress", e.currentTarget.value)} />)} />
        <Field id="smtp-from-name" label={t("smtp.fromName")} error={err("fromName")} control={(a) => (
          <input {...a} type="text" data-testid="smtp-from-name" autocomplete="off" value={draft.fromName} onInput={(e) => set("fromName", e.currentTarget.value)} />)} />
        <div class="actions wide">
          <button type="submit" class="primary" data-testid="smtp-save" disabled={busy}>{t("smtp.save")}</button>
        </div>
      </form>}
      {settings?.config && !settings.keychainAvailable && settings.config.username !== "" && (
        // Passwords live in the system keychain only: with it unavailable the
        // password cannot be saved, and is never kept anywhere else.
        <p class="notice warning" role="alert" data-testid="smtp-keychain-unavailable">{t("smtp.keychainUnavailable")}</p>
      )}
      {settings?.config && (
        <div class="smtp-password">
          {!passwordOffered ? null : !passwordShown ? (
            <p class="password-saved">
              <span data-testid="smtp-password-saved">{t("smtp.passwordSaved")}</span>
              <button type="button" class="secondary" data-testid="smtp-password-change" onClick={() => setChangingPassword(true)}>{t("smtp.passwordChange")}</button>
              <button type="button" class="secondary" data-testid="smtp-password-forget" disabled={busy} onClick={() => savePassword("")}>{t("smtp.passwordForget")}</button>
            </p>
          ) : (
            <form class="password-form" noValidate onSubmit={(e) => { e.preventDefault(); if (password !== "") void savePassword(password); }}>
              <Field id="smtp-password" label={t("smtp.password")} hint={t("smtp.passwordHint")} error={err("password")} control={(a) => (
                <input {...a} type="password" data-testid="smtp-password" autocomplete="new-password" value={password} onInput={(e) => { setPassword(e.currentTarget.value); setFieldError((f) => (f?.field === "password" ? null : f)); }} />)} />
              <button type="submit" class="secondary" data-testid="smtp-password-save" disabled={busy || password === ""}>{t("smtp.passwordSave")}</button>
            </form>
          )}
          <div class="actions start">
            <button type="button" class="secondary" data-testid="smtp-test" disabled={busy} onClick={runTest}>{busy ? t("smtp.testing") : t("smtp.test")}</button>
            <button type="button" class="secondary" data-testid="smtp-send-test" disabled={busy} onClick={sendTestMail}>{t("smtp.sendTest")}</button>
          </div>
        </div>
      )}
      <p class="status-line" role="status">{status ? t(status) : ""}</p>
      {test && (
        <p class={test.ok ? "notice ok" : "notice error"} role="status" data-testid="smtp-test-result" data-ok={test.ok ? "true" : "false"}>
          {test.ok ? t("smtp.testOk") : t("smtp.testFailed", { reason: failure(test) })}
        </p>
      )}
      {mailTest && (
        <p class={mailTest.result.ok ? "notice ok" : "notice error"} role="status" data-testid="smtp-send-test-result" data-ok={mailTest.result.ok ? "true" : "false"}>
          {mailTest.result.ok ? t("smtp.testMailSent", { address: mailTest.address }) : t("smtp.testMailFailed", { reason: failure(mailTest.result) })}
        </p>
      )}
    </section>
  );
}
