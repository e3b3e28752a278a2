//! Tests of the CPS rules: the stated thresholds, unknown ones left unknown, and
//! the green tick.

use super::*;
use proptest::prelude::*;

fn availability(s: &Standing, level: Level) -> Option<Availability> {
    s.levels
        .iter()
        .find(|o| o.level == level)
        .map(|o| o.availability)
}

#[test]
fn stated_thresholds() {
    let none = LevelThresholds::default();
    let below = standing(499, &none);
    assert!(!below.invited, "499 points is below the invitation");
    assert_eq!(below.points_to_invitation, 1, "one point short of 500");
    assert!(
        below
            .levels
            .iter()
            .all(|o| o.availability == Availability::Closed),
        "no level before the invitation"
    );

    let invited = standing(500, &none);
    assert!(invited.invited, "500 points is the invitation");
    assert_eq!(
        invited.points_to_invitation, 0,
        "nothing more needed once invited"
    );
    assert_eq!(
        availability(&invited, Level::Gold),
        Some(Availability::Unknown),
        "Gold's threshold is not in the source"
    );
    assert_eq!(
        availability(&invited, Level::Corporate),
        Some(Availability::Closed),
        "Corporate needs more than 2,500"
    );

    let all = standing(2_000, &none);
    for level in [Level::Silver, Level::Gold, Level::Platinum] {
        assert_eq!(
            availability(&all, level),
            Some(Availability::Open),
            "{level:?} is open at 2,000 points"
        );
    }
    assert_eq!(
        availability(&standing(2_500, &none), Level::Corporate),
        Some(Availability::Closed),
        "2,500 is not more than 2,500"
    );
    assert_eq!(
        availability(&standing(2_501, &none), Level::Corporate),
        Some(Availability::Open),
        "2,501 opens Corporate"
    );
}

#[test]
fn entered_thresholds_are_used_below_2000() {
    let thresholds = LevelThresholds {
        silver: Some(500),
        gold: Some(1_000),
        platinum: None,
    };
    let s = standing(999, &thresholds);
    assert_eq!(
        availability(&s, Level::Silver),
        Some(Availability::Open),
        "Silver entered at 500"
    );
    assert_eq!(
        availability(&s, Level::Gold),
        Some(Availability::Closed),
        "Gold entered at 1,000"
    );
    assert_eq!(
        availability(&s, Level::Platinum),
        Some(Availability::Unknown),
        "Platinum not entered"
    );
    assert_eq!(
        availability(&standing(1_000, &thresholds), Level::Gold),
        Some(Availability::Open),
        "Gold opens at its threshold"
    );
}

#[test]
fn thresholds_outside_the_stated_range_are_refused() {
    assert_eq!(
        LevelThresholds::default().validate(),
        Ok(()),
        "unknown thresholds are fine"
    );
    let low = LevelThresholds {
        gold: Some(400),
        ..LevelThresholds::default()
    };
    assert_eq!(
        low.validate().map_err(|e| e.field()),
        Err("gold_threshold"),
        "below the invitation must be refused"
    );
    let high = LevelThresholds {
        platinum: Some(2_001),
        ..LevelThresholds::default()
    };
    assert_eq!(
        high.validate().map_err(|e| e.field()),
        Err("platinum_threshold"),
        "above 2,000 must be refused"
    );
}

fn complete(points: u32) -> ProductRegistration {
    ProductRegistration {
        serial_number: Some("083021001234".into()),
        purchase_date: NaiveDate::from_ymd_opt(2023, 5, 2),
        country_of_purchase: Some("IT".into()),
        dealer: Some("Foto Rossi".into()),
        points: Some(points),
    }
}

#[test]
fn green_tick_needs_every_detail() {
    assert!(
        complete(100).has_green_tick(),
        "a complete registration has the green tick"
    );
    let no_dealer = ProductRegistration {
        dealer: Some("  ".into()),
        ..complete(100)
    };
    assert_eq!(
        no_dealer.missing(),
        vec![RegistrationField::Dealer],
        "a blank dealer is missing"
    );
    let empty = ProductRegistration::default();
    assert_eq!(
        empty.missing(),
        vec![
            RegistrationField::SerialNumber,
            RegistrationField::PurchaseDate,
            RegistrationField::CountryOfPurchase,
            RegistrationField::Dealer
        ],
        "an empty registration misses every detail, in order"
    );
}

#[test]
fn only_ticked_products_count() {
    let products = [
        complete(300),
        complete(250),
        ProductRegistration {
            purchase_date: None,
            ..complete(1_000)
        },
        ProductRegistration {
            points: None,
            ..complete(0)
        },
    ];
    assert_eq!(
        confirmed_points(&products),
        550,
        "only complete registrations with known points count"
    );
    assert!(
        standing(confirmed_points(&products), &LevelThresholds::default()).invited,
        "550 confirmed points are enough for the invitation"
    );
}

proptest! {
    #[test]
    fn more_points_never_close_a_level(points in 0u32..5_000, extra in 0u32..3_000, silver in proptest::option::of(500u32..=2_000)) {
        let thresholds = LevelThresholds { silver, gold: None, platinum: None };
        let before = standing(points, &thresholds);
        let after = standing(points + extra, &thresholds);
        for (b, a) in before.levels.iter().zip(after.levels.iter()) {
            prop_assert!(
                !(b.availability == Availability::Open && a.availability != Availability::Open),
                "{:?} was open at {} points but not at {}", b.level, points, points + extra
            );
        }
    }
}

