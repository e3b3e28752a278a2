// The generated bindings carry enum types but not their values, so the lists
// the selects offer live here; the `satisfies` clauses fail the type check when
// Rust adds or renames a variant.
import type { DocumentKind } from "../bindings";
import type { ContractKind, DeviceKind, DeviceStatus, MeterTransmission, Ownership, ReadingSource, Theme } from "../types";

type Exhaustive<T extends string> = readonly T[] & { length: number };

export const DEVICE_KINDS = ["printer", "mfp", "production_press", "large_format", "camera", "lens"] as const satisfies Exhaustive<DeviceKind>;
export const OWNERSHIPS = ["owned", "leased", "rented"] as const satisfies Exhaustive<Ownership>;
export const DEVICE_STATUSES = ["active", "moved", "disposed"] as const satisfies Exhaustive<DeviceStatus>;
export const METER_TRANSMISSIONS = ["automatic", "manual"] as const satisfies Exhaustive<MeterTransmission>;
export const CONTRACT_KINDS = ["maintenance", "lease", "rental"] as const satisfies Exhaustive<ContractKind>;
export const READING_SOURCES = ["manual", "automatic", "estimated"] as const satisfies Exhaustive<ReadingSource>;
export const DOCUMENT_KINDS = ["kbis", "vat_certificate", "invoice", "meter_reading_page", "email", "other"] as const satisfies Exhaustive<DocumentKind>;
export const THEMES = ["system", "light", "dark"] as const satisfies Exhaustive<Theme>;

// A variant missing from a list above makes this type `false` and the
// assignment below fail, which `satisfies` alone would not catch.
type Covers<List extends readonly string[], Union extends string> = [Union] extends [List[number]] ? true : false;
const coverage: [
  Covers<typeof DEVICE_KINDS, DeviceKind>,
  Covers<typeof OWNERSHIPS, Ownership>,
  Covers<typeof DEVICE_STATUSES, DeviceStatus>,
  Covers<typeof METER_TRANSMISSIONS, MeterTransmission>,
  Covers<typeof CONTRACT_KINDS, ContractKind>,
  Covers<typeof READING_SOURCES, ReadingSource>,
  Covers<typeof THEMES, Theme>,
  Covers<typeof DOCUMENT_KINDS, DocumentKind>,
] = [true, true, true, true, true, true, true, true];
void coverage;

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
