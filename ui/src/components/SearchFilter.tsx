import { useState } from "preact/hooks";
import { useI18n } from "../i18n/context";
import { pickerRows, useSearch, type Matches } from "../lib/deviceSearch";
import { ErrorNotice } from "./ErrorNotice";

// One choice of a filter: what it is and what the user reads.
export type FilterOption = { id: number; label: string };

type Props = {
  // The filter's name ("Contract"), shown above it.
  label: string;
  // The search box's accessible name and placeholder.
  searchLabel: string;
  placeholder: string;
  // The list's data-testid; the search box has the same with "-search".
  testid: string;
  chosen: FilterOption | null;
  // The first matches of a query and how many there are.
  find: (query: string) => Promise<Matches<FilterOption>>;
  onChoose: (option: FilterOption | null) => void;
};

// A filter over a list that may be long (two thousand contracts, hundreds of
// sites): a search box and the first matches, searched as the user types, like the
// device pickers. The choice stays in the list whatever is typed.
export function SearchFilter({ label, searchLabel, placeholder, testid, chosen, find, onChoose }: Props) {
  const { t, tp } = useI18n();
  const [query, setQuery] = useState("");
  const search = useSearch(query, find, []);
  const matches = search.matches ?? [];
  const options = pickerRows(chosen ? [chosen] : [], matches);
  const more = search.total - matches.length;
  const id = `${testid}-label`;

  return (
    <div class="inline-field search-filter" role="group" aria-labelledby={id}>
      <span id={id}>{label}</span>
      <div class="search-filter-row">
        <input type="search" data-testid={`${testid}-search`} autocomplete="off" spellcheck={false}
          aria-label={searchLabel} placeholder={placeholder} value={query}
          onInput={(e) => setQuery(e.currentTarget.value)} onChange={(e) => setQuery(e.currentTarget.value)}
          // Enter goes to the list: the search box submits nothing.
          onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus(); } }} />
        <select data-testid={testid} aria-label={label} value={chosen ? String(chosen.id) : ""}
          onChange={(e) => { const v = Number(e.currentTarget.value); onChoose(options.find((o) => o.id === v) ?? null); }}>
          <option value="">{t("devices.all")}</option>
          {options.map((o) => <option key={o.id} value={String(o.id)}>{o.label}</option>)}
        </select>
      </div>
      {search.error && <ErrorNotice error={search.error} />}
      {search.query !== "" && search.matches !== null && matches.length === 0 && <span class="hint">{t("devices.noMatch")}</span>}
      {more > 0 && <span class="hint" data-testid={`${testid}-more`}>{tp("lean.moreMatches", more)}</span>}
    </div>
  );
}
