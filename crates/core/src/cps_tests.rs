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
