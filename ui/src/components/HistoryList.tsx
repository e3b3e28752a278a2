import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import type { AuditEntry } from "../bindings";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/en";
import { COUNTERS } from "../lib/counters";
import { isOneOf } from "../lib/enums";
import { changes, subject } from "../lib/history";
import type { BankCheck } from "../types";
import { ErrorNotice } from "./ErrorNotice";

// Field names as the record stores them, shown with the form's own labels.
const LABELS: Record<string, MessageKey> = {
  serial: "col.serial",
  model: "col.model",
  kind: "col.kind",
  siteName: "col.site",
  siteId: "col.site",
  ownership: "col.ownership",
  status: "col.status",
  installedOn: "form.installedOn",
  meterTransmission: "form.meter",
  notes: "form.notes",
  // The organisation.
  legalName: "org.legalName",
  country: "org.country",
  siren: "org.siren",
  siret: "org.siret",
  vatNumber: "org.vat",
  invoicePostalAddress: "org.invoiceAddress",
  invoiceEmail: "org.invoiceEmail",
  salesContactName: "org.salesName",
  salesContactEmail: "org.salesEmail",
  canonIban: "org.canonIban",
  canonBic: "org.canonBic",
  customerNumbers: "org.customerNumbers",
  // A site.
  name: "sites.name",
  address: "sites.address",
  postalCode: "sites.postalCode",
  city: "sites.city",
};

const ACTIONS = ["create", "update", "delete", "restore"] as const;
const VERDICTS = ["match", "mismatch", "no_reference"] as const satisfies readonly BankCheck["verdict"][];

type Props = { entity: string; id: number };

// The record's history, newest first, from the audit log every change writes to:
// its own changes and those of what hangs from it (documents; a device's readings),
// each row saying which it is (data-entity, data-action).
export function HistoryList({ entity, id }: Props) {
  const { t, dateTime, date, number } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    api.recordHistory(entity, id).then(
      (list) => current && setEntries([...list].reverse()),
      (e) => current && setError(toApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [entity, id]);

  if (error) return <ErrorNotice error={error} />;
  if (!entries) return <p class="muted">{t("app.loading")}</p>;
  if (entries.length === 0) return <p class="muted">{t("history.empty")}</p>;
  return (
    <ol class="history">
      {entries.map((e) => {
        const about = subject(e, entity);
        const list = about.kind === "record" && e.action === "update" ? changes(e) : [];
        const action = ACTIONS.find((a) => a === e.action);
        let title: string = e.action;
        let detail = "";
        if (about.kind === "record" && action) title = t(`history.${action}`);
        else if (about.kind === "document" && action) {
          title = action === "update" ? t("history.update") : t(`history.document.${action}`);
          detail = about.name;
        } else if (about.kind === "reading") {
          title = t("history.reading");
          detail = t("history.readingValue", {
            counter: isOneOf(COUNTERS, about.counter) ? t(`counter.${about.counter}`) : about.counter,
            value: about.value === null ? "—" : number(about.value),
            date: date(about.readOn) || "—",
          });
        } else if (about.kind === "bankCheck") {
          // A check changes nothing: the row says what was entered and what it concluded.
          title = isOneOf(VERDICTS, about.verdict) ? t(`history.bankCheck.${about.verdict}`) : about.verdict;
          detail = [`${about.iban} · ${about.bic}`, ...(about.warnings.includes("other_bank") ? [t("history.bankCheck.otherBank")] : [])].join(" — ");
        }
        const verdict = about.kind === "bankCheck" ? about.verdict : undefined;
        return (
          <li key={e.id} data-testid="history-row" data-entity={e.entity} data-action={e.action} data-verdict={verdict}>
            <div class="history-head">
              <strong>{title}</strong>
              {detail && <span class="history-subject">{detail}</span>}
              <time class="muted" dateTime={e.at}>{dateTime(e.at)}</time>
            </div>
            {list.length > 0 && (
              <ul class="history-changes">
                {list.map((c) => (
                  <li key={c.field} data-field={c.field}>
                    <span class="history-field">{LABELS[c.field] ? t(LABELS[c.field]!) : c.field}</span>{" "}
                    <del>{c.before}</del> → <ins>{c.after}</ins>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
