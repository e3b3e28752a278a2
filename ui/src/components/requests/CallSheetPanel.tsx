import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../../api";
import { useI18n } from "../../i18n/context";
import { formatDateTime } from "../../i18n/format";
import { todayIn, userTimeZone, zonedTimeToInstant } from "../../lib/requests";
import type { CallSheet, Request } from "../../types";
import { ErrorNotice } from "../ErrorNotice";

type Props = { requestId: number; onRecorded: (request: Request) => void };

// Everything needed to call Canon France: the number and menu choice, the
// hours in Paris and in the user's own zone, the cost, whether the line is
// open now and when it next opens, and the identifiers to read out; then the
// outcome of the call.
export function CallSheetPanel({ requestId, onRecorded }: Props) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const zone = userTimeZone();
  const [sheet, setSheet] = useState<CallSheet | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [outcome, setOutcome] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.requestCallSheet(requestId, zone).then(setSheet, (e) => setError(toApiError(e)));
  }, [requestId, zone]);

  const record = async () => {
    if (busy || outcome.trim() === "") return;
    setBusy(true);
    try {
      onRecorded(await api.requestRecordCall(requestId, outcome.trim()));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  if (!sheet) return error ? <ErrorNotice error={error} /> : <p class="muted">{t("app.loading")}</p>;

  const time = (d: Date) => new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: zone }).format(d);
  const parisToday = todayIn("Europe/Paris");
  const opensLocal = time(zonedTimeToInstant(parisToday, sheet.opens, "Europe/Paris"));
  const closesLocal = time(zonedTimeToInstant(parisToday, sheet.closes, "Europe/Paris"));
  const price = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", minimumFractionDigits: 2 }).format(sheet.serviceCentsPerMinute / 100);

  return (
    <section class="call-sheet detail-panel" aria-labelledby="call-title" data-testid="call-sheet" data-open-now={sheet.openNow ? "true" : "false"}>
      <h2 id="call-title">{t("call.title")}</h2>
      <dl class="facts">
        <div>
          <dt>{t("call.number")}</dt>
          {/* Plain text, not a tel: link: the webview would try to navigate to it. */}
          <dd><span class="call-number mono" data-testid="call-number" title={sheet.numberE164}>{sheet.number}</span></dd>
        </div>
        <div>
          <dt />
          <dd data-testid="call-menu">{t("call.menu", { choice: sheet.menuChoice })}</dd>
        </div>
        <div>
          <dt>{t("call.hours")}</dt>
          <dd>
            {t("call.hoursParis", { opens: sheet.opens, closes: sheet.closes })}
            {zone !== sheet.hoursZone && <><br /><span data-testid="call-hours-local">{t("call.hoursLocal", { zone, opens: opensLocal, closes: closesLocal })}</span></>}
          </dd>
        </div>
        <div>
          <dt>{t("call.cost")}</dt>
          <dd>{t("call.costValue", { price })}</dd>
        </div>
        <div>
          <dt />
          <dd>
            <span class={sheet.openNow ? "badge status-active" : "badge"} data-testid="call-open-now">{sheet.openNow ? t("call.openNow") : t("call.closedNow")}</span>
            {!sheet.openNow && <> {t("call.nextOpening", { when: formatDateTime(sheet.nextOpening, locale, zone) })}</>}
          </dd>
        </div>
      </dl>
      {/* 0820 numbers are often out of reach from abroad: the written channels stay in view. */}
      <div class={zone === sheet.hoursZone ? "notice info" : "notice warning"} data-testid="call-abroad">
        <p>{t("call.abroad", { number: sheet.numberE164 })}</p>
        <ul>
          {sheet.salesContactEmail && <li>{t("call.writeSales")}{t("csv.sep")}<span class="mono" data-testid="call-abroad-sales">{sheet.salesContactEmail}</span></li>}
          <li>{t("call.writeCaseMgt")}{t("csv.sep")}<span class="mono" data-testid="call-abroad-casemgt">{sheet.caseManagementEmail}</span></li>
        </ul>
      </div>
      <h3>{t("call.readOut")}</h3>
      <dl class="facts" data-testid="call-identifiers">
        {sheet.identifiers.map((r) => (
          <div key={r.identifier}>
            <dt>{t(`identifier.${r.identifier}`)}</dt>
            <dd class={r.value ? "mono notes" : "muted"}>{r.value ?? t("call.findIt")}</dd>
          </div>
        ))}
      </dl>
      {error && <ErrorNotice error={error} />}
      <label class="field" for="call-outcome">
        <span>{t("call.outcome")}</span>
        <textarea id="call-outcome" rows={3} data-testid="call-outcome" value={outcome} onInput={(e) => setOutcome(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="button" class="primary" data-testid="call-record" disabled={busy || outcome.trim() === ""} onClick={record}>{t("call.record")}</button>
      </div>
    </section>
  );
}
