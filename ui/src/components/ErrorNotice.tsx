import type { ApiError } from "../api";
import { useI18n } from "../i18n/context";

type Props = { error: ApiError; onRetry?: () => void };

// The Rust message is English and technical, so the user reads the translated
// text for the error code; the raw message stays available as a tooltip for
// support.
export function ErrorNotice({ error, onRetry }: Props) {
  const { t } = useI18n();
  return (
    <div class="notice error" role="alert" title={error.message}>
      <span>{t(`error.${error.code}`)}</span>
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          {t("error.retry")}
        </button>
      )}
    </div>
  );
}
