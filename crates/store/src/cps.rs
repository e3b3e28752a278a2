//! Canon Professional Services: cameras and lenses with their CPS registration, the
//! Business account, the level table, checkouts and memberships.
//!
//! Cameras and lenses are devices like any other (one record for equipment); what
//! CPS asks beside them lives in `cps_products`. Every change lands in the audit log
//! in its transaction: a product's under `cps_product` (the device's id, so the
//! device's history shows it), the account under `cps_account`, a level under
//! `cps_level` (its position in [`Level::ALL`], from 1), checkouts and memberships
//! under their own names.

use std::path::Path;

use canon_desk_core::cps::{
    AccountState, AccountSteps, Level, LevelThresholds, ProductRegistration,
    ProductRegistrationState, ProofDocument, RegistrationField,
};
use canon_desk_core::cps_deadlines::{AccountFacts, CheckoutFacts, CpsFacts, MembershipFacts};
use canon_desk_core::cps_subscription::{
    check_invoice_dates, number_change, NumberChange, PaymentMethod, Price, PriceSource, Review,
    SubscriptionType,
};
use canon_desk_core::device::{DeviceKind, MeterTransmission, Ownership};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::documents::{insert_blob_document, DocumentEntity};
use crate::error::corrupt;
use crate::reminders::{reconcile, Scope};
use crate::{devices, ts, DeviceInput, Error, Result, Store};
use chrono_tz::Tz;

/// A camera or lens with what CPS needs to confirm its points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CpsProduct {
    /// The device's id.
    pub device_id: i64,
    /// The serial number.
    pub serial: String,
    /// The model.
    pub model: String,
    /// Camera or lens.
    pub kind: DeviceKind,
    /// The purchase date (the device's `installed_on`).
    pub purchase_date: Option<NaiveDate>,
    /// The country of purchase, as typed.
    pub country_of_purchase: String,
    /// The dealer, as typed.
    pub dealer: String,
    /// The points the user says it earns; `None` when unknown.
    pub points: Option<u32>,
    /// Registered in "My products", migrated, or not yet.
    pub registration: ProductRegistrationState,
    /// The details CPS still needs; empty means the green tick.
    pub missing: Vec<RegistrationField>,
}

impl CpsProduct {
    /// The registration as the CPS rules read it.
    pub fn registration_facts(&self) -> ProductRegistration {
        let text = |s: &str| Some(s.to_owned()).filter(|v| !v.trim().is_empty());
        ProductRegistration {
            serial_number: text(&self.serial),
            purchase_date: self.purchase_date,
            country_of_purchase: text(&self.country_of_purchase),
            dealer: text(&self.dealer),
            points: self.points,
        }
    }
}

/// What the user fills in to add or edit a camera or lens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CpsProductInput {
    /// The serial number as typed.
    pub serial: String,
    /// The model.
    pub model: String,
    /// Camera or lens.
    pub kind: DeviceKind,
    /// The purchase date (a best guess is accepted).
    pub purchase_date: Option<NaiveDate>,
    /// The country of purchase.
    pub country_of_purchase: String,
    /// The dealer.
    pub dealer: String,
    /// The points it earns, as read in "My products"; `None` when unknown.
    pub points: Option<u32>,
    /// Registered, migrated or not yet.
    pub registration: ProductRegistrationState,
}

const PRODUCT_SELECT: &str = "SELECT d.id, d.serial, d.model, d.kind, d.installed_on,
        COALESCE(p.country_of_purchase, ''), COALESCE(p.dealer, ''), p.points,
        COALESCE(p.registration, 'not_registered')
    FROM devices d LEFT JOIN cps_products p ON p.device_id = d.id";

fn product_from_row(r: &Row<'_>) -> rusqlite::Result<CpsProduct> {
    let kind: String = r.get(3)?;
    let registration: String = r.get(8)?;
    let points: Option<i64> = r.get(7)?;
    let mut product = CpsProduct {
        device_id: r.get(0)?,
        serial: r.get(1)?,
        model: r.get(2)?,
        kind: DeviceKind::parse(&kind).ok_or_else(|| corrupt("devices.kind", kind))?,
        purchase_date: r.get(4)?,
        country_of_purchase: r.get(5)?,
        dealer: r.get(6)?,
        points: points
            .map(|p| u32::try_from(p).map_err(|_| corrupt("cps_products.points", p.to_string())))
            .transpose()?,
        registration: ProductRegistrationState::parse(&registration)
            .ok_or_else(|| corrupt("cps_products.registration", registration))?,
        missing: Vec::new(),
    };
    product.missing = product.registration_facts().missing();
    Ok(product)
}

