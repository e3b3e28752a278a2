// Device pickers (the devices a contract covers, the device a request is about)
// search the fleet as the user types: one short page of matches, never the whole
// list, so a record of ten thousand devices costs what one of fifty does.
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
export function pickerRows(pinned: readonly Device[], matches: readonly Device[]): Device[] {
  const ids = new Set(pinned.map((d) => d.id));
  return [...pinned, ...matches.filter((d) => !ids.has(d.id))];
}

export type DeviceSearch = {
  // The first matches, or null until the first answer.
  matches: Device[] | null;
  // How many devices match in all.
  total: number;
  // The query the matches answer (trimmed), once the typing has paused.
  query: string;
  error: ApiError | null;
};

export function useDeviceSearch(query: string, status: DeviceStatus | null, source: PageSource = fetchDevicePage, ownership: Ownership | null = null): DeviceSearch {
  const debounced = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const [found, setFound] = useState<Omit<DeviceSearch, "error">>({ matches: null, total: 0, query: debounced });
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    // An answer to an older query is dropped when it arrives.
    let current = true;
    source(pickerFilter(debounced, status, ownership), 0, PICKER_LIMIT).then(
      (page) => {
        if (!current) return;
        setFound({ matches: page.devices, total: page.total, query: debounced });
        setError(null);
      },
      (e) => current && setError(toApiError(e)),
    );
    return () => { current = false; };
  }, [debounced, status, source, ownership]);
  return { ...found, error };
}
