import type { MeterReading } from "../types";
import { useI18n } from "../i18n/context";
import { COUNTERS } from "../lib/counters";
import { isOneOf } from "../lib/enums";

type Props = { readings: MeterReading[]; onRemove: (r: MeterReading) => void };

export function ReadingsTable({ readings, onRemove }: Props) {
  const { t, date, number } = useI18n();
  if (readings.length === 0) return <p class="muted">{t("readings.empty")}</p>;
  return (
    <div class="table-scroll">
    <table class="data-table readings">
      <thead>
        <tr>
          <th scope="col">{t("readings.date")}</th>
          <th scope="col">{t("readings.counter")}</th>
          <th scope="col" class="num">{t("readings.value")}</th>
          <th scope="col">{t("readings.source")}</th>
          <th scope="col"><span class="visually-hidden">{t("reading.remove")}</span></th>
        </tr>
      </thead>
      <tbody>
        {readings.map((r) => (
          <tr key={r.id} data-testid="reading-row" data-counter={r.counter} data-value={r.value}>
            <td>{date(r.readOn)}</td>
            <td>{isOneOf(COUNTERS, r.counter) ? t(`counter.${r.counter}`) : r.counter}</td>
            <td class="num">{number(r.value)}</td>
            <td>
              <span class={`badge source-${r.source}`}>{t(`source.${r.source}`)}</span>
            </td>
            <td class="row-actions">
              <button type="button" class="secondary danger small" data-testid="reading-remove" onClick={() => onRemove(r)}>
                {t("reading.remove")}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
