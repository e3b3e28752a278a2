// Which counters a device has, and the reading a new one is checked against.
import type { DeviceKind, MeterReading } from "../types";

export const COUNTERS = ["black", "colour", "large_format", "total"] as const;
export type Counter = (typeof COUNTERS)[number];

// Cameras and lenses have no billed counters; a large-format inkjet is billed on
// its printed area as well as its ink.
export function countersFor(kind: DeviceKind): readonly Counter[] {
  switch (kind) {
    case "printer":
    case "mfp":
    case "production_press":
      return ["black", "colour"];
    case "large_format":
      return ["large_format", "black", "colour"];
    case "camera":
    case "lens":
      return [];
  }
}

// The latest reading of a counter (by date, then by id for same-day readings).
export function lastReading(readings: readonly MeterReading[], counter: string): MeterReading | null {
  let last: MeterReading | null = null;
  for (const r of readings) {
    if (r.counter !== counter) continue;
    if (!last || r.readOn > last.readOn || (r.readOn === last.readOn && r.id > last.id)) last = r;
  }
  return last;
}

// A whole, non-negative number typed by the user (spaces and thin spaces as
// thousands separators are accepted), or null.
export function parseCount(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f.,']/g, "");
  if (!/^\d+$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isSafeInteger(value) ? value : null;
}

// The readings of a counter just before (on or before) and just after a date: a new
// reading on that date must not be below the first nor above the second.
export function neighbours(
  readings: readonly MeterReading[],
  counter: string,
  readOn: string,
): { before: MeterReading | null; after: MeterReading | null } {
  let before: MeterReading | null = null;
  let after: MeterReading | null = null;
  for (const r of readings) {
    if (r.counter !== counter) continue;
    if (r.readOn <= readOn) {
      if (!before || r.readOn > before.readOn || (r.readOn === before.readOn && r.id > before.id)) before = r;
    } else if (!after || r.readOn < after.readOn || (r.readOn === after.readOn && r.id < after.id)) {
      after = r;
    }
  }
  return { before, after };
}
