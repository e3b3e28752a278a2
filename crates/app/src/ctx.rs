//! The context every use case receives.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use canon_desk_store::Store;
use serde::Serialize;

use crate::clipboard::{Clipboard, OsClipboard};
use crate::clock::Clock;
use crate::mailer::{Mailer, SmtpMailer};
use crate::secrets::{OsKeychain, SecretStore};
use crate::{Error, Result};

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "canon-desk.db";

/// Everything a use case may touch: the record, the clock, the data directory.
#[derive(Debug)]
pub struct Ctx {
    store: Mutex<Store>,
    data_dir: PathBuf,
    clock: Arc<dyn Clock>,
    mailer: Arc<dyn Mailer>,
    secrets: Arc<dyn SecretStore>,
    clipboard: Arc<dyn Clipboard>,
    /// How long a copied password may stay on the clipboard.
    clipboard_clear_after: std::time::Duration,
    /// The password copy whose clearing is still to come, if any.
    clipboard_pending: Arc<Mutex<Option<crate::clipboard::Pending>>>,
    default_export_dir: PathBuf,
    /// Requests whose message is being delivered by this process right now.
    in_flight: Mutex<HashSet<i64>>,
    /// Held while the calendar is being published, so runs never overlap.
    calendar_busy: tokio::sync::Mutex<()>,
    /// Held while the weekly digest is being decided and sent.
    digest_busy: tokio::sync::Mutex<()>,
    /// The store's write count when the publisher last found nothing waiting
    /// (`u64::MAX`: never).
    calendar_seen: std::sync::atomic::AtomicU64,
    /// When every deadline was last reconciled (by the scheduler's tick or the home
    /// screen), so the home screen does not redo it right after the tick.
    reconciled_all: Mutex<Option<chrono::DateTime<chrono::Utc>>>,
}

/// A request marked as being delivered by this process; the mark goes when this is
/// dropped (the delivery ended, or its task stopped).
#[derive(Debug)]
pub(crate) struct InFlight<'a> {
    ctx: &'a Ctx,
    id: i64,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.ctx
            .in_flight
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&self.id);
    }
}

/// Why the record could not be opened at start-up, for the window to explain
/// instead of the app quitting without a word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StartupFailure {
    /// What went wrong (`newer_version`, `storage`...).
    pub error: Error,
    /// The data directory that could not be opened.
    pub data_dir: String,
}

/// Where the app keeps its data and which version it is; shown in Settings › About.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The app's version.
    pub version: String,
    /// The data directory.
    pub data_dir: String,
    /// The database file.
    pub db_path: String,
}

/// How long the Canon password stays on the clipboard after Copy: time to switch to
/// the portal and paste it, as password managers allow (KeePassXC 10 s, Bitwarden and
/// 1Password 30–90 s).
pub const CLIPBOARD_CLEAR_AFTER: std::time::Duration = std::time::Duration::from_secs(45);

/// How old an unreferenced stored file must be before it is removed at start-up.
const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(2 * 24 * 60 * 60);

impl Ctx {
    /// Opens (creating and migrating if needed) the record in `data_dir`.
    pub fn open(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Ctx> {
        let mut store = Store::open(&data_dir.join(DB_FILE))?;
        // CPS dates are the user's own (invoice, dashboard): the reminder planner reads
        // them in this computer's zone, recorded here so every reconciliation agrees.
        if let Err(e) = store.set_cps_zone(crate::cps::user_zone(), clock.now()) {
            tracing::warn!(error = %e, "could not record the zone of the CPS dates");
        }
        // Copies made for the system viewer serve one session: the previous session's
        // go (a copy a viewer still holds open elsewhere is left for next time).
        let _ = std::fs::remove_dir_all(data_dir.join(crate::documents::VIEW_DIR));
        // Files staged for a use case are removed when it ends; any still here were
        // left by a session that stopped mid-way (one instance runs at a time).
        let _ = std::fs::remove_dir_all(data_dir.join(crate::upload::STAGING_DIR));
        // Stored files nothing points at any more (a file chosen in a wizard that was
        // cancelled, a message whose delivery failed) go once they are two days old,
        // long after the session that wrote them.
        let cutoff = std::time::SystemTime::now() - ORPHAN_AGE;
        match store
            .sweep_unreferenced_documents(&data_dir.join(crate::documents::DOCUMENTS_DIR), cutoff)
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(removed = n, "unreferenced stored files removed"),
            Err(e) => tracing::warn!(error = %e, "could not look for unreferenced stored files"),
        }
        Ok(Ctx {
            store: Mutex::new(store),
            data_dir: data_dir.to_owned(),
            clock,
            mailer: Arc::new(SmtpMailer),
            secrets: Arc::new(OsKeychain),
            clipboard: Arc::new(OsClipboard::default()),
            clipboard_clear_after: CLIPBOARD_CLEAR_AFTER,
            clipboard_pending: Arc::new(Mutex::new(None)),
            default_export_dir: data_dir.join("exports"),
            in_flight: Mutex::new(HashSet::new()),
            calendar_busy: tokio::sync::Mutex::new(()),
            digest_busy: tokio::sync::Mutex::new(()),
            calendar_seen: std::sync::atomic::AtomicU64::new(u64::MAX),
            reconciled_all: Mutex::new(None),
        })
    }

    /// The same context with another default export folder (the shell passes the
    /// user's Downloads folder).
    pub fn with_default_export_dir(mut self, dir: PathBuf) -> Ctx {
        self.default_export_dir = dir;
        self
    }

