import { useState } from "preact/hooks";
import { useModal } from "../lib/useModal";
import { useI18n } from "../i18n/context";

type Props = { onLoadDemo: () => Promise<void>; onDecline: () => Promise<void> };

// A native modal <dialog> makes the rest of the window inert and keeps focus
// inside it; Escape fires "cancel", which we treat as choosing to start empty.
export function WelcomeDialog({ onLoadDemo, onDecline }: Props) {
  const { t } = useI18n();
  const ref = useModal();
  const [busy, setBusy] = useState(false);

  // Opening in a layout effect means the dialog is already modal when the
  // page reports itself ready to the end-to-end test.

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
