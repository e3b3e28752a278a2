import { describe, expect, it } from "vitest";
import { makeI18n } from "../i18n/context";
import { failureText } from "./failure";

describe("SMTP failures in words a user can act on", () => {
  const { t } = makeI18n("en");

  it("says what to do for each failure, never that a server which answered could not be reached", () => {
    const cases: [string, string][] = [
      ["refused", "nothing answers on this port"],
      ["no_login", "clear the user name"],
      ["auth", "refused the login"],
      ["tls", "the security setting must match the port"],
      ["unknown_host", "no server has this name"],
    ];
    for (const [code, words] of cases) {
      const text = failureText(t, code, "Connection error: something");
      expect(text.toLowerCase(), `${code} must say "${words}"`).toContain(words.toLowerCase());
      expect(text, `${code} must not claim the server was unreachable`).not.toMatch(/could not be reached/);
    }
  });

  it("gives the server's words once, marked as such, after the sentence", () => {
    const text = failureText(t, "auth", "permanent error (535): authentication failed");
    expect(text, "the sentence comes first, capitalised").toMatch(/^The email server refused the login/);
    expect(text.match(/authentication failed/g)?.length, "the server's words appear once").toBe(1);
    expect(text, "the server's words are marked as details").toContain("Details from the server: permanent error (535)");
  });
});
