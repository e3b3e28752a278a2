// The only door to the Rust side. Every command comes from the generated
// bindings, so a renamed or removed command fails the type check here instead
// of failing at run time; this module only turns the generated
// `{ status, data | error }` results into values or a typed ApiError.
import { commands } from "./bindings";
import type { AppError, ErrorCode } from "./types";

type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

// Every code of the Rust ErrorCode enum (generated into bindings.ts). A record keyed
// by the union fails the type check when Rust adds a code and it is not listed here,
// so a code the backend sends can no longer be mistaken for an unknown one.
const ERROR_CODES: Record<ErrorCode, true> = {
  validation: true,
  not_found: true,
  conflict: true,
  storage: true,
  invalid_state: true,
  not_configured: true,
  keychain: true,
  newer_version: true,
  unsafe_file: true,
  malformed: true,
  internal: true,
};

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | null;

  constructor(code: ErrorCode, message: string, field: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
  }
}

function isAppError(value: unknown): value is AppError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && Object.prototype.hasOwnProperty.call(ERROR_CODES, v.code) && typeof v.message === "string";
}

// Anything that is not a well-formed AppError (a Tauri failure, a panic
// message, a missing IPC bridge in a plain browser) becomes "internal", so
// screens only ever deal with one error type.
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isAppError(error)) return new ApiError(error.code, error.message, error.field ?? null);
  if (error instanceof Error) return new ApiError("internal", error.message);
  return new ApiError("internal", typeof error === "string" ? error : JSON.stringify(error) ?? "unknown error");
}

function isResult(value: unknown): value is Result<unknown, unknown> {
  return typeof value === "object" && value !== null && "status" in value && (value.status === "ok" || value.status === "error");
}

export function unwrap<T>(result: Result<T, AppError>): T {
  if (result.status === "ok") return result.data;
  throw toApiError(result.error);
}

type Commands = typeof commands;
type Data<R> = [R] extends [{ status: "ok" | "error" }]
  ? Extract<R, { status: "ok" }> extends { data: infer T } ? T : never
  : R;
type Unwrapped<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<Data<R>> : never;
export type Api = { [K in keyof Commands]: Unwrapped<Commands[K]> };

async function call(run: () => Promise<unknown>): Promise<unknown> {
  let outcome: unknown;
  try {
    outcome = await run();
  } catch (e) {
    throw toApiError(e);
  }
  // Commands that cannot fail are generated without a Result wrapper.
  return isResult(outcome) ? unwrap(outcome as Result<unknown, AppError>) : outcome;
}

// Built from the generated object itself, so no command name is written here.
export const api = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [
    name,
    (...args: unknown[]) => call(() => (command as (...a: unknown[]) => Promise<unknown>)(...args)),
  ]),
) as Api;
