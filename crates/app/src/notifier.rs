//! How reminders reach the user: the one seam between the reminder engine (this
//! crate decides what is due and words it) and the desktop that shows it (the shell
//! implements [`Notifier`] with the OS notification; tests record what was shown).

use canon_desk_core::deadlines::RecordRef;

use crate::Result;

/// One notification, already worded in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The first line.
    pub title: String,
    /// The text under it.
    pub body: String,
    /// The record to open when the notification is clicked, where there is one
    /// (a group of several deadlines opens the home screen instead).
    pub record: Option<RecordRef>,
    /// The keys of the deadlines it announces.
    pub keys: Vec<String>,
}

/// Shows notifications. The engine records that a lead time has fired *before* it
/// calls [`Notifier::show`], so a crash in between loses one notification rather
/// than repeating it.
pub trait Notifier: Send + Sync {
    /// Shows `notification`; an error is logged by the caller, never retried.
    fn show(&self, notification: &Notification) -> Result<()>;
}
