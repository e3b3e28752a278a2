import { useI18n } from "../../i18n/context";
import { daysBetween, notifyBy, todayIn } from "../../lib/requests";

type Props = { effectiveOn: string };

// "1 month before": the date by which Canon must be told, how long is left,
// and, once it has passed, a plain statement that sending now is still allowed.
export function LeadTimeNote({ effectiveOn }: Props) {
  const i18n = useI18n();
  const { t, tp } = i18n;
  const deadline = notifyBy(effectiveOn.trim());
  if (!deadline) return null;
  // Canon France's deadlines run on Paris days.
  const left = daysBetween(todayIn("Europe/Paris"), deadline);
  const date = i18n.date(deadline);
  if (left < 0) {
    return (
      <p class="notice warning" role="alert" data-testid="wizard-late" data-notify-by={deadline}>
        {t("wizard.late", { date })}
      </p>
    );
  }
  return (
    <p class="notice info" data-testid="wizard-notify-by" data-notify-by={deadline}>
      {t("wizard.notifyBy", { date })} {left === 0 ? t("wizard.lastDay") : tp("wizard.daysLeft", left)}
    </p>
  );
}
