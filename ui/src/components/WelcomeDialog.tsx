import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { useI18n } from "../i18n/context";

type Props = { onLoadDemo: () => Promise<void>; onDecline: () => Promise<void> };

// A native modal <dialog> makes the rest of the window inert and keeps focus
// inside it; Escape fires "cancel", which we treat as choosing to start empty.
export function WelcomeDialog({ onLoadDemo, onDecline }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);

  // Opening in a layout effect means the dialog is already modal when the
  // page reports itself ready to the end-to-end test.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      class="modal welcome"
      aria-labelledby="welcome-title"
      aria-describedby="welcome-body"
      onCancel={(e) => {
        e.preventDefault();
        void run(onDecline);
      }}
    >
      <h2 id="welcome-title">{t("welcome.title")}</h2>
      <p id="welcome-body">{t("welcome.body")}</p>
      <p class="muted">{t("welcome.demoHint")}</p>
      <div class="actions">
        <button type="button" class="secondary" data-testid="demo-decline" disabled={busy} onClick={() => run(onDecline)}>
          {t("welcome.decline")}
        </button>
        <button type="button" class="primary" data-testid="demo-load" disabled={busy} autofocus onClick={() => run(onLoadDemo)}>
          {t("welcome.load")}
        </button>
      </div>
    </dialog>
  );
}
