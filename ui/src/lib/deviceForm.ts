// Pure helpers behind the device form, kept apart from the component so they
// can be tested without a DOM.
import type { Device, DeviceInput, ErrorCode } from "../types";
import type { ApiError } from "../api";
import type { Problem } from "../bindings";
import { isIsoDate } from "./dates";
import { serialProblem } from "./identifiers";

export type DeviceField = keyof DeviceInput;
export type FieldProblem = ErrorCode | "required" | "date" | Problem;
export type FormErrors = { fields: Partial<Record<DeviceField, FieldProblem>>; general: ErrorCode | null };

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

const FIELDS: readonly DeviceField[] = ["serial", "model", "kind", "siteId", "ownership", "installedOn", "meterTransmission", "notes"];

export function emptyDeviceInput(): DeviceInput {
  return { serial: "", model: "", kind: "mfp", siteId: null, ownership: "owned", installedOn: null, meterTransmission: "automatic", notes: "" };
}

export function inputFromDevice(d: Device): DeviceInput {
  return {
    serial: d.serial,
    model: d.model,
    kind: d.kind,
    siteId: d.siteId,
    ownership: d.ownership,
    installedOn: d.installedOn,
    meterTransmission: d.meterTransmission,
    notes: d.notes,
  };
}

// Stray spaces around a pasted serial number would make two records of one
// device, and an empty date field means "unknown", not an empty string.
export function normaliseInput(draft: DeviceInput): DeviceInput {
  const installedOn = draft.installedOn?.trim() ?? "";
  return {
    ...draft,
    serial: draft.serial.trim(),
    model: draft.model.trim(),
    installedOn: installedOn === "" ? null : installedOn,
    notes: draft.notes.trim(),
  };
}


// Only the obvious is checked here, to spare a round trip; the Rust side
// remains the authority on what a valid device is. Expects normalised input.
export function clientErrors(input: DeviceInput): FormErrors {
  const fields: FormErrors["fields"] = {};
  if (input.serial === "") fields.serial = "required";
  else {
    const problem = serialProblem(input.serial);
    if (problem) fields.serial = problem;
  }
  if (input.model === "") fields.model = "required";
  if (input.installedOn !== null && !isIsoDate(input.installedOn)) fields.installedOn = "date";
  return { fields, general: null };
}

// An installation date after today is allowed (a device on order) but questioned:
// it is more often a day and a month swapped.
export function installedInFuture(installedOn: string | null, today: string): boolean {
  return installedOn !== null && isIsoDate(installedOn) && installedOn > today;
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.general !== null || Object.keys(errors.fields).length > 0;
}

// Rust may name a field in snake_case ("installed_on") or in the camelCase of
// the bindings ("installedOn"); both map to the form's field.
export function fieldFromServer(field: string | null): DeviceField | null {
  if (!field) return null;
  const last = field.split(".").pop() ?? field;
  const camel = last.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return (FIELDS as readonly string[]).includes(camel) ? (camel as DeviceField) : null;
}

export function errorsFromApi(error: ApiError): FormErrors {
  const field = fieldFromServer(error.field);
  if (field) return { fields: { [field]: error.code }, general: null };
  return { fields: {}, general: error.code };
}
