// Whether what is on screen holds something the user typed and has not saved
// (a form edited, a wizard under way, a request prepared for review), so that
// leaving it (another section, closing a detail) asks first. Forms say so
// through useUnsaved; the sidebar and the close buttons ask through hasUnsaved.
import { useEffect } from "preact/hooks";

const dirty = new Set<string>();

export function setUnsaved(key: string, on: boolean): void {
  if (on) dirty.add(key);
  else dirty.delete(key);
  // What is unsaved, for the end-to-end tests and for anyone inspecting the page.
  if (typeof document !== "undefined") document.body.dataset.unsaved = [...dirty].join(" ");
}

export function hasUnsaved(): boolean {
  return dirty.size > 0;
}

// Marks `key` unsaved while `on` is true and the component is shown. The mark is
// set while rendering, not in an effect: a click on the sidebar right after "Saved"
// appears must already find the form saved.
export function useUnsaved(key: string, on: boolean): void {
  setUnsaved(key, on);
  useEffect(() => () => setUnsaved(key, false), [key]);
}

// A form's draft differs from what was saved: compared as JSON, since drafts are
// plain data.
export function differs(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}
