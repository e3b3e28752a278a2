//! Canon Desk's use cases, independent of any window toolkit.
//!
//! Each use case is an `async fn(&Ctx, request) -> Result<response>`; the Tauri shell
//! calls them through one-line commands and tests call them directly. This crate is
//! the only one that reads the wall clock (through [`clock::Clock`]) and, as later
//! issues add them, talks SMTP and to the OS keychain.

pub mod backup;
pub mod calendar;
pub mod clipboard;
pub mod clock;
pub mod contracts;
pub mod cps;
pub mod csv;
mod ctx;
pub mod demo;
pub mod devices;
pub mod documents;
mod error;
pub mod exports;
pub mod limits;
pub mod mailer;
pub mod notifier;
pub mod organisation;
pub mod overview;
pub mod readings;
pub mod reminders;
pub mod requests;
pub mod secrets;
pub mod settings;
pub mod sites;
pub mod smtp_settings;
pub mod startup;
pub mod upload;

pub use ctx::{AppInfo, Ctx, StartupFailure, DB_FILE};
pub use error::{Error, ErrorCode, Result};

/// The record types the use cases exchange, re-exported so the shell needs one crate.
pub mod records {
    pub use canon_desk_core::device::{DeviceKind, DeviceStatus, MeterTransmission, Ownership};
    pub use canon_desk_store::{
        AuditEntry, BackupSummary, Contract, ContractChoice, ContractForm, ContractKind,
        ContractMatches, ContractPage, ContractSummary, DeadlineRow, DeadlineStatus, Device,
        DeviceFilter, DeviceImport, DeviceInput, DevicePage, Document, DocumentEntity,
        DocumentKind, ImportProblem, ImportRowError, InvoiceDelivery, MeterReading, Organisation,
        OrganisationProfile, PoNumber, ReadingInput, ReadingSource, Renewal, RestoreProgress,
        RestoreSummary, Site, SiteInput, SiteMatches,
    };
}
