import { api } from "../api";
import type { CpsHome, Home, Startup, StartupFailure, StartupStage } from "../bindings";
import type { Overview, Settings } from "../types";

const reported = new Set<StartupStage>();

// Tells the backend, once per page, that a start-up stage is on screen: in the frame
// after the one that painted it (a double requestAnimationFrame), when the page has
// painted and its thread is free for input. `./x measure` times the line the backend
// logs; the blank reference window reports its first paint the same way. The
// backend starts the tray and the reminders once the first screen is interactive.
export function reportStartup(stage: StartupStage): void {
  if (reported.has(stage)) return;
  // A first screen painted with its data is the first paint too, if none came before.
  if (stage === "interactive") reportStartup("firstPaint");
  reported.add(stage);
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      api.startupMark(stage).catch(() => undefined);
    }),
  );
}

// The home screen's data as the start-up answer brings it.
export type HomeData = { home: Home; cps: CpsHome };

// What the first render starts from: the start-up answer taken apart. A part that
// is null is asked for by the screen that needs it, as after start-up.
export type FirstState = {
  failure: StartupFailure | null;
  settings: Settings | null;
  overview: Overview | null;
  home: HomeData | null;
};

// The start-up answer (`null` when the call itself failed: then every screen asks
// for its own data, and a failing record shows its error there).
export function firstState(start: Startup | null): FirstState {
  if (start?.failed) {
    return { failure: start.failed, settings: null, overview: null, home: null };
  }
  if (start?.opened) {
    const { settings, overview, home, cps } = start.opened;
    return { failure: null, settings, overview, home: { home, cps } };
  }
  return { failure: null, settings: null, overview: null, home: null };
}