fn load_product(conn: &Connection, device_id: i64) -> Result<CpsProduct> {
    conn.query_row(
        &format!("{PRODUCT_SELECT} WHERE d.id = ?1 AND d.kind IN ('camera','lens')"),
        [device_id],
        product_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "cps_product",
        id: device_id,
    })
}

fn product_device_input(input: &CpsProductInput) -> Result<DeviceInput> {
    if input.kind.is_billed_by_page() {
        return Err(canon_desk_core::Error::Invalid {
            field: "kind",
            reason: "CPS registers cameras and lenses only".into(),
        }
        .into());
    }
    Ok(DeviceInput {
        serial: input.serial.clone(),
        model: input.model.clone(),
        kind: input.kind,
        site_id: None,
        ownership: Ownership::Owned,
        installed_on: input.purchase_date,
        // Cameras send no counters; the column needs a value, and manual is inert.
        meter_transmission: MeterTransmission::Manual,
        notes: String::new(),
    })
}

fn write_product_row(
    conn: &Connection,
    device_id: i64,
    input: &CpsProductInput,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO cps_products (device_id, country_of_purchase, dealer, points, registration,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT(device_id) DO UPDATE SET country_of_purchase = excluded.country_of_purchase,
             dealer = excluded.dealer, points = excluded.points,
             registration = excluded.registration, updated_at = excluded.updated_at",
        params![
            device_id,
            input.country_of_purchase.trim(),
            input.dealer.trim(),
            input.points,
            input.registration.as_str(),
            ts(now)
        ],
    )?;
    Ok(())
}

/// The Canon Business account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CpsAccount {
    /// Row id (always 1: one account per record).
    pub id: i64,
    /// The login email of the Business account.
    pub login_email: String,
    /// Whether the business is registered with a VAT number.
    pub has_vat: bool,
    /// The document sent as proof of business.
    pub proof_kind: ProofDocument,
    /// The stored copy of that document (a document of the organisation).
    pub proof_document_id: Option<i64>,
    /// The old CPS email given for migration; `None` when left out.
    pub old_cps_email: Option<String>,
    /// The step dates.
    pub steps: AccountSteps,
    /// The furthest step reached.
    pub state: AccountState,
    /// Creation instant.
    pub created_at: String,
    /// Last change instant.
    pub updated_at: String,
}

/// What the Business-account wizard records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CpsAccountRequest {
    /// The login email of the new account.
    pub login_email: String,
    /// Whether the business has a VAT number.
    pub has_vat: bool,
    /// The document sent as proof.
    pub proof_kind: ProofDocument,
    /// The old CPS email, for migrating products; blank when left out.
    pub old_cps_email: Option<String>,
    /// The day the account was requested.
    pub requested_on: NaiveDate,
}

const ACCOUNT_SELECT: &str = "SELECT id, login_email, has_vat, proof_kind, proof_document_id,
    old_cps_email, requested_on, validated_on, password_set_on, created_at, updated_at FROM cps_account";

