import { useState } from "preact/hooks";
import { api, toApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import type { MessageKey } from "../../i18n/en";
import { parsePoints } from "../../lib/cps";
import { isIsoDate, typedDate } from "../../lib/dates";
import { useModal } from "../../lib/useModal";
import type { CpsProduct, CpsProductInput } from "../../types";
import { Field } from "../Field";

type Props = { product: CpsProduct | null; onSaved: () => void; onCancel: () => void };

type Draft = {
  serial: string; model: string; kind: "camera" | "lens"; purchaseDate: string;
  country: string; dealer: string; points: string; registration: CpsProductInput["registration"];
};

const REGISTRATIONS = ["not_registered", "registered", "migrated"] as const;

// A camera or lens with what CPS's "My products" asks. Only the serial and the
// model are required here: a product missing a CPS detail is kept and flagged on
// the screen, since the user may add it later (a best guess is accepted).
export function ProductForm({ product, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const dialogRef = useModal();
  const [draft, setDraft] = useState<Draft>(() => ({
    serial: product?.serial ?? "",
    model: product?.model ?? "",
    kind: product?.kind === "lens" ? "lens" : "camera",
    purchaseDate: product?.purchaseDate ?? "",
    country: product?.countryOfPurchase ?? "",
    dealer: product?.dealer ?? "",
    points: product?.points == null ? "" : String(product.points),
    registration: product?.registration ?? "not_registered",
  }));
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined as unknown as MessageKey }));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const found: Record<string, MessageKey> = {};
    if (draft.serial.trim() === "") found.serial = "cps.error.required";
    if (draft.model.trim() === "") found.model = "cps.error.required";
    if (draft.purchaseDate.trim() !== "" && !isIsoDate(draft.purchaseDate.trim())) found.purchaseDate = "cps.error.date";
    const points = parsePoints(draft.points);
    if (points === undefined) found.points = "cps.form.pointsInvalid";
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    const input: CpsProductInput = {
      serial: draft.serial, model: draft.model, kind: draft.kind,
      purchaseDate: draft.purchaseDate.trim() || null,
      countryOfPurchase: draft.country, dealer: draft.dealer,
      points: points ?? null, registration: draft.registration,
    };
    setSaving(true);
    try {
      if (product) await api.cpsProductUpdate(product.deviceId, input);
      else await api.cpsProductCreate(input);
      onSaved();
    } catch (e) {
      const error = toApiError(e);
      const field = error.field === "serial" || error.field === "model" ? error.field : "general";
      setErrors({ [field]: `error.${error.code}` as MessageKey });
    } finally {
      setSaving(false);
    }
  };

  const err = (key: string) => (errors[key] ? t(errors[key]) : undefined);
  return (
    <dialog ref={dialogRef} class="modal form-dialog" aria-labelledby="cps-product-title"
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <form class="device-form" noValidate onSubmit={submit} data-testid="cps-product-form">
        <h2 id="cps-product-title">{product ? t("cps.form.editTitle", { serial: product.serial }) : t("cps.form.addTitle")}</h2>
        <p class="hint">{t("cps.form.bestGuess")}</p>
        {errors.general && <p class="notice error" role="alert">{t(errors.general)}</p>}
        <div class="grid">
          <Field id="cps-serial" label={t("form.serial")} error={err("serial")}
            control={(a) => <input {...a} type="text" class="mono" autocomplete="off" spellcheck={false} data-testid="cps-field-serial"
              value={draft.serial} onInput={(e) => set("serial", e.currentTarget.value)} />} />
          <Field id="cps-model" label={t("form.model")} error={err("model")}
            control={(a) => <input {...a} type="text" data-testid="cps-field-model" value={draft.model}
              onInput={(e) => set("model", e.currentTarget.value)} />} />
          <Field id="cps-kind" label={t("form.kind")}
            control={(a) => <select {...a} data-testid="cps-field-kind" value={draft.kind}
              onChange={(e) => set("kind", e.currentTarget.value === "lens" ? "lens" : "camera")}>
              <option value="camera">{t("kind.camera")}</option>
              <option value="lens">{t("kind.lens")}</option>
            </select>} />
          <Field id="cps-purchase" label={t("cps.form.purchaseDate")} error={err("purchaseDate")}
            control={(a) => <input {...a} type="text" inputMode="numeric" placeholder={t("form.datePlaceholder")} data-testid="cps-field-purchase"
              value={draft.purchaseDate} onInput={(e) => set("purchaseDate", typedDate(e.currentTarget.value))} />} />
          <Field id="cps-country" label={t("cps.form.country")}
            control={(a) => <input {...a} type="text" data-testid="cps-field-country" value={draft.country}
              onInput={(e) => set("country", e.currentTarget.value)} />} />
          <Field id="cps-dealer" label={t("cps.form.dealer")}
            control={(a) => <input {...a} type="text" data-testid="cps-field-dealer" value={draft.dealer}
              onInput={(e) => set("dealer", e.currentTarget.value)} />} />
          <Field id="cps-points" label={t("cps.form.points")} hint={t("cps.form.pointsHint")} error={err("points")}
            control={(a) => <input {...a} type="text" inputMode="numeric" data-testid="cps-field-points" value={draft.points}
              onInput={(e) => set("points", e.currentTarget.value)} />} />
          <Field id="cps-registration" label={t("cps.products.registration")}
            control={(a) => <select {...a} data-testid="cps-field-registration" value={draft.registration}
              onChange={(e) => { const v = REGISTRATIONS.find((r) => r === e.currentTarget.value); if (v) set("registration", v); }}>
              {REGISTRATIONS.map((r) => <option key={r} value={r}>{t(`cps.registration.${r}`)}</option>)}
            </select>} />
        </div>
        <div class="actions">
          <button type="button" class="secondary" onClick={onCancel}>{t("form.cancel")}</button>
          <button type="submit" class="primary" data-testid="cps-product-save" disabled={saving}>
            {saving ? t("form.saving") : t("form.save")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
