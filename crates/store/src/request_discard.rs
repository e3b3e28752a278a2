//! Taking back a request the user never meant to make: a draft prepared for the
//! wizard's review, left with Back or by closing the review before it was sent,
//! handed to the mail client, phoned or kept as a draft on purpose.

use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::audit::{self, Action};
use crate::requests::{get, RequestChannel, RequestStatus};
use crate::{Error, Result, Store};

impl Store {
    /// Removes a draft the wizard prepared for its review, with its reminders and its
    /// attachments' document rows (the stored files, referenced by nothing, are swept
    /// later like any abandoned upload), in one transaction. The deletion is kept in
    /// the audit log. A request that has left the draft state, or that was handed to
    /// the mail client (the app cannot know whether that message left), is refused.
    pub fn discard_draft(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn.savepoint()?;
        let before = get(&tx, id)?;
        if before.status != RequestStatus::Draft
            || before.draft.channel == Some(RequestChannel::MailClient)
        {
            return Err(Error::InvalidTransition {
                from: before.status.as_str(),
                to: "discarded",
            });
        }
        tx.execute("DELETE FROM reminders WHERE request_id = ?1", params![id])?;
        tx.execute(
            "DELETE FROM documents WHERE entity = 'request' AND entity_id = ?1",
            params![id],
        )?;
        tx.execute("DELETE FROM requests WHERE id = ?1", params![id])?;
        audit::record(&tx, now, "request", id, Action::Delete, Some(&before), None)?;
        tx.commit()?;
        Ok(())
    }
}
