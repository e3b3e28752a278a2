import { useState } from "preact/hooks";
import { api, toApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import type { MessageKey } from "../../i18n/en";
import { isIsoDate, typedDate } from "../../lib/dates";
import { useModal } from "../../lib/useModal";
import type { CpsMembership, Level } from "../../types";
import { Field } from "../Field";
import { levelName } from "../../lib/cps";

type Input = Parameters<typeof api.cpsMembershipRecord>[0];
type Props = { current: CpsMembership | null; onSaved: () => void; onCancel: () => void };

const LEVELS: Level[] = ["silver", "gold", "platinum", "corporate"];
const STATUSES = ["active", "expired", "cancelled"] as const;

// The membership as Canon's dashboard shows it, for one bought before Canon Desk or
// changed on the portal. The same number updates it; a new number is recorded beside
// the old one, which is kept as superseded.
export function MembershipForm({ current, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const dialogRef = useModal();
  const [draft, setDraft] = useState<Input>(() => ({
    number: current?.number ?? "",
    status: current?.status ?? "active",
    level: current?.level ?? "silver",
    expiresOn: current?.expiresOn ?? null,
    subscription: current?.subscription ?? "auto_renewal",
    payment: current?.payment ?? "card",
    poNumber: current?.poNumber ?? null,
  }));
  const [expires, setExpires] = useState(current?.expiresOn ?? "");
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Input>(key: K, value: Input[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const err = (key: string) => (errors[key] ? t(errors[key]) : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const found: Record<string, MessageKey> = {};
    if (draft.number.trim() === "") found.number = "cps.error.required";
    if (expires.trim() !== "" && !isIsoDate(expires.trim())) found.expires = "cps.error.date";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await api.cpsMembershipRecord({ ...draft, expiresOn: expires.trim() || null, poNumber: draft.poNumber?.trim() || null });
      onSaved();
    } catch (e) {
      const error = toApiError(e);
      if (error.field === "membership_number") setErrors({ number: /earlier/.test(error.message) ? "cps.error.superseded" : "cps.error.number" });
      else if (error.field === "po_number") setErrors({ po: "error.validation" });
      else setErrors({ general: `error.${error.code}` as MessageKey });
    } finally {
      setSaving(false);
    }
  };

  return (
    <dialog ref={dialogRef} class="modal form-dialog" aria-labelledby="cps-ms-form-title"
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <form class="device-form" noValidate onSubmit={submit} data-testid="cps-membership-form">
        <h2 id="cps-ms-form-title">{t("cps.ms.record")}</h2>
        <p class="hint">{t("cps.ms.recordHint")}</p>
        {errors.general && <p class="notice error" role="alert">{t(errors.general)}</p>}
        <div class="grid">
          <Field id="cps-ms-number" label={t("cps.ms.number")} error={err("number")}
            control={(a) => <input {...a} type="text" class="mono" inputMode="numeric" data-testid="cps-ms-number"
              value={draft.number} onInput={(e) => set("number", e.currentTarget.value)} />} />
          <Field id="cps-ms-status" label={t("cps.ms.status")}
            control={(a) => <select {...a} value={draft.status}
              onChange={(e) => { const v = STATUSES.find((s) => s === e.currentTarget.value); if (v) set("status", v); }}>
              {STATUSES.map((s) => <option key={s} value={s}>{t(`cps.ms.status.${s}`)}</option>)}
            </select>} />
          <Field id="cps-ms-level" label={t("cps.ms.level")}
            control={(a) => <select {...a} value={draft.level}
              onChange={(e) => { const v = LEVELS.find((l) => l === e.currentTarget.value); if (v) set("level", v); }}>
              {LEVELS.map((l) => <option key={l} value={l}>{levelName(l)}</option>)}
            </select>} />
          <Field id="cps-ms-expires" label={t("cps.ms.expires")} error={err("expires")}
            control={(a) => <input {...a} type="text" inputMode="numeric" placeholder={t("form.datePlaceholder")}
              value={expires} onInput={(e) => setExpires(typedDate(e.currentTarget.value))} />} />
          <Field id="cps-ms-subscription" label={t("cps.ms.subscription")}
            control={(a) => <select {...a} value={draft.subscription}
              onChange={(e) => set("subscription", e.currentTarget.value === "one_off" ? "one_off" : "auto_renewal")}>
              <option value="auto_renewal">{t("cps.co.auto_renewal")}</option>
              <option value="one_off">{t("cps.co.one_off")}</option>
            </select>} />
          <Field id="cps-ms-payment" label={t("cps.ms.payment")}
            control={(a) => <select {...a} value={draft.payment}
              onChange={(e) => set("payment", e.currentTarget.value === "bank_transfer" ? "bank_transfer" : "card")}>
              <option value="card">{t("cps.co.card")}</option>
              <option value="bank_transfer">{t("cps.co.bank_transfer")}</option>
            </select>} />
          <Field id="cps-ms-po" label={t("cps.co.po")} error={err("po")}
            control={(a) => <input {...a} type="text" class="mono" placeholder="eg-0123456789"
              value={draft.poNumber ?? ""} onInput={(e) => set("poNumber", e.currentTarget.value)} />} />
        </div>
        <div class="actions">
          <button type="button" class="secondary" onClick={onCancel}>{t("form.cancel")}</button>
          <button type="submit" class="primary" data-testid="cps-ms-save" disabled={saving}>{saving ? t("form.saving") : t("form.save")}</button>
        </div>
      </form>
    </dialog>
  );
}
