import { useState } from "preact/hooks";
import { useI18n } from "../i18n/context";
import { pickerRows, useSearch, type Matches } from "../lib/deviceSearch";
import type { ControlProps } from "./Field";
import { ErrorNotice } from "./ErrorNotice";

// One choice of a picker: what it is and what the user reads.
export type FilterOption = { id: number; label: string };

type SelectProps = {
  // The search box's accessible name and placeholder.
  searchLabel: string;
  placeholder: string;
  // The list's data-testid; the search box has the same with "-search".
  testid: string;
  // The first line of the list: "All" for a filter, "Choose…" in a form.
  noneLabel: string;
  chosen: FilterOption | null;
  // The first matches of a query and how many there are.
  find: (query: string) => Promise<Matches<FilterOption>>;
  onChoose: (option: FilterOption | null) => void;
  // The list's id and description when it is a form's field.
  control?: ControlProps;
  // The list's accessible name when it has no label of its own.
  listLabel?: string;
};

// A choice among many (two thousand contracts, hundreds of sites): a search box
// and the first matches, searched as the user types, like the device pickers. The
// choice stays in the list whatever is typed.
export function SearchSelect({ searchLabel, placeholder, testid, noneLabel, chosen, find, onChoose, control, listLabel }: SelectProps) {
  const { t, tp } = useI18n();
  const [query, setQuery] = useState("");
  const search = useSearch(query, find, []);
  const matches = search.matches ?? [];
  const options = pickerRows(chosen ? [chosen] : [], matches);
  const more = search.total - matches.length;

  return (
    <>
      <div class="search-filter-row">
        <input type="search" data-testid={`${testid}-search`} autocomplete="off" spellcheck={false}
          aria-label={searchLabel} placeholder={placeholder} value={query}
          onInput={(e) => setQuery(e.currentTarget.value)} onChange={(e) => setQuery(e.currentTarget.value)}
          // Enter goes to the list: the search box submits nothing.
          onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus(); } }} />
        <select {...control} data-testid={testid} aria-label={listLabel} value={chosen ? String(chosen.id) : ""}
          onChange={(e) => { const v = Number(e.currentTarget.value); onChoose(options.find((o) => o.id === v) ?? null); }}>
          <option value="">{noneLabel}</option>
          {options.map((o) => <option key={o.id} value={String(o.id)}>{o.label}</option>)}
        </select>
      </div>
      {search.error && <ErrorNotice error={search.error} />}
      {search.query !== "" && search.matches !== null && matches.length === 0 && <span class="hint">{t("devices.noMatch")}</span>}
      {more > 0 && <span class="hint" data-testid={`${testid}-more`}>{tp("search.moreMatches", more)}</span>}
    </>
  );
}

type FilterProps = Omit<SelectProps, "noneLabel" | "control" | "listLabel"> & {
  // The filter's name ("Contract"), shown above it.
  label: string;
};

// A filter of a list's toolbar over a list that may be long: its name above a
// SearchSelect whose first line is "All".
export function SearchFilter({ label, ...select }: FilterProps) {
  const { t } = useI18n();
  const id = `${select.testid}-label`;
  return (
    <div class="inline-field search-filter" role="group" aria-labelledby={id}>
      <span id={id}>{label}</span>
      <SearchSelect {...select} noneLabel={t("devices.all")} listLabel={label} />
    </div>
  );
}
