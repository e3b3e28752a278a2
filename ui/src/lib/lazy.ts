// Screens the app seldom opens first (CPS and its wizards, requests and theirs,
// contracts, reminders, the organisation, settings) are loaded the first time they
// are shown, so start-up reads and parses only the home and device screens.
import { h, type ComponentType, type FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P) {
    const [, setLoaded] = useState(0);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      pending ??= load().then((component) => (loaded = component));
      pending.then(
        () => live && setLoaded((n) => n + 1),
        (e) => {
          // A chunk that could not be read is asked for again on the next visit.
          pending = null;
          console.warn("screen failed to load", e);
        },
      );
      return () => { live = false; };
    }, []);
    return loaded ? h(loaded, props) : null;
  };
}
