//! Canon Desk's local record in SQLite.
//!
//! This is the only crate that knows SQL. [`Store::open`] is the one place a database is
//! opened: it sets the pragmas, copies the file aside and runs the embedded, numbered,
//! forward-only migrations. Each table group has its own module. Functions that write
//! take the current instant as a parameter, because this crate never reads the clock,
//! and every write to a record lands in the audit log in the same transaction.

mod audit;
mod backup;
mod calendar;
mod contract_records;
mod contracts;
mod cps;
mod csv_export;
mod csv_import;
mod db;
mod devices;
mod documents;
mod error;
mod lifecycle;
mod migrate;
mod organisation;
mod profile;
mod readings;
mod reminders;
mod request_checks;
mod request_discard;
mod request_effects;
mod requests;
mod settings;
mod sites;

pub use audit::{AuditEntry, BankCheckEntry};
pub use backup::{BackupSummary, RestoreProgress, RestoreSummary, MAX_DB_BYTES};
pub use calendar::{CalendarSyncState, PublishedEvent};
pub use contract_records::{Contract, ContractForm, InvoiceDelivery, PoNumber, Renewal};
pub use contracts::{
    ContractChoice, ContractInput, ContractKind, ContractMatches, ContractPage, ContractSummary,
    MAX_MATCHES,
};
pub use cps::{
    AccountStep, CpsAccount, CpsAccountRequest, CpsCheckout, CpsLevelRow, CpsMembership,
    CpsMembershipInput, CpsProduct, CpsProductInput, MembershipStatus,
};
pub use csv_export::{for_spreadsheet, Separator};
pub use csv_import::{DeviceImport, ImportProblem, ImportRowError};
pub use db::Store;
pub use devices::{Device, DeviceFilter, DeviceInput, DevicePage, MAX_PAGE};
pub use documents::{
    blob_path, sanitise_label, store_blob, store_bytes, Document, DocumentEntity, DocumentKind,
};
pub use error::{Error, Result};
pub use migrate::{MIGRATIONS, SCHEMA_VERSION};
pub use organisation::Organisation;
pub use profile::{validate_profile, OrganisationProfile};
pub use readings::{MeterReading, ReadingInput, ReadingSource};
pub use reminders::{
    check_lead_days, DeadlineAction, DeadlineRow, DeadlineStatus, ReconcileReport, Scope,
};
pub use request_effects::{CanonContacts, RecordChange, Reminder, ReminderKind};
pub use requests::{Attachment, Request, RequestChannel, RequestDraft, RequestStatus, Transition};
pub use sites::{Site, SiteInput, SiteMatches};

/// A list of ids as the JSON array `json_each` reads, so that a statement can take a
/// set of ids as one bound value.
pub(crate) fn json_ids(ids: &[i64]) -> String {
    format!(
        "[{}]",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    )
}

/// Formats an instant the way every `*_at` column stores it.
pub(crate) fn ts(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
