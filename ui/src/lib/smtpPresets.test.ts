import { describe, expect, it } from "vitest";
import type { SmtpConfig } from "../types";
import { SMTP_PRESETS, applyPreset, presetOf } from "./smtpPresets";

const BLANK: SmtpConfig = { host: "", port: 587, security: "start_tls", username: "", fromAddress: "anna@orange.fr", fromName: "Anna", timeoutSeconds: 30, trustedCertificatePem: null };

describe("SMTP presets", () => {
  it("are unique, encrypted and on a submission port", () => {
    const ids = SMTP_PRESETS.map((p) => p.id);
    expect(new Set(ids).size, `duplicate preset ids: ${ids.join(", ")}`).toBe(ids.length);
    for (const p of SMTP_PRESETS) {
      expect(p.security, `${p.name} must not send in clear`).not.toBe("plain");
      const expected = p.security === "tls" ? 465 : 587;
      expect(p.port, `${p.name}: ${p.security} goes with port ${expected}`).toBe(expected);
      expect(p.host, `${p.name}: the host must be a plain lower-case name`).toMatch(/^[a-z0-9.-]+\.[a-z]+$/);
    }
  });

  it("fill server, port and security, and the user name from the sender address", () => {
    const orange = SMTP_PRESETS.find((p) => p.id === "orange");
    expect(orange, "Orange must be offered").toBeDefined();
    if (!orange) return;
    const filled = applyPreset(BLANK, orange);
    expect(filled, "the preset's values and the address as user name").toEqual({ ...BLANK, host: "smtp.orange.fr", port: 465, security: "tls", username: "anna@orange.fr" });
    const typed = applyPreset({ ...BLANK, username: "anna.b" }, orange);
    expect(typed.username, "a user name already typed is kept").toBe("anna.b");
  });

  it("warn that Microsoft may refuse a password sign-in, and only Microsoft", () => {
    const warned = SMTP_PRESETS.filter((p) => p.passwordMayBeRefused).map((p) => p.id);
    expect(warned, "Outlook.com and Microsoft 365 are withdrawing password sign-in for apps").toEqual(["outlook", "microsoft365"]);
  });

  it("recognise a saved configuration and nothing else", () => {
    expect(presetOf({ host: "SMTP.gmail.com ", port: 587, security: "start_tls" })?.id, "Gmail as saved").toBe("gmail");
    expect(presetOf({ host: "smtp.gmail.com", port: 465, security: "tls" }), "another port is a custom server").toBeNull();
    expect(presetOf({ host: "mail.example.com", port: 587, security: "start_tls" }), "an unknown server").toBeNull();
  });
});
