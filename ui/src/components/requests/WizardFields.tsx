import { useI18n } from "../../i18n/context";
import type { MessageKey } from "../../i18n/en";
import { COUNTERS } from "../../lib/counters";
import { ATTACHMENT_KIND, LONG_FACTS, TEXT_FACT, allIdentifiers, needsContract, needsDevice, prefilled, type RecordValues, type WizardErrors, type WizardForm } from "../../lib/requests";
import { api } from "../../api";
import type { CatalogueEntry, Device, Identifier } from "../../types";
import { Field } from "../Field";
import { SearchSelect, type FilterOption } from "../SearchFilter";
import { AttachmentPicker } from "./AttachmentPicker";
import { LeadTimeNote } from "./LeadTimeNote";
import { WizardDevicePicker } from "./WizardDevicePicker";
import { typedDate } from "../../lib/dates";

type Props = {
  entry: CatalogueEntry;
  form: WizardForm;
  records: RecordValues;
  device: Device | null;
  onDevice: (device: Device | null) => void;
  // The contract chosen, searched among all of them as the user types.
  contract: FilterOption | null;
  onContract: (contract: FilterOption | null) => void;
  errors: WizardErrors;
  onChange: (change: Partial<WizardForm>, touched: string[]) => void;
};

const PROBLEM: Record<string, MessageKey> = {
  required: "wizard.required",
  number: "wizard.number",
  belowLast: "wizard.belowLast",
  email: "wizard.email",
  date: "wizard.date",
};

