import { useState } from "preact/hooks";
import { api, toApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import type { MessageKey } from "../../i18n/en";
import { amountText, formatPrice, levelReason, parseAmount } from "../../lib/cps";
import type { CpsLevelRow, Standing } from "../../types";
import { levelName } from "../../lib/cps";

type Props = { rows: CpsLevelRow[]; standing: Standing; onSaved: () => void };

// The level table: which levels the confirmed points open and why, and the figures
// the user reads on the dashboard (threshold, yearly price excluding VAT). Silver's
// GBP 85 is shown as the guide's example, never as Canon's price.
export function LevelTable({ rows, standing, onSaved }: Props) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div class="table-scroll">
    <table class="data-table" data-testid="cps-levels">
      <thead>
        <tr>
          <th>{t("cps.levels.level")}</th>
          <th>{t("cps.levels.availability")}</th>
          <th>{t("cps.levels.threshold")}</th>
          <th>{t("cps.levels.price")}</th>
          <th><span class="visually-hidden">{t("a11y.actions")}</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => editing === row.level
          ? <LevelEditor key={row.level} row={row} onDone={(saved) => { setEditing(null); if (saved) onSaved(); }} />
          : <LevelLine key={row.level} row={row} standing={standing} onEdit={() => setEditing(row.level)} />)}
      </tbody>
    </table>
    </div>
  );
}

function LevelLine({ row, standing, onEdit }: { row: CpsLevelRow; standing: Standing; onEdit: () => void }) {
  const { t, locale } = useI18n();
  const availability = standing.levels.find((o) => o.level === row.level)?.availability ?? "unknown";
  const reason = levelReason(row.level, availability, standing, row);
  return (
    <tr data-level={row.level} data-availability={availability}>
      <td>{levelName(row.level)}</td>
      <td>
        <strong class={availability === "open" ? "ok-text" : undefined}>{t(`cps.level.${availability}`)}</strong>
        <p class="hint">{t(`cps.why.${reason}`, { points: row.threshold ?? 0 })}</p>
      </td>
      <td class="num">{row.level === "corporate" ? t("cps.levels.corporateRule") : row.threshold ?? t("cps.levels.none")}</td>
      <td>
        {row.price ? formatPrice(row.price, locale) : t("cps.levels.none")}
        {row.priceSource === "guide_example" && <p class="hint" data-testid="cps-guide-example">{t("cps.levels.guideExample")}</p>}
        {row.priceSource === "user" && <p class="hint">{t("cps.levels.yours")}</p>}
      </td>
      <td><button type="button" class="secondary" data-testid={`cps-level-edit-${row.level}`} onClick={onEdit}>{t("cps.products.edit")}</button></td>
    </tr>
  );
}

function LevelEditor({ row, onDone }: { row: CpsLevelRow; onDone: (saved: boolean) => void }) {
  const { t, locale } = useI18n();
  const [threshold, setThreshold] = useState(row.threshold == null ? "" : String(row.threshold));
  const [amount, setAmount] = useState(row.price ? amountText(row.price.amountMinor, locale) : "");
  const [currency, setCurrency] = useState(row.price?.currency ?? "");
  const [error, setError] = useState<MessageKey | null>(null);

  const save = async () => {
    const points = threshold.trim() === "" ? null : /^\d+$/.test(threshold.trim()) ? Number(threshold.trim()) : NaN;
    if (Number.isNaN(points) || (points !== null && (points < 500 || points > 2000))) return setError("cps.levels.thresholdInvalid");
    let price = null;
    if (amount.trim() !== "" || currency.trim() !== "") {
      const minor = parseAmount(amount);
      if (minor === null || !/^[A-Za-z]{3}$/.test(currency.trim())) return setError("cps.levels.priceInvalid");
      price = { amountMinor: minor, currency: currency.trim() };
    }
    try {
      await api.cpsLevelSave({ level: row.level, threshold: row.level === "corporate" ? null : points, price, priceSource: row.priceSource });
      onDone(true);
    } catch (e) {
      const field = toApiError(e).field ?? "";
      setError(/threshold/.test(field) ? "cps.levels.thresholdInvalid" : "cps.levels.priceInvalid");
    }
  };

  return (
    <tr data-level={row.level} data-editing="1">
      <td>{levelName(row.level)}</td>
      <td>{error && <p class="field-error" role="alert">{t(error)}</p>}</td>
      <td>
        {row.level === "corporate" ? t("cps.levels.corporateRule") : (
          <input type="text" inputMode="numeric" aria-label={t("cps.levels.threshold")} data-testid="cps-level-threshold"
            value={threshold} onInput={(e) => setThreshold(e.currentTarget.value)} />
        )}
      </td>
      <td>
        <input type="text" inputMode="decimal" aria-label={t("cps.levels.price")} data-testid="cps-level-amount" size={8}
          value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />{" "}
        <input type="text" class="mono" maxLength={3} size={4} aria-label={t("cps.levels.currency")} data-testid="cps-level-currency"
          value={currency} onInput={(e) => setCurrency(e.currentTarget.value.toUpperCase())} />
      </td>
      <td>
        <button type="button" class="primary" data-testid="cps-level-save" onClick={save}>{t("cps.levels.save")}</button>{" "}
        <button type="button" class="secondary" onClick={() => onDone(false)}>{t("form.cancel")}</button>
      </td>
    </tr>
  );
}
