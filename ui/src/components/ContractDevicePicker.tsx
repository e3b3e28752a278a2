import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { useI18n } from "../i18n/context";
import { LINKED_LIMIT, pickerFilter, pickerRows, useDeviceSearch } from "../lib/deviceSearch";
import type { Device } from "../types";
import { ErrorNotice } from "./ErrorNotice";

type Props = {
  contractId: number;
  // The devices the contract covers as saved; they head the list while nothing is typed.
  linkedIds: number[];
  chosen: Set<number>;
  onToggle: (id: number, on: boolean) => void;
};

// The devices a contract covers, as a checklist searched as the user types:
// the covered devices first, then the first matches of the whole fleet.
export function ContractDevicePicker({ contractId, linkedIds, chosen, onToggle }: Props) {
  const { t, tp } = useI18n();
  const [query, setQuery] = useState("");
  const [linked, setLinked] = useState<Device[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const search = useDeviceSearch(query, null);
  const linkedKey = linkedIds.join(",");

  useEffect(() => {
    let current = true;
    const filter = { ...pickerFilter("", null), contractId };
    api.devicesPage(filter, 0, LINKED_LIMIT).then((page) => current && setLinked(page.devices), (e) => current && setError(toApiError(e)));
    return () => { current = false; };
  }, [contractId, linkedKey]);

  const matches = search.matches ?? [];
  const rows = pickerRows(search.query === "" ? linked : [], matches);
  const more = search.total - matches.length;
  const failure = error ?? search.error;

  return (
    <>
      <label class="inline-field">
        <span>{t("devices.filter")}</span>
        <input type="search" data-testid="contract-device-filter" value={query} autocomplete="off" placeholder={t("devices.filterPlaceholder")}
          onInput={(e) => setQuery(e.currentTarget.value)} onChange={(e) => setQuery(e.currentTarget.value)}
          // The list follows the typing; Enter does not save the links.
          onKeyDown={(e) => e.key === "Enter" && e.preventDefault()} />
      </label>
      {failure && <ErrorNotice error={failure} />}
      {search.matches === null && !failure && <p class="muted">{t("app.loading")}</p>}
      {search.matches !== null && rows.length === 0 && <p class="muted">{t("devices.noMatch")}</p>}
      <ul class="check-list">
        {rows.map((d) => (
          <li key={d.id}>
            <label class="check-field">
              <input type="checkbox" data-testid="contract-device-option" data-serial={d.serial} checked={chosen.has(d.id)}
                onChange={(e) => onToggle(d.id, e.currentTarget.checked)} />
              <span class="mono">{d.serial}</span> <span>{d.model}</span> <span class="muted">{d.siteName ?? ""}</span>
            </label>
          </li>
        ))}
      </ul>
      {more > 0 && <p class="hint">{tp("contract.devicesMore", more)}</p>}
    </>
  );
}
