import { useEffect } from "preact/hooks";
import { useI18n } from "../i18n/context";

// Long enough to read the message and reach the button with the keyboard.
export const UNDO_MS = 10_000;

type Props = { message: string; onUndo: () => void; onDismiss: () => void };

// After a deletion: what happened and a way back, for a few seconds. The item
// stays restorable afterwards too (deletions are soft); the toast is the quick way.
export function UndoToast({ message, onUndo, onDismiss }: Props) {
  const { t } = useI18n();
  useEffect(() => {
    const timer = setTimeout(onDismiss, UNDO_MS);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div class="toast" role="status" aria-live="polite" data-testid="undo-toast">
      <span>{message}</span>
      <button type="button" class="secondary" data-testid="undo-button" onClick={onUndo}>{t("docs.undo")}</button>
      <button type="button" class="icon" aria-label={t("detail.close")} onClick={onDismiss}>×</button>
    </div>
  );
}
