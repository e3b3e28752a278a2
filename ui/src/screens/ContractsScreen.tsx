import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { EmptyState } from "../components/EmptyState";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/context";
import type { ContractSummary } from "../types";

export function ContractsScreen() {
  const { t, tp, date, number } = useI18n();
  const [contracts, setContracts] = useState<ContractSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setError(null);
    api.contractsList().then(
      (list) => current && setContracts(list),
      (e) => current && setError(toApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  return (
    <section class="screen" aria-labelledby="contracts-title">
      <header class="screen-header">
        <h1 id="contracts-title">{t("contracts.title")}</h1>
        {contracts && <span class="count">{tp("contracts.count", contracts.length)}</span>}
      </header>
      {error && <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {contracts === null && !error && <p class="muted">{t("app.loading")}</p>}
      {contracts && contracts.length === 0 && <EmptyState>{t("contracts.empty")}</EmptyState>}
      {contracts && contracts.length > 0 && (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t("contracts.number")}</th>
              <th scope="col">{t("contracts.kind")}</th>
              <th scope="col">{t("contracts.customer")}</th>
              <th scope="col">{t("contracts.po")}</th>
              <th scope="col">{t("contracts.starts")}</th>
              <th scope="col">{t("contracts.ends")}</th>
              <th scope="col" class="num">{t("contracts.devices")}</th>
            </tr>
          </thead>
          <tbody>
            {contracts.map((c) => (
              <tr key={c.id} data-testid="contract-row" data-number={c.number}>
                <td class="mono">{c.number}</td>
                <td>{t(`contractKind.${c.kind}`)}</td>
                <td class="mono">{c.customerNumber}</td>
                <td class="mono">{c.poNumber ?? "—"}</td>
                <td>{date(c.startsOn) || "—"}</td>
                <td>{date(c.endsOn) || "—"}</td>
                <td class="num">{number(c.deviceCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
