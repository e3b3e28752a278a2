import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Device } from "../types";
import { useI18n } from "../i18n/context";

// Every row has the same height, so the rows in view follow from the scroll
// position alone and only those (plus a small margin) are in the DOM, whether
// the fleet has five devices or ten thousand.
export const ROW_HEIGHT = 40;
const OVERSCAN = 8;

type Props = {
  total: number;
  row: (index: number) => Device | undefined;
  indexOf: (id: number) => number | null;
  show: (first: number, last: number) => void;
  selectedId: number | null;
  onSelect: (device: Device) => void;
};

// Rows are grid boxes with table roles rather than <tr> elements because
// WebKitGTK's WebDriver reports table rows as "not interactable" and the
// end-to-end test clicks whole rows. The whole row is clickable for the mouse;
// the serial number is a real button so the keyboard reaches every row, and
// its click bubbles to the row handler.
export function DeviceTable({ total, row, indexOf, show, selectedId, onSelect }: Props) {
  const { t } = useI18n();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  // Where the selected row was last seen: its page may have been dropped from the
  // cache since (the list keeps only the pages near the rows in view).
  const lastIndex = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    observer.observe(el);
    setHeight(el.clientHeight || 600);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => show(first, last), [first, last, show]);

  // Up and Down move the selection through the whole list, Home and End jump to
  // its ends; the list scrolls so the selected row stays in view and the rows
  // around it are fetched.
  const onKeyDown = (e: KeyboardEvent) => {
    const current = selectedId === null ? null : (indexOf(selectedId) ?? lastIndex.current);
    let next: number | null = null;
    if (e.key === "ArrowDown") next = current === null ? 0 : Math.min(total - 1, current + 1);
    else if (e.key === "ArrowUp") next = current === null ? 0 : Math.max(0, current - 1);
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = total - 1;
    if (next === null) return;
    e.preventDefault();
    const el = viewport.current;
    if (el) {
      const top = next * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    }
    lastIndex.current = next;
    const device = row(next);
    if (device) onSelect(device);
    else show(next, next);
  };

  const indexes: number[] = [];
  for (let i = first; i <= last; i++) indexes.push(i);

  return (
    <div class="grid-table devices" role="table" aria-label={t("devices.title")} aria-rowcount={total + 1}>
      <div role="rowgroup">
        <div class="grid-row head" role="row" aria-rowindex={1}>
          <div role="columnheader">{t("col.serial")}</div>
          <div role="columnheader">{t("col.model")}</div>
          <div role="columnheader">{t("col.kind")}</div>
          <div role="columnheader">{t("col.site")}</div>
          <div role="columnheader">{t("col.ownership")}</div>
          <div role="columnheader">{t("col.status")}</div>
        </div>
      </div>
      <div class="rows-viewport" ref={viewport} role="rowgroup" data-testid="device-viewport" tabIndex={0}
        aria-label={t("devices.listKeys")} onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: `${total * ROW_HEIGHT}px`, position: "relative" }}>
          {indexes.map((i) => {
            const d = row(i);
            const style = { position: "absolute", top: `${i * ROW_HEIGHT}px`, left: 0, right: 0, height: `${ROW_HEIGHT}px` };
            if (!d) {
              return (
                <div key={`p${i}`} role="row" aria-rowindex={i + 2} class="grid-row placeholder" style={style}>
                  <div role="cell" class="muted">…</div>
                </div>
              );
            }
            return (
              <div
                key={d.id}
                role="row"
                aria-rowindex={i + 2}
                data-testid="device-row"
                data-serial={d.serial}
                class={d.id === selectedId ? "grid-row selected" : "grid-row"}
                aria-selected={d.id === selectedId ? "true" : "false"}
                style={style}
                onClick={() => { lastIndex.current = i; onSelect(d); }}
              >
                <div role="cell">
                  <button type="button" class="row-link mono">{d.serial}</button>
                </div>
                <div role="cell" class="ellipsis" title={d.model}>{d.model}</div>
                <div role="cell" title={t(`kind.${d.kind}`)}>{t(`kind.${d.kind}`)}</div>
                <div role="cell" class="ellipsis" title={d.siteName ?? undefined}>{d.siteName ?? "—"}</div>
                <div role="cell">{t(`ownership.${d.ownership}`)}</div>
                <div role="cell">
                  <span class={`badge status-${d.status}`}>{t(`status.${d.status}`)}</span>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
