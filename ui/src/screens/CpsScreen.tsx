import { useEffect, useState } from "preact/hooks";
import { api, toApiError, type ApiError } from "../api";
import { AccountPanel } from "../components/cps/AccountPanel";
import { AccountWizard, todayIso } from "../components/cps/AccountWizard";
import { CheckoutWizard } from "../components/cps/CheckoutWizard";
import { levelName } from "../lib/cps";
import { LevelTable } from "../components/cps/LevelTable";
import { MembershipForm } from "../components/cps/MembershipForm";
import { ProductForm } from "../components/cps/ProductForm";
import { ReturnForm } from "../components/cps/ReturnForm";
import { EmptyState } from "../components/EmptyState";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/context";
import type { CpsOverview, CpsProduct } from "../types";

type View = "screen" | "account" | "checkout";

// Canon Professional Services for photographers: the products and their points
// first (what blocks points on top), then the levels, the Business account, the
// subscription and the membership, and the CPS deadlines the reminders plan.
export function CpsScreen() {
  const { t, tp, date, number, locale } = useI18n();
  const [overview, setOverview] = useState<CpsOverview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [view, setView] = useState<View>("screen");
  const [editing, setEditing] = useState<CpsProduct | "new" | null>(null);
  const [portal, setPortal] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);

  const load = () => api.cpsOverview().then((o) => { setOverview(o); setError(null); }, (e) => setError(toApiError(e)));
  useEffect(() => { void load(); }, []);

  if (error && !overview) return <section class="screen"><ErrorNotice error={error} onRetry={load} /></section>;
  if (!overview) return <p class="muted">{t("app.loading")}</p>;

  const close = (changed: boolean) => { setView("screen"); if (changed) void load(); };
  if (view === "account") return <AccountWizard onClose={close} />;
  if (view === "checkout") return <CheckoutWizard overview={overview} onClose={close} />;

  const { standing, nextStep } = overview;
  const current = overview.memberships.find((m) => m.supersededBy === null) ?? null;
  const superseded = overview.memberships.filter((m) => m.supersededBy !== null);
  const pending = overview.checkouts.filter((c) => c.dueDate === null);
  const invoiced = overview.checkouts.filter((c) => c.dueDate !== null);
  const listFormat = new Intl.ListFormat(locale, { type: "conjunction" });

  const settle = async (id: number) => {
    try {
      await api.cpsCheckoutSettle(id, todayIso());
      void load();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const savePortal = async (event: Event) => {
    event.preventDefault();
    if (portal === null) return;
    try {
      await api.cpsPortalUrlSet(portal);
      setPortal(null);
      void load();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <section class="screen cps" aria-labelledby="cps-title" data-testid="cps-screen">
      <header class="screen-header">
        <h1 id="cps-title">{t("cps.title")}</h1>
      </header>
      <p class="muted">{t("cps.intro")}</p>
      {error && <ErrorNotice error={error} />}

      <section aria-labelledby="cps-products-title" class="data-section">
        <div class="screen-header">
          <h2 id="cps-products-title">{t("cps.products.title")}</h2>
          <button type="button" class="primary push-end" data-testid="cps-product-add" onClick={() => setEditing("new")}>{t("cps.products.add")}</button>
        </div>
        {overview.products.length === 0 ? <EmptyState title={t("cps.products.title")}>{t("cps.products.empty")}</EmptyState> : (
          <div class="table-scroll">
          <table class="data-table" data-testid="cps-products">
            <thead>
              <tr>
                <th>{t("col.status")}</th><th>{t("col.serial")}</th><th>{t("col.model")}</th><th>{t("col.kind")}</th>
                <th class="num">{t("cps.products.points")}</th><th>{t("cps.products.registration")}</th>
                <th><span class="visually-hidden">{t("a11y.actions")}</span></th>
              </tr>
            </thead>
            <tbody>
              {overview.products.map((p) => {
                const ticked = p.missing.length === 0;
                return (
                  <tr key={p.deviceId} data-testid="cps-product-row" data-serial={p.serial} data-ticked={ticked ? "1" : "0"}>
                    <td>
                      {ticked ? <span class="ok-text">✓ {t("cps.products.confirmed")}</span> : (
                        <>
                          <strong class="field-error">✗ {t("cps.products.noPoints")}</strong>
                          <p class="hint" data-testid="cps-product-missing">
                            {t("cps.products.missing", { fields: listFormat.format(p.missing.map((f) => t(`cps.field.${f}`))) })}
                          </p>
                        </>
                      )}
                      {ticked && p.points === null && <p class="hint">{t("cps.products.pointsUnknown")}</p>}
                    </td>
                    <td class="mono">{p.serial}</td>
                    <td>{p.model}</td>
                    <td>{t(`kind.${p.kind === "lens" ? "lens" : "camera"}`)}</td>
                    <td class="num">{p.points === null ? "—" : number(p.points)}</td>
                    <td>{t(`cps.registration.${p.registration}`)}</td>
                    <td><button type="button" class="secondary" onClick={() => setEditing(p)}>{t("cps.products.edit")}</button></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
        )}
      </section>

      <section aria-labelledby="cps-points-title" class="data-section">
        <h2 id="cps-points-title">{t("cps.points.title")}</h2>
        <dl class="facts">
          <div><dt>{t("cps.points.total")}</dt><dd data-testid="cps-points-total"><strong>{number(overview.confirmedPoints)}</strong></dd></div>
        </dl>
        <p class="hint">{t("cps.points.totalHint")}</p>
        <p data-testid="cps-standing">
          {standing.invited ? t("cps.points.invited") : tp("cps.points.notInvited", standing.pointsToInvitation)}{" "}
          {nextStep === null ? t("cps.points.allOpen")
            : nextStep.opens.length === 0 ? tp("cps.points.nextInvitation", nextStep.pointsNeeded)
            : tp("cps.points.next", nextStep.pointsNeeded, { levels: listFormat.format(nextStep.opens.map(levelName)) })}
        </p>
        <h3>{t("cps.levels.title")}</h3>
        <p class="hint">{t("cps.levels.hint")}</p>
        <LevelTable rows={overview.levels} standing={standing} onSaved={() => void load()} />
      </section>

      <section aria-labelledby="cps-account-title" class="data-section">
        <h2 id="cps-account-title">{t("cps.account.title")}</h2>
        {overview.account ? <AccountPanel view={overview.account} onChanged={() => void load()} /> : (
          <>
            <p>{t("cps.account.none")}</p>
            <button type="button" class="primary" data-testid="cps-account-start" onClick={() => setView("account")}>{t("cps.account.start")}</button>
          </>
        )}
      </section>

      <section aria-labelledby="cps-ms-title" class="data-section">
        <h2 id="cps-ms-title">{t("cps.ms.title")}</h2>
        {current ? (
          <dl class="facts" data-testid="cps-membership">
            <div><dt>{t("cps.ms.status")}</dt><dd>{t(`cps.ms.status.${current.status}`)}</dd></div>
            <div><dt>{t("cps.ms.level")}</dt><dd>{levelName(current.level)}</dd></div>
            <div><dt>{t("cps.ms.number")}</dt><dd class="mono" data-testid="cps-membership-number">{current.number}</dd></div>
            <div><dt>{t("cps.ms.expires")}</dt><dd>{current.expiresOn ? date(current.expiresOn) : "—"}</dd></div>
            <div><dt>{t("cps.ms.subscription")}</dt><dd>{t(`cps.co.${current.subscription}`)}</dd></div>
            <div><dt>{t("cps.ms.payment")}</dt><dd>{t(`cps.co.${current.payment}`)}</dd></div>
            <div><dt>{t("cps.ms.po")}</dt><dd class="mono" data-testid="cps-membership-po">{current.poNumber ?? t("cps.co.none")}</dd></div>
          </dl>
        ) : <p class="muted">{t("cps.ms.none")}</p>}
        {superseded.length > 0 && (
          <>
            <h3>{t("cps.ms.superseded")}</h3>
            <ul data-testid="cps-superseded">
              {superseded.map((m) => <li key={m.id}>{t("cps.ms.supersededOn", { number: m.number, date: date(m.supersededAt?.slice(0, 10)) })}</li>)}
            </ul>
          </>
        )}
        <div class="actions start">
          <button type="button" class="secondary" data-testid="cps-membership-record" onClick={() => setRecording(true)}>{t("cps.ms.record")}</button>
        </div>
        {standing.invited
          ? <button type="button" class="primary" data-testid="cps-checkout-start" onClick={() => setView("checkout")}>{t("cps.co.open")}</button>
          : <p class="hint">{t("cps.co.notInvited")}</p>}
        {pending.map((c) => (
          <div key={c.id} class="data-section" data-testid="cps-pending-checkout">
            <p class="notice info">{t("cps.back.pending", { level: levelName(c.level), date: date(c.portalOpenedAt.slice(0, 10)) })}</p>
            <ReturnForm checkout={c} onDone={() => void load()} />
          </div>
        ))}
        {invoiced.length > 0 && (
          <ul class="doc-list">
            {invoiced.map((c) => (
              <li key={c.id} data-testid="cps-invoice">
                <span>{t("cps.back.due", { level: levelName(c.level), invoice: date(c.invoiceDate), due: date(c.dueDate) })}</span>
                <span class="actions">
                  {c.settledOn ? <span class="badge ok">{t("cps.back.settled", { date: date(c.settledOn) })}</span>
                    : <button type="button" class="secondary" onClick={() => void settle(c.id)}>{t(`cps.back.settle.${c.payment}`)}</button>}
                </span>
              </li>
            ))}
          </ul>
        )}
        <form class="folder-form" onSubmit={savePortal}>
          <div class="field">
            <label for="cps-portal-url">{t("cps.settings.portal")}</label>
            <input id="cps-portal-url" type="url" class="mono" data-testid="cps-portal-url" value={portal ?? overview.portalUrl}
              onInput={(e) => setPortal(e.currentTarget.value)} />
            <p class="hint">{t("cps.settings.portalHint")}</p>
          </div>
          {portal !== null && <button type="submit" class="secondary">{t("form.save")}</button>}
        </form>
      </section>

      <section aria-labelledby="cps-dl-title" class="data-section">
        <h2 id="cps-dl-title">{t("cps.dl.title")}</h2>
        {overview.deadlines.length === 0 ? <p class="muted">{t("cps.dl.none")}</p> : (
          <ul class="doc-list" data-testid="cps-deadlines">
            {overview.deadlines.map((d) => (
              <li key={d.key} data-testid="cps-deadline" data-kind={d.kind}>
                <strong>{date(dueDay(d.dueAt, d.zone))}</strong>
                <span>{t(`cps.dl.${d.kind as "cps_invoice_due"}`)}</span>
                <span class="muted">{d.subject}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {recording && (
        <MembershipForm current={current} onCancel={() => setRecording(false)}
          onSaved={() => { setRecording(false); void load(); }} />
      )}
      {editing && (
        <ProductForm product={editing === "new" ? null : editing} onCancel={() => setEditing(null)}
          onSaved={() => { setEditing(null); void load(); }} />
      )}
    </section>
  );
}

// The calendar day a deadline falls on in its governing zone.
function dueDay(instant: string, zone: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
  } catch {
    return instant.slice(0, 10);
  }
}
