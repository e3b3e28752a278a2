// After choosing a section or opening a wizard, the keyboard starts in its first
// field. Screens load their data after they appear, so the field is looked for a
// few times before giving up; a control the user already moved to in the view (a
// field, or a button tabbed or clicked to in that moment) is left alone, or a key
// pressed there would land in the first field instead.
const FIELDS = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";
const CONTROLS = `${FIELDS}, button:not([disabled]), a[href], summary`;

export function focusFirstField(root: () => ParentNode | null, tries = 20): void {
  const attempt = (left: number) => {
    const active = document.activeElement;
    const container = root();
    if (container && active && active !== document.body && (container as Node).contains(active) && active.matches(CONTROLS)) return;
    const field = container?.querySelector<HTMLElement>(FIELDS);
    if (field) {
      field.focus({ preventScroll: true });
      return;
    }
    if (left > 0) window.setTimeout(() => attempt(left - 1), 50);
  };
  attempt(tries);
}

// Brings a panel that just appeared into view (a new device's or contract's detail,
// which on a narrow window opens below the list), once it is rendered.
export function bringIntoView(selector: string, tries = 20): void {
  const attempt = (left: number) => {
    const panel = document.querySelector<HTMLElement>(selector);
    if (panel) {
      panel.scrollIntoView({ block: "start" });
      return;
    }
    if (left > 0) window.setTimeout(() => attempt(left - 1), 50);
  };
  attempt(tries);
}

// Where the keyboard goes when the element it was on disappears (a wizard's next
// step, the list giving way to the situation picker, a sent message replacing its
// button): without this it falls back to the page itself, and the next Tab starts
// again from the top of the window. An open dialog keeps it; otherwise the heading
// of the view now shown takes it, so a screen reader also announces where the user is.
function landingPlace(): HTMLElement | null {
  const dialog = document.querySelector<HTMLElement>("dialog[open]");
  if (dialog) return dialog.querySelector<HTMLElement>(`${FIELDS}, button:not([disabled]), [href]`) ?? dialog;
  const main = document.querySelector<HTMLElement>("main.content");
  return main?.querySelector<HTMLElement>("h1, h2") ?? main;
}

export function keepFocusInView(): () => void {
  let last: Element | null = null;
  const remember = (e: FocusEvent) => { last = e.target instanceof Element ? e.target : null; };
  const observer = new MutationObserver(() => {
    if (!last || last.isConnected) return;
    last = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const place = landingPlace();
    if (!place) return;
    if (!place.hasAttribute("tabindex") && !place.matches(`${FIELDS}, button, [href]`)) place.setAttribute("tabindex", "-1");
    place.focus({ preventScroll: true });
  });
  document.addEventListener("focusin", remember);
  observer.observe(document.body, { childList: true, subtree: true });
  return () => {
    document.removeEventListener("focusin", remember);
    observer.disconnect();
  };
}
