// Pickers (the devices a contract covers, the device a request is about, the
// device list's contract and site filters) search as the user types: one short
// page of matches, never the whole list, so a record of ten thousand devices or
// two thousand contracts costs what one of fifty does.
import { useEffect, useState } from "preact/hooks";
import { toApiError, type ApiError } from "../api";
import type { Device, DeviceFilter, DeviceStatus, Ownership } from "../types";
import { fetchDevicePage, type PageSource } from "./devicePages";
import { useDebounced } from "./useDebounced";

// Matches a picker shows at once; more asks the user to narrow the search.
export const PICKER_LIMIT = 50;
// The devices a contract covers that its picker lists first (the backend's largest page).
export const LINKED_LIMIT = 500;
// Typing waits this long before searching, so a word is one query, not one per key.
export const SEARCH_DELAY_MS = 150;

export function pickerFilter(query: string, status: DeviceStatus | null, ownership: Ownership | null = null): DeviceFilter {
  const q = query.trim();
  return { query: q === "" ? null : q, status, kind: null, siteId: null, contractId: null, ownership };
}

// The rows of a picker: the pinned devices first (the ones already chosen), then
// the matches, each device once.
export function pickerRows<T extends { id: number }>(pinned: readonly T[], matches: readonly T[]): T[] {
  const ids = new Set(pinned.map((d) => d.id));
  return [...pinned, ...matches.filter((d) => !ids.has(d.id))];
}

// What a picker's search has found so far.
export type Search<T> = {
  // The first matches, or null until the first answer.
  matches: T[] | null;
  // How many match in all.
  total: number;
  // The query the matches answer (trimmed), once the typing has paused.
  query: string;
  error: ApiError | null;
};

export type DeviceSearch = Search<Device>;

// One short page of matches and how many there are in all.
export type Matches<T> = { items: T[]; total: number };

// Every picker's search as the user types (devices, contracts, sites): the query
// waits for a pause in the typing, and an answer to an older query is dropped.
// `find` is called again whenever the debounced query or one of `deps` changes.
export function useSearch<T>(query: string, find: (query: string) => Promise<Matches<T>>, deps: readonly unknown[]): Search<T> {
  const debounced = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const [found, setFound] = useState<Omit<Search<T>, "error">>({ matches: null, total: 0, query: debounced });
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let current = true;
    find(debounced).then(
      (m) => {
        if (!current) return;
        setFound({ matches: m.items, total: m.total, query: debounced });
        setError(null);
      },
      (e) => current && setError(toApiError(e)),
    );
    return () => { current = false; };
  }, [debounced, ...deps]);
  return { ...found, error };
}

export function useDeviceSearch(query: string, status: DeviceStatus | null, source: PageSource = fetchDevicePage, ownership: Ownership | null = null): DeviceSearch {
  return useSearch(
    query,
    (q) => source(pickerFilter(q, status, ownership), 0, PICKER_LIMIT).then((page) => ({ items: page.devices, total: page.total })),
    [status, source, ownership],
  );
}
