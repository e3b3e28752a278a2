//! The CPS part of the record, turned into deadlines for the one reminder engine.
//!
//! Four things fall due: Canon's email for the Business account (two business days
//! after the request), a bank transfer's invoice due date, a card's charge on that
//! same date, and the membership's expiry (a renewal to make for a one-off
//! subscription, a charge to expect for an auto-renewing one). Each is derived from
//! the record every time; a step that is done (account validated, invoice settled,
//! membership superseded) simply yields no deadline, so the engine closes its key.

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::cps::{expected_validation, Level};
use crate::cps_subscription::{PaymentMethod, SubscriptionType};
use crate::deadlines::{Deadline, DeadlineKind, RecordRef};

/// The Business account, as far as deadlines go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountFacts {
    /// Row id.
    pub id: i64,
    /// The login email, to name the account.
    pub login_email: String,
    /// The day it was requested.
    pub requested_on: NaiveDate,
    /// The day Canon's email arrived, once it has.
    pub validated_on: Option<NaiveDate>,
}

/// A checkout and the invoice it produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutFacts {
    /// Row id.
    pub id: i64,
    /// The level bought.
    pub level: Level,
    /// Card or bank transfer.
    pub payment: PaymentMethod,
    /// The invoice's due date, once the invoice is recorded.
    pub due_date: Option<NaiveDate>,
    /// Whether the invoice is settled (transfer made, charge seen).
    pub settled: bool,
}

/// A membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipFacts {
    /// Row id.
    pub id: i64,
    /// The membership number.
    pub number: String,
    /// The level.
    pub level: Level,
    /// The expiry date on the dashboard.
    pub expires_on: Option<NaiveDate>,
    /// Auto-renewal or one-off.
    pub subscription: SubscriptionType,
    /// Whether a newer number replaced it.
    pub superseded: bool,
}

/// The CPS record, as far as deadlines go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpsFacts {
    /// The Business account, if one was requested.
    pub account: Option<AccountFacts>,
    /// Every checkout.
    pub checkouts: Vec<CheckoutFacts>,
    /// Every membership, superseded ones included.
    pub memberships: Vec<MembershipFacts>,
}

