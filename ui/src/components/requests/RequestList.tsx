import { useI18n } from "../../i18n/context";
import { awaitsMailClientAnswer } from "../../lib/requests";
import type { ContractSummary, Device, Request } from "../../types";

type Props = {
  requests: Request[];
  devices: Device[];
  contracts: ContractSummary[];
  selectedId: number | null;
  retrying: number | null;
  canRetry: boolean;
  onSelect: (request: Request) => void;
  onRetry: (request: Request) => void;
};

// Grid rows with table roles, like the device list, so WebKitGTK's WebDriver
// can click whole rows.
export function RequestList({ requests, devices, contracts, selectedId, retrying, canRetry, onSelect, onRetry }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const record = (r: Request) => {
    const device = devices.find((d) => d.id === r.deviceId);
    const contract = contracts.find((c) => c.id === r.contractId);
    return [device?.serial, contract?.number].filter(Boolean).join(" · ") || "—";
  };
  return (
    <div class="grid-table requests" role="table" aria-label={t("requests.title")}>
      <div role="rowgroup">
        <div class="grid-row head" role="row">
          <div role="columnheader">{t("reqcol.situation")}</div>
          <div role="columnheader">{t("reqcol.status")}</div>
          <div role="columnheader">{t("reqcol.channel")}</div>
          <div role="columnheader">{t("reqcol.record")}</div>
          <div role="columnheader">{t("reqcol.created")}</div>
          <div role="columnheader">{t("reqcol.sent")}</div>
        </div>
      </div>
      <div role="rowgroup">
        {requests.map((r) => (
          <div key={r.id} role="row" data-testid="request-row" data-status={r.status} data-situation={r.situation} data-id={r.id}
            data-channel={r.channel ?? ""}
            class={r.id === selectedId ? "grid-row selected" : "grid-row"} aria-selected={r.id === selectedId ? "true" : "false"}
            onClick={() => onSelect(r)}>
            <div role="cell">
              <button type="button" class="row-link">{t(`situation.${r.situation}.title`)}</button>
            </div>
            <div role="cell">
              <span class={`badge request-${r.status}`}>{t(`reqStatus.${r.status}`)}</span>
              {awaitsMailClientAnswer(r) && (
                <span class="hint" data-testid="request-awaiting-answer">{t("requests.awaitingAnswer")}</span>
              )}
              {r.status === "outbox" && r.errorCode && (
                <span class="hint" data-testid="request-failure">{t(`fail.${r.errorCode}` as "fail.connection")}</span>
              )}
              {r.status === "outbox" && canRetry && (
                <button type="button" class="secondary small" data-testid="request-retry" disabled={retrying === r.id}
                  title={r.lastError ?? undefined}
                  onClick={(e) => { e.stopPropagation(); onRetry(r); }}>
                  {retrying === r.id ? t("requests.retrying") : t("requests.retry")}
                </button>
              )}
            </div>
            <div role="cell">{r.channel ? t(`channel.${r.channel}`) : "—"}</div>
            <div role="cell" class="mono">{record(r)}</div>
            <div role="cell">{i18n.dateTime(r.createdAt)}</div>
            <div role="cell">{r.sentAt ? i18n.dateTime(r.sentAt) : "—"}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
