//! Canon Professional Services for photographers: products and points, the Business
//! account, the Canon account's password, the level table, the checkout and the
//! membership.
//!
//! Canon's portal has no API, so nothing here acts on it: the use cases keep the
//! record, say what each choice causes, hand the portal's address to the shell to
//! open, and derive the deadlines (`deadlines`) the reminder engine plans.

use canon_desk_core::cps::{
    blockers_first, confirmed_points, expected_validation, next_step, standing, NextStep, Standing,
};
use canon_desk_core::cps_deadlines::cps_deadlines;
use canon_desk_core::cps_subscription::{review, CheckoutChoice, Review};
use canon_desk_core::deadlines::Deadline;
use canon_desk_store::{
    store_blob, AccountStep, CpsAccount, CpsAccountRequest, CpsCheckout, CpsLevelRow,
    CpsMembership, CpsMembershipInput, CpsProduct, CpsProductInput,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::upload::Upload;
use crate::{Ctx, Error, ErrorCode, Result};

/// The setting that holds the portal's address.
const PORTAL_URL_KEY: &str = "cps.portal_url";

/// Where the checkout sends the user when no other address is set: Canon Europe's
/// public CPS page, from which the user signs in to their Business account and
/// reaches "My subscriptions".
pub const DEFAULT_PORTAL_URL: &str =
    "https://www.canon-europe.com/pro/canon-professional-services/";

/// The keychain key of the Canon account's password for `login_email`.
pub fn password_key(login_email: &str) -> String {
    format!("cps:{login_email}")
}

/// The Business account with what the screen shows beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    /// The account as recorded.
    pub account: CpsAccount,
    /// The day Canon's email is expected (two business days after the request).
    pub expected_validation: Option<NaiveDate>,
    /// Whether the Canon password is kept in the keychain (never the password itself).
    pub has_password: bool,
}

/// Everything the CPS screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CpsOverview {
    /// Cameras and lenses, what keeps points away first.
    pub products: Vec<CpsProduct>,
    /// The points of the products with a green tick and known points.
    pub confirmed_points: u32,
    /// Which levels are open with those points.
    pub standing: Standing,
    /// What the next step needs; `None` once every level is open.
    pub next_step: Option<NextStep>,
    /// The level table.
    pub levels: Vec<CpsLevelRow>,
    /// The Business account, once requested.
    pub account: Option<AccountView>,
    /// Checkouts, newest first.
    pub checkouts: Vec<CpsCheckout>,
    /// Memberships, newest first, superseded ones included.
    pub memberships: Vec<CpsMembership>,
    /// The CPS deadlines, soonest first.
    pub deadlines: Vec<Deadline>,
    /// The portal's address.
    pub portal_url: String,
}

/// The one line the home screen shows about CPS: the membership in force, or the
/// Business account on its way to one. Read without the products, the level table,
/// the checkouts or the keychain, so the first screen costs the same on a record of
/// ten cameras as on one of ten thousand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CpsHome {
    /// The membership not superseded by another, if any.
    pub membership: Option<CpsMembership>,
    /// The furthest step the Business account has reached, once requested.
    pub account_state: Option<canon_desk_core::cps::AccountState>,
    /// The day Canon's email is expected, while the account is only requested.
    pub expected_validation: Option<NaiveDate>,
}

/// The home screen's CPS line.
pub async fn home(ctx: &Ctx) -> Result<CpsHome> {
    let store = ctx.store();
    let membership = store
        .cps_memberships()?
        .into_iter()
        .find(|m| m.superseded_by.is_none());
    let account = store.cps_account()?;
    Ok(CpsHome {
        membership,
        expected_validation: account
            .as_ref()
            .and_then(|a| expected_validation(a.steps.requested_on).ok()),
        account_state: account.map(|a| a.state),
    })
}

/// The zone CPS dates are read in: the computer's own (invoice and dashboard dates
/// are the user's), or Europe/Paris, the app's other governing zone, if unknown.
pub fn user_zone() -> chrono_tz::Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse().ok())
        .unwrap_or(canon_desk_core::deadlines::CANON_FRANCE_ZONE)
}

/// The CPS deadlines of the record, for the reminder engine and the screen.
pub fn deadlines(ctx: &Ctx) -> Result<Vec<Deadline>> {
    let facts = ctx.store().cps_facts()?;
    let mut out = cps_deadlines(&facts, user_zone());
    out.sort_by_key(|d| d.due_at);
    Ok(out)
}

