//! The pure domain of Canon Desk.
//!
//! This crate knows what a Canon device, a contract or a billing situation is and
//! which rules apply to them. It performs no I/O, never reads the clock (callers pass
//! the current time in) and knows nothing of SQLite, SMTP, the keychain or Tauri, so
//! every rule here can be tested as a plain function.

pub mod business_days;
pub mod catalogue;
pub mod cps;
pub mod cps_deadlines;
pub mod cps_subscription;
pub mod deadlines;
pub mod device;
pub mod email_fr;
pub mod error;
pub mod lead_time;
pub mod phone;
pub mod problem;
pub mod publishing;
pub mod reminders;
pub mod translation;
pub mod validate;

pub use error::{Error, Result};
pub use problem::Problem;
