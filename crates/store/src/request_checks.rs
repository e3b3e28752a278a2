//! Requests that wait for the user, counted for the badge every screen shows.

use crate::{Result, Store};

impl Store {
    /// How many requests wait for the user: those that could not be sent (in the
    /// outbox), those handed to the mail client that wait for "was it sent?", and
    /// those claimed for sending (one being sent right now is counted for its few
    /// seconds; one left by a stop waits for "may have been sent": mark it sent or
    /// send it again).
    pub fn count_requests_to_check(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM requests
             WHERE status = 'outbox' OR (status = 'draft' AND channel = 'mail_client')
                OR sending_at IS NOT NULL",
            [],
            |r| r.get(0),
        )?)
    }
}
