//! What the user's calendar was last sent, and the rhythm of retries.
//!
//! One row per deadline whose event is on the server: where it is, its entity tag,
//! the fingerprint and text of what was sent. The publisher compares these rows with
//! the open deadlines to know what is waiting; nothing else is queued, so a change
//! made while the server is away is picked up by the next attempt, once. Each
//! server answer is recorded as soon as it arrives, so a publication stopped half-way
//! resumes where it stopped. This is bookkeeping about a copy of the record, not the
//! record, so it is not written to the audit log.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::error::corrupt;
use crate::{ts, Result, Store};

/// A deadline's event as it was last published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedEvent {
    /// The deadline's stable key.
    pub key: String,
    /// The event's path on the server.
    pub href: String,
    /// Its entity tag there, when the server gave one.
    pub etag: Option<String>,
    /// The fingerprint of what was sent.
    pub fingerprint: String,
    /// The exact text sent.
    pub body: String,
    /// The deadline's revision then.
    pub revision: u32,
}

/// Where publishing stands: failures in a row and when to try again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarSyncState {
    /// Failed attempts in a row (0 after a success).
    pub failures: u32,
    /// Not before this instant (UTC, RFC 3339), after a failure.
    pub next_attempt_at: Option<String>,
    /// The last failure's class (`connection`, `auth`...).
    pub last_error_code: Option<String>,
    /// The last failure's words.
    pub last_error: Option<String>,
    /// The last complete publication (UTC, RFC 3339).
    pub last_success_at: Option<String>,
}

impl Store {
    /// Every event published and not yet deleted from the server.
    pub fn published_events(&self) -> Result<Vec<PublishedEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source_key, href, etag, fingerprint, body, revision
             FROM calendar_events ORDER BY source_key",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PublishedEvent {
                key: r.get(0)?,
                href: r.get(1)?,
                etag: r.get(2)?,
                fingerprint: r.get(3)?,
                body: r.get(4)?,
                revision: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many events are on the server.
    pub fn published_count(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM calendar_events", [], |r| r.get(0))?)
    }

    /// How many rows this connection has written since it was opened: the one
    /// connection writes every change, so an unchanged count means nothing in the
    /// record changed, and the publisher need not work out what waits again.
    pub fn write_count(&self) -> u64 {
        self.conn.total_changes()
    }

    /// Records that `event` is now on the server as given.
    pub fn record_published_event(&self, event: &PublishedEvent, at: DateTime<Utc>) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO calendar_events (source_key, href, etag, fingerprint, body, revision,
                     published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(source_key) DO UPDATE SET href = excluded.href,
                     etag = excluded.etag, fingerprint = excluded.fingerprint,
                     body = excluded.body, revision = excluded.revision,
                     published_at = excluded.published_at",
            )?
            .execute(params![
                event.key,
                event.href,
                event.etag,
                event.fingerprint,
                event.body,
                event.revision,
                ts(at)
            ])?;
        Ok(())
    }

    /// Records that the event of `key` is no longer on the server.
    pub fn forget_published_event(&self, key: &str) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM calendar_events WHERE source_key = ?1")?
            .execute([key])?;
        Ok(())
    }

    /// Sets the calendar connection setting `key` to `value` (or removes it) and, in
    /// the same transaction, forgets every published event and the retry state: a
    /// calendar connected, replaced or disconnected starts afresh.
    pub fn switch_calendar(&mut self, key: &str, value: Option<&str>) -> Result<()> {
        let tx = self.conn.savepoint()?;
        match value {
            Some(value) => tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
        tx.execute("DELETE FROM calendar_events", [])?;
        tx.execute(
            "UPDATE calendar_sync SET failures = 0, next_attempt_at = NULL,
                 last_error_code = NULL, last_error = NULL, last_success_at = NULL",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Where publishing stands.
    pub fn calendar_sync_state(&self) -> Result<CalendarSyncState> {
        let state = self
            .conn
            .query_row(
                "SELECT failures, next_attempt_at, last_error_code, last_error, last_success_at
                 FROM calendar_sync WHERE id = 1",
                [],
                |r| {
                    Ok(CalendarSyncState {
                        failures: r.get(0)?,
                        next_attempt_at: r.get(1)?,
                        last_error_code: r.get(2)?,
                        last_error: r.get(3)?,
                        last_success_at: r.get(4)?,
                    })
                },
            )
            .optional()?;
        state.ok_or_else(|| corrupt("calendar_sync", "missing row".to_owned()).into())
    }

    /// Records a failed attempt: one more failure in a row, the next attempt not
    /// before `next_attempt_at`.
    pub fn record_calendar_failure(
        &self,
        code: &str,
        message: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> Result<CalendarSyncState> {
        self.conn.execute(
            "UPDATE calendar_sync SET failures = failures + 1, next_attempt_at = ?1,
                 last_error_code = ?2, last_error = ?3 WHERE id = 1",
            params![ts(next_attempt_at), code, message],
        )?;
        self.calendar_sync_state()
    }

    /// Records a complete publication: nothing left waiting, no failure.
    pub fn record_calendar_success(&self, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "UPDATE calendar_sync SET failures = 0, next_attempt_at = NULL,
                 last_error_code = NULL, last_error = NULL, last_success_at = ?1 WHERE id = 1",
            [ts(at)],
        )?;
        Ok(())
    }
}
