import { useLayoutEffect, useRef } from "preact/hooks";
import { useModal } from "../lib/useModal";
import { useI18n } from "../i18n/context";

type Props = {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

// A modal question before anything is removed or replaced. The native <dialog>
// keeps focus inside and closes on Escape (which cancels); the safe choice,
// Cancel, has the focus when it opens, so a stray Enter destroys nothing.
export function ConfirmDialog({ title, message, confirmLabel, danger, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const dialogRef = useModal();
  const cancelRef = useRef<HTMLButtonElement>(null);

  useLayoutEffect(() => {
    cancelRef.current?.focus();
  }, []);

  return (
    <dialog ref={dialogRef} class="modal confirm-dialog" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-message"
      data-testid="confirm-dialog" onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-message">{message}</p>
      <div class="actions">
        <button type="button" class="secondary" ref={cancelRef} data-testid="confirm-cancel" onClick={onCancel}>{t("form.cancel")}</button>
        <button type="button" class={danger ? "primary danger" : "primary"} data-testid="confirm-ok" onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </dialog>
  );
}
