import { useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import type { MessageKey } from "../../i18n/en";
import { isIsoDate, typedDate } from "../../lib/dates";
import type { CpsCheckout, CpsMembership } from "../../types";
import { ErrorNotice } from "../ErrorNotice";
import { Field } from "../Field";

type Props = { checkout: CpsCheckout; onDone: (membership: CpsMembership) => void };

// Coming back from the portal: the invoice (it arrives within a few hours) and the
// membership the dashboard now shows. Its due date becomes the transfer's reminder
// or the card's charge notice; the expiry, the renewal's.
export function ReturnForm({ checkout, onDone }: Props) {
  const { t } = useI18n();
  const [values, setValues] = useState({ invoiceDate: "", dueDate: "", number: "", expires: "" });
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined as unknown as MessageKey }));
  };
  const err = (key: string) => (errors[key] ? t(errors[key]) : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, MessageKey> = {};
    if (!isIsoDate(values.invoiceDate)) found.invoiceDate = values.invoiceDate ? "cps.error.date" : "cps.error.required";
    if (!isIsoDate(values.dueDate)) found.dueDate = values.dueDate ? "cps.error.date" : "cps.error.required";
    if (values.number.trim() === "") found.number = "cps.error.required";
    if (values.expires !== "" && !isIsoDate(values.expires)) found.expires = "cps.error.date";
    if (!found.invoiceDate && !found.dueDate && values.dueDate < values.invoiceDate) found.dueDate = "cps.back.dueBeforeInvoice";
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onDone(await api.cpsCheckoutComplete({
        checkoutId: checkout.id, invoiceDate: values.invoiceDate, dueDate: values.dueDate,
        membershipNumber: values.number, expiresOn: values.expires || null,
      }));
    } catch (e) {
      const error = toApiError(e);
      if (error.field === "membership_number") setErrors({ number: error.code === "validation" && /earlier/.test(error.message) ? "cps.error.superseded" : "cps.error.number" });
      else if (error.field === "due_date") setErrors({ dueDate: "cps.back.dueBeforeInvoice" });
      else setGeneral(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="wizard-form" noValidate onSubmit={submit} data-testid="cps-return-form">
      <h2>{t("cps.back.title")}</h2>
      {general && <ErrorNotice error={general} />}
      <div class="wizard-grid">
        <Field id={`cps-back-invoice-${checkout.id}`} label={t("cps.back.invoiceDate")} error={err("invoiceDate")}
          control={(a) => <input {...a} type="text" inputMode="numeric" placeholder={t("form.datePlaceholder")} data-testid="cps-back-invoice"
            value={values.invoiceDate} onInput={(e) => set("invoiceDate", typedDate(e.currentTarget.value))} />} />
        <Field id={`cps-back-due-${checkout.id}`} label={t("cps.back.dueDate")} error={err("dueDate")}
          control={(a) => <input {...a} type="text" inputMode="numeric" placeholder={t("form.datePlaceholder")} data-testid="cps-back-due"
            value={values.dueDate} onInput={(e) => set("dueDate", typedDate(e.currentTarget.value))} />} />
        <Field id={`cps-back-number-${checkout.id}`} label={t("cps.back.number")} error={err("number")}
          control={(a) => <input {...a} type="text" class="mono" inputMode="numeric" data-testid="cps-back-number"
            value={values.number} onInput={(e) => set("number", e.currentTarget.value)} />} />
        <Field id={`cps-back-expires-${checkout.id}`} label={t("cps.back.expires")} error={err("expires")}
          control={(a) => <input {...a} type="text" inputMode="numeric" placeholder={t("form.datePlaceholder")} data-testid="cps-back-expires"
            value={values.expires} onInput={(e) => set("expires", typedDate(e.currentTarget.value))} />} />
      </div>
      <div class="actions">
        <button type="submit" class="primary" data-testid="cps-back-save" disabled={busy}>{t("cps.back.save")}</button>
      </div>
    </form>
  );
}