    /// The export folder used when the user has not chosen one.
    pub(crate) fn default_export_dir(&self) -> &Path {
        &self.default_export_dir
    }

    /// The same context with another secret store, for tests that must not touch
    /// the user's keychain.
    pub fn with_secrets(mut self, secrets: Arc<dyn SecretStore>) -> Ctx {
        self.secrets = secrets;
        self
    }

    /// The same context with another clipboard, for tests that read what was copied.
    pub fn with_clipboard(mut self, clipboard: Arc<dyn Clipboard>) -> Ctx {
        self.clipboard = clipboard;
        self
    }

    /// The clipboard.
    pub(crate) fn clipboard(&self) -> Arc<dyn Clipboard> {
        Arc::clone(&self.clipboard)
    }

    /// The same context with another wait before a copied password leaves the
    /// clipboard, for tests that see it go.
    pub fn with_clipboard_clear_after(mut self, wait: std::time::Duration) -> Ctx {
        self.clipboard_clear_after = wait;
        self
    }

    /// How long a copied password may stay on the clipboard.
    pub(crate) fn clipboard_clear_after(&self) -> std::time::Duration {
        self.clipboard_clear_after
    }

    /// The password copy whose clearing is still to come, shared with its timer.
    pub(crate) fn clipboard_pending(&self) -> Arc<Mutex<Option<crate::clipboard::Pending>>> {
        Arc::clone(&self.clipboard_pending)
    }

    /// The same context with another mailer, for tests that stand in for a crash
    /// or a slow server around a real delivery.
    pub fn with_mailer(mut self, mailer: Arc<dyn Mailer>) -> Ctx {
        self.mailer = mailer;
        self
    }

    /// Marks request `id` as being delivered by this process until the returned
    /// value is dropped.
    pub(crate) fn delivering(&self, id: i64) -> InFlight<'_> {
        self.in_flight
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(id);
        InFlight { ctx: self, id }
    }

    /// Whether this process is delivering request `id` right now.
    pub(crate) fn is_delivering(&self, id: i64) -> bool {
        self.in_flight
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(&id)
    }

    /// The mailer requests are sent with.
    pub(crate) fn mailer(&self) -> Arc<dyn Mailer> {
        Arc::clone(&self.mailer)
    }

    /// The lock that keeps calendar publications from overlapping.
    pub(crate) fn calendar_busy(&self) -> &tokio::sync::Mutex<()> {
        &self.calendar_busy
    }

    /// The lock that keeps two digests from going out at once.
    pub(crate) fn digest_busy(&self) -> &tokio::sync::Mutex<()> {
        &self.digest_busy
    }

    /// The store's write count when the publisher last found nothing waiting.
    pub(crate) fn calendar_seen(&self) -> &std::sync::atomic::AtomicU64 {
        &self.calendar_seen
    }

    /// The keychain.
    pub(crate) fn secrets(&self) -> Arc<dyn SecretStore> {
        Arc::clone(&self.secrets)
    }

    /// The store, locked for the duration of one short operation. A poisoned lock
    /// means an earlier operation panicked mid-way; SQLite rolled its transaction
    /// back, so the connection is still sound and is used again.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reconciles every deadline with the record, unless that was done less than
    /// `fresh` before `now` (then nothing is read or written). Every write reconciles
    /// what it touches in its own transaction, so between two full reconciliations
    /// only the passing of time (a tacit contract's term rolling over) can make a
    /// deadline stale; on a record of two thousand contracts a full one costs tens of
    /// milliseconds with the store locked.
    pub(crate) fn reconcile_all(
        &self,
        store: &mut Store,
        now: chrono::DateTime<chrono::Utc>,
        fresh: chrono::Duration,
    ) -> Result<Option<canon_desk_store::ReconcileReport>> {
        let mut last = self
            .reconciled_all
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last.is_some_and(|at| at <= now && now - at < fresh) {
            return Ok(None);
        }
        let report = store.reconcile_deadlines(canon_desk_store::Scope::All, now)?;
        *last = Some(now);
        Ok(Some(report))
    }

    /// The current instant.
    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Version and paths, for the About box.
    pub fn info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.data_dir.display().to_string(),
            db_path: self.data_dir.join(DB_FILE).display().to_string(),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error {
            code: crate::ErrorCode::Storage,
            message: e.to_string(),
            field: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{Duration, TimeZone, Utc};

    use super::Ctx;
    use crate::clock::FixedClock;

    #[test]
    fn a_full_reconciliation_is_skipped_while_it_is_fresh() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let now = Utc
            .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .single()
            .ok_or("bad instant")?;
        let ctx = Ctx::open(dir.path(), Arc::new(FixedClock(now)))?;
        let minute = Duration::seconds(60);
        let mut store = ctx.store();
        assert!(
            ctx.reconcile_all(&mut store, now, minute)?.is_some(),
            "the first full reconciliation must run"
        );
        assert!(
            ctx.reconcile_all(&mut store, now + Duration::seconds(30), minute)?
                .is_none(),
            "within a minute of the last one it must be skipped"
        );
        assert!(
            ctx.reconcile_all(&mut store, now + Duration::seconds(61), minute)?
                .is_some(),
            "a minute after the last one it must run again"
        );
        assert!(
            ctx.reconcile_all(&mut store, now + Duration::seconds(62), Duration::zero())?
                .is_some(),
            "the scheduler's tick (no freshness) must always run"
        );
        Ok(())
    }
}
