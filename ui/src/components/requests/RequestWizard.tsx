import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import { focusFirstField } from "../../lib/focus";
import { useUnsaved } from "../../lib/unsaved";
import { pickerFilter } from "../../lib/deviceSearch";
import { countersFor } from "../../lib/counters";
import {
  ATTACHMENT_KIND, TEXT_FACT, allIdentifiers, emptyFacts, errorsFromApi, formErrors, lastReadings, needsContract, siteAddress, todayIn,
  userTimeZone, wizardCounters, type RecordValues, type WizardErrors, type WizardForm,
} from "../../lib/requests";
import type { CatalogueEntry, ContractSummary, Device, DraftInput, Identifier, Prepared, Request, Site } from "../../types";
import { ErrorNotice } from "../ErrorNotice";
import type { FilterOption } from "../SearchFilter";
import { ReviewStep } from "./ReviewStep";
import { WizardFields } from "./WizardFields";

type Props = {
  entry: CatalogueEntry;
  smtpConfigured: boolean;
  onClose: (changed: Request | null, answeredNotYet?: boolean) => void;
};

// The one wizard every request situation goes through, driven by its catalogue
// entry: first the form (what the records do not know), then the prepared
// draft from the Rust side (French message, deadline, warnings) and the
// channel actions.
export function RequestWizard({ entry, smtpConfigured, onClose }: Props) {
  const { t } = useI18n();
  // The device chosen in the picker, which searches the fleet as the user types.
  const [device, setDevice] = useState<Device | null>(null);
  const [form, setForm] = useState<WizardForm>(() => ({
    deviceId: null,
    contractId: null,
    texts: {},
    effectiveOn: "",
    requestAddress: "",
    entityChange: null,
    readOn: todayIn(userTimeZone()),
    counters: [],
    attachments: {},
  }));
  const [errors, setErrors] = useState<WizardErrors>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  // Whether the user has typed or chosen anything: leaving would lose it.
  const [typed, setTyped] = useState(false);
  useUnsaved("wizard", typed && prepared === null);
  // Opening the wizard (and coming Back to its form) puts the keyboard in its first field.
  useEffect(() => {
    if (prepared === null) focusFirstField(() => document.querySelector(".wizard-form"));
  }, [prepared === null]);

  // The sites, for the address a device stands at (a move gives it to Canon).
  const [sites, setSites] = useState<Site[]>([]);
  const wantsSite = allIdentifiers(entry).includes("current_address");
  useEffect(() => {
    if (!wantsSite) return;
    let current = true;
    api.sitesList().then((list) => current && setSites(list), (e) => current && setGeneral(toApiError(e)));
    return () => { current = false; };
  }, [wantsSite]);

  // The invoice address the organisation saved is offered for the invoices by
  // email (it can still be changed), unless the user typed one first.
  const wantsInvoiceEmail = allIdentifiers(entry).includes("invoice_email");
  useEffect(() => {
    if (!wantsInvoiceEmail) return;
    let current = true;
    api.organisationGet().then((org) => {
      const saved = org?.invoiceEmail ?? "";
      if (current && saved !== "") setForm((f) => (f.texts.invoiceEmail ? f : { ...f, texts: { ...f.texts, invoiceEmail: saved } }));
    }, () => undefined);
    return () => { current = false; };
  }, [wantsInvoiceEmail]);

  // The contract chosen in the picker (which searches them as the user types), and
  // its summary (customer and PO numbers) read once chosen.
  const [contractChoice, setContractChoice] = useState<FilterOption | null>(null);
  const [contract, setContract] = useState<ContractSummary | null>(null);
  useEffect(() => {
    if (form.contractId === null) return setContract(null);
    let current = true;
    api.contractsGet([form.contractId]).then((list) => current && setContract(list[0] ?? null), (e) => current && setGeneral(toApiError(e)));
    return () => { current = false; };
  }, [form.contractId]);
  // With a single contract, it is the one.
  useEffect(() => {
    if (!needsContract(entry)) return;
    let current = true;
    api.contractsSearch("").then((m) => {
      const only = m.contracts[0];
      if (!current || m.total !== 1 || !only) return;
      setContractChoice((c) => c ?? { id: only.id, label: `${only.number} — ${t(`contractKind.${only.kind}`)}` });
      setForm((f) => (f.contractId === null ? { ...f, contractId: only.id } : f));
    }, (e) => current && setGeneral(toApiError(e)));
    return () => { current = false; };
  }, []);
  const site = sites.find((s) => s.id === device?.siteId) ?? null;
  const records: RecordValues = {
    serial: device?.serial,
    contractNumber: contract?.number,
    customerNumber: contract?.customerNumber,
    poNumber: contract?.poNumber,
    currentAddress: site ? siteAddress(site) : null,
  };

  // With a single candidate, it is the one.
  useEffect(() => {
    let current = true;
    api.devicesPage(pickerFilter("", "active", entry.situation === "dispose_owned_device" ? "owned" : null), 0, 2).then((page) => {
      const only = page.devices[0];
      if (!current || page.total !== 1 || !only) return;
      setDevice((d) => d ?? only);
      setForm((f) => (f.deviceId === null ? { ...f, deviceId: only.id } : f));
    }, (e) => current && setGeneral(toApiError(e)));
    return () => { current = false; };
  }, []);

  // A meter-reading request asks for every counter the device has readings for,
  // each checked against its last reading, and for the other counters its kind
  // has (a colour device offers its colour counter as well as the black one).
  const wantsCounters = entry.identifiers.includes("meter_readings");
  const kind = device?.kind ?? null;
  useEffect(() => {
    if (!wantsCounters) return;
    const offered = kind ? countersFor(kind) : ["black", "colour"];
    if (form.deviceId === null) {
      setForm((f) => ({ ...f, counters: wizardCounters(offered, []) }));
      return;
    }
    let current = true;
    api.readingsList(form.deviceId).then((readings) => {
      if (current) setForm((f) => ({ ...f, counters: wizardCounters(offered, lastReadings(readings)) }));
    }, (e) => current && setGeneral(toApiError(e)));
    return () => { current = false; };
  }, [wantsCounters, form.deviceId, kind]);

  const change = (part: Partial<WizardForm>, touched: string[]) => {
    setForm((f) => ({ ...f, ...part }));
    setTyped(true);
    setErrors((e) => {
      const next = { ...e };
      for (const key of touched) delete next[key];
      return next;
    });
  };

  const draftInput = (): DraftInput => {
    const facts = emptyFacts();
    for (const fact of Object.values(TEXT_FACT)) {
      const value = (form.texts[fact] ?? "").trim();
      if (value !== "") facts[fact] = value;
    }
    const wantsDate = entry.leadTime !== "none";
    const billingEntity = entry.situation === "change_billing_entity";
    if (billingEntity) facts.entityChange = form.entityChange;
    if (wantsCounters) facts.readOn = form.readOn.trim();
    return {
      situation: entry.situation,
      deviceId: form.deviceId,
      contractId: form.contractId,
      effectiveOn: wantsDate && form.effectiveOn.trim() !== "" ? form.effectiveOn.trim() : null,
      facts,
      requestAddress: form.requestAddress.trim() === "" ? null : form.requestAddress.trim(),
      newBillingEntity: billingEntity ? facts.newEntityName : null,
      counters: wantsCounters
        ? form.counters.filter((c) => c.value.trim() !== "").map((c) => ({ counter: c.counter, value: Number(c.value.trim()) }))
        : [],
      attachments: allIdentifiers(entry)
        .filter((identifier) => ATTACHMENT_KIND[identifier])
        .flatMap((identifier) => form.attachments[identifier] ?? []),
    };
  };

  const prepare = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found = formErrors(entry, form, records);
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      // A draft prepared before the user went back was taken back then (ReviewStep),
      // so the history keeps only the requests the user meant to make.
      setPrepared(await api.requestCreate(draftInput()));
    } catch (e) {
      const error = toApiError(e);
      const mapped = errorsFromApi(error);
      // A refused attachment shows under its field; a situation without one
      // shows it above the form.
      const attachmentField = allIdentifiers(entry).some((i) => ATTACHMENT_KIND[i]);
      if (mapped && (error.field !== "attachments" || attachmentField)) setErrors(mapped);
      else setGeneral(error);
    } finally {
      setBusy(false);
    }
  };

  const title = t(`situation.${entry.situation}.title`);
  if (prepared) {
    return (
      <ReviewStep entry={entry} prepared={prepared} smtpConfigured={smtpConfigured} title={title}
        onBack={() => setPrepared(null)} onClose={onClose} />
    );
  }
  return (
    <section class="wizard" aria-labelledby="wizard-title" data-situation={entry.situation}>
      <header class="screen-header">
        <h1 id="wizard-title">{title}</h1>
        <button type="button" class="secondary push-end" onClick={() => onClose(null)}>{t("wizard.cancel")}</button>
      </header>
      <p class="muted">{t(`situation.${entry.situation}.summary`)}</p>
      {general && general.field === "attachments" && <p class="notice error" role="alert">{t("wizard.attachmentRefused")}</p>}
      {general && general.field !== "attachments" && <ErrorNotice error={general} />}
      <form class="wizard-form" noValidate onSubmit={prepare}>
        <WizardFields entry={entry} form={form} records={records} device={device} errors={errors} onChange={change}
          contract={contractChoice}
          onContract={(c) => { setContractChoice(c); change({ contractId: c?.id ?? null }, ["contract_number", "customer_number", "contract"]); }}
          onDevice={(d) => { setDevice(d); change({ deviceId: d?.id ?? null }, ["serial_number", "device"]); }} />
        <div class="actions">
          <button type="submit" class="primary" data-testid="wizard-next" disabled={busy}>
            {busy ? t("wizard.preparing") : t("wizard.next")}
          </button>
        </div>
      </form>
    </section>
  );
}
