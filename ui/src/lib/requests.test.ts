import { describe, expect, it } from "vitest";
import { ApiError } from "../api";
import type { CatalogueEntry } from "../types";
import {
  awaitsMailClientAnswer,
  counterErrors,
  siteAddress,
  wizardCounters,
  daysBetween,
  errorsFromApi,
  formErrors,
  lastReadings,
  looksLikeEmail,
  needsContract,
  needsDevice,
  notifyBy,
  prefilled,
  todayIn,
  wizardFieldFromServer,
  zonedTimeToInstant,
} from "./requests";

function entry(partial: Partial<CatalogueEntry> & Pick<CatalogueEntry, "situation">): CatalogueEntry {
  return { number: 1, leadTime: "none", identifiers: [], optionalIdentifiers: [], channels: [], quoteFirst: false, ...partial };
}

describe("notifyBy", () => {
  it("goes one calendar month back, clamped to the end of a shorter month", () => {
    const cases: [string, string][] = [
      ["2027-03-15", "2027-02-15"],
      ["2027-03-31", "2027-02-28"],
      ["2028-03-31", "2028-02-29"],
      ["2027-05-31", "2027-04-30"],
      ["2027-01-01", "2026-12-01"],
    ];
    for (const [effective, expected] of cases) {
      expect(notifyBy(effective), `deadline for a change effective ${effective}`).toBe(expected);
    }
  });

  it("refuses what is not a calendar date", () => {
    expect(notifyBy("2027-02-30"), "30 February does not exist").toBeNull();
    expect(notifyBy("31/03/2027"), "only ISO dates are read").toBeNull();
  });
});

describe("daysBetween", () => {
  it("counts whole days, negative backwards", () => {
    expect(daysBetween("2027-02-18", "2027-02-28"), "ten days ahead").toBe(10);
    expect(daysBetween("2027-03-02", "2027-02-28"), "two days late").toBe(-2);
  });
});

describe("zones", () => {
  it("finds the instant Paris shows 08:30, in winter and in summer", () => {
    expect(zonedTimeToInstant("2027-01-12", "08:30", "Europe/Paris").toISOString(), "winter is UTC+1").toBe("2027-01-12T07:30:00.000Z");
    expect(zonedTimeToInstant("2027-07-12", "08:30", "Europe/Paris").toISOString(), "summer is UTC+2").toBe("2027-07-12T06:30:00.000Z");
  });

  it("tells today's date in a zone", () => {
    const lateEvening = new Date("2027-03-01T23:30:00Z");
    expect(todayIn("Europe/Paris", lateEvening), "already 2 March in Paris").toBe("2027-03-02");
    expect(todayIn("America/New_York", lateEvening), "still 1 March in New York").toBe("2027-03-01");
  });
});

describe("what the wizard asks for", () => {
  it("picks a device for serial numbers and counters, a contract for contract numbers", () => {
    expect(needsDevice(entry({ situation: "move_device", identifiers: ["serial_number", "new_address"] })), "moving names the device").toBe(true);
    expect(needsDevice(entry({ situation: "change_po_number", identifiers: ["contract_number", "po_number"] })), "a PO number is per contract").toBe(false);
    expect(needsContract(entry({ situation: "change_po_number", identifiers: ["contract_number", "po_number"] })), "a PO number is per contract").toBe(true);
    expect(needsContract(entry({ situation: "terminate_contract", identifiers: ["serial_number"] })), "terminating names the contract").toBe(true);
  });

  it("prefills from the records, but never the PO number that changes", () => {
    const records = { serial: "ABC123", contractNumber: "C-1", customerNumber: "", poNumber: "PO-OLD" };
    expect(prefilled("move_device", "serial_number", records), "serial from the device").toBe("ABC123");
    expect(prefilled("move_device", "po_number", records), "current PO number for other situations").toBe("PO-OLD");
    expect(prefilled("invoices_by_email", "po_number", records), "the optional new PO number given with invoices by email is typed").toBeNull();
    expect(prefilled("change_po_number", "po_number", records), "the new PO number is asked").toBeNull();
    expect(prefilled("change_invoice_address", "customer_number", records), "a blank value is not a prefill").toBeNull();
  });
});

describe("validation", () => {
  it("checks counters against the last reading", () => {
    const errors = counterErrors([
      { counter: "black", value: "1200", last: 1000 },
      { counter: "colour", value: "400", last: 500 },
      { counter: "a3", value: "", last: null },
      { counter: "scan", value: "12x", last: null },
    ]);
    expect(errors, "only the bad counters are flagged").toEqual({ "counter-colour": "belowLast", "counter-a3": "required", "counter-scan": "number" });
  });

  it("knows the shape of an email address", () => {
    expect(looksLikeEmail("factures@example.fr"), "a role address").toBe(true);
    expect(looksLikeEmail("factures@"), "no domain").toBe(false);
  });

  it("maps server fields onto wizard fields", () => {
    expect(wizardFieldFromServer("invoiceEmail"), "camelCase fact").toBe("invoice_email");
    expect(wizardFieldFromServer("email"), "the email validator's field").toBe("invoice_email");
    expect(wizardFieldFromServer("deviceId"), "a refused device shows under the device picker").toBe("device");
    expect(wizardFieldFromServer("counters.black"), "one counter").toBe("counter-black");
    expect(wizardFieldFromServer("effective_date"), "the lead-time rule's field").toBe("effective_date");
    expect(wizardFieldFromServer("nothing"), "an unknown field").toBeNull();
    expect(errorsFromApi(new ApiError("validation", "bad", "po_number")), "an ApiError becomes a field error").toEqual({ po_number: "validation" });
  });
});

