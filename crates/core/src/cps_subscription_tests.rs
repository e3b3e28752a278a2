//! Tests of the checkout rules (the Terms & Conditions, closed levels, what each
//! choice causes) and of membership numbers (a new one supersedes, an old one never
//! comes back).

use super::*;
use crate::cps::{standing, LevelThresholds};

fn choice() -> CheckoutChoice {
    CheckoutChoice {
        level: Level::Silver,
        price: Price {
            amount_minor: 8_500,
            currency: "gbp".into(),
        },
        subscription: SubscriptionType::AutoRenewal,
        po_number: Some("  eg-0123456789 ".into()),
        terms_accepted: true,
        payment: PaymentMethod::BankTransfer,
    }
}

#[test]
fn the_checkout_cannot_finish_without_the_terms() {
    let open = standing(2_000, &LevelThresholds::default());
    let refused = review(
        &CheckoutChoice {
            terms_accepted: false,
            ..choice()
        },
        &open,
    );
    assert_eq!(
        refused.map_err(|e| e.field()),
        Err("terms"),
        "the portal's PURCHASE needs the Terms & Conditions accepted"
    );
    let accepted = review(&choice(), &open);
    assert!(
        accepted.is_ok(),
        "the same choice with the terms accepted must pass: {accepted:?}"
    );
}

#[test]
fn a_closed_level_cannot_be_bought() {
    let few = standing(600, &LevelThresholds::default());
    assert_eq!(
        review(
            &CheckoutChoice {
                level: Level::Corporate,
                ..choice()
            },
            &few
        )
        .map_err(|e| e.field()),
        Err("level"),
        "Corporate is closed at 600 points"
    );
    assert!(
        review(&choice(), &few).is_ok(),
        "Silver's threshold is unknown at 600 points: the portal decides, so it is not refused"
    );
    assert_eq!(
        review(&choice(), &standing(499, &LevelThresholds::default())).map_err(|e| e.field()),
        Err("level"),
        "nothing can be bought before the invitation"
    );
}

#[test]
fn each_choice_says_what_it_causes() {
    let open = standing(2_000, &LevelThresholds::default());
    let transfer = review(&choice(), &open).map(|r| r.consequences);
    assert_eq!(
        transfer,
        Ok(vec![
            Consequence::TransferBankCharges,
            Consequence::TransferPayByDueDate,
            Consequence::RenewsAutomatically,
            Consequence::PoOnInvoice,
            Consequence::InvoiceWithinHours,
            Consequence::UsableAtOnceNewNumber,
        ]),
        "a transfer with a PO and auto-renewal"
    );
    let card = review(
        &CheckoutChoice {
            payment: PaymentMethod::Card,
            subscription: SubscriptionType::OneOff,
            po_number: Some("   ".into()),
            ..choice()
        },
        &open,
    );
    assert_eq!(
        card.as_ref().map(|r| r.consequences.clone()),
        Ok(vec![
            Consequence::CardAuthorisedZeroToday,
            Consequence::CardChargedOnDueDate,
            Consequence::EndsAtExpiry,
            Consequence::InvoiceWithinHours,
            Consequence::UsableAtOnceNewNumber,
        ]),
        "a one-off card payment without a PO"
    );
    assert_eq!(
        card.map(|r| r.choice.po_number),
        Ok(None),
        "a blank PO number is no PO number"
    );
    let reviewed = review(&choice(), &open).map(|r| r.choice);
    assert_eq!(
        reviewed.as_ref().map(|c| c.po_number.clone()),
        Ok(Some("eg-0123456789".to_owned())),
        "the PO number is trimmed"
    );
    assert_eq!(
        reviewed.map(|c| c.price.currency),
        Ok("GBP".to_owned()),
        "the currency is upper-cased"
    );
}

#[test]
fn prices_and_po_numbers_are_checked() {
    assert_eq!(
        Price::new(0, "GBP").map_err(|e| e.field()),
        Err("price"),
        "a zero price is refused"
    );
    assert_eq!(
        Price::new(8_500, "£").map_err(|e| e.field()),
        Err("currency"),
        "a symbol is not a currency code"
    );
    assert_eq!(
        clean_po_number(Some(&"x".repeat(51))).map_err(|e| e.field()),
        Err("po_number"),
        "a PO number longer than 50 is refused"
    );
    assert_eq!(
        GUIDE_EXAMPLE,
        (Level::Silver, 8_500, "GBP"),
        "the guide's only price is Silver at GBP 85"
    );
}

#[test]
fn invoice_dates_come_in_order() {
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2026, m, day).expect("a valid date");
    assert_eq!(
        check_invoice_dates(d(12, 1), d(12, 31)),
        Ok(()),
        "due after the invoice"
    );
    assert_eq!(
        check_invoice_dates(d(12, 1), d(12, 1)),
        Ok(()),
        "due the same day"
    );
    assert_eq!(
        check_invoice_dates(d(12, 2), d(12, 1)).map_err(|e| e.field()),
        Err("due_date"),
        "due before the invoice is refused"
    );
}

#[test]
fn superseded_membership_numbers() {
    assert_eq!(
        number_change(None, &[], "151 335 488"),
        Ok(NumberChange::First),
        "the first number"
    );
    assert_eq!(
        number_change(Some("151335488"), &[], "151335488"),
        Ok(NumberChange::Same),
        "the same number updates in place"
    );
    assert_eq!(
        number_change(Some("151335488"), &[], "162000111"),
        Ok(NumberChange::Supersedes {
            old: "151335488".into()
        }),
        "a new number supersedes the current one"
    );
    assert_eq!(
        number_change(Some("162000111"), &["151335488".to_owned()], "151335488")
            .map_err(|e| e.field()),
        Err("membership_number"),
        "a superseded number cannot become current again"
    );
    assert_eq!(
        number_change(None, &[], "  ").map_err(|e| e.field()),
        Err("membership_number"),
        "a blank number is refused"
    );
}
