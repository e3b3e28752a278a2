import { useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import type { MessageKey } from "../../i18n/en";
import { amountText, formatPrice, levelName, parseAmount } from "../../lib/cps";
import type { CheckoutChoice, CpsCheckout, CpsOverview, Level, Review } from "../../types";
import { ErrorNotice } from "../ErrorNotice";
import { Field } from "../Field";
import { ReturnForm } from "./ReturnForm";

type Props = { overview: CpsOverview; onClose: (changed: boolean) => void };


// Phase 2 of the CPS guide: the subscription. The first step asks what the portal's
// review page asks; the second mirrors that page and says, one sentence each, what
// the choices will cause; only then does the portal open. The third records what
// the portal gave back.
export function CheckoutWizard({ overview, onClose }: Props) {
  const { t, locale } = useI18n();
  const open = overview.standing.levels.filter((o) => o.availability !== "closed");
  const firstLevel = open[0]?.level ?? "silver";
  const priceOf = (level: Level) => overview.levels.find((r) => r.level === level)?.price ?? null;
  const [level, setLevel] = useState<Level>(firstLevel);
  const [amount, setAmount] = useState(() => { const p = priceOf(firstLevel); return p ? amountText(p.amountMinor, locale) : ""; });
  const [currency, setCurrency] = useState(() => priceOf(firstLevel)?.currency ?? "");
  const [subscription, setSubscription] = useState<CheckoutChoice["subscription"]>("auto_renewal");
  const [po, setPo] = useState("");
  const [payment, setPayment] = useState<CheckoutChoice["payment"]>("card");
  const [terms, setTerms] = useState(false);
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const [review, setReview] = useState<Review | null>(null);
  const [started, setStarted] = useState<{ checkout: CpsCheckout; url: string; opened: boolean } | null>(null);
  const [finished, setFinished] = useState(false);
  const [busy, setBusy] = useState(false);
  const err = (key: string) => (errors[key] ? t(errors[key]) : undefined);

  const chooseLevel = (next: Level) => {
    setLevel(next);
    const p = priceOf(next);
    setAmount(p ? amountText(p.amountMinor, locale) : "");
    setCurrency(p?.currency ?? "");
  };

  const toReview = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, MessageKey> = {};
    const minor = parseAmount(amount);
    if (minor === null || !/^[A-Za-z]{3}$/.test(currency.trim())) found.price = "cps.levels.priceInvalid";
    setErrors(found);
    setGeneral(null);
    if (minor === null || found.price) return;
    const choice: CheckoutChoice = {
      level, price: { amountMinor: minor, currency: currency.trim() }, subscription,
      poNumber: po.trim() || null, termsAccepted: terms, payment,
    };
    setBusy(true);
    try {
      setReview(await api.cpsCheckoutReview(choice));
    } catch (e) {
      const error = toApiError(e);
      if (error.field === "terms") setErrors({ terms: "cps.co.termsRequired" });
      else if (error.field === "po_number") setErrors({ po: "error.validation" });
      else if (error.field === "price" || error.field === "currency") setErrors({ price: "cps.levels.priceInvalid" });
      else setGeneral(error);
    } finally {
      setBusy(false);
    }
  };

  const goPortal = async () => {
    if (!review || busy) return;
    setBusy(true);
    setGeneral(null);
    try {
      setStarted(await api.cpsCheckoutStart(review.choice));
    } catch (e) {
      setGeneral(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const step = started ? 3 : review ? 2 : 1;
  return (
    <section class="wizard" aria-labelledby="cps-co-title" data-testid="cps-checkout-wizard">
      <header class="screen-header">
        <h1 id="cps-co-title">{t("cps.co.title")}</h1>
        <button type="button" class="secondary push-end" data-testid="cps-wizard-close" onClick={() => onClose(started !== null)}>
          {started ? t("cps.wizard.close") : t("cps.wizard.cancel")}
        </button>
      </header>
      <p class="muted">{t("cps.wizard.step", { step: String(step), total: "3" })}</p>
      {general && <ErrorNotice error={general} />}

      {step === 1 && (
        <form class="wizard-form" noValidate onSubmit={toReview}>
          <fieldset class="field">
            <legend>{t("cps.co.level")}</legend>
            {overview.standing.levels.map((o) => (
              <label class="check-field" key={o.level}>
                <input type="radio" name="level" data-testid={`cps-co-level-${o.level}`} checked={level === o.level}
                  disabled={o.availability === "closed"} onChange={() => chooseLevel(o.level)} />
                {levelName(o.level)}
                {o.availability === "closed" && <span class="badge">{t("cps.co.levelClosed")}</span>}
                {o.availability === "unknown" && <span class="badge">{t("cps.level.unknown")}</span>}
              </label>
            ))}
          </fieldset>
          <div class="wizard-grid">
            <Field id="cps-co-amount" label={t("cps.co.price")} error={err("price")}
              control={(a) => <input {...a} type="text" inputMode="decimal" data-testid="cps-co-amount" value={amount}
                onInput={(e) => setAmount(e.currentTarget.value)} />} />
            <Field id="cps-co-currency" label={t("cps.levels.currency")}
              control={(a) => <input {...a} type="text" class="mono" maxLength={3} data-testid="cps-co-currency" value={currency}
                onInput={(e) => setCurrency(e.currentTarget.value.toUpperCase())} />} />
            <Field id="cps-co-po" label={t("cps.co.po")} hint={t("cps.co.poHint")} error={err("po")}
              control={(a) => <input {...a} type="text" class="mono" placeholder="eg-0123456789" data-testid="cps-co-po" value={po}
                onInput={(e) => setPo(e.currentTarget.value)} />} />
          </div>
          <fieldset class="field">
            <legend>{t("cps.co.subscription")}</legend>
            {(["auto_renewal", "one_off"] as const).map((s) => (
              <label class="check-field" key={s}>
                <input type="radio" name="subscription" data-testid={`cps-co-${s}`} checked={subscription === s} onChange={() => setSubscription(s)} />
                {t(`cps.co.${s}`)}
              </label>
            ))}
            <p class="hint">{t("cps.co.manageNote")}</p>
          </fieldset>
          <fieldset class="field">
            <legend>{t("cps.co.payment")}</legend>
            <label class="check-field">
              <input type="radio" name="payment" data-testid="cps-co-card" checked={payment === "card"} onChange={() => setPayment("card")} />
              {t("cps.co.card")}
            </label>
            <p class="hint">{t("cps.co.cardHelp")}</p>
            <label class="check-field">
              <input type="radio" name="payment" data-testid="cps-co-bank_transfer" checked={payment === "bank_transfer"} onChange={() => setPayment("bank_transfer")} />
              {t("cps.co.bank_transfer")}
            </label>
            <p class="hint">{t("cps.co.transferHelp")}</p>
          </fieldset>
          <label class="check-field">
            <input type="checkbox" data-testid="cps-co-terms" checked={terms}
              onChange={(e) => { setTerms(e.currentTarget.checked); setErrors((x) => ({ ...x, terms: undefined as unknown as MessageKey })); }} />
            {t("cps.co.terms")}
          </label>
          {errors.terms && <p class="field-error" role="alert" data-testid="cps-co-terms-error">{t(errors.terms)}</p>}
          <div class="actions">
            <button type="submit" class="primary" data-testid="cps-co-review" disabled={busy}>{t("cps.co.review")}</button>
          </div>
        </form>
      )}

      {step === 2 && review && (
        <div data-testid="cps-co-review-page">
          <h2>{t("cps.co.reviewTitle")}</h2>
          <p class="muted">{t("cps.co.reviewIntro")}</p>
          <dl class="facts">
            <div><dt>{t("cps.co.level")}</dt><dd data-testid="cps-co-review-level">{t("cps.co.subscriptionLine", { level: levelName(review.choice.level) })}</dd></div>
            <div><dt>{t("cps.levels.price")}</dt><dd data-testid="cps-co-review-price">{t("cps.co.priceLine", { price: formatPrice(review.choice.price, locale) })}</dd></div>
            <div><dt>{t("cps.co.subscription")}</dt><dd>{t(`cps.co.${review.choice.subscription}`)}</dd></div>
            <div><dt>{t("cps.co.po")}</dt><dd class="mono" data-testid="cps-co-review-po">{review.choice.poNumber ?? t("cps.co.none")}</dd></div>
            <div><dt>{t("cps.co.payment")}</dt><dd>{t(`cps.co.${review.choice.payment}`)}</dd></div>
            <div><dt>{t("cps.co.terms")}</dt><dd>{t("cps.co.termsAccepted")}</dd></div>
          </dl>
          <h3>{t("cps.co.consequences")}</h3>
          <ul data-testid="cps-consequences">
            {review.consequences.map((c) => <li key={c} data-consequence={c}>{t(`cps.consequence.${c}`)}</li>)}
          </ul>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setReview(null)}>{t("cps.wizard.back")}</button>
            <button type="button" class="primary" data-testid="cps-co-portal" disabled={busy} onClick={goPortal}>{t("cps.co.goPortal")}</button>
          </div>
        </div>
      )}

      {step === 3 && started && (
        <div>
          <p class={started.opened ? "notice info" : "notice warning"} role="status" data-testid="cps-co-opened">
            {started.opened ? t("cps.co.opened") : t("cps.co.notOpened", { url: started.url })}
          </p>
          {!finished && <ReturnForm checkout={started.checkout} onDone={() => { setFinished(true); onClose(true); }} />}
        </div>
      )}
    </section>
  );
}