fn current_standing(ctx: &Ctx) -> Result<(Vec<CpsProduct>, u32, Standing)> {
    let store = ctx.store();
    let mut products = store.cps_products()?;
    blockers_first(&mut products, CpsProduct::registration_facts);
    let regs: Vec<_> = products
        .iter()
        .map(CpsProduct::registration_facts)
        .collect();
    let points = confirmed_points(&regs);
    let thresholds = store.cps_thresholds()?;
    Ok((products, points, standing(points, &thresholds)))
}

/// What the CPS screen shows.
pub async fn overview(ctx: &Ctx) -> Result<CpsOverview> {
    let (products, points, standing) = current_standing(ctx)?;
    let (levels, account, checkouts, memberships, thresholds) = {
        let store = ctx.store();
        (
            store.cps_levels()?,
            store.cps_account()?,
            store.cps_checkouts()?,
            store.cps_memberships()?,
            store.cps_thresholds()?,
        )
    };
    let account = match account {
        Some(account) => Some(AccountView {
            expected_validation: expected_validation(account.steps.requested_on).ok(),
            has_password: read_password(ctx, &account.login_email).await?.is_some(),
            account,
        }),
        None => None,
    };
    Ok(CpsOverview {
        products,
        confirmed_points: points,
        next_step: next_step(points, &thresholds),
        standing,
        levels,
        account,
        checkouts,
        memberships,
        deadlines: deadlines(ctx)?,
        portal_url: portal_url(ctx)?,
    })
}

/// Adds a camera or lens with its CPS registration.
pub async fn product_create(ctx: &Ctx, input: CpsProductInput) -> Result<CpsProduct> {
    let now = ctx.now();
    Ok(ctx.store().create_cps_product(&input, now)?)
}

/// Edits a camera or lens and its CPS registration.
pub async fn product_update(
    ctx: &Ctx,
    device_id: i64,
    input: CpsProductInput,
) -> Result<CpsProduct> {
    let now = ctx.now();
    Ok(ctx.store().update_cps_product(device_id, &input, now)?)
}

/// What the Business-account wizard sends: the request and the chosen proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AccountWizard {
    /// What was asked on Canon's form.
    pub request: CpsAccountRequest,
    /// The proof of business the user attached there.
    pub proof: Upload,
}

/// Records the Business-account request; the proof becomes a document of the
/// organisation in the same transaction, and the expected validation is planned.
pub async fn account_request(ctx: &Ctx, wizard: AccountWizard) -> Result<AccountView> {
    let now = ctx.now();
    let staged = crate::upload::stage(ctx, &wizard.proof)?;
    let docs = ctx.data_dir().join(crate::documents::DOCUMENTS_DIR);
    let (hash, _) = store_blob(&docs, staged.path())?;
    let account =
        ctx.store()
            .request_cps_account(&docs, &wizard.request, &hash, staged.label(), now)?;
    tracing::info!("CPS Business account request recorded");
    account_view(ctx, account).await
}

async fn account_view(ctx: &Ctx, account: CpsAccount) -> Result<AccountView> {
    Ok(AccountView {
        expected_validation: expected_validation(account.steps.requested_on).ok(),
        has_password: read_password(ctx, &account.login_email).await?.is_some(),
        account,
    })
}

/// Dates a step of the account: Canon's email arrived, the password was set.
pub async fn account_step(ctx: &Ctx, step: AccountStep, on: NaiveDate) -> Result<AccountView> {
    let now = ctx.now();
    let account = ctx.store().set_cps_account_step(step, on, now)?;
    account_view(ctx, account).await
}

/// Changes the login email; a password kept for the old one moves with it.
pub async fn account_set_login(ctx: &Ctx, email: String) -> Result<AccountView> {
    let now = ctx.now();
    let old = ctx.store().cps_account()?.map(|a| a.login_email);
    let account = ctx.store().set_cps_login_email(&email, now)?;
    if let Some(old) = old.filter(|o| *o != account.login_email) {
        if let Some(password) = read_password(ctx, &old).await? {
            let new_key = password_key(&account.login_email);
            keychain(ctx, move |s| s.set(&new_key, &password)).await?;
            keychain(ctx, move |s| s.delete(&password_key(&old))).await?;
        }
    }
    account_view(ctx, account).await
}

