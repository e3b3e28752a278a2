import { EmptyState } from "../components/EmptyState";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";

type Props = { title: MessageKey; body: MessageKey };

// Requests, CPS and Reminders share this placeholder until their screens land,
// so the navigation is complete from the first release.
export function ComingSoonScreen({ title, body }: Props) {
  const { t } = useI18n();
  return (
    <section class="screen" aria-labelledby="soon-title">
      <header class="screen-header">
        <h1 id="soon-title">{t(title)}</h1>
      </header>
      <EmptyState title={t("soon.title")}>{t(body)}</EmptyState>
    </section>
  );
}
