//! CPS in the record: cameras and lenses with their registration, the Business
//! account and its proof, the level table, checkouts and superseded memberships.

use canon_desk_core::cps::{
    AccountState, Level, ProductRegistrationState, ProofDocument, RegistrationField,
};
use canon_desk_core::cps_deadlines::cps_deadlines;
use canon_desk_core::cps_subscription::{
    review, CheckoutChoice, PaymentMethod, Price, PriceSource, SubscriptionType,
};
use canon_desk_core::deadlines::DeadlineKind;
use canon_desk_core::device::DeviceKind;
use canon_desk_store::{
    store_bytes, AccountStep, CpsAccountRequest, CpsMembershipInput, CpsProductInput,
    DeadlineStatus, DeviceFilter, MembershipStatus, Scope, Store,
};
use chrono::NaiveDate;

use super::{at, TestResult};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn camera(serial: &str, dealer: &str) -> CpsProductInput {
    CpsProductInput {
        serial: serial.into(),
        model: "EOS R5".into(),
        kind: DeviceKind::Camera,
        purchase_date: Some(date(2023, 5, 2)),
        country_of_purchase: "IT".into(),
        dealer: dealer.into(),
        points: Some(300),
        registration: ProductRegistrationState::Registered,
    }
}

#[test]
fn cameras_are_devices_and_a_missing_dealer_is_named() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let complete = store.create_cps_product(&camera("CAM001", "Foto Rossi"), at(2))?;
    let flagged = store.create_cps_product(&camera("CAM002", "  "), at(2))?;
    assert!(
        complete.missing.is_empty(),
        "a complete camera has its tick"
    );
    assert_eq!(
        flagged.missing,
        vec![RegistrationField::Dealer],
        "a blank dealer is the missing detail"
    );
    let devices = store.list_devices(&DeviceFilter {
        kind: Some(DeviceKind::Camera),
        ..DeviceFilter::default()
    })?;
    assert_eq!(
        devices.len(),
        2,
        "cameras are in the one device record: {devices:?}"
    );
    let printer = store.create_device(&super::printer("PRN1"), at(2))?;
    assert_eq!(
        store.cps_products()?.len(),
        2,
        "a printer is not a CPS product"
    );
    let refused = store.update_cps_product(printer.id, &camera("PRN1", "x"), at(3));
    assert!(
        refused.is_err(),
        "a printer cannot be edited as a CPS product"
    );
    let edited =
        store.update_cps_product(flagged.device_id, &camera("CAM002", "Foto Bianchi"), at(3))?;
    assert!(
        edited.missing.is_empty(),
        "the dealer given, the tick comes"
    );
    let history = store.history("device", flagged.device_id)?;
    assert!(
        history
            .iter()
            .any(|e| e.entity == "cps_product" && e.action == "update"),
        "the device's history holds its CPS registration changes: {history:?}"
    );
    Ok(())
}

