// After choosing a section or opening a wizard, the keyboard starts in its first
// field. Screens load their data after they appear, so the field is looked for a
// few times before giving up; a field the user already moved to is left alone.
const FIELDS = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";

export function focusFirstField(root: () => ParentNode | null, tries = 20): void {
  const attempt = (left: number) => {
    const active = document.activeElement;
    const container = root();
    if (container && active && active !== document.body && (container as Node).contains(active) && active.matches(FIELDS)) return;
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