fn account_from_row(r: &Row<'_>) -> rusqlite::Result<CpsAccount> {
    let proof: String = r.get(3)?;
    let steps = AccountSteps {
        requested_on: r.get(6)?,
        validated_on: r.get(7)?,
        password_set_on: r.get(8)?,
    };
    Ok(CpsAccount {
        id: r.get(0)?,
        login_email: r.get(1)?,
        has_vat: r.get(2)?,
        proof_kind: ProofDocument::parse(&proof)
            .ok_or_else(|| corrupt("cps_account.proof_kind", proof))?,
        proof_document_id: r.get(4)?,
        old_cps_email: r.get(5)?,
        state: steps.state(),
        steps,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

/// The Business account, which must have been requested.
fn existing_account(conn: &Connection) -> Result<CpsAccount> {
    load_account(conn)?.ok_or(Error::NotFound {
        entity: "cps_account",
        id: 1,
    })
}

fn load_account(conn: &Connection) -> Result<Option<CpsAccount>> {
    Ok(conn
        .query_row(
            &format!("{ACCOUNT_SELECT} WHERE id = 1"),
            [],
            account_from_row,
        )
        .optional()?)
}

/// The document kind a proof is filed under among the organisation's documents.
fn proof_document_kind(proof: ProofDocument) -> &'static str {
    match proof {
        ProofDocument::VatCertificate => "vat_certificate",
        ProofDocument::CommercialInvoice | ProofDocument::CompanyInvoice => "invoice",
        ProofDocument::BusinessLicence | ProofDocument::ChamberOfCommerceCertificate => "other",
    }
}

fn check_email(field: &'static str, email: &str) -> Result<String> {
    let email = email.trim();
    if email.is_empty() {
        return Err(canon_desk_core::Error::Required { field }.into());
    }
    canon_desk_core::validate::email(email).map_err(|e| {
        canon_desk_core::Error::Invalid {
            field,
            reason: e.to_string(),
        }
        .into()
    })
}

/// A step of the account that the user records as it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AccountStep {
    /// Canon's email from donotreply@canon-europe.com arrived.
    Validated,
    /// The new password was set.
    PasswordSet,
}

/// One row of the level table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CpsLevelRow {
    /// The level.
    pub level: Level,
    /// The points it opens at, as read on the dashboard; `None` when unknown
    /// (Corporate has none: its rule is in the guide).
    pub threshold: Option<u32>,
    /// Its yearly price excluding VAT, if known.
    pub price: Option<Price>,
    /// Where the price comes from.
    pub price_source: Option<PriceSource>,
}

fn level_position(level: Level) -> i64 {
    Level::ALL
        .iter()
        .position(|l| *l == level)
        .map_or(0, |p| p as i64 + 1)
}

fn level_from_row(r: &Row<'_>) -> rusqlite::Result<CpsLevelRow> {
    let level: String = r.get(0)?;
    let threshold: Option<i64> = r.get(1)?;
    let amount: Option<i64> = r.get(2)?;
    let currency: Option<String> = r.get(3)?;
    let source: Option<String> = r.get(4)?;
    Ok(CpsLevelRow {
        level: Level::parse(&level).ok_or_else(|| corrupt("cps_levels.level", level))?,
        threshold: threshold
            .map(|t| u32::try_from(t).map_err(|_| corrupt("cps_levels.threshold", t.to_string())))
            .transpose()?,
        price: amount.zip(currency).map(|(amount_minor, currency)| Price {
            amount_minor,
            currency,
        }),
        price_source: source
            .map(|s| PriceSource::parse(&s).ok_or_else(|| corrupt("cps_levels.price_source", s)))
            .transpose()?,
    })
}

fn load_levels(conn: &Connection) -> Result<Vec<CpsLevelRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT level, threshold, price_minor, currency, price_source FROM cps_levels",
    )?;
    let mut rows: Vec<CpsLevelRow> = stmt
        .query_map([], level_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.sort_by_key(|r| level_position(r.level));
    Ok(rows)
}

/// A subscription bought on the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CpsCheckout {
    /// Row id.
    pub id: i64,
    /// The level.
    pub level: Level,
    /// The yearly price excluding VAT the review page showed.
    pub price: Price,
    /// Auto-renewal or one-off.
    pub subscription: SubscriptionType,
    /// The purchase-order number, if any.
    pub po_number: Option<String>,
    /// Card or bank transfer.
    pub payment: PaymentMethod,
    /// When the terms were accepted in the wizard.
    pub terms_accepted_at: String,
    /// When the portal was opened.
    pub portal_opened_at: String,
    /// The invoice's date, once recorded.
    pub invoice_date: Option<NaiveDate>,
    /// The invoice's due date (a card is charged then), once recorded.
    pub due_date: Option<NaiveDate>,
    /// The day the transfer was made or the charge seen.
    pub settled_on: Option<NaiveDate>,
    /// Creation instant.
    pub created_at: String,
}

const CHECKOUT_SELECT: &str = "SELECT id, level, price_minor, currency, subscription, po_number,
    payment, terms_accepted_at, portal_opened_at, invoice_date, due_date, settled_on, created_at
    FROM cps_checkouts";

