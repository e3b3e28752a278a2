//! Secrets in the OS keychain (Secret Service, macOS Keychain, Windows Credential
//! Manager), behind a trait so the rest of the app never sees where they live.
//!
//! A secret is written here and nowhere else: not in SQLite, not in a log line, not in
//! anything returned to the interface, which only learns whether one is saved.

use std::fmt::Debug;

use crate::{Error, ErrorCode, Result};

/// The keychain service name every Canon Desk secret is filed under.
pub const SERVICE: &str = "canon-desk";

/// A place to keep secrets by key.
pub trait SecretStore: Send + Sync + Debug {
    /// Saves (or replaces) the secret under `key`.
    fn set(&self, key: &str, secret: &str) -> Result<()>;
    /// The secret under `key`, or `None` when none is saved.
    fn get(&self, key: &str) -> Result<Option<String>>;
    /// Forgets the secret under `key`; forgetting a missing one is not an error.
    fn delete(&self, key: &str) -> Result<()>;
}

/// The keychain key of the SMTP password of `username` at `host`.
pub fn smtp_key(username: &str, host: &str) -> String {
    format!("smtp:{username}@{host}")
}

/// The keychain key of the CalDAV password of `username` at the server `url`.
pub fn caldav_key(username: &str, url: &str) -> String {
    format!("caldav:{username}@{url}")
}

/// The operating system's keychain, through the `keyring` crate.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeychain;

fn keychain_error(e: keyring::Error) -> Error {
    // keyring's messages name the failure (locked collection, no bus) and never the
    // secret itself, so they are safe to pass on.
    Error {
        code: ErrorCode::Keychain,
        message: format!("keychain: {e}"),
        field: None,
    }
}

impl SecretStore for OsKeychain {
    fn set(&self, key: &str, secret: &str) -> Result<()> {
        keyring::Entry::new(SERVICE, key)
            .and_then(|e| e.set_password(secret))
            .map_err(keychain_error)
    }

    fn get(&self, key: &str) -> Result<Option<String>> {
        match keyring::Entry::new(SERVICE, key).and_then(|e| e.get_password()) {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn delete(&self, key: &str) -> Result<()> {
        match keyring::Entry::new(SERVICE, key).and_then(|e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(e)),
        }
    }
}
