//! The CPS journey through the use cases, on a real SQLite file: products and
//! points, the checkout (refused without the Terms & Conditions), the portal's
//! address, coming back with the invoice and the membership, the deadlines.

use canon_desk_app::cps::{self, CheckoutReturn, DEFAULT_PORTAL_URL};
use canon_desk_app::reminders::{self, DeadlineFilter};
use canon_desk_app::ErrorCode;
use canon_desk_core::cps::{Availability, Level, ProductRegistrationState, RegistrationField};
use canon_desk_core::cps_subscription::{CheckoutChoice, PaymentMethod, Price, SubscriptionType};
use canon_desk_core::deadlines::DeadlineKind;
use canon_desk_core::device::DeviceKind;
use canon_desk_store::CpsProductInput;
use chrono::NaiveDate;

use super::{ctx, TestResult};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn product(serial: &str, kind: DeviceKind, dealer: &str, points: u32) -> CpsProductInput {
    CpsProductInput {
        serial: serial.into(),
        model: "EOS R5".into(),
        kind,
        purchase_date: Some(date(2024, 3, 1)),
        country_of_purchase: "IT".into(),
        dealer: dealer.into(),
        points: Some(points),
        registration: ProductRegistrationState::Registered,
    }
}

fn choice(terms_accepted: bool) -> CheckoutChoice {
    CheckoutChoice {
        level: Level::Silver,
        price: Price {
            amount_minor: 8_500,
            currency: "GBP".into(),
        },
        subscription: SubscriptionType::AutoRenewal,
        po_number: Some("eg-0123456789".into()),
        terms_accepted,
        payment: PaymentMethod::Card,
    }
}

#[tokio::test]
async fn points_count_only_complete_products_and_blockers_come_first() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    cps::product_create(
        &ctx,
        product("AAA1", DeviceKind::Camera, "Foto Rossi", 1_500),
    )
    .await?;
    cps::product_create(&ctx, product("BBB2", DeviceKind::Lens, "", 900)).await?;
    let view = cps::overview(&ctx).await?;
    assert_eq!(
        view.products
            .first()
            .map(|p| (p.serial.as_str(), p.missing.clone())),
        Some(("BBB2", vec![RegistrationField::Dealer])),
        "the lens without a dealer comes first, naming what is missing"
    );
    assert_eq!(
        view.confirmed_points, 1_500,
        "the flagged lens earns nothing"
    );
    assert!(
        view.standing.invited,
        "1,500 points are enough for the invitation"
    );
    assert_eq!(
        view.next_step.map(|n| (n.at_points, n.points_needed)),
        Some((2_000, 500)),
        "500 more points open every standard level"
    );
    assert_eq!(
        view.standing
            .levels
            .iter()
            .map(|o| o.availability)
            .collect::<Vec<_>>(),
        vec![
            Availability::Unknown,
            Availability::Unknown,
            Availability::Unknown,
            Availability::Closed
        ],
        "below 2,000 without thresholds the standard levels are unknown"
    );
    assert_eq!(
        view.portal_url, DEFAULT_PORTAL_URL,
        "the portal's default address"
    );
    Ok(())
}

#[tokio::test]
async fn the_checkout_needs_the_terms_and_comes_back_to_a_membership() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = ctx(dir.path())?;
    cps::product_create(
        &ctx,
        product("AAA1", DeviceKind::Camera, "Foto Rossi", 2_000),
    )
    .await?;
    let refused = cps::checkout_start(&ctx, choice(false)).await;
    assert_eq!(
        refused
            .as_ref()
            .map_err(|e| (e.code, e.field.clone()))
            .err(),
        Some((ErrorCode::Validation, Some("terms".to_owned()))),
        "the checkout cannot finish without the Terms & Conditions"
    );
    assert!(
        cps::overview(&ctx).await?.checkouts.is_empty(),
        "a refused checkout records nothing"
    );
    let bad_url = cps::portal_url_set(&ctx, "javascript:alert(1)".into()).await;
    assert!(bad_url.is_err(), "only an https:// address is accepted");
    cps::portal_url_set(&ctx, "https://portal.example.com/cps".into()).await?;
    let started = cps::checkout_start(&ctx, choice(true)).await?;
    assert_eq!(
        started.url, "https://portal.example.com/cps",
        "the portal's address is the setting"
    );
    let membership = cps::checkout_complete(
        &ctx,
        CheckoutReturn {
            checkout_id: started.checkout.id,
            invoice_date: date(2026, 11, 23),
            due_date: date(2026, 12, 23),
            membership_number: "151335488".into(),
            expires_on: Some(date(2027, 11, 23)),
        },
    )
    .await?;
    assert_eq!(
        membership.level,
        Level::Silver,
        "the membership takes the level bought"
    );
    let kinds: Vec<DeadlineKind> = cps::overview(&ctx)
        .await?
        .deadlines
        .iter()
        .map(|d| d.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            DeadlineKind::CpsCardCharge,
            DeadlineKind::CpsMembershipCharge
        ],
        "a card announces its charge, an auto-renewal its next charge, soonest first"
    );
    // The reminder engine holds the same deadlines, open, and a restart adds none.
    let engine = |rows: Vec<canon_desk_store::DeadlineRow>| {
        let mut keys: Vec<String> = rows.into_iter().map(|r| r.key).collect();
        keys.sort();
        keys
    };
    let open = DeadlineFilter {
        status: Some(canon_desk_store::DeadlineStatus::Open),
        kind: None,
        within_days: None,
    };
    let kept = engine(reminders::list(&ctx, open).await?);
    assert_eq!(
        kept,
        vec![
            format!("cps_checkout:{}:cps_card_charge", started.checkout.id),
            format!("cps_membership:{}:cps_membership_charge", membership.id),
        ],
        "the CPS deadlines are planned through the one reminder engine"
    );
    drop(ctx);
    let ctx = super::ctx(dir.path())?;
    assert_eq!(
        engine(reminders::list(&ctx, open).await?),
        kept,
        "a restart neither duplicates nor loses a CPS reminder"
    );
    Ok(())
}