#[test]
fn the_account_request_keeps_its_proof_and_its_dated_steps() -> TestResult {
    let dir = tempfile::tempdir()?;
    let docs = dir.path().join("documents");
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let (hash, _) = store_bytes(&docs, b"%PDF chamber of commerce")?;
    let request = CpsAccountRequest {
        login_email: "studio@example.it".into(),
        has_vat: false,
        proof_kind: ProofDocument::ChamberOfCommerceCertificate,
        old_cps_email: Some(" ".into()),
        requested_on: date(2026, 11, 27),
    };
    let wrong = CpsAccountRequest {
        proof_kind: ProofDocument::VatCertificate,
        ..request.clone()
    };
    assert!(
        store
            .request_cps_account(&docs, &wrong, &hash, "camera.pdf", at(27))
            .is_err(),
        "a VAT certificate does not prove a business without a VAT number"
    );
    assert_eq!(
        store.cps_account()?,
        None,
        "a refused request leaves nothing"
    );
    let account = store.request_cps_account(&docs, &request, &hash, "camera.pdf", at(27))?;
    assert_eq!(account.state, AccountState::Requested, "just requested");
    assert_eq!(account.old_cps_email, None, "a blank old email is none");
    let proof = account
        .proof_document_id
        .map(|id| store.document(id))
        .transpose()?;
    assert_eq!(
        proof.map(|d| (d.file_name, d.sha256)),
        Some(("camera.pdf".to_owned(), hash.clone())),
        "the proof is kept as a document"
    );
    let facts = store.cps_facts()?;
    let planned = cps_deadlines(&facts, chrono_tz::Europe::Rome);
    assert_eq!(
        planned.iter().map(|d| d.kind).collect::<Vec<_>>(),
        vec![DeadlineKind::CpsAccountValidation],
        "the validation is planned"
    );
    assert!(
        store
            .set_cps_account_step(AccountStep::PasswordSet, date(2026, 11, 30), at(30))
            .is_err(),
        "no password before Canon's email"
    );
    store.set_cps_account_step(AccountStep::Validated, date(2026, 12, 1), at(30))?;
    let done = store.set_cps_account_step(AccountStep::PasswordSet, date(2026, 12, 1), at(30))?;
    assert_eq!(done.state, AccountState::PasswordSet, "password set");
    let history = store.history("cps_account", 1)?;
    let actions: Vec<(&str, &str)> = history
        .iter()
        .map(|e| (e.entity.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("document", "create"),
            ("cps_account", "create"),
            ("cps_account", "update"),
            ("cps_account", "update")
        ],
        "each step is in the history, with the proof"
    );
    assert!(
        cps_deadlines(&store.cps_facts()?, chrono_tz::Europe::Rome).is_empty(),
        "a validated account closes its reminder"
    );
    Ok(())
}

#[test]
fn the_level_table_starts_with_the_guides_example_only() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let levels = store.cps_levels()?;
    assert_eq!(
        levels
            .iter()
            .map(|l| (l.level, l.threshold, l.price.clone(), l.price_source))
            .collect::<Vec<_>>(),
        vec![
            (
                Level::Silver,
                None,
                Some(Price {
                    amount_minor: 8_500,
                    currency: "GBP".into()
                }),
                Some(PriceSource::GuideExample)
            ),
            (Level::Gold, None, None, None),
            (Level::Platinum, None, None, None),
            (Level::Corporate, None, None, None),
        ],
        "only Silver's GBP 85 is known, marked as the guide's example"
    );
    let kept = store.save_cps_level(
        Level::Silver,
        Some(500),
        Some(Price {
            amount_minor: 8_500,
            currency: "gbp".into(),
        }),
        at(2),
    )?;
    assert_eq!(
        kept.price_source,
        Some(PriceSource::GuideExample),
        "an unchanged price stays the guide's example"
    );
    let gold = store.save_cps_level(
        Level::Gold,
        Some(1_000),
        Some(Price {
            amount_minor: 19_900,
            currency: "EUR".into(),
        }),
        at(2),
    )?;
    assert_eq!(
        gold.price_source,
        Some(PriceSource::User),
        "an entered price is the user's"
    );
    assert!(
        store
            .save_cps_level(Level::Platinum, Some(2_400), None, at(2))
            .is_err(),
        "a threshold above 2,000 is refused"
    );
    assert_eq!(
        store.cps_thresholds()?.gold,
        Some(1_000),
        "thresholds feed the rules"
    );
    Ok(())
}