/// Runs a keychain call off the async threads (the keychain blocks).
async fn keychain<T: Send + 'static>(
    ctx: &Ctx,
    f: impl FnOnce(&dyn crate::secrets::SecretStore) -> Result<T> + Send + 'static,
) -> Result<T> {
    let secrets = ctx.secrets();
    tokio::task::spawn_blocking(move || f(secrets.as_ref()))
        .await
        .map_err(|e| Error::internal(format!("keychain task: {e}")))?
}

async fn read_password(ctx: &Ctx, login_email: &str) -> Result<Option<String>> {
    let key = password_key(login_email);
    keychain(ctx, move |s| s.get(&key)).await
}

fn no_account() -> Error {
    Error {
        code: ErrorCode::NotConfigured,
        message: "no CPS Business account is recorded".into(),
        field: None,
    }
}

/// Keeps the Canon account's password in the keychain (an empty one forgets it).
/// It goes nowhere else: not the database, not a log, not the answer.
pub async fn password_set(ctx: &Ctx, password: String) -> Result<AccountView> {
    let account = ctx.store().cps_account()?.ok_or_else(no_account)?;
    let key = password_key(&account.login_email);
    keychain(ctx, move |s| {
        if password.is_empty() {
            s.delete(&key)
        } else {
            s.set(&key, &password)
        }
    })
    .await?;
    account_view(ctx, account).await
}

/// Puts the Canon account's password on the clipboard for the portal's sign-in,
/// without it passing through the interface, kept out of clipboard histories, and
/// empties the clipboard [`Ctx::clipboard_clear_after`] later if the password is still
/// on it (a second copy in the meantime restarts the wait; quitting clears it at once,
/// [`clipboard_on_exit`]). Answers that wait in seconds, for the interface to say.
pub async fn password_copy(ctx: &Ctx) -> Result<u32> {
    let account = ctx.store().cps_account()?.ok_or_else(no_account)?;
    let password = read_password(ctx, &account.login_email)
        .await?
        .ok_or_else(|| Error {
            code: ErrorCode::NotFound,
            message: "no Canon password is kept".into(),
            field: Some("password".into()),
        })?;
    let digest = crate::clipboard::digest(&password);
    let clipboard = ctx.clipboard();
    let copy = std::sync::Arc::clone(&clipboard);
    tokio::task::spawn_blocking(move || copy.set_secret(&password))
        .await
        .map_err(|e| Error::internal(format!("clipboard task: {e}")))??;
    let pending = ctx.clipboard_pending();
    let mine = {
        let mut slot = pending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let copy = slot.map_or(1, |p| p.copy + 1);
        *slot = Some(crate::clipboard::Pending { copy, digest });
        copy
    };
    let wait = ctx.clipboard_clear_after();
    tokio::spawn(async move {
        tokio::time::sleep(wait).await;
        let cleared = tokio::task::spawn_blocking(move || {
            clear_pending(&pending, clipboard.as_ref(), Some(mine));
        });
        if let Err(e) = cleared.await {
            tracing::warn!(error = %e, "the clipboard task stopped");
        }
    });
    Ok(u32::try_from(wait.as_secs()).unwrap_or(u32::MAX))
}

/// Takes the pending password copy off the clipboard if the clipboard still holds it.
/// With `only`, only while that copy is the latest: the timer of a copy that a later
/// one replaced leaves the clearing to the later one's. Logs what it found, never the
/// text.
fn clear_pending(
    pending: &std::sync::Mutex<Option<crate::clipboard::Pending>>,
    clipboard: &dyn crate::clipboard::Clipboard,
    only: Option<u64>,
) {
    let due = {
        let mut slot = pending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match (*slot, only) {
            (Some(p), Some(copy)) if p.copy != copy => None,
            _ => slot.take(),
        }
    };
    let Some(p) = due else { return };
    match clipboard.clear_if_holds(&p.digest) {
        Ok(true) => tracing::info!("the Canon password was taken off the clipboard"),
        Ok(false) => tracing::info!("the clipboard changed since the copy: left alone"),
        Err(e) => tracing::warn!(error = %e.message, "could not empty the clipboard"),
    }
}

