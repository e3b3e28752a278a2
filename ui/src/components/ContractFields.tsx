import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";
import type { ContractDraft, ContractField, ContractProblem } from "../lib/contractForm";
import { CONTRACT_KINDS, isOneOf } from "../lib/enums";
import { Field } from "./Field";
import { typedDate } from "../lib/dates";

const PROBLEMS: Record<ContractProblem, MessageKey> = {
  required: "form.required",
  date: "form.dateInvalid",
  email: "contract.emailInvalid",
  order: "contract.endBeforeStart",
  months: "contract.monthsInvalid",
};

type Props = {
  draft: ContractDraft;
  problems: Partial<Record<ContractField, ContractProblem>>;
  customerNumbers: string[];
  onChange: (field: ContractField, value: string) => void;
};

// Dates are ISO text fields, as in the device form: WebKitGTK's date control
// follows the OS locale rather than the app's.
export function ContractFields({ draft, problems, customerNumbers, onChange }: Props) {
  const { t } = useI18n();
  const err = (f: ContractField) => (problems[f] ? t(PROBLEMS[problems[f]!]) : undefined);
  // The two date fields take day-first dates too.
  const typed = (f: ContractField, value: string) => (f === "startsOn" || f === "endsOn" ? typedDate(value) : value);
  const text = (f: ContractField, label: MessageKey, testid: string, hint?: MessageKey, list?: string) => (
    <Field id={`contract-${f}`} label={t(label)} hint={hint ? t(hint) : undefined} error={err(f)} control={(p) => (
      <input {...p} data-testid={testid} list={list} value={draft[f]} onInput={(e) => onChange(f, typed(f, e.currentTarget.value))} onChange={(e) => onChange(f, typed(f, e.currentTarget.value))} />
    )} />
  );
  return (
    <div class="form-grid">
      {text("number", "contracts.number", "contract-number")}
      <Field id="contract-kind" label={t("contracts.kind")} control={(p) => (
        <select {...p} data-testid="contract-kind" value={draft.kind}
          onChange={(e) => { const v = e.currentTarget.value; if (isOneOf(CONTRACT_KINDS, v)) onChange("kind", v); }}>
          {CONTRACT_KINDS.map((k) => <option key={k} value={k}>{t(`contractKind.${k}`)}</option>)}
        </select>
      )} />
      {text("customerNumber", "contracts.customer", "contract-customer", undefined, "org-customer-numbers")}
      <datalist id="org-customer-numbers">
        {customerNumbers.map((n) => <option key={n} value={n} />)}
      </datalist>
      {text("billingEntity", "contract.billingEntity", "contract-billing-entity", "contract.billingEntityHint")}
      <Field id="contract-invoiceDelivery" label={t("contract.delivery")} control={(p) => (
        <select {...p} data-testid="contract-delivery" value={draft.invoiceDelivery}
          onChange={(e) => { const v = e.currentTarget.value; if (v === "paper" || v === "email") onChange("invoiceDelivery", v); }}>
          <option value="paper">{t("delivery.paper")}</option>
          <option value="email">{t("delivery.email")}</option>
        </select>
      )} />
      {text("invoiceAddress", draft.invoiceDelivery === "email" ? "contract.invoiceEmail" : "contract.invoicePostal", "contract-invoice-address")}
      {text("startsOn", "contracts.starts", "contract-starts", "form.datePlaceholder")}
      {text("endsOn", "contracts.ends", "contract-ends", "form.datePlaceholder")}
      <Field id="contract-renewal" label={t("contract.renewal")} control={(p) => (
        <select {...p} data-testid="contract-renewal" value={draft.renewal}
          onChange={(e) => { const v = e.currentTarget.value; if (v === "tacit" || v === "express") onChange("renewal", v); }}>
          <option value="tacit">{t("renewal.tacit")}</option>
          <option value="express">{t("renewal.express")}</option>
        </select>
      )} />
      {text("noticeMonths", "contract.notice", "contract-notice", "contract.noticeHint")}
      {draft.renewal === "tacit" && text("renewalMonths", "contract.renewalTerm", "contract-renewal-months", "contract.renewalTermHint")}
    </div>
  );
}