#[test]
fn a_checkout_records_its_invoice_and_a_new_number_supersedes_the_old() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("a.db"))?;
    let old = store.record_cps_membership(
        &CpsMembershipInput {
            number: "151335488".into(),
            status: MembershipStatus::Active,
            level: Level::Silver,
            expires_on: Some(date(2024, 9, 19)),
            subscription: SubscriptionType::OneOff,
            payment: PaymentMethod::Card,
            po_number: None,
        },
        at(1),
    )?;
    let standing = canon_desk_core::cps::standing(2_000, &store.cps_thresholds()?);
    let reviewed = review(
        &CheckoutChoice {
            level: Level::Silver,
            price: Price {
                amount_minor: 8_500,
                currency: "GBP".into(),
            },
            subscription: SubscriptionType::OneOff,
            po_number: Some("eg-0123456789".into()),
            terms_accepted: true,
            payment: PaymentMethod::BankTransfer,
        },
        &standing,
    )?;
    let checkout = store.start_cps_checkout(&reviewed, at(2))?;
    assert!(
        store
            .complete_cps_checkout(
                checkout.id,
                date(2026, 11, 3),
                date(2026, 11, 2),
                "162000111",
                None,
                at(3)
            )
            .is_err(),
        "a due date before the invoice is refused"
    );
    let (checkout, membership) = store.complete_cps_checkout(
        checkout.id,
        date(2026, 11, 2),
        date(2026, 12, 2),
        "162 000 111",
        Some(date(2027, 11, 2)),
        at(3),
    )?;
    assert_eq!(
        checkout.due_date,
        Some(date(2026, 12, 2)),
        "the due date is kept"
    );
    assert_eq!(
        (
            membership.number.as_str(),
            membership.po_number.as_deref(),
            membership.payment
        ),
        (
            "162000111",
            Some("eg-0123456789"),
            PaymentMethod::BankTransfer
        ),
        "the membership takes the checkout's PO and payment"
    );
    let all = store.cps_memberships()?;
    let kept = all.iter().find(|m| m.id == old.id);
    assert_eq!(
        kept.map(|m| (m.number.as_str(), m.superseded_by)),
        Some(("151335488", Some(membership.id))),
        "the old number is kept, marked superseded by the new: {all:?}"
    );
    let planned = cps_deadlines(&store.cps_facts()?, chrono_tz::Europe::Rome);
    let mut kinds: Vec<DeadlineKind> = planned.iter().map(|d| d.kind).collect();
    kinds.sort_by_key(|k| k.as_str());
    assert_eq!(
        kinds,
        vec![
            DeadlineKind::CpsInvoiceDue,
            DeadlineKind::CpsMembershipRenewal
        ],
        "the transfer's due date and the one-off renewal, nothing for the superseded number"
    );
    // The engine keeps them too, reconciled in the same transaction.
    let kept = store.deadlines(at(3))?;
    let invoice_key = format!("cps_checkout:{}:cps_invoice_due", checkout.id);
    assert!(
        kept.iter()
            .any(|d| d.key == invoice_key && d.status == DeadlineStatus::Open),
        "the reminder engine holds the transfer's due date: {kept:?}"
    );
    store.settle_cps_checkout(checkout.id, date(2026, 11, 20), at(20))?;
    let closed = store.deadlines(at(20))?;
    assert!(
        closed
            .iter()
            .any(|d| d.key == invoice_key && d.status == DeadlineStatus::Done),
        "settling the invoice closes its reminder in the engine: {closed:?}"
    );
    let again = store.reconcile_deadlines(Scope::All, at(21))?;
    assert_eq!(
        (again.added, again.moved, again.closed),
        (0, 0, 0),
        "planning everything again (as at a restart) changes nothing"
    );
    let after = cps_deadlines(&store.cps_facts()?, chrono_tz::Europe::Rome);
    assert!(
        after.iter().all(|d| d.kind != DeadlineKind::CpsInvoiceDue),
        "a paid invoice closes its reminder: {after:?}"
    );
    let again = store.record_cps_membership(
        &CpsMembershipInput {
            number: "151335488".into(),
            status: MembershipStatus::Active,
            level: Level::Silver,
            expires_on: None,
            subscription: SubscriptionType::OneOff,
            payment: PaymentMethod::Card,
            po_number: None,
        },
        at(21),
    );
    assert!(again.is_err(), "a superseded number cannot come back");
    Ok(())
}
