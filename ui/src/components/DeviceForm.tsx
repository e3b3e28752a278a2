import { useEffect, useRef, useState } from "preact/hooks";
import { api, toApiError } from "../api";
import type { Device, DeviceInput } from "../types";
import { useModal } from "../lib/useModal";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";
import { DEVICE_KINDS, METER_TRANSMISSIONS, OWNERSHIPS, isOneOf } from "../lib/enums";
import {
  NO_ERRORS,
  errorsFromApi,
  hasErrors,
  normaliseInput,
  clientErrors,
  installedInFuture,
  type DeviceField,
  type FieldProblem,
  type FormErrors,
} from "../lib/deviceForm";
import { ConfirmDialog } from "./ConfirmDialog";
import { Field } from "./Field";
import { SearchSelect, type FilterOption } from "./SearchFilter";
import { differs, useUnsaved } from "../lib/unsaved";
import { typedDate } from "../lib/dates";
import { problemText } from "../lib/problems";
import { todayIn } from "../lib/requests";

type Props = {
  title: string;
  initial: DeviceInput;
  // The name of the site `initial` names, if any (the list of sites is searched).
  siteName: string | null;
  save: (input: DeviceInput) => Promise<Device>;
  onSaved: (device: Device) => void;
  onCancel: () => void;
};

function problemKey(problem: Exclude<FieldProblem, object>): MessageKey {
  if (problem === "required") return "form.required";
  if (problem === "date") return "form.dateInvalid";
  return `error.${problem}`;
}

// The installation date is a text field in ISO form rather than <input
// type="date">: WebKitGTK's segmented date control follows the OS locale, not
// the app's, and garbles typed ISO dates, which breaks keyboard entry and the
// end-to-end test alike.
//
// The form lives in a modal <dialog> so that Escape closes it natively and
// focus cannot wander into the list behind it while editing.
// The sites a device may stand at, searched as the user types.
const findSites = (query: string) => api.sitesSearch(query).then((m) => ({
  items: m.sites.map((s): FilterOption => ({ id: s.id, label: s.city ? `${s.name} (${s.city})` : s.name })),
  total: m.total,
}));