describe("the mail-client question", () => {
  it("is asked while a request handed to the mail client is still in the app", () => {
    expect(awaitsMailClientAnswer({ channel: "mail_client", status: "draft" }), "handed, not confirmed").toBe(true);
    expect(awaitsMailClientAnswer({ channel: "mail_client", status: "outbox" }), "handed after a failed send").toBe(true);
    expect(awaitsMailClientAnswer({ channel: "mail_client", status: "sent" }), "confirmed as sent").toBe(false);
    expect(awaitsMailClientAnswer({ channel: null, status: "draft" }), "never handed").toBe(false);
    expect(awaitsMailClientAnswer({ channel: "email", status: "outbox" }), "a failed SMTP send").toBe(false);
  });
});

describe("the wizard form", () => {
  const empty = { deviceId: null, contractId: null, texts: {}, effectiveOn: "", requestAddress: "", entityChange: null, readOn: "2027-03-08", counters: [], attachments: {} };

  it("asks only for what the records do not give", () => {
    const po = entry({ situation: "change_po_number", leadTime: "one_month_before", identifiers: ["contract_number", "po_number"], channels: [{ kind: "phone" }] });
    expect(formErrors(po, empty, { contractNumber: "C-1" }), "the contract number is known; the new PO number and the date are not").toEqual({ po_number: "required", effective_date: "required" });
    const filled = { ...empty, texts: { poNumber: "PO-2027" }, effectiveOn: "2027-02-30" };
    expect(formErrors(po, filled, { contractNumber: "C-1" }), "an impossible date is refused").toEqual({ effective_date: "date" });
  });

  it("checks the reply address and the counters of a meter-reading request", () => {
    const meters = entry({ situation: "answer_meter_reading_request", leadTime: "by_request_date", identifiers: ["meter_readings"], channels: [{ kind: "email", to: { kind: "address_on_request" } }] });
    const form = { ...empty, effectiveOn: "2027-03-10", requestAddress: "releves@", counters: [{ counter: "black", value: "90", last: 100 }] };
    expect(formErrors(meters, form, {}), "bad address and a counter going backwards").toEqual({ request_address: "email", "counter-black": "belowLast" });
  });

  it("asks whether the business is taken over or sold, and when the counters were read", () => {
    const entity = entry({ situation: "change_billing_entity", leadTime: "one_month_before", identifiers: ["serial_number", "new_entity_name", "kbis_document"] });
    expect(formErrors(entity, { ...empty, effectiveOn: "2027-05-01" }, { serial: "X1" }), "the name, the K-bis and takeover or sale are required").toEqual({
      new_entity_name: "required", kbis_document: "required", entity_change: "required",
    });
    const meters = entry({ situation: "answer_meter_reading_request", leadTime: "by_request_date", identifiers: ["serial_number", "meter_readings"], channels: [{ kind: "email", to: { kind: "address_on_request" } }] });
    const form = { ...empty, effectiveOn: "2027-03-10", requestAddress: "releves@canon.example", readOn: "", counters: [{ counter: "black", value: "90", last: null }] };
    expect(formErrors(meters, form, { serial: "X1" }), "the reading date is required").toEqual({ read_on: "required" });
  });

  it("offers every counter of the device's kind, requiring those already read", () => {
    const colourReadInBlackOnly = wizardCounters(["black", "colour"], [{ counter: "black", value: 100, readOn: "2026-01-01" }]);
    expect(colourReadInBlackOnly.map((c) => [c.counter, c.optional ?? false]), "the colour counter is offered, optional").toEqual([["black", false], ["colour", true]]);
    const unread = wizardCounters(["black", "colour"], []);
    expect(unread.map((c) => [c.counter, c.optional ?? false]), "with no reading, black is required and colour offered").toEqual([["black", false], ["colour", true]]);
    expect(counterErrors(unread), "nothing typed: one counter at least is required").toEqual({ "counter-black": "required" });
    expect(counterErrors([{ ...unread[0], value: "5" }, unread[1]]), "a blank optional counter is fine").toEqual({});
  });

  it("writes a site as the letter gives it", () => {
    expect(siteAddress({ name: "Atelier", address: "4 place Bellecour", postalCode: "69002", city: "Lyon" }), "name, street, town").toBe("Atelier, 4 place Bellecour, 69002 Lyon");
    expect(siteAddress({ name: "Atelier", address: "", postalCode: "", city: "" }), "blank parts are left out").toBe("Atelier");
  });

  it("keeps the latest reading of each counter", () => {
    const latest = lastReadings([
      { counter: "black", value: 100, readOn: "2026-01-01" },
      { counter: "black", value: 250, readOn: "2026-06-01" },
      { counter: "colour", value: 40, readOn: "2026-03-01" },
    ]);
    expect(latest.map((r) => `${r.counter}=${r.value}`), "one reading per counter, the newest").toEqual(["black=250", "colour=40"]);
  });
});
