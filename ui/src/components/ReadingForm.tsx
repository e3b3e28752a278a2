import { useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { useI18n } from "../i18n/context";
import { neighbours, parseCount, type Counter } from "../lib/counters";
import { READING_SOURCES, isOneOf } from "../lib/enums";
import type { Device, MeterReading, ReadingSource } from "../types";
import { ErrorNotice } from "./ErrorNotice";
import { isIsoDate, typedDate } from "../lib/dates";

type Props = { device: Device; counters: readonly Counter[]; readings: MeterReading[]; onAdded: (r: MeterReading) => void };

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// A reading lower than the one before it (by date) is refused by the backend unless
// the user says the counter was reset, and a back-dated one higher than the next is
// refused too; the form says so with the reading in the way, so the user knows what
// to fix.
export function ReadingForm({ device, counters, readings, onAdded }: Props) {
  const { t, number, date } = useI18n();
  const [counter, setCounter] = useState<string>(counters[0] ?? "black");
  const [value, setValue] = useState("");
  const [readOn, setReadOn] = useState(today());
  const [source, setSource] = useState<ReadingSource>("manual");
  const [isReset, setIsReset] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const { before, after } = neighbours(readings, counter, readOn);
  const lowerMessage = (r: MeterReading) => t("reading.errorLower", { value: number(r.value), date: date(r.readOn) });
  const higherMessage = (r: MeterReading) => t("reading.errorHigher", { value: number(r.value), date: date(r.readOn) });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    setError(null);
    const parsed = parseCount(value);
    if (parsed === null) return setProblem(t("reading.errorNumber"));
    if (!isIsoDate(readOn)) return setProblem(t("form.dateInvalid"));
    if (before && parsed < before.value && !isReset) return setProblem(lowerMessage(before));
    setProblem(null);
    setSaving(true);
    try {
      const added = await api.readingAdd({ deviceId: device.id, counter, value: parsed, readOn, source, isReset });
      setValue("");
      setIsReset(false);
      onAdded(added);
    } catch (err) {
      const apiError = toApiError(err);
      // The backend also refuses a back-dated value above the next reading (unless
      // that one was a reset, which only it knows).
      const inTheWay =
        after && parsed > after.value ? higherMessage(after) : before && parsed < before.value ? lowerMessage(before) : null;
      if (apiError.code === "validation" && apiError.field === "value" && inTheWay) {
        setProblem(inTheWay);
      } else if (apiError.code === "validation" && apiError.field === "readOn") {
        setProblem(t("form.dateInvalid"));
      } else {
        setError(apiError);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="reading-form" onSubmit={submit} aria-label={t("reading.add")}>
      <label class="inline-field">
        <span>{t("readings.counter")}</span>
        <select data-testid="reading-counter" value={counter} onChange={(e) => setCounter(e.currentTarget.value)}>
          {counters.map((c) => <option key={c} value={c}>{t(`counter.${c}`)}</option>)}
        </select>
      </label>
      <label class="inline-field">
        <span>{t("readings.value")}</span>
        <input data-testid="reading-value" inputMode="numeric" value={value} aria-invalid={problem ? "true" : undefined}
          aria-describedby={problem ? "reading-problem" : undefined}
          onInput={(e) => { setValue(e.currentTarget.value); setProblem(null); }} onChange={(e) => { setValue(e.currentTarget.value); setProblem(null); }} />
      </label>
      <label class="inline-field">
        <span>{t("readings.date")}</span>
        <input data-testid="reading-date" value={readOn} inputMode="numeric" autocomplete="off" placeholder={t("form.datePlaceholder")}
          onInput={(e) => setReadOn(typedDate(e.currentTarget.value))} onChange={(e) => setReadOn(typedDate(e.currentTarget.value))} />
      </label>
      <label class="inline-field">
        <span>{t("readings.source")}</span>
        <select data-testid="reading-source" value={source}
          onChange={(e) => { const v = e.currentTarget.value; if (isOneOf(READING_SOURCES, v)) setSource(v); }}>
          {READING_SOURCES.map((s) => <option key={s} value={s}>{t(`source.${s}`)}</option>)}
        </select>
      </label>
      <label class="check-field">
        <input type="checkbox" data-testid="reading-reset" checked={isReset} onChange={(e) => setIsReset(e.currentTarget.checked)} />
        <span>{t("reading.reset")}</span>
      </label>
      <button type="submit" class="primary" data-testid="reading-save" disabled={saving}>{t("reading.add")}</button>
      {before && <p class="hint wide">{t("reading.last", { value: number(before.value), date: date(before.readOn) })}</p>}
      {problem && <p class="field-error wide" id="reading-problem" role="alert" data-testid="reading-problem">{problem}</p>}
      {error && <div class="wide"><ErrorNotice error={error} /></div>}
    </form>
  );
}
