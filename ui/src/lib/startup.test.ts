import { describe, expect, it } from "vitest";
import type { FirstScreen, Startup } from "../bindings";
import { firstState } from "./startup";

const opened: FirstScreen = {
  settings: { locale: "fr", theme: "dark", exportDir: null },
  overview: {
    organisation: null,
    deviceCount: 3,
    contractCount: 1,
    readingCount: 0,
    requestsToCheck: 0,
    demoOffered: false,
  },
  home: {
    due: [],
    dueTotal: 0,
    coming: [],
    comingTotal: 0,
    outbox: [],
    outboxTotal: 0,
    awaitingAnswer: [],
    awaitingAnswerTotal: 0,
  },
  cps: { membership: null, accountState: null, expectedValidation: null },
};

describe("firstState", () => {
  it("hands the first render every part of an opened record's answer", () => {
    const first = firstState({ opened } as Startup);
    expect(first.failure, "an opened record has no failure").toBeNull();
    expect(first.settings, "the settings come with the answer").toEqual(opened.settings);
    expect(first.overview, "the overview comes with the answer").toEqual(opened.overview);
    expect(first.home, "the home screen's data comes with the answer").toEqual({ home: opened.home, cps: opened.cps });
  });

  it("keeps the failure of a record that could not be opened, and nothing else", () => {
    const failed = { error: { code: "newer_version", message: "newer", field: null }, dataDir: "/data" } as const;
    const first = firstState({ failed } as Startup);
    expect(first.failure, "the error screen needs the failure").toEqual(failed);
    expect([first.settings, first.overview, first.home], "nothing else to show").toEqual([null, null, null]);
  });

  it("leaves every part to its screen when the answer did not come", () => {
    expect(firstState(null), "each screen asks for its own data").toEqual({
      failure: null,
      settings: null,
      overview: null,
      home: null,
    });
  });
});
