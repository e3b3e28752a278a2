import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";

export type ScreenId = "home" | "organisation" | "devices" | "contracts" | "requests" | "cps" | "reminders" | "settings";

const ITEMS: readonly { id: ScreenId; label: MessageKey }[] = [
  { id: "home", label: "nav.home" },
  { id: "organisation", label: "nav.organisation" },
  { id: "devices", label: "nav.devices" },
  { id: "contracts", label: "nav.contracts" },
  { id: "requests", label: "nav.requests" },
  { id: "cps", label: "nav.cps" },
  { id: "reminders", label: "nav.reminders" },
  { id: "settings", label: "nav.settings" },
];

type Props = { current: ScreenId; onNavigate: (screen: ScreenId) => void };

// Real buttons keep the navigation reachable with Tab and operable with Enter
// and Space; aria-current tells assistive technology which screen is shown.
export function Sidebar({ current, onNavigate }: Props) {
  const { t } = useI18n();
  return (
    <nav class="sidebar" aria-label={t("nav.label")}>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              class="nav-item"
              data-testid={`nav-${item.id}`}
              aria-current={item.id === current ? "page" : undefined}
              onClick={() => onNavigate(item.id)}
            >
              {t(item.label)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
