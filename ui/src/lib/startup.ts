import { api } from "../api";
import type { StartupStage } from "../bindings";

const reported = new Set<StartupStage>();

// Tells the backend, once per page, that a start-up stage is on screen: in the frame
// after the one that painted it (a double requestAnimationFrame), when the page has
// painted and its thread is free for input. `./x measure` times the line the backend
// logs; the blank reference window reports its first paint the same way.
export function reportStartup(stage: StartupStage): void {
  if (reported.has(stage)) return;
  reported.add(stage);
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      api.startupMark(stage).catch(() => undefined);
    }),
  );
}