fn checkout_from_row(r: &Row<'_>) -> rusqlite::Result<CpsCheckout> {
    let level: String = r.get(1)?;
    let subscription: String = r.get(4)?;
    let payment: String = r.get(6)?;
    Ok(CpsCheckout {
        id: r.get(0)?,
        level: Level::parse(&level).ok_or_else(|| corrupt("cps_checkouts.level", level))?,
        price: Price {
            amount_minor: r.get(2)?,
            currency: r.get(3)?,
        },
        subscription: SubscriptionType::parse(&subscription)
            .ok_or_else(|| corrupt("cps_checkouts.subscription", subscription))?,
        po_number: r.get(5)?,
        payment: PaymentMethod::parse(&payment)
            .ok_or_else(|| corrupt("cps_checkouts.payment", payment))?,
        terms_accepted_at: r.get(7)?,
        portal_opened_at: r.get(8)?,
        invoice_date: r.get(9)?,
        due_date: r.get(10)?,
        settled_on: r.get(11)?,
        created_at: r.get(12)?,
    })
}

fn load_checkout(conn: &Connection, id: i64) -> Result<CpsCheckout> {
    conn.query_row(
        &format!("{CHECKOUT_SELECT} WHERE id = ?1"),
        [id],
        checkout_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "cps_checkout",
        id,
    })
}

/// The status the dashboard shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    /// Active.
    Active,
    /// Expired.
    Expired,
    /// Cancelled.
    Cancelled,
}