// The form half of the generic wizard: the device and contract the request is
// about, then only the identifiers the records do not already give, the
// effective date with its deadline, and the counters of a meter-reading request.
export function WizardFields({ entry, form, records, device, onDevice, contract, onContract, errors, onChange }: Props) {
  const i18n = useI18n();
  const findContracts = (query: string) => api.contractsSearch(query).then((m) => ({
    items: m.contracts.map((c): FilterOption => ({ id: c.id, label: `${c.number} — ${i18n.t(`contractKind.${c.kind}`)}` })),
    total: m.total,
  }));
  const { t } = i18n;
  const problem = (key: string) => {
    const code = errors[key];
    if (!code) return undefined;
    // The backend refused an attachment (its hash, name or kind).
    if (key === "attachments" && code === "validation") return t("wizard.attachmentRefused");
    // The backend refused the device: only an owned one can be disposed of.
    if (key === "device" && code === "validation") return t("wizard.notOwned");
    return t(PROBLEM[code] ?? (`error.${code}` as MessageKey));
  };
  const label = (identifier: Identifier) => {
    const text = t(`identifier.${identifier}`);
    return entry.identifiers.includes(identifier) ? text : t("wizard.optional", { label: text });
  };
  const counterName = (counter: string) => ((COUNTERS as readonly string[]).includes(counter) ? t(`counter.${counter}` as MessageKey) : counter);
  const hintFor = (identifier: Identifier): string | undefined => {
    if (identifier === "contract_number" || identifier === "serial_number" || identifier === "customer_number") return t("identifier.onInvoices");
    if (identifier === "new_entity_name") return t("wizard.newBillingEntityHint");
    if (identifier === "new_entity_siret") return t("org.siretHint");
    return undefined;
  };
  const emailTo = entry.channels.find((c) => c.kind === "email");
  const onRequest = emailTo?.kind === "email" && emailTo.to.kind === "address_on_request";

  return (
    <div class="grid wizard-grid">
      {needsDevice(entry) && (
        <Field id="wizard-device" label={t("wizard.device")} error={problem("device")}
          hint={entry.situation === "dispose_owned_device" ? t("wizard.ownedOnly") : undefined}
          control={(a) => <WizardDevicePicker control={a} selected={device} onPick={onDevice} ownership={entry.situation === "dispose_owned_device" ? "owned" : null} />} />
      )}
      {needsContract(entry) && (
        <Field id="wizard-contract" label={t("wizard.contract")} error={problem("contract")}
          control={(a) => (
            <div class="device-picker">
              <SearchSelect control={a} testid="wizard-contract" searchLabel={t("search.contractSearch")} placeholder={t("search.contractSearchPlaceholder")}
                noneLabel={t("wizard.choose")} chosen={contract} find={findContracts} onChoose={onContract} />
            </div>
          )} />
      )}
      {allIdentifiers(entry).map((identifier) => {
        const fact = TEXT_FACT[identifier];
        const known = prefilled(entry.situation, identifier, records);
        if (fact && known) {
          return (
            <div class="field" key={identifier}>
              <span>{label(identifier)}</span>
              <span class="prefilled mono" data-testid={`wizard-prefilled-${identifier}`}>{known}</span>
              <p class="hint">{t("wizard.fromRecords")}</p>
            </div>
          );
        }
        if (fact) {
          const long = LONG_FACTS.includes(identifier);
          return (
            <Field key={identifier} id={`wizard-${identifier}`} label={label(identifier)} wide={long} error={problem(identifier)}
              hint={hintFor(identifier)}
              control={(a) => long ? (
                <textarea {...a} rows={3} data-testid={`wizard-field-${identifier}`} value={form.texts[fact] ?? ""}
                  onInput={(e) => onChange({ texts: { ...form.texts, [fact]: e.currentTarget.value } }, [identifier])} />
              ) : (
                <input {...a} type="text" inputMode={identifier === "invoice_email" ? "email" : "text"} autocomplete="off" spellcheck={false}
                  data-testid={`wizard-field-${identifier}`} value={form.texts[fact] ?? ""}
                  onInput={(e) => onChange({ texts: { ...form.texts, [fact]: e.currentTarget.value } }, [identifier])} />
              )} />
          );
        }
        if (ATTACHMENT_KIND[identifier]) {
          return (
            <Field key={identifier} id={`wizard-${identifier}`} label={label(identifier)} hint={t("wizard.attachmentHint")} wide error={problem(identifier) ?? problem("attachments")}
              control={(a) => (
                <AttachmentPicker control={a} testid={`wizard-field-${identifier}`} kind={ATTACHMENT_KIND[identifier] ?? "other"}
                  value={form.attachments[identifier] ?? null}
                  onPicked={(kept) => onChange({ attachments: { ...form.attachments, [identifier]: kept } }, [identifier, "attachments"])} />
              )} />
          );
        }
        return null;
      })}
      {entry.situation === "change_billing_entity" && (
        <fieldset class="field wide plain-fieldset" data-testid="wizard-entity-change" aria-describedby={errors.entity_change ? "wizard-entity-change-error" : undefined}>
          <legend>{t("wizard.entityChange")}</legend>
          {(["takeover", "sale"] as const).map((change) => (
            <label key={change} class="check-field">
              <input type="radio" name="wizard-entity-change" value={change} data-testid={`wizard-entity-change-${change}`} checked={form.entityChange === change}
                onChange={() => onChange({ entityChange: change }, ["entity_change"])} />
              <span>{t(`entityChange.${change}`)}</span>
            </label>
          ))}
          {errors.entity_change && <p class="field-error" id="wizard-entity-change-error" data-testid="field-error">{problem("entity_change")}</p>}
        </fieldset>
      )}
      {entry.identifiers.includes("meter_readings") && (
        <Field id="wizard-read-on" label={t("wizard.readOn")} error={problem("read_on")}
          control={(a) => (
            <input {...a} type="text" inputMode="numeric" autocomplete="off" placeholder={t("form.datePlaceholder")} data-testid="wizard-read-on"
              value={form.readOn} onInput={(e) => onChange({ readOn: typedDate(e.currentTarget.value) }, ["read_on"])} />
          )} />
      )}
      {entry.identifiers.includes("meter_readings") && form.counters.map((c, index) => (
        <Field key={c.counter} id={`wizard-counter-${c.counter}`}
          label={c.optional ? t("wizard.optional", { label: counterName(c.counter) }) : counterName(c.counter)} error={problem(`counter-${c.counter}`)}
          hint={c.last === null ? t("wizard.counterNone") : t("wizard.counterLast", { value: i18n.number(c.last), date: i18n.date(c.lastOn) })}
          control={(a) => (
            <input {...a} type="text" inputMode="numeric" autocomplete="off" data-testid={`wizard-field-counter-${c.counter}`} value={c.value}
              onInput={(e) => {
                const counters = form.counters.map((x, i) => (i === index ? { ...x, value: e.currentTarget.value } : x));
                onChange({ counters }, [`counter-${c.counter}`]);
              }} />
          )} />
      ))}
      {onRequest && (
        <Field id="wizard-request-address" label={t("wizard.requestAddress")} hint={t("wizard.requestAddressHint")} error={problem("request_address")}
          control={(a) => (
            <input {...a} type="email" autocomplete="off" spellcheck={false} data-testid="wizard-field-request_address" value={form.requestAddress}
              onInput={(e) => onChange({ requestAddress: e.currentTarget.value }, ["request_address"])} />
          )} />
      )}
      {entry.leadTime !== "none" && (
        <Field id="wizard-effective-date" label={t(entry.leadTime === "one_month_before" ? "wizard.effectiveDate" : "wizard.requestDate")}
          error={problem("effective_date")}
          control={(a) => (
            <input {...a} type="text" inputMode="numeric" autocomplete="off" placeholder={t("form.datePlaceholder")} data-testid="wizard-effective-date"
              value={form.effectiveOn} onInput={(e) => onChange({ effectiveOn: typedDate(e.currentTarget.value) }, ["effective_date"])} />
          )} />
      )}
      {entry.leadTime === "one_month_before" && (
        <div class="field wide"><LeadTimeNote effectiveOn={form.effectiveOn} /></div>
      )}
      {entry.quoteFirst && <p class="notice info wide">{t("wizard.quoteFirst")}</p>}
      {entry.identifiers.includes("meter_readings") && (
        <p class="notice warning wide" data-testid="wizard-estimate-warning">{t("warning.estimated_invoice_final")}</p>
      )}
    </div>
  );
}
