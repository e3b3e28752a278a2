// Opens a <dialog> as modal for as long as its component is mounted: the native
// modal keeps focus inside, makes the page behind inert and closes on Escape
// (the dialog's "cancel" event, which each dialog handles).
import { useLayoutEffect, useRef } from "preact/hooks";

export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
