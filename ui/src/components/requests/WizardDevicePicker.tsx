import { useRef, useState } from "preact/hooks";
import { useI18n } from "../../i18n/context";
import { fetchDevicePage } from "../../lib/devicePages";
import { pickerRows, useDeviceSearch } from "../../lib/deviceSearch";
import type { Device, Ownership } from "../../types";
import type { ControlProps } from "../Field";
import { ErrorNotice } from "../ErrorNotice";

type Props = {
  control: ControlProps;
  selected: Device | null;
  onPick: (device: Device | null) => void;
  // Only devices held this way (owned, for a disposal); null lists them all.
  ownership?: Ownership | null;
};

// The device a request is about: a search box over the active devices and a list
// of the first matches (the chosen device stays in it whatever is typed).
export function WizardDevicePicker({ control, selected, onPick, ownership = null }: Props) {
  const { t, tp } = useI18n();
  const [query, setQuery] = useState("");
  const search = useDeviceSearch(query, "active", fetchDevicePage, ownership);
  const list = useRef<HTMLSelectElement>(null);

  const matches = search.matches ?? [];
  const options = pickerRows(selected ? [selected] : [], matches);
  const more = search.total - matches.length;

  return (
    <div class="device-picker">
      <input type="search" data-testid="wizard-device-search" autocomplete="off" spellcheck={false}
        aria-label={t("wizard.deviceSearch")} placeholder={t("devices.filterPlaceholder")} value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        // Enter goes to the list instead of submitting the wizard.
        onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); list.current?.focus(); } }} />
      {search.error && <ErrorNotice error={search.error} />}
      {search.matches === null && !search.error && <p class="muted">{t("app.loading")}</p>}
      {search.matches !== null && (
        <select {...control} ref={list} data-testid="wizard-device" value={selected ? String(selected.id) : ""}
          onChange={(e) => { const id = Number(e.currentTarget.value); onPick(options.find((d) => d.id === id) ?? null); }}>
          <option value="">{t("wizard.choose")}</option>
          {options.map((d) => <option key={d.id} value={String(d.id)}>{`${d.serial} — ${d.model}${d.siteName ? ` (${d.siteName})` : ""}`}</option>)}
        </select>
      )}
      {search.query !== "" && search.matches !== null && matches.length === 0 && <p class="hint">{t("devices.noMatch")}</p>}
      {more > 0 && <p class="hint">{tp("contract.devicesMore", more)}</p>}
    </div>
  );
}