impl MembershipStatus {
    fn as_str(self) -> &'static str {
        match self {
            MembershipStatus::Active => "active",
            MembershipStatus::Expired => "expired",
            MembershipStatus::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [
            MembershipStatus::Active,
            MembershipStatus::Expired,
            MembershipStatus::Cancelled,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A CPS membership as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CpsMembership {
    /// Row id.
    pub id: i64,
    /// The membership number.
    pub number: String,
    /// Active, expired or cancelled.
    pub status: MembershipStatus,
    /// The level.
    pub level: Level,
    /// The expiry date.
    pub expires_on: Option<NaiveDate>,
    /// Auto-renewal or one-off.
    pub subscription: SubscriptionType,
    /// Card or bank transfer.
    pub payment: PaymentMethod,
    /// The purchase-order number, if any.
    pub po_number: Option<String>,
    /// The checkout it came from, if recorded through the wizard.
    pub checkout_id: Option<i64>,
    /// The membership whose new number replaced this one.
    pub superseded_by: Option<i64>,
    /// When it was superseded.
    pub superseded_at: Option<String>,
    /// Creation instant.
    pub created_at: String,
}

/// What the user copies from the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CpsMembershipInput {
    /// The membership number.
    pub number: String,
    /// Active, expired or cancelled.
    pub status: MembershipStatus,
    /// The level.
    pub level: Level,
    /// The expiry date.
    pub expires_on: Option<NaiveDate>,
    /// Auto-renewal or one-off.
    pub subscription: SubscriptionType,
    /// Card or bank transfer.
    pub payment: PaymentMethod,
    /// The purchase-order number, if any.
    pub po_number: Option<String>,
}

const MEMBERSHIP_SELECT: &str = "SELECT id, number, status, level, expires_on, subscription,
    payment, po_number, checkout_id, superseded_by, superseded_at, created_at FROM cps_memberships";

fn membership_from_row(r: &Row<'_>) -> rusqlite::Result<CpsMembership> {
    let status: String = r.get(2)?;
    let level: String = r.get(3)?;
    let subscription: String = r.get(5)?;
    let payment: String = r.get(6)?;
    Ok(CpsMembership {
        id: r.get(0)?,
        number: r.get(1)?,
        status: MembershipStatus::parse(&status)
            .ok_or_else(|| corrupt("cps_memberships.status", status))?,
        level: Level::parse(&level).ok_or_else(|| corrupt("cps_memberships.level", level))?,
        expires_on: r.get(4)?,
        subscription: SubscriptionType::parse(&subscription)
            .ok_or_else(|| corrupt("cps_memberships.subscription", subscription))?,
        payment: PaymentMethod::parse(&payment)
            .ok_or_else(|| corrupt("cps_memberships.payment", payment))?,
        po_number: r.get(7)?,
        checkout_id: r.get(8)?,
        superseded_by: r.get(9)?,
        superseded_at: r.get(10)?,
        created_at: r.get(11)?,
    })
}

fn load_membership(conn: &Connection, id: i64) -> Result<CpsMembership> {
    conn.query_row(
        &format!("{MEMBERSHIP_SELECT} WHERE id = ?1"),
        [id],
        membership_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "cps_membership",
        id,
    })
}

fn load_memberships(conn: &Connection) -> Result<Vec<CpsMembership>> {
    let mut stmt = conn.prepare_cached(&format!("{MEMBERSHIP_SELECT} ORDER BY id DESC"))?;
    let rows = stmt.query_map([], membership_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a membership inside the caller's transaction: the same number updates
/// its row; a new number is a new row and the current one is marked superseded by it.
fn write_membership(
    conn: &Connection,
    input: &CpsMembershipInput,
    checkout_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<CpsMembership> {
    let memberships = load_memberships(conn)?;
    let current = memberships.iter().find(|m| m.superseded_by.is_none());
    let superseded: Vec<String> = memberships
        .iter()
        .filter(|m| m.superseded_by.is_some())
        .map(|m| m.number.clone())
        .collect();
    let change = number_change(
        current.map(|m| m.number.as_str()),
        &superseded,
        &input.number,
    )?;
    let number = canon_desk_core::cps_subscription::normalize_membership_number(&input.number)?;
    let po = canon_desk_core::cps_subscription::clean_po_number(input.po_number.as_deref())?;
    let values = params![
        number,
        input.status.as_str(),
        input.level.as_str(),
        input.expires_on,
        input.subscription.as_str(),
        input.payment.as_str(),
        po,
        checkout_id,
        ts(now)
    ];
    match (change, current) {
        (NumberChange::Same, Some(before)) => {
            conn.execute(
                "UPDATE cps_memberships SET number = ?1, status = ?2, level = ?3, expires_on = ?4,
                     subscription = ?5, payment = ?6, po_number = ?7,
                     checkout_id = COALESCE(?8, checkout_id), updated_at = ?9
                 WHERE id = ?10",
                params![
                    number,
                    input.status.as_str(),
                    input.level.as_str(),
                    input.expires_on,
                    input.subscription.as_str(),
                    input.payment.as_str(),
                    po,
                    checkout_id,
                    ts(now),
                    before.id
                ],
            )?;
            let after = load_membership(conn, before.id)?;
            audit::record(
                conn,
                now,
                "cps_membership",
                before.id,
                Action::Update,
                Some(before),
                Some(&after),
            )?;
            Ok(after)
        }
        (change, current) => {
            conn.execute(
                "INSERT INTO cps_memberships (number, status, level, expires_on, subscription,
                     payment, po_number, checkout_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                values,
            )?;
            let id = conn.last_insert_rowid();
            let created = load_membership(conn, id)?;
            audit::record(
                conn,
                now,
                "cps_membership",
                id,
                Action::Create,
                None,
                Some(&created),
            )?;
            if let (NumberChange::Supersedes { .. }, Some(old)) = (change, current) {
                conn.execute(
                    "UPDATE cps_memberships SET superseded_by = ?1, superseded_at = ?2,
                         updated_at = ?2 WHERE id = ?3",
                    params![id, ts(now), old.id],
                )?;
                let after = load_membership(conn, old.id)?;
                audit::record(
                    conn,
                    now,
                    "cps_membership",
                    old.id,
                    Action::Update,
                    Some(old),
                    Some(&after),
                )?;
            }
            Ok(created)
        }
    }
}

impl Store {
    /// The organisation's cameras and lenses with their CPS registration, by serial
    /// number (soft-deleted ones left out).
    pub fn cps_products(&self) -> Result<Vec<CpsProduct>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{PRODUCT_SELECT} WHERE d.deleted_at IS NULL AND d.kind IN ('camera','lens')
             ORDER BY d.serial"
        ))?;
        let rows = stmt.query_map([], product_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a camera or lens with its CPS registration, in one transaction.
    pub fn create_cps_product(
        &mut self,
        input: &CpsProductInput,
        now: DateTime<Utc>,
    ) -> Result<CpsProduct> {
        let device_input = product_device_input(input)?;
        let tx = self.conn.savepoint()?;
        let device = devices::insert(&tx, &device_input, now)?;
        write_product_row(&tx, device.id, input, now)?;
        let product = load_product(&tx, device.id)?;
        audit::record(
            &tx,
            now,
            "cps_product",
            device.id,
            Action::Create,
            None,
            Some(&product),
        )?;
        tx.commit()?;
        Ok(product)
    }

    /// Edits a camera or lens and its CPS registration, in one transaction; the
    /// device's other fields (site, notes) are kept.
    pub fn update_cps_product(
        &mut self,
        device_id: i64,
        input: &CpsProductInput,
        now: DateTime<Utc>,
    ) -> Result<CpsProduct> {
        let mut device_input = product_device_input(input)?;
        let tx = self.conn.savepoint()?;
        let before = load_product(&tx, device_id)?;
        let device = devices::load(&tx, device_id)?;
        device_input.site_id = device.site_id;
        device_input.ownership = device.ownership;
        device_input.notes = device.notes;
        devices::update(&tx, device_id, &device_input, now)?;
        write_product_row(&tx, device_id, input, now)?;
        let after = load_product(&tx, device_id)?;
        audit::record(
            &tx,
            now,
            "cps_product",
            device_id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }

    /// The Business account, if one was requested.
    pub fn cps_account(&self) -> Result<Option<CpsAccount>> {
        load_account(&self.conn)
    }

    /// Records the Business-account request with its proof of business, already
    /// stored under `proof_hash` in `docs_dir`: the proof becomes a document of the
    /// organisation in the same transaction. One account per record.
    pub fn request_cps_account(
        &mut self,
        docs_dir: &Path,
        request: &CpsAccountRequest,
        proof_hash: &str,
        proof_label: &str,
        now: DateTime<Utc>,
    ) -> Result<CpsAccount> {
        request.proof_kind.check(request.has_vat)?;
        let login = check_email("login_email", &request.login_email)?;
        let old = request
            .old_cps_email
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .map(|e| check_email("old_cps_email", e))
            .transpose()?;
        let tx = self.conn.savepoint()?;
        if load_account(&tx)?.is_some() {
            return Err(Error::Duplicate {
                field: "login_email",
                value: login,
            });
        }
        let document = insert_blob_document(
            &tx,
            docs_dir,
            DocumentEntity::Organisation,
            1,
            proof_hash,
            proof_label,
            proof_document_kind(request.proof_kind),
            now,
        )?;
        tx.execute(
            "INSERT INTO cps_account (id, login_email, has_vat, proof_kind, proof_document_id,
                 old_cps_email, requested_on, created_at, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                login,
                request.has_vat,
                request.proof_kind.as_str(),
                document.id,
                old,
                request.requested_on,
                ts(now)
            ],
        )?;
        let account = existing_account(&tx)?;
        audit::record(
            &tx,
            now,
            "cps_account",
            1,
            Action::Create,
            None,
            Some(&account),
        )?;
        reconcile(&tx, Scope::Cps, now)?;
        tx.commit()?;
        Ok(account)
    }

    /// Dates a step of the account (Canon's email, the password set); steps must
    /// come in order.
    pub fn set_cps_account_step(
        &mut self,
        step: AccountStep,
        on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<CpsAccount> {
        let tx = self.conn.savepoint()?;
        let before = existing_account(&tx)?;
        let mut steps = before.steps;
        match step {
            AccountStep::Validated => steps.validated_on = Some(on),
            AccountStep::PasswordSet => steps.password_set_on = Some(on),
        }
        steps.validate()?;
        tx.execute(
            "UPDATE cps_account SET validated_on = ?1, password_set_on = ?2, updated_at = ?3
             WHERE id = 1",
            params![steps.validated_on, steps.password_set_on, ts(now)],
        )?;
        let after = existing_account(&tx)?;
        audit::record(
            &tx,
            now,
            "cps_account",
            1,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        reconcile(&tx, Scope::Cps, now)?;
        tx.commit()?;
        Ok(after)
    }

    /// Changes the login email of the account.
    pub fn set_cps_login_email(&mut self, email: &str, now: DateTime<Utc>) -> Result<CpsAccount> {
        let email = check_email("login_email", email)?;
        let tx = self.conn.savepoint()?;
        let before = existing_account(&tx)?;
        tx.execute(
            "UPDATE cps_account SET login_email = ?1, updated_at = ?2 WHERE id = 1",
            params![email, ts(now)],
        )?;
        let after = existing_account(&tx)?;
        audit::record(
            &tx,
            now,
            "cps_account",
            1,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        reconcile(&tx, Scope::Cps, now)?;
        tx.commit()?;
        Ok(after)
    }

    /// The level table, in [`Level::ALL`] order.
    pub fn cps_levels(&self) -> Result<Vec<CpsLevelRow>> {
        load_levels(&self.conn)
    }

    /// The thresholds entered in the level table, for the eligibility rules.
    pub fn cps_thresholds(&self) -> Result<LevelThresholds> {
        let rows = self.cps_levels()?;
        let of = |level: Level| {
            rows.iter()
                .find(|r| r.level == level)
                .and_then(|r| r.threshold)
        };
        Ok(LevelThresholds {
            silver: of(Level::Silver),
            gold: of(Level::Gold),
            platinum: of(Level::Platinum),
        })
    }

    /// Saves one row of the level table. A threshold must fit what the guide says
    /// (500 to 2,000; Corporate has none, its rule being the guide's). A price left
    /// as the guide's example stays marked so; any other is the user's.
    pub fn save_cps_level(
        &mut self,
        level: Level,
        threshold: Option<u32>,
        price: Option<Price>,
        now: DateTime<Utc>,
    ) -> Result<CpsLevelRow> {
        let mut thresholds = LevelThresholds::default();
        match level {
            Level::Silver => thresholds.silver = threshold,
            Level::Gold => thresholds.gold = threshold,
            Level::Platinum => thresholds.platinum = threshold,
            Level::Corporate if threshold.is_some() => {
                return Err(canon_desk_core::Error::Invalid {
                    field: "corporate_threshold",
                    reason: "Corporate opens above 2,500 points, as the guide says".into(),
                }
                .into())
            }
            Level::Corporate => {}
        }
        thresholds.validate()?;
        let price = price
            .map(|p| Price::new(p.amount_minor, &p.currency))
            .transpose()?;
        let tx = self.conn.savepoint()?;
        let rows = load_levels(&tx)?;
        let before = rows
            .into_iter()
            .find(|r| r.level == level)
            .ok_or(Error::NotFound {
                entity: "cps_level",
                id: level_position(level),
            })?;
        let source = match &price {
            None => None,
            Some(p) if before.price.as_ref() == Some(p) => before.price_source,
            Some(_) => Some(PriceSource::User),
        };
        tx.execute(
            "UPDATE cps_levels SET threshold = ?1, price_minor = ?2, currency = ?3,
                 price_source = ?4, updated_at = ?5 WHERE level = ?6",
            params![
                threshold,
                price.as_ref().map(|p| p.amount_minor),
                price.as_ref().map(|p| p.currency.clone()),
                source.map(PriceSource::as_str),
                ts(now),
                level.as_str()
            ],
        )?;
        let after = load_levels(&tx)?
            .into_iter()
            .find(|r| r.level == level)
            .ok_or(Error::NotFound {
                entity: "cps_level",
                id: level_position(level),
            })?;
        audit::record(
            &tx,
            now,
            "cps_level",
            level_position(level),
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }

    /// Records a checkout reviewed in the wizard, as the portal is opened.
    pub fn start_cps_checkout(
        &mut self,
        review: &Review,
        now: DateTime<Utc>,
    ) -> Result<CpsCheckout> {
        let c = &review.choice;
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO cps_checkouts (level, price_minor, currency, subscription, po_number,
                 payment, terms_accepted_at, portal_opened_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7, ?7)",
            params![
                c.level.as_str(),
                c.price.amount_minor,
                c.price.currency,
                c.subscription.as_str(),
                c.po_number,
                c.payment.as_str(),
                ts(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        let checkout = load_checkout(&tx, id)?;
        audit::record(
            &tx,
            now,
            "cps_checkout",
            id,
            Action::Create,
            None,
            Some(&checkout),
        )?;
        tx.commit()?;
        Ok(checkout)
    }

    /// Every checkout, newest first.
    pub fn cps_checkouts(&self) -> Result<Vec<CpsCheckout>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{CHECKOUT_SELECT} ORDER BY id DESC"))?;
        let rows = stmt.query_map([], checkout_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// On coming back from the portal: the invoice's dates and the membership the
    /// dashboard now shows (with the checkout's level, subscription, payment and PO),
    /// in one transaction.
    pub fn complete_cps_checkout(
        &mut self,
        checkout_id: i64,
        invoice_date: NaiveDate,
        due_date: NaiveDate,
        membership_number: &str,
        expires_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<(CpsCheckout, CpsMembership)> {
        check_invoice_dates(invoice_date, due_date)?;
        let tx = self.conn.savepoint()?;
        let before = load_checkout(&tx, checkout_id)?;
        tx.execute(
            "UPDATE cps_checkouts SET invoice_date = ?1, due_date = ?2, updated_at = ?3
             WHERE id = ?4",
            params![invoice_date, due_date, ts(now), checkout_id],
        )?;
        let after = load_checkout(&tx, checkout_id)?;
        audit::record(
            &tx,
            now,
            "cps_checkout",
            checkout_id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        let membership = write_membership(
            &tx,
            &CpsMembershipInput {
                number: membership_number.to_owned(),
                status: MembershipStatus::Active,
                level: after.level,
                expires_on,
                subscription: after.subscription,
                payment: after.payment,
                po_number: after.po_number.clone(),
            },
            Some(checkout_id),
            now,
        )?;
        reconcile(&tx, Scope::Cps, now)?;
        tx.commit()?;
        Ok((after, membership))
    }

    /// Marks a checkout's invoice settled (transfer made, card charge seen), which
    /// closes its reminder.
    pub fn settle_cps_checkout(
        &mut self,
        checkout_id: i64,
        on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<CpsCheckout> {
        let tx = self.conn.savepoint()?;
        let before = load_checkout(&tx, checkout_id)?;
        tx.execute(
            "UPDATE cps_checkouts SET settled_on = ?1, updated_at = ?2 WHERE id = ?3",
            params![on, ts(now), checkout_id],
        )?;
        let after = load_checkout(&tx, checkout_id)?;
        audit::record(
            &tx,
            now,
            "cps_checkout",
            checkout_id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        reconcile(&tx, Scope::Cps, now)?;
        tx.commit()?;
        Ok(after)
    }

    /// Records a membership as the dashboard shows it: the same number updates it,
    /// a new number supersedes the current one (kept, marked superseded).
    pub fn record_cps_membership(
        &mut self,
        input: &CpsMembershipInput,
        now: DateTime<Utc>,
    ) -> Result<CpsMembership> {
        let tx = self.conn.savepoint()?;
        let membership = write_membership(&tx, input, None, now)?;
        reconcile(&tx, Scope::Cps, now)?;
        tx.commit()?;
        Ok(membership)
    }

    /// Every membership, newest first, superseded ones included.
    pub fn cps_memberships(&self) -> Result<Vec<CpsMembership>> {
        load_memberships(&self.conn)
    }

    /// What the CPS deadlines are derived from.
    pub fn cps_facts(&self) -> Result<CpsFacts> {
        facts(&self.conn)
    }

    /// Remembers the zone CPS dates are read in (the app passes the computer's), so
    /// every reconciliation plans them alike; the deadlines move if it changed.
    pub fn set_cps_zone(&mut self, zone: Tz, now: DateTime<Utc>) -> Result<()> {
        if self.setting(ZONE_KEY)?.as_deref() == Some(zone.name()) {
            return Ok(());
        }
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![ZONE_KEY, zone.name()],
        )?;
        reconcile(&tx, Scope::Cps, now)?;
        tx.commit()?;
        Ok(())
    }
}

/// The setting that holds the zone CPS dates are read in.
const ZONE_KEY: &str = "cps.zone";

/// The zone CPS dates are read in: the one the app recorded, or Europe/Paris.
pub(crate) fn zone(conn: &Connection) -> Result<Tz> {
    let name: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [ZONE_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(name
        .and_then(|n| n.parse().ok())
        .unwrap_or(canon_desk_core::deadlines::CANON_FRANCE_ZONE))
}

/// What the CPS deadlines are derived from: the account, every checkout, the
/// active memberships (a superseded one plans nothing).
pub(crate) fn facts(conn: &Connection) -> Result<CpsFacts> {
    let account = load_account(conn)?.map(|a| AccountFacts {
        id: a.id,
        login_email: a.login_email,
        requested_on: a.steps.requested_on,
        validated_on: a.steps.validated_on,
    });
    let checkouts = {
        let mut stmt = conn.prepare_cached(&format!("{CHECKOUT_SELECT} ORDER BY id DESC"))?;
        let rows = stmt.query_map([], checkout_from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    }
    .into_iter()
    .map(|c| CheckoutFacts {
        id: c.id,
        level: c.level,
        payment: c.payment,
        due_date: c.due_date,
        settled: c.settled_on.is_some(),
    })
    .collect();
    let memberships = load_memberships(conn)?
        .into_iter()
        .filter(|m| m.status == MembershipStatus::Active)
        .map(|m| MembershipFacts {
            id: m.id,
            number: m.number,
            level: m.level,
            expires_on: m.expires_on,
            subscription: m.subscription,
            superseded: m.superseded_by.is_some(),
        })
        .collect();
    Ok(CpsFacts {
        account,
        checkouts,
        memberships,
    })
}
