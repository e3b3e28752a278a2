//! Situation 10: checking the bank details printed on a Canon France invoice against
//! the known-good ones, because "new bank details" is the classic invoice fraud.

use canon_desk_core::catalogue::{BANK_BIC_PREFIX, BANK_NAME, BANK_SINCE_YEAR, REMITTANCE_EMAIL};
use canon_desk_core::validate;
use serde::{Deserialize, Serialize};

use crate::{Ctx, Result};

/// How the invoice's details compare with the known-good ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BankVerdict {
    /// Same IBAN and BIC as the known-good details.
    Match,
    /// Different from the known-good details: possible fraud, do not pay before
    /// confirming with Canon France through a channel you already know.
    Mismatch,
    /// No known-good details are recorded yet; nothing to compare with.
    NoReference,
}

/// The result of the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BankCheck {
    /// The verdict.
    pub verdict: BankVerdict,
    /// The IBAN entered, in its printed form.
    pub iban: String,
    /// The BIC entered, normalised.
    pub bic: String,
    /// The known-good IBAN, printed form, when recorded.
    pub known_iban: Option<String>,
    /// The known-good BIC, when recorded.
    pub known_bic: Option<String>,
    /// Whether the BIC entered is at the bank Canon France states it uses: details
    /// at another bank, even ones recorded as genuine, are flagged rather than shown
    /// beside that statement without a word.
    pub at_stated_bank: bool,
    /// Canon France's bank for transfers (Deutsche Bank).
    pub bank_name: String,
    /// The year Canon France moved to that bank.
    pub bank_since_year: i32,
    /// Where remittance advice goes.
    pub remittance_email: String,
}

/// Validates the IBAN and BIC printed on an invoice, compares them with the
/// known-good details of the organisation record and keeps the check in the
/// organisation's history, reading and recording in one transaction.
pub async fn check_bank_details(ctx: &Ctx, iban: String, bic: String) -> Result<BankCheck> {
    let entered = validate::iban(&iban)?;
    let bic = validate::bic(&bic)?;
    let now = ctx.now();
    let mut store = ctx.store();
    Ok(store.atomically(|store| {
        let check = compare(entered, bic, store.canon_contacts()?);
        store.record_bank_check(&history_entry(&check), now)?;
        Ok(check)
    })?)
}

/// The check of details already validated against the recorded known-good ones.
pub(crate) fn compare(
    entered: validate::ValidIban,
    bic: String,
    contacts: canon_desk_store::CanonContacts,
) -> BankCheck {
    let known_iban = contacts
        .canon_iban
        .as_deref()
        .and_then(|i| validate::iban(i).ok());
    let known_bic = contacts
        .canon_bic
        .as_deref()
        .and_then(|b| validate::bic(b).ok());
    let verdict = match (&known_iban, &known_bic) {
        (None, None) => BankVerdict::NoReference,
        (iban_ok, bic_ok) => {
            let iban_same = iban_ok
                .as_ref()
                .is_none_or(|k| k.electronic == entered.electronic);
            let bic_same = bic_ok.as_ref().is_none_or(|k| validate::same_bic(k, &bic));
            if iban_same && bic_same {
                BankVerdict::Match
            } else {
                tracing::warn!("bank details on an invoice differ from the known-good ones");
                BankVerdict::Mismatch
            }
        }
    };
    let at_stated_bank = bic.starts_with(BANK_BIC_PREFIX);
    BankCheck {
        at_stated_bank,
        verdict,
        iban: entered.formatted,
        bic,
        known_iban: known_iban.map(|k| k.formatted),
        known_bic,
        bank_name: BANK_NAME.to_owned(),
        bank_since_year: BANK_SINCE_YEAR,
        remittance_email: REMITTANCE_EMAIL.to_owned(),
    }
}

/// What the organisation's history keeps of a check: the details entered, the verdict
/// and its warnings, in the words the interface branches on.
pub(crate) fn history_entry(check: &BankCheck) -> canon_desk_store::BankCheckEntry {
    let verdict = match check.verdict {
        BankVerdict::Match => "match",
        BankVerdict::Mismatch => "mismatch",
        BankVerdict::NoReference => "no_reference",
    };
    let warnings = if check.at_stated_bank {
        Vec::new()
    } else {
        vec!["other_bank".to_owned()]
    };
    canon_desk_store::BankCheckEntry {
        iban: check.iban.clone(),
        bic: check.bic.clone(),
        verdict: verdict.to_owned(),
        warnings,
    }
}

/// Records the known-good IBAN and BIC (as printed on a genuine invoice), validated,
/// keeping the sales contact as it is.
pub async fn set_known_bank_details(ctx: &Ctx, iban: String, bic: String) -> Result<()> {
    let iban = validate::iban(&iban)?;
    let bic = validate::bic(&bic)?;
    let now = ctx.now();
    let mut store = ctx.store();
    let contacts = canon_desk_store::CanonContacts {
        canon_iban: Some(iban.electronic),
        canon_bic: Some(bic),
        ..store.canon_contacts()?
    };
    Ok(store.set_canon_contacts(&contacts, now)?)
}
