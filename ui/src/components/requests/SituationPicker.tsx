import { useI18n } from "../../i18n/context";
import type { CatalogueEntry } from "../../types";

type Props = { catalogue: CatalogueEntry[]; onPick: (entry: CatalogueEntry) => void; onCancel: () => void };

// The ten situations of Canon France's billing sheet as cards, in the sheet's
// order, each with a one-line explanation in the interface language.
export function SituationPicker({ catalogue, onPick, onCancel }: Props) {
  const { t } = useI18n();
  return (
    <section class="wizard" aria-labelledby="pick-title">
      <header class="screen-header">
        <h1 id="pick-title">{t("wizard.pickTitle")}</h1>
        <button type="button" class="secondary push-end" onClick={onCancel}>{t("wizard.cancel")}</button>
      </header>
      <p class="muted">{t("wizard.pickIntro")}</p>
      <ul class="situation-cards">
        {catalogue.map((entry) => (
          <li key={entry.situation}>
            <button type="button" class="situation-card" data-testid={`situation-${entry.situation}`} onClick={() => onPick(entry)}>
              <span class="situation-number">{entry.number}</span>
              <span class="situation-title">{t(`situation.${entry.situation}.title`)}</span>
              <span class="situation-summary">{t(`situation.${entry.situation}.summary`)}</span>
              <span class="situation-channels">
                {entry.channels.map((c) => (
                  <span key={c.kind} class="badge">{t(c.kind === "phone" ? "channel.phone" : "channel.email")}</span>
                ))}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
