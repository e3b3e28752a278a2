//! The call sheet for phone-channel situations and the outcome of the call.

use canon_desk_core::catalogue::{Identifier, PHONE_LINE};
use canon_desk_core::phone;
use canon_desk_store::{Request, RequestChannel, Transition};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::draft::stored_input;
use crate::{Ctx, Error, ErrorCode, Result};

/// One identifier to read out on the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReadOut {
    /// Which identifier.
    pub identifier: Identifier,
    /// Its value, or `None` when the user has yet to find it.
    pub value: Option<String>,
}

/// What the user needs to make the call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CallSheet {
    /// The request the call is for.
    pub request_id: i64,
    /// The number as printed for French callers (0 820 12 40 40).
    pub number: String,
    /// The same in international form, for a `tel:` link.
    pub number_e164: String,
    /// The choice to make in the voice menu.
    pub menu_choice: u8,
    /// Opening and closing, Paris time, "HH:MM".
    pub opens: String,
    /// Closing, Paris time, "HH:MM".
    pub closes: String,
    /// The zone the hours are given in.
    pub hours_zone: String,
    /// The user's zone, as passed in, for showing the instants below.
    pub user_zone: String,
    /// Service charge in euro cents per minute, on top of the price of the call.
    pub service_cents_per_minute: u32,
    /// Whether the line is open now.
    pub open_now: bool,
    /// When it next opens (now, when open), UTC.
    pub next_opening: DateTime<Utc>,
    /// What to read out.
    pub identifiers: Vec<ReadOut>,
}

/// The call sheet of request `id`. `user_zone` is an IANA zone name (e.g.
/// `America/New_York`) the interface uses to show the opening instant.
pub async fn call_sheet(ctx: &Ctx, id: i64, user_zone: String) -> Result<CallSheet> {
    if user_zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(Error {
            code: ErrorCode::Validation,
            message: format!("{user_zone:?} is not an IANA time zone"),
            field: Some("userZone".to_owned()),
        });
    }
    let request = ctx.store().request(id)?;
    let input = stored_input(&request)?;
    let entry = request.draft.situation.entry();
    let now = ctx.now();
    let hm = |(h, m): (u32, u32)| format!("{h:02}:{m:02}");
    Ok(CallSheet {
        request_id: id,
        number: PHONE_LINE.number.to_owned(),
        number_e164: PHONE_LINE.number_e164.to_owned(),
        menu_choice: PHONE_LINE.menu_choice,
        opens: hm(PHONE_LINE.opens),
        closes: hm(PHONE_LINE.closes),
        hours_zone: "Europe/Paris".to_owned(),
        user_zone,
        service_cents_per_minute: PHONE_LINE.service_cents_per_minute,
        open_now: phone::is_open(now),
        next_opening: phone::next_opening(now),
        identifiers: entry
            .identifiers
            .iter()
            .chain(entry.optional_identifiers)
            .map(|i| ReadOut {
                identifier: *i,
                value: input.facts.get(*i).map(str::to_owned),
            })
            .collect(),
    })
}

/// Records what Canon said on the phone: the request counts as told (sent by phone,
/// which closes its "tell Canon by" reminder) and acknowledged, with the outcome
/// noted; a follow-up is planned a week later, as for a request sent by email, to
/// check that Canon did what it said.
pub async fn record_call_outcome(ctx: &Ctx, id: i64, outcome: String) -> Result<Request> {
    let now = ctx.now();
    let mut store = ctx.store();
    let sent = Transition::Sent {
        channel: RequestChannel::Phone,
        eml_sha256: None,
    };
    store.transition_request(id, &sent, None, now)?;
    Ok(store.transition_request(id, &Transition::Acknowledged, Some(&outcome), now)?)
}
