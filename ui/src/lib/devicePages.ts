// The device list is read a page at a time: the window shows a few dozen rows
// of a fleet that can hold ten thousand, so only the pages around the visible
// rows are fetched and kept: pages that scroll far away are dropped, so scrolling
// to the end of the list holds as much memory as the first screen did.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { Device, DeviceFilter } from "../types";

export const PAGE_SIZE = 100;

export type PageSource = (filter: DeviceFilter, offset: number, limit: number) => Promise<{ total: number; devices: Device[] }>;

export const fetchDevicePage: PageSource = (filter, offset, limit) => api.devicesPage(filter, offset, limit);

// Page indexes needed to show rows [first, last], plus one page either side so
// scrolling does not wait at each page boundary.
export function pagesFor(first: number, last: number, total: number): number[] {
  if (total <= 0 || last < first) return [];
  const lastPage = Math.floor((total - 1) / PAGE_SIZE);
  const from = Math.max(0, Math.floor(first / PAGE_SIZE) - 1);
  const to = Math.min(lastPage, Math.floor(last / PAGE_SIZE) + 1);
  const out: number[] = [];
  for (let p = from; p <= to; p++) out.push(p);
  return out;
}

// The most pages kept at once: the visible ones and their neighbours (pagesFor
// asks for at most four on a window of up to a hundred rows) with room for the two
// last left behind, so scrolling back a little does not fetch again.
export const MAX_PAGES = 6;

// The pages to keep once `wanted` are needed: all of them while there are no more
// than `max`, otherwise the `max` nearest to the wanted range (the wanted ones
// first, since their distance is 0).
export function keptPages<T>(pages: ReadonlyMap<number, T>, wanted: readonly number[], max: number = MAX_PAGES): Map<number, T> {
  if (pages.size <= max || wanted.length === 0) return new Map(pages);
  const lo = Math.min(...wanted);
  const hi = Math.max(...wanted);
  const distance = (p: number) => (p < lo ? lo - p : p > hi ? p - hi : 0);
  const nearest = [...pages.keys()].sort((a, b) => distance(a) - distance(b) || a - b).slice(0, max);
  return new Map(nearest.map((p) => [p, pages.get(p) as T]));
}

export type DevicePages = {
  total: number | null;
  row: (index: number) => Device | undefined;
  show: (first: number, last: number) => void;
  error: ApiError | null;
  // The index of a device in the current list, when its page is loaded.
  indexOf: (id: number) => number | null;
};

export function useDevicePages(filter: DeviceFilter, reload: number, source: PageSource = fetchDevicePage): DevicePages {
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, Device[]>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  // The pages the rows in view need, so a page arriving late does not keep far ones.
  const wanted = useRef<number[]>([0]);
  const key = JSON.stringify(filter);

  const load = useCallback(
    (page: number, gen: number) => {
      if (inFlight.current.has(page)) return;
      inFlight.current.add(page);
      source(filter, page * PAGE_SIZE, PAGE_SIZE).then(
        (result) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(page);
          setTotal(result.total);
          setPages((old) => keptPages(new Map(old).set(page, result.devices), wanted.current));
          setError(null);
        },
        (e) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(page);
          setError(toApiError(e));
        },
      );
    },
    [key, source],
  );

  // A new filter (or a reload after an edit) starts from the first page; an
  // answer to an older filter is dropped when it arrives.
  useEffect(() => {
    generation.current += 1;
    inFlight.current = new Set();
    wanted.current = [0];
    setPages(new Map());
    load(0, generation.current);
  }, [key, reload, load]);

  const show = useCallback(
    (first: number, last: number) => {
      if (total === null) return;
      const needed = pagesFor(first, last, total);
      wanted.current = needed;
      for (const p of needed) if (!pages.has(p)) load(p, generation.current);
      if (pages.size > MAX_PAGES) setPages((old) => keptPages(old, needed));
    },
    [total, pages, load],
  );

  const row = (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  const indexOf = (id: number) => {
    for (const [p, list] of pages) {
      const i = list.findIndex((d) => d.id === id);
      if (i >= 0) return p * PAGE_SIZE + i;
    }
    return null;
  };
  return { total, row, show, error, indexOf };
}
