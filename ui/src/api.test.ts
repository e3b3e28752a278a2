import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings call Tauri, which does not exist under Node; the
// mock stands in for them so only the unwrapping logic is under test.
const mocks = vi.hoisted(() => ({
  overview: vi.fn(),
  deviceCreate: vi.fn(),
  settingsGet: vi.fn(),
}));
vi.mock("./bindings", () => ({ commands: mocks }));

import { ApiError, api, toApiError } from "./api";
import type { ErrorCode } from "./types";

beforeEach(() => {
  for (const fn of Object.values(mocks)) fn.mockReset();
});

describe("api", () => {
  it("returns the data of an ok result", async () => {
    mocks.settingsGet.mockResolvedValue({ status: "ok", data: { locale: "fr", theme: "dark" } });
    await expect(api.settingsGet(), "the ok payload must be returned as is").resolves.toEqual({ locale: "fr", theme: "dark" });
  });

  it("passes the arguments through", async () => {
    const input = { serial: "A1" };
    mocks.deviceCreate.mockResolvedValue({ status: "ok", data: { id: 7 } });
    await (api.deviceCreate as unknown as (i: unknown) => Promise<unknown>)(input);
    expect(mocks.deviceCreate, "the command must receive the caller's input").toHaveBeenCalledWith(input);
  });

  it("throws an ApiError carrying code, message and field for an error result", async () => {
    mocks.deviceCreate.mockResolvedValue({
      status: "error",
      error: { code: "conflict", message: "serial already recorded", field: "serial" },
    });
    const error = await (api.deviceCreate as unknown as (i: unknown) => Promise<unknown>)({}).catch((e: unknown) => e);
    expect(error instanceof ApiError, "an error result must become an ApiError").toBe(true);
    const e = error as ApiError;
    expect(e.code, "the code must be kept").toBe("conflict");
    expect(e.message, "the message must be kept").toBe("serial already recorded");
    expect(e.field, "the field must be kept").toBe("serial");
  });

  it("turns a thrown Error (no Tauri bridge, for instance) into an internal ApiError", async () => {
    mocks.overview.mockRejectedValue(new TypeError("window.__TAURI_INTERNALS__ is undefined"));
    const error = await api.overview().catch((e: unknown) => e);
    expect(error instanceof ApiError, "a thrown Error must become an ApiError").toBe(true);
    expect((error as ApiError).code, "a transport failure is internal").toBe("internal");
    expect((error as ApiError).message, "the original message helps support").toContain("__TAURI_INTERNALS__");
  });
});

describe("toApiError", () => {
  it("treats a missing field as null", () => {
    expect(toApiError({ code: "validation", message: "bad" }).field, "an absent field must read as null").toBeNull();
  });

  it("refuses an unknown code and reports it as internal", () => {
    const e = toApiError({ code: "teapot", message: "short and stout" });
    expect(e.code, "an unknown code must not reach the screens").toBe("internal");
  });

  it("keeps every code the backend can send, so its translation shows", () => {
    // Every variant of the Rust ErrorCode enum, as bindings.ts generates it; the
    // `satisfies` fails the type check when a variant is added and not listed here.
    const all = {
      validation: 0,
      not_found: 0,
      conflict: 0,
      storage: 0,
      invalid_state: 0,
      not_configured: 0,
      keychain: 0,
      newer_version: 0,
      unsafe_file: 0,
      malformed: 0,
      internal: 0,
    } satisfies Record<ErrorCode, 0>;
    for (const code of Object.keys(all) as ErrorCode[]) {
      expect(toApiError({ code, message: "m", field: null }).code, `the code ${code} must reach the screens as is`).toBe(code);
    }
  });

  it("keeps a plain string error as the message", () => {
    expect(toApiError("database is locked").message, "a string error must be kept").toBe("database is locked");
  });

  it("returns an ApiError unchanged", () => {
    const original = new ApiError("not_found", "gone", null);
    expect(toApiError(original), "an ApiError must not be wrapped twice").toBe(original);
  });
});
