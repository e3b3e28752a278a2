//! What the window shows first, in one answer: the preferences, the overview and the
//! home screen's data. The interface asks for it once, before its first render, so
//! the first screen painted is the home screen with its data, one IPC round after
//! the page starts instead of three in a row (failure, then settings and overview,
//! then the home screen's lists). The shell computes it as soon as the record is
//! open, while the page is still loading, and hands it over when asked.
//!
//! It is bounded like each of its parts: counts, and lists cut at
//! [`crate::reminders::HOME_LIMIT`] rows; nothing in it grows with the record.

use serde::Serialize;

use crate::cps::CpsHome;
use crate::overview::Overview;
use crate::reminders::Home;
use crate::settings::Settings;
use crate::{cps, overview, reminders, settings, Ctx, Result};

/// The first screen's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FirstScreen {
    /// The preferences (language, theme), as `settings::get` reads them.
    pub settings: Settings,
    /// Counts, the organisation and the demo offer, as `overview::get` reads them.
    pub overview: Overview,
    /// The home screen's deadlines and requests, as `reminders::home` reads them.
    pub home: Home,
    /// The home screen's CPS line, as `cps::home` reads it.
    pub cps: CpsHome,
}

/// The first screen's data. The home screen's part reconciles the deadlines first,
/// as `reminders::home` always does, so it is right from the first start.
pub async fn first_screen(ctx: &Ctx) -> Result<FirstScreen> {
    Ok(FirstScreen {
        settings: settings::get(ctx).await?,
        overview: overview::get(ctx).await?,
        home: reminders::home(ctx).await?,
        cps: cps::home(ctx).await?,
    })
}