/// Called as the app quits: a password copied less than the wait ago is taken off the
/// clipboard now, since on Windows and macOS the clipboard keeps it after the app is
/// gone and its timer would never run.
pub fn clipboard_on_exit(ctx: &Ctx) {
    clear_pending(&ctx.clipboard_pending(), ctx.clipboard().as_ref(), None);
}

/// Saves one row of the level table.
pub async fn level_save(ctx: &Ctx, row: CpsLevelRow) -> Result<CpsLevelRow> {
    let now = ctx.now();
    Ok(ctx
        .store()
        .save_cps_level(row.level, row.threshold, row.price, now)?)
}

/// Checks the review page's choices against the account's points and says what
/// they cause, without recording anything.
pub async fn checkout_review(ctx: &Ctx, choice: CheckoutChoice) -> Result<Review> {
    let (_, _, standing) = current_standing(ctx)?;
    Ok(review(&choice, &standing)?)
}

/// A checkout recorded as the portal opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutStarted {
    /// The checkout.
    pub checkout: CpsCheckout,
    /// The portal's address, for the shell to open.
    pub url: String,
    /// Whether the desktop opened it (set by the shell).
    pub opened: bool,
}

/// Records the reviewed checkout (refused without the Terms & Conditions) and
/// returns the portal's address for the shell to open.
pub async fn checkout_start(ctx: &Ctx, choice: CheckoutChoice) -> Result<CheckoutStarted> {
    let reviewed = checkout_review(ctx, choice).await?;
    let now = ctx.now();
    let checkout = ctx.store().start_cps_checkout(&reviewed, now)?;
    Ok(CheckoutStarted {
        checkout,
        url: portal_url(ctx)?,
        opened: false,
    })
}

/// What the user brings back from the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutReturn {
    /// The checkout.
    pub checkout_id: i64,
    /// The invoice's date.
    pub invoice_date: NaiveDate,
    /// The invoice's due date.
    pub due_date: NaiveDate,
    /// The membership number the dashboard shows.
    pub membership_number: String,
    /// The expiry date the dashboard shows.
    pub expires_on: Option<NaiveDate>,
}

/// Records the invoice and the membership the portal gave; the due date (transfer)
/// or the charge (card) and the expiry are planned.
pub async fn checkout_complete(ctx: &Ctx, back: CheckoutReturn) -> Result<CpsMembership> {
    let now = ctx.now();
    let (_, membership) = ctx.store().complete_cps_checkout(
        back.checkout_id,
        back.invoice_date,
        back.due_date,
        &back.membership_number,
        back.expires_on,
        now,
    )?;
    Ok(membership)
}

/// The invoice is settled (transfer made, charge seen): its reminder closes.
pub async fn checkout_settle(ctx: &Ctx, checkout_id: i64, on: NaiveDate) -> Result<CpsCheckout> {
    let now = ctx.now();
    Ok(ctx.store().settle_cps_checkout(checkout_id, on, now)?)
}

/// Records a membership as the dashboard shows it (a new number supersedes the old).
pub async fn membership_record(ctx: &Ctx, input: CpsMembershipInput) -> Result<CpsMembership> {
    let now = ctx.now();
    Ok(ctx.store().record_cps_membership(&input, now)?)
}

/// The portal's address: the setting, or [`DEFAULT_PORTAL_URL`].
pub fn portal_url(ctx: &Ctx) -> Result<String> {
    Ok(ctx
        .store()
        .setting(PORTAL_URL_KEY)?
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_PORTAL_URL.to_owned()))
}

/// Sets the portal's address; it must be an https:// address. Blank restores the default.
pub async fn portal_url_set(ctx: &Ctx, url: String) -> Result<String> {
    let url = url.trim().to_owned();
    if url.is_empty() {
        ctx.store().set_setting(PORTAL_URL_KEY, "")?;
        return portal_url(ctx);
    }
    let host = url.strip_prefix("https://").unwrap_or_default();
    if host.is_empty() || host.starts_with('/') || url.chars().any(char::is_whitespace) {
        return Err(Error {
            code: ErrorCode::Validation,
            message: format!("{url:?} is not an https:// address"),
            field: Some("portalUrl".into()),
        });
    }
    ctx.store().set_setting(PORTAL_URL_KEY, &url)?;
    Ok(url)
}