/// The points: 499, 500, 1,999, 2,000, 2,500 and 2,501, without thresholds
/// and with every standard threshold entered.
#[test]
fn eligibility_at_the_stated_points_with_and_without_thresholds() {
    use Availability::{Closed, Open, Unknown};
    let none = LevelThresholds::default();
    let entered = LevelThresholds {
        silver: Some(500),
        gold: Some(1_000),
        platinum: Some(1_500),
    };
    // (points, thresholds, [Silver, Gold, Platinum, Corporate])
    let cases = [
        (499, none, [Closed, Closed, Closed, Closed]),
        (500, none, [Unknown, Unknown, Unknown, Closed]),
        (1_999, none, [Unknown, Unknown, Unknown, Closed]),
        (2_000, none, [Open, Open, Open, Closed]),
        (2_500, none, [Open, Open, Open, Closed]),
        (2_501, none, [Open, Open, Open, Open]),
        (499, entered, [Closed, Closed, Closed, Closed]),
        (500, entered, [Open, Closed, Closed, Closed]),
        (1_999, entered, [Open, Open, Open, Closed]),
        (2_000, entered, [Open, Open, Open, Closed]),
        (2_500, entered, [Open, Open, Open, Closed]),
        (2_501, entered, [Open, Open, Open, Open]),
    ];
    for (points, thresholds, expected) in cases {
        let s = standing(points, &thresholds);
        let got: Vec<Availability> = s.levels.iter().map(|o| o.availability).collect();
        assert_eq!(
            got,
            expected.to_vec(),
            "availability at {points} points with {thresholds:?}"
        );
    }
}

#[test]
fn the_next_step_says_how_many_points_it_needs() {
    let none = LevelThresholds::default();
    assert_eq!(
        next_step(120, &none),
        Some(NextStep {
            at_points: 500,
            points_needed: 380,
            opens: vec![]
        }),
        "below the invitation the next step is the invitation"
    );
    assert_eq!(
        next_step(500, &none),
        Some(NextStep {
            at_points: 2_000,
            points_needed: 1_500,
            opens: vec![Level::Silver, Level::Gold, Level::Platinum]
        }),
        "with no thresholds entered, 2,000 opens the standard levels"
    );
    let gold = LevelThresholds {
        gold: Some(1_200),
        ..none
    };
    assert_eq!(
        next_step(900, &gold).map(|n| (n.points_needed, n.opens)),
        Some((300, vec![Level::Gold])),
        "an entered threshold is a step of its own"
    );
    assert_eq!(
        next_step(2_200, &none).map(|n| (n.at_points, n.opens)),
        Some((2_501, vec![Level::Corporate])),
        "after 2,000 the next step is Corporate above 2,500"
    );
    assert_eq!(next_step(2_501, &none), None, "everything is open");
}

#[test]
fn account_steps_come_in_order() {
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("a valid date");
    assert_eq!(
        expected_validation(d(11, 27)),
        Ok(d(12, 1)),
        "Friday 27 November 2026 is expected by Tuesday 1 December 2026"
    );
    let mut steps = AccountSteps {
        requested_on: d(11, 27),
        validated_on: None,
        password_set_on: None,
    };
    assert_eq!(steps.state(), AccountState::Requested, "just requested");
    steps.validated_on = Some(d(11, 30));
    assert_eq!(
        steps.state(),
        AccountState::Validated,
        "Canon's email arrived"
    );
    steps.password_set_on = Some(d(11, 30));
    assert_eq!(steps.state(), AccountState::PasswordSet, "password set");
    assert_eq!(steps.validate(), Ok(()), "in order");
    let early = AccountSteps {
        validated_on: Some(d(11, 26)),
        ..steps
    };
    assert_eq!(
        early.validate().map_err(|e| e.field()),
        Err("validated_on"),
        "validated before requested"
    );
    let no_email = AccountSteps {
        validated_on: None,
        ..steps
    };
    assert_eq!(
        no_email.validate().map_err(|e| e.field()),
        Err("password_set_on"),
        "a password set before Canon's email is refused"
    );
}

#[test]
fn proof_documents_depend_on_the_vat_number() {
    assert_eq!(
        ProofDocument::VatCertificate.check(true),
        Ok(()),
        "a VAT certificate proves a business with a VAT number"
    );
    assert_eq!(
        ProofDocument::BusinessLicence
            .check(true)
            .map_err(|e| e.field()),
        Err("proof_kind"),
        "a licence is asked only without a VAT number"
    );
    assert_eq!(
        ProofDocument::VatCertificate
            .check(false)
            .map_err(|e| e.field()),
        Err("proof_kind"),
        "a VAT certificate cannot prove a business without a VAT number"
    );
    for doc in ProofDocument::WITHOUT_VAT {
        assert_eq!(doc.check(false), Ok(()), "{doc:?} is accepted without VAT");
        assert_eq!(
            ProofDocument::parse(doc.as_str()),
            Some(doc),
            "{doc:?} round-trips"
        );
    }
}

#[test]
fn blockers_come_first() {
    let mut products = vec![
        ("complete", complete(100)),
        (
            "no points",
            ProductRegistration {
                points: None,
                ..complete(0)
            },
        ),
        (
            "no dealer",
            ProductRegistration {
                dealer: None,
                ..complete(100)
            },
        ),
        ("empty", ProductRegistration::default()),
    ];
    blockers_first(&mut products, |p| p.1.clone());
    let order: Vec<&str> = products.iter().map(|p| p.0).collect();
    assert_eq!(
        order,
        vec!["empty", "no dealer", "no points", "complete"],
        "most missing details first, complete products with points last"
    );
}
