//! What the first screen needs: counts, the organisation, and whether to offer the demo.

use canon_desk_store::Organisation;
use serde::Serialize;

use crate::{Ctx, Result};

/// A summary of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    /// The organisation, once set up.
    pub organisation: Option<Organisation>,
    /// Devices in the record.
    pub device_count: i64,
    /// Contracts in the record.
    pub contract_count: i64,
    /// Meter readings in the record.
    pub reading_count: i64,
    /// Requests that wait for the user (not sent, or handed to the mail client and
    /// waiting for "was it sent?"), for the badge on Requests in the sidebar.
    pub requests_to_check: i64,
    /// True on a first start: the record is empty and the user has not yet
    /// accepted or declined the demo organisation.
    pub demo_offered: bool,
}

/// Setting that remembers the user's answer to the demo offer.
pub(crate) const DEMO_ANSWERED: &str = "onboarding.demo_answered";

/// The summary.
pub async fn get(ctx: &Ctx) -> Result<Overview> {
    let store = ctx.store();
    let organisation = store.organisation()?;
    let device_count = store.count_devices()?;
    let answered = store.setting(DEMO_ANSWERED)?.is_some();
    Ok(Overview {
        demo_offered: !answered && organisation.is_none() && device_count == 0,
        organisation,
        device_count,
        contract_count: store.count_contracts()?,
        reading_count: store.count_readings()?,
        requests_to_check: store.count_requests_to_check()?,
    })
}
