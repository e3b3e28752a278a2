//! CPS commands: products and points, the Business account, the Canon password, the
//! level table, the checkout (which opens the portal) and the membership.

use canon_desk_app::cps::{
    self, AccountView, AccountWizard, CheckoutReturn, CheckoutStarted, CpsHome, CpsOverview,
};
use canon_desk_core::cps_subscription::{CheckoutChoice, Review};
use canon_desk_store::{
    AccountStep, CpsCheckout, CpsLevelRow, CpsMembership, CpsMembershipInput, CpsProduct,
    CpsProductInput,
};
use chrono::NaiveDate;

use super::{shielded, Answer, State};

/// What the CPS screen shows.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_overview(ctx: State<'_>) -> Answer<CpsOverview> {
    shielded(&ctx, |c| async move { cps::overview(&c).await })
}

/// The home screen's CPS line: the membership in force, or the account's step.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_home(ctx: State<'_>) -> Answer<CpsHome> {
    shielded(&ctx, |c| async move { cps::home(&c).await })
}

/// Adds a camera or lens with its CPS registration.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_product_create(ctx: State<'_>, input: CpsProductInput) -> Answer<CpsProduct> {
    shielded(&ctx, move |c| async move {
        cps::product_create(&c, input).await
    })
}

/// Edits a camera or lens and its CPS registration.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_product_update(ctx: State<'_>, id: i64, input: CpsProductInput) -> Answer<CpsProduct> {
    shielded(&ctx, move |c| async move {
        cps::product_update(&c, id, input).await
    })
}

/// Records the Business-account request with its proof of business.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_account_request(ctx: State<'_>, wizard: AccountWizard) -> Answer<AccountView> {
    shielded(&ctx, move |c| async move {
        cps::account_request(&c, wizard).await
    })
}

/// Dates a step of the Business account.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_account_step(ctx: State<'_>, step: AccountStep, on: NaiveDate) -> Answer<AccountView> {
    shielded(&ctx, move |c| async move {
        cps::account_step(&c, step, on).await
    })
}

/// Changes the Business account's login email.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_account_set_login(ctx: State<'_>, email: String) -> Answer<AccountView> {
    shielded(&ctx, move |c| async move {
        cps::account_set_login(&c, email).await
    })
}

/// Keeps (or, empty, forgets) the Canon password in the keychain.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_password_set(ctx: State<'_>, password: String) -> Answer<AccountView> {
    shielded(&ctx, move |c| async move {
        cps::password_set(&c, password).await
    })
}

/// Copies the Canon password to the clipboard (it never comes back to the window);
/// answers the seconds before the clipboard is emptied.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_password_copy(ctx: State<'_>) -> Answer<u32> {
    shielded(&ctx, |c| async move { cps::password_copy(&c).await })
}

/// Saves one row of the level table.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_level_save(ctx: State<'_>, row: CpsLevelRow) -> Answer<CpsLevelRow> {
    shielded(&ctx, move |c| async move { cps::level_save(&c, row).await })
}

/// Checks the review page's choices and says what they cause.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_checkout_review(ctx: State<'_>, choice: CheckoutChoice) -> Answer<Review> {
    shielded(&ctx, move |c| async move {
        cps::checkout_review(&c, choice).await
    })
}

/// Records the checkout and opens the portal in the browser.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_checkout_start(
    app: tauri::AppHandle,
    ctx: State<'_>,
    choice: CheckoutChoice,
) -> Answer<CheckoutStarted> {
    let started = shielded(&ctx, move |c| async move {
        cps::checkout_start(&c, choice).await
    });
    Answer::new(async move {
        let mut started = started.await?;
        started.opened = match open_portal(&app, &started.url) {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(error = %e, "the browser did not open the CPS portal");
                false
            }
        };
        Ok(started)
    })
}

/// Records the invoice and the membership brought back from the portal.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_checkout_complete(ctx: State<'_>, back: CheckoutReturn) -> Answer<CpsMembership> {
    shielded(&ctx, move |c| async move {
        cps::checkout_complete(&c, back).await
    })
}

/// Marks a checkout's invoice settled.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_checkout_settle(ctx: State<'_>, id: i64, on: NaiveDate) -> Answer<CpsCheckout> {
    shielded(&ctx, move |c| async move {
        cps::checkout_settle(&c, id, on).await
    })
}

/// Records a membership as the dashboard shows it.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_membership_record(ctx: State<'_>, input: CpsMembershipInput) -> Answer<CpsMembership> {
    shielded(&ctx, move |c| async move {
        cps::membership_record(&c, input).await
    })
}

/// Sets the portal's address (blank restores the default).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn cps_portal_url_set(ctx: State<'_>, url: String) -> Answer<String> {
    shielded(
        &ctx,
        move |c| async move { cps::portal_url_set(&c, url).await },
    )
}

/// With this variable set to a file, the portal addresses the checkout would open are
/// appended to that file, one a line, instead of being opened: the end-to-end tests
/// read them there, and no browser starts. Nothing else reads it.
pub const PORTAL_LOG_ENV: &str = "CANON_DESK_PORTAL_LOG";

/// Asks the desktop to open the portal (an https:// address only), or writes it to
/// [`PORTAL_LOG_ENV`]'s file when that is set.
fn open_portal(app: &tauri::AppHandle, url: &str) -> std::result::Result<(), String> {
    if !url.starts_with("https://") {
        return Err(format!("not an https:// address: {url}"));
    }
    if let Some(log) = std::env::var_os(PORTAL_LOG_ENV) {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .map_err(|e| e.to_string())?;
        return writeln!(file, "{url}").map_err(|e| e.to_string());
    }
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| e.to_string())
}
