import { describe, expect, it } from "vitest";
import { ApiError } from "../api";
import { clientErrors, emptyDeviceInput, errorsFromApi, fieldFromServer, hasErrors, normaliseInput } from "./deviceForm";
import { isIsoDate } from "./dates";

describe("normaliseInput", () => {
  it("trims text and turns an empty date into null", () => {
    const input = normaliseInput({ ...emptyDeviceInput(), serial: "  XYZ12345 ", model: " iR-ADV C3826i ", installedOn: "", notes: " " });
    expect(input.serial, "the serial must be trimmed").toBe("XYZ12345");
    expect(input.model, "the model must be trimmed").toBe("iR-ADV C3826i");
    expect(input.installedOn, "an empty date must become null").toBeNull();
    expect(input.notes, "blank notes must become empty").toBe("");
  });

  it("keeps a date as typed", () => {
    expect(normaliseInput({ ...emptyDeviceInput(), installedOn: "2023-05-02" }).installedOn, "the date must be kept").toBe("2023-05-02");
  });
});

describe("isIsoDate", () => {
  const cases: [string, boolean][] = [
    ["2024-09-19", true],
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2024-13-01", false],
    ["19/09/2024", false],
    ["2024-9-19", false],
  ];
  for (const [text, expected] of cases) {
    it(`${expected ? "accepts" : "refuses"} ${text}`, () => {
      expect(isIsoDate(text), `wrong verdict for ${text}`).toBe(expected);
    });
  }
});

describe("clientErrors", () => {
  it("flags a date that is not ISO", () => {
    const errors = clientErrors({ ...emptyDeviceInput(), serial: "A", model: "B", installedOn: "06/05/2024" });
    expect(errors.fields, "the date must be flagged").toEqual({ installedOn: "date" });
  });

  it("flags a missing serial and model", () => {
    const errors = clientErrors(emptyDeviceInput());
    expect(errors.fields, "both required fields must be flagged").toEqual({ serial: "required", model: "required" });
    expect(hasErrors(errors), "the form must not be sent").toBe(true);
  });

  it("accepts a filled form", () => {
    const errors = clientErrors({ ...emptyDeviceInput(), serial: "A", model: "B" });
    expect(hasErrors(errors), `no error expected, got ${JSON.stringify(errors)}`).toBe(false);
  });
});

describe("fieldFromServer", () => {
  const cases: [string | null, string | null][] = [
    ["serial", "serial"],
    ["installedOn", "installedOn"],
    ["installed_on", "installedOn"],
    ["input.meter_transmission", "meterTransmission"],
    ["site_id", "siteId"],
    ["iban", null],
    [null, null],
  ];
  for (const [server, expected] of cases) {
    it(`maps ${String(server)} to ${String(expected)}`, () => {
      expect(fieldFromServer(server), `wrong form field for ${String(server)}`).toBe(expected);
    });
  }
});

describe("errorsFromApi", () => {
  it("puts an error on its field when the field is known", () => {
    const errors = errorsFromApi(new ApiError("conflict", "duplicate", "serial"));
    expect(errors, "the conflict must sit on the serial field").toEqual({ fields: { serial: "conflict" }, general: null });
  });

  it("shows an error about no known field at form level", () => {
    const errors = errorsFromApi(new ApiError("storage", "disk full", null));
    expect(errors, "a storage error has no field and must be general").toEqual({ fields: {}, general: "storage" });
  });
});
