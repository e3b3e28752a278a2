import type { StartupFailure } from "../bindings";
import { useI18n } from "../i18n/context";

type Props = { failure: StartupFailure };

// Shown instead of the screens when the record could not be opened: what
// happened, where the data is, and what to do. Nothing is changed on disk.
export function StartupError({ failure }: Props) {
  const { t } = useI18n();
  const newer = failure.error.code === "newer_version";
  return (
    <main class="content startup-error" data-testid="startup-error" data-code={failure.error.code}>
      <h1>{t("startup.title")}</h1>
      <p role="alert">{newer ? t("startup.newer") : t("startup.cannotOpen")}</p>
      <dl class="facts">
        <div>
          <dt>{t("settings.dataDir")}</dt>
          <dd class="mono break selectable" data-testid="startup-data-dir">{failure.dataDir}</dd>
        </div>
        <div>
          <dt>{t("startup.detail")}</dt>
          <dd class="mono break selectable">{failure.error.message}</dd>
        </div>
      </dl>
      <p class="hint">{newer ? t("startup.newerWhat") : t("startup.cannotOpenWhat")}</p>
    </main>
  );
}