export function DeviceForm({ title, initial, siteName, save, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const dialogRef = useModal();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<DeviceInput>(initial);
  const [site, setSite] = useState<FilterOption | null>(initial.siteId === null ? null : { id: initial.siteId, label: siteName ?? "" });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  // Closing the form with changes asks first; so does leaving the section.
  const dirty = differs(draft, initial);
  useUnsaved("device", dirty);
  const [asking, setAsking] = useState(false);
  const cancel = () => (dirty ? setAsking(true) : onCancel());


  // After a failed save, focus goes to the first field the user must fix.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [errors]);

  const set = <K extends DeviceField>(field: K, value: DeviceInput[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    // An error about a field disappears as soon as the user changes it.
    setErrors((e) => {
      if (!(field in e.fields)) return e;
      const fields = { ...e.fields };
      delete fields[field];
      return { ...e, fields };
    });
  };

  const errorText = (field: DeviceField) => {
    const problem = errors.fields[field];
    if (!problem) return undefined;
    return typeof problem === "object" ? problemText(t, problem, field === "serial" ? "serial" : "other") : t(problemKey(problem));
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const input = normaliseInput(draft);
    const missing = clientErrors(input);
    if (hasErrors(missing)) {
      setErrors(missing);
      return;
    }
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      onSaved(await save(input));
    } catch (e) {
      setErrors(errorsFromApi(toApiError(e)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <dialog
      ref={dialogRef}
      class="modal form-dialog"
      aria-labelledby="device-form-title"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <form ref={formRef} class="device-form" noValidate onSubmit={onSubmit}>
        <h2 id="device-form-title">{title}</h2>
        {errors.general && (
          <p class="notice error" role="alert" data-testid="field-error">
            {t(`error.${errors.general}`)}
          </p>
        )}
        <div class="grid">
          <Field id="device-serial" label={t("form.serial")} hint={t("form.serialHint")} error={errorText("serial")}
            control={(a) => (
              <input {...a} type="text" data-testid="device-serial" autofocus autocomplete="off" spellcheck={false}
                required value={draft.serial} onInput={(e) => set("serial", e.currentTarget.value)} />
            )} />
          <Field id="device-model" label={t("form.model")} error={errorText("model")}
            control={(a) => (
              <input {...a} type="text" data-testid="device-model" autocomplete="off" required
                value={draft.model} onInput={(e) => set("model", e.currentTarget.value)} />
            )} />
          <Field id="device-kind" label={t("form.kind")} error={errorText("kind")}
            control={(a) => (
              <select {...a} data-testid="device-kind" value={draft.kind}
                onChange={(e) => isOneOf(DEVICE_KINDS, e.currentTarget.value) && set("kind", e.currentTarget.value)}>
                {DEVICE_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
              </select>
            )} />
          <Field id="device-site" label={t("form.site")} error={errorText("siteId")}
            control={(a) => (
              <div class="device-picker">
                <SearchSelect control={a} testid="device-site" searchLabel={t("search.siteSearch")} placeholder={t("search.siteSearchPlaceholder")}
                  noneLabel={t("form.siteNone")} chosen={site} find={findSites}
                  onChoose={(s) => { setSite(s); set("siteId", s?.id ?? null); }} />
              </div>
            )} />
          <Field id="device-ownership" label={t("form.ownership")} error={errorText("ownership")}
            control={(a) => (
              <select {...a} data-testid="device-ownership" value={draft.ownership}
                onChange={(e) => isOneOf(OWNERSHIPS, e.currentTarget.value) && set("ownership", e.currentTarget.value)}>
                {OWNERSHIPS.map((o) => <option key={o} value={o}>{t(`ownership.${o}`)}</option>)}
              </select>
            )} />
          <Field id="device-installed-on" label={t("form.installedOn")} error={errorText("installedOn")}
            hint={installedInFuture(draft.installedOn, todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone)) ? t("device.installedFuture") : undefined}
            control={(a) => (
              <input {...a} type="text" inputMode="numeric" data-testid="device-installed-on" autocomplete="off"
                placeholder={t("form.datePlaceholder")} value={draft.installedOn ?? ""}
                onInput={(e) => set("installedOn", typedDate(e.currentTarget.value))} />
            )} />
          <Field id="device-meter" label={t("form.meter")} error={errorText("meterTransmission")}
            control={(a) => (
              <select {...a} data-testid="device-meter" value={draft.meterTransmission}
                onChange={(e) => isOneOf(METER_TRANSMISSIONS, e.currentTarget.value) && set("meterTransmission", e.currentTarget.value)}>
                {METER_TRANSMISSIONS.map((m) => <option key={m} value={m}>{t(`meter.${m}`)}</option>)}
              </select>
            )} />
          <Field id="device-notes" label={t("form.notes")} error={errorText("notes")} wide
            control={(a) => (
              <textarea {...a} data-testid="device-notes" rows={3} value={draft.notes}
                onInput={(e) => set("notes", e.currentTarget.value)} />
            )} />
        </div>
        <div class="actions">
          <button type="button" class="secondary" data-testid="device-cancel" onClick={cancel}>
            {t("form.cancel")}
          </button>
          <button type="submit" class="primary" data-testid="device-save" disabled={saving}>
            {saving ? t("form.saving") : t("form.save")}
          </button>
        </div>
      </form>
      {asking && (
        <ConfirmDialog title={t("unsaved.title")} message={t("unsaved.message")} confirmLabel={t("unsaved.leave")} danger
          onCancel={() => setAsking(false)} onConfirm={() => { setAsking(false); onCancel(); }} />
      )}
    </dialog>
  );
}