/// The deadlines of the CPS record, due at 09:00 in `zone` (the user's: the dates
/// are those of their own invoice and dashboard). A date past the calendar's range
/// gives no deadline rather than a wrong one.
pub fn cps_deadlines(facts: &CpsFacts, zone: Tz) -> Vec<Deadline> {
    let mut out = Vec::new();
    if let Some(account) = facts.account.as_ref().filter(|a| a.validated_on.is_none()) {
        if let Ok(expected) = expected_validation(account.requested_on) {
            out.push(Deadline::on_date(
                RecordRef::CpsAccount(account.id),
                DeadlineKind::CpsAccountValidation,
                expected,
                zone,
                account.login_email.clone(),
            ));
        }
    }
    for checkout in facts.checkouts.iter().filter(|c| !c.settled) {
        let Some(due) = checkout.due_date else {
            continue;
        };
        let kind = match checkout.payment {
            PaymentMethod::BankTransfer => DeadlineKind::CpsInvoiceDue,
            PaymentMethod::Card => DeadlineKind::CpsCardCharge,
        };
        out.push(Deadline::on_date(
            RecordRef::CpsCheckout(checkout.id),
            kind,
            due,
            zone,
            checkout.level.name(),
        ));
    }
    for membership in facts.memberships.iter().filter(|m| !m.superseded) {
        let Some(expires) = membership.expires_on else {
            continue;
        };
        let kind = match membership.subscription {
            SubscriptionType::OneOff => DeadlineKind::CpsMembershipRenewal,
            SubscriptionType::AutoRenewal => DeadlineKind::CpsMembershipCharge,
        };
        out.push(Deadline::on_date(
            RecordRef::CpsMembership(membership.id),
            kind,
            expires,
            zone,
            format!("{} {}", membership.level.name(), membership.number),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadlines::due_instant;

    const ROME: Tz = chrono_tz::Europe::Rome;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")
    }

    fn account(validated_on: Option<NaiveDate>) -> AccountFacts {
        AccountFacts {
            id: 1,
            login_email: "studio@example.it".into(),
            requested_on: date(2026, 11, 27),
            validated_on,
        }
    }

    fn checkout(payment: PaymentMethod, settled: bool) -> CheckoutFacts {
        CheckoutFacts {
            id: 4,
            level: Level::Silver,
            payment,
            due_date: Some(date(2026, 12, 31)),
            settled,
        }
    }

    fn membership(subscription: SubscriptionType, superseded: bool) -> MembershipFacts {
        MembershipFacts {
            id: 7,
            number: "151335488".into(),
            level: Level::Silver,
            expires_on: Some(date(2027, 12, 1)),
            subscription,
            superseded,
        }
    }

    #[test]
    fn the_account_is_expected_two_business_days_after_the_request() {
        let facts = CpsFacts {
            account: Some(account(None)),
            ..CpsFacts::default()
        };
        let got = cps_deadlines(&facts, ROME);
        assert_eq!(
            got.len(),
            1,
            "one deadline for a requested account: {got:?}"
        );
        assert_eq!(
            got[0].key, "cps_account:1:cps_account_validation",
            "the key names the account and the kind"
        );
        assert_eq!(
            got[0].due_at,
            due_instant(date(2026, 12, 1), ROME),
            "Friday 27 November 2026 is expected by Tuesday 1 December 2026"
        );
        assert_eq!(
            got[0].subject, "studio@example.it",
            "the subject names the account"
        );
        let validated = CpsFacts {
            account: Some(account(Some(date(2026, 11, 30)))),
            ..CpsFacts::default()
        };
        assert!(
            cps_deadlines(&validated, ROME).is_empty(),
            "a validated account has nothing left to wait for"
        );
    }

    #[test]
    fn a_transfer_plans_its_due_date_and_a_card_its_charge() {
        let transfer = CpsFacts {
            checkouts: vec![checkout(PaymentMethod::BankTransfer, false)],
            ..CpsFacts::default()
        };
        let got = cps_deadlines(&transfer, ROME);
        assert_eq!(
            got.iter().map(|d| d.kind).collect::<Vec<_>>(),
            vec![DeadlineKind::CpsInvoiceDue],
            "a transfer is reminded of its due date"
        );
        assert_eq!(
            got[0].due_at,
            due_instant(date(2026, 12, 31), ROME),
            "due on the invoice's due date"
        );
        let card = CpsFacts {
            checkouts: vec![checkout(PaymentMethod::Card, false)],
            ..CpsFacts::default()
        };
        let got = cps_deadlines(&card, ROME);
        assert_eq!(
            got.iter().map(|d| d.kind).collect::<Vec<_>>(),
            vec![DeadlineKind::CpsCardCharge],
            "a card is told of its coming charge"
        );
        assert_eq!(
            got[0].key, "cps_checkout:4:cps_card_charge",
            "the key of a card charge"
        );
        let settled = CpsFacts {
            checkouts: vec![checkout(PaymentMethod::BankTransfer, true)],
            ..CpsFacts::default()
        };
        assert!(
            cps_deadlines(&settled, ROME).is_empty(),
            "a settled invoice closes its reminder"
        );
        let no_invoice = CpsFacts {
            checkouts: vec![CheckoutFacts {
                due_date: None,
                ..checkout(PaymentMethod::Card, false)
            }],
            ..CpsFacts::default()
        };
        assert!(
            cps_deadlines(&no_invoice, ROME).is_empty(),
            "no due date is known before the invoice is recorded"
        );
    }

    #[test]
    fn expiry_is_a_renewal_or_a_charge_and_superseded_numbers_plan_nothing() {
        let one_off = CpsFacts {
            memberships: vec![membership(SubscriptionType::OneOff, false)],
            ..CpsFacts::default()
        };
        let got = cps_deadlines(&one_off, ROME);
        assert_eq!(
            got.iter().map(|d| d.kind).collect::<Vec<_>>(),
            vec![DeadlineKind::CpsMembershipRenewal],
            "a one-off membership must be renewed by hand"
        );
        assert_eq!(
            got[0].subject, "Silver 151335488",
            "the subject names level and number"
        );
        let auto = CpsFacts {
            memberships: vec![membership(SubscriptionType::AutoRenewal, false)],
            ..CpsFacts::default()
        };
        assert_eq!(
            cps_deadlines(&auto, ROME)
                .iter()
                .map(|d| d.kind)
                .collect::<Vec<_>>(),
            vec![DeadlineKind::CpsMembershipCharge],
            "an auto-renewing membership announces its charge"
        );
        let superseded = CpsFacts {
            memberships: vec![membership(SubscriptionType::OneOff, true)],
            ..CpsFacts::default()
        };
        assert!(
            cps_deadlines(&superseded, ROME).is_empty(),
            "a superseded membership plans nothing"
        );
    }

    #[test]
    fn the_reminder_planner_takes_the_cps_deadlines_as_one_of_its_sources() {
        let mut input = crate::reminders::PlanInput::empty(date(2026, 11, 27));
        input.cps = CpsFacts {
            account: Some(account(None)),
            checkouts: vec![checkout(PaymentMethod::BankTransfer, false)],
            memberships: vec![membership(SubscriptionType::OneOff, false)],
        };
        input.cps_zone = ROME;
        let mut planned = crate::reminders::plan(&input);
        let mut direct = cps_deadlines(&input.cps, ROME);
        planned.sort_by(|a, b| a.key.cmp(&b.key));
        direct.sort_by(|a, b| a.key.cmp(&b.key));
        assert_eq!(
            planned, direct,
            "the planner plans exactly the CPS deadlines"
        );
        assert_eq!(
            planned.len(),
            3,
            "account, invoice and membership: {planned:?}"
        );
    }

    #[test]
    fn moving_a_date_keeps_the_key_and_changes_the_revision() {
        let mut facts = CpsFacts {
            checkouts: vec![checkout(PaymentMethod::BankTransfer, false)],
            ..CpsFacts::default()
        };
        let before = cps_deadlines(&facts, ROME);
        facts.checkouts[0].due_date = Some(date(2027, 1, 15));
        let after = cps_deadlines(&facts, ROME);
        assert_eq!(
            before[0].key, after[0].key,
            "the same deadline keeps its key"
        );
        assert_ne!(
            before[0].revision(),
            after[0].revision(),
            "a moved date must change the revision"
        );
        assert_eq!(
            cps_deadlines(&facts, ROME),
            after,
            "planning twice gives the same deadlines"
        );
    }
}
