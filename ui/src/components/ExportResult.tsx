import { useI18n } from "../i18n/context";

type Props = { exported: { path: string; sizeBytes: number }; onDismiss: () => void };

// Where an export went, in full, so the user can find it; the path can be
// selected and copied.
export function ExportResult({ exported, onDismiss }: Props) {
  const { t } = useI18n();
  return (
    <div class="notice ok" role="status">
      <span data-testid="export-result">
        {t("export.done")} <code class="break selectable">{exported.path}</code>
      </span>
      <button type="button" class="secondary" onClick={onDismiss}>{t("detail.close")}</button>
    </div>
  );
}
