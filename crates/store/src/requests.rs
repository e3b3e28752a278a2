//! Requests to Canon: one row per wizard run, its status history and the outbox.
//!
//! A request moves draft → sent → acknowledged → done, may wait in the outbox when
//! sending failed, and may be cancelled until it is done. Every change lands in the
//! audit log in the same transaction, so the history of a request is never lost.

use canon_desk_core::catalogue::Situation;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use std::path::Path;

use crate::audit::{self, Action};
use crate::documents::{self, DocumentEntity};
use crate::error::corrupt;
use crate::{ts, Error, Result, Store};

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Being written; nothing has left the app.
    Draft,
    /// Sending failed; kept with the reason until it is retried.
    Outbox,
    /// Claimed for sending by SMTP: the message is on its way, or the app stopped
    /// while it was, in which case it may have left (the user is asked; it is never
    /// sent again on its own). Stored as the claim (`sending_at`) on a draft or an
    /// outbox request.
    Sending,
    /// Sent by email, handed to the mail client, or told by phone.
    Sent,
    /// Canon confirmed it received the request.
    Acknowledged,
    /// Canon handled it; the records it concerns were updated.
    Done,
    /// Given up by the user.
    Cancelled,
}

impl RequestStatus {
    const ALL: [RequestStatus; 7] = [
        RequestStatus::Draft,
        RequestStatus::Outbox,
        RequestStatus::Sending,
        RequestStatus::Sent,
        RequestStatus::Acknowledged,
        RequestStatus::Done,
        RequestStatus::Cancelled,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Draft => "draft",
            RequestStatus::Outbox => "outbox",
            RequestStatus::Sending => "sending",
            RequestStatus::Sent => "sent",
            RequestStatus::Acknowledged => "acknowledged",
            RequestStatus::Done => "done",
            RequestStatus::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether a request may go from `self` to `to`. Done and cancelled are final;
    /// a request still in the app (draft, outbox) may be sent again or given up; one
    /// being sent ends sent or back in the outbox.
    pub fn can_become(self, to: RequestStatus) -> bool {
        use RequestStatus::*;
        matches!(
            (self, to),
            (Draft | Outbox, Draft | Outbox | Sent | Cancelled)
                | (Sending, Sent | Outbox)
                | (Sent, Acknowledged | Done | Cancelled)
                | (Acknowledged, Done | Cancelled)
        )
    }
}

/// How a request reached (or will reach) Canon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RequestChannel {
    /// Sent by the app over SMTP.
    Email,
    /// Handed to the user's own mail client.
    MailClient,
    /// Told on Canon France's phone line.
    Phone,
}

impl RequestChannel {
    fn as_str(self) -> &'static str {
        match self {
            RequestChannel::Email => "email",
            RequestChannel::MailClient => "mail_client",
            RequestChannel::Phone => "phone",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Self::Email, Self::MailClient, Self::Phone]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A file to attach to a request's email: one of the request's documents, named by
/// its content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// SHA-256 of the content: the file is stored under it in the documents folder
    /// and is a document of the request. `None` only for requests made before
    /// attachments were documents, which name a `path` instead.
    #[serde(default)]
    pub sha256: Option<String>,
    /// Requests made before attachments were documents only: where the file was
    /// kept (inside the data folder's `attachments/`).
    #[serde(default)]
    pub path: Option<String>,
    /// The name Canon sees.
    pub file_name: String,
    /// `kbis`, `meter_reading_page` or `other`, as in the documents table.
    pub kind: String,
}

/// What a wizard has gathered; saved as a draft so nothing typed is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RequestDraft {
    /// Which billing situation.
    pub situation: Situation,
    /// The intended channel, once chosen.
    pub channel: Option<RequestChannel>,
    /// The device concerned.
    pub device_id: Option<i64>,
    /// The contract concerned.
    pub contract_id: Option<i64>,
    /// When the change takes effect (or the date on Canon's request).
    pub effective_on: Option<NaiveDate>,
    /// The date by which Canon must be told.
    pub notify_by: Option<NaiveDate>,
    /// The email address it goes to.
    pub recipient: Option<String>,
    /// The subject, as the user will send it.
    pub subject: String,
    /// The body, as the user will send it.
    pub body: String,
    /// Everything typed in the wizard, as JSON.
    pub facts_json: String,
    /// Files to attach.
    pub attachments: Vec<Attachment>,
}

/// A request as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    /// Row id.
    pub id: i64,
    /// Status.
    pub status: RequestStatus,
    /// What was gathered.
    #[serde(flatten)]
    pub draft: RequestDraft,
    /// Path of the exact message sent (.eml), for requests sent before the message
    /// became a document of the request; newer ones name it by `eml_sha256` only.
    pub eml_path: Option<String>,
    /// SHA-256 of the exact message sent: the document of the request stored under
    /// it, or the file at `eml_path` for older requests.
    pub eml_sha256: Option<String>,
    /// Code of the last failure (`connection`, `timeout`, `auth`, `rejected`, `temporary`).
    pub error_code: Option<String>,
    /// The last failure, in words.
    pub last_error: Option<String>,
    /// How many times sending was tried.
    pub attempts: i64,
    /// What Canon answered, as the user noted it.
    pub outcome: String,
    /// When it left the app.
    pub sent_at: Option<String>,
    /// When Canon acknowledged it.
    pub acknowledged_at: Option<String>,
    /// When it was done.
    pub done_at: Option<String>,
    /// When it was cancelled.
    pub cancelled_at: Option<String>,
    /// Creation instant.
    pub created_at: String,
    /// Last change instant.
    pub updated_at: String,
    /// The Message-ID every copy of the request's message carries (set when it is
    /// first sent by SMTP).
    pub message_id: Option<String>,
    /// When the app claimed it for sending, while it is [`RequestStatus::Sending`].
    pub sending_since: Option<String>,
}

const COLUMNS: &str = "id, status, situation, channel, device_id, contract_id, effective_on, notify_by,
    recipient, subject, body, facts_json, attachments_json, eml_path, eml_sha256, error_code,
    last_error, attempts, outcome, sent_at, acknowledged_at, done_at, cancelled_at, created_at, updated_at,
    message_id, sending_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Request> {
    let status: String = r.get(1)?;
    let situation: String = r.get(2)?;
    let channel: Option<String> = r.get(3)?;
    let attachments: String = r.get(12)?;
    let sending_since: Option<String> = r.get(26)?;
    let stored = RequestStatus::parse(&status).ok_or_else(|| corrupt("requests.status", status))?;
    // The claim is cleared by every move out of draft and outbox, so it only ever
    // stands on one of those.
    let status = match (stored, &sending_since) {
        (RequestStatus::Draft | RequestStatus::Outbox, Some(_)) => RequestStatus::Sending,
        _ => stored,
    };
    Ok(Request {
        id: r.get(0)?,
        status,
        draft: RequestDraft {
            situation: Situation::parse(&situation)
                .ok_or_else(|| corrupt("requests.situation", situation))?,
            channel: match channel {
                Some(c) => {
                    Some(RequestChannel::parse(&c).ok_or_else(|| corrupt("requests.channel", c))?)
                }
                None => None,
            },
            device_id: r.get(4)?,
            contract_id: r.get(5)?,
            effective_on: r.get(6)?,
            notify_by: r.get(7)?,
            recipient: r.get(8)?,
            subject: r.get(9)?,
            body: r.get(10)?,
            facts_json: r.get(11)?,
            attachments: serde_json::from_str(&attachments)
                .map_err(|_| corrupt("requests.attachments_json", attachments))?,
        },
        eml_path: r.get(13)?,
        eml_sha256: r.get(14)?,
        error_code: r.get(15)?,
        last_error: r.get(16)?,
        attempts: r.get(17)?,
        outcome: r.get(18)?,
        sent_at: r.get(19)?,
        acknowledged_at: r.get(20)?,
        done_at: r.get(21)?,
        cancelled_at: r.get(22)?,
        created_at: r.get(23)?,
        updated_at: r.get(24)?,
        message_id: r.get(25)?,
        sending_since,
    })
}

fn attachments_json(draft: &RequestDraft) -> Result<String> {
    serde_json::to_string(&draft.attachments).map_err(|e| Error::Corrupt {
        column: "requests.attachments_json",
        value: e.to_string(),
    })
}

/// How a request changes status, with what it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// It left the app by `channel`; the exact message is the document of content
    /// `eml_sha256` when the app sent it itself ([`Store::record_sent_email`]).
    Sent {
        /// The channel used.
        channel: RequestChannel,
        /// SHA-256 of the .eml, when the app sent it.
        eml_sha256: Option<String>,
    },
    /// Sending failed; it waits in the outbox with the reason.
    Failed {
        /// Machine-readable code.
        code: String,
        /// Human reason.
        reason: String,
    },
    /// Canon confirmed receipt.
    Acknowledged,
    /// Canon handled it.
    Done,
    /// The user gave it up.
    Cancelled,
}

impl Store {
    /// Saves a new draft. Its attachments named by a content hash become documents of
    /// the request in the same transaction; each hash must name a file already stored
    /// in `docs_dir` (see [`crate::store_blob`]), or nothing is saved.
    pub fn create_request(
        &mut self,
        draft: &RequestDraft,
        docs_dir: &Path,
        now: DateTime<Utc>,
    ) -> Result<Request> {
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO requests (situation, channel, device_id, contract_id, effective_on, notify_by,
                recipient, subject, body, facts_json, attachments_json, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
            params![
                draft.situation.as_str(),
                draft.channel.map(RequestChannel::as_str),
                draft.device_id,
                draft.contract_id,
                draft.effective_on,
                draft.notify_by,
                draft.recipient,
                draft.subject,
                draft.body,
                draft.facts_json,
                attachments_json(draft)?,
                ts(now),
            ],
        )?;
        let id = tx.last_insert_rowid();
        for a in &draft.attachments {
            if let Some(hash) = &a.sha256 {
                documents::insert_blob_document(
                    &tx,
                    docs_dir,
                    DocumentEntity::Request,
                    id,
                    hash,
                    &a.file_name,
                    &a.kind,
                    now,
                )?;
            }
        }
        crate::reminders::reconcile(&tx, crate::Scope::Request(id), now)?;
        let created = get(&tx, id)?;
        audit::record(
            &tx,
            now,
            "request",
            id,
            Action::Create,
            None,
            Some(&created),
        )?;
        tx.commit()?;
        Ok(created)
    }

    /// Replaces what a request still in the app (draft or outbox) carries; once sent,
    /// what Canon received is history and cannot be edited.
    pub fn update_request(
        &mut self,
        id: i64,
        draft: &RequestDraft,
        now: DateTime<Utc>,
    ) -> Result<Request> {
        let tx = self.conn.savepoint()?;
        let before = get(&tx, id)?;
        if !matches!(before.status, RequestStatus::Draft | RequestStatus::Outbox) {
            return Err(Error::InvalidTransition {
                from: before.status.as_str(),
                to: RequestStatus::Draft.as_str(),
            });
        }
        tx.execute(
            "UPDATE requests SET situation = ?2, channel = ?3, device_id = ?4, contract_id = ?5,
                effective_on = ?6, notify_by = ?7, recipient = ?8, subject = ?9, body = ?10,
                facts_json = ?11, attachments_json = ?12, updated_at = ?13 WHERE id = ?1",
            params![
                id,
                draft.situation.as_str(),
                draft.channel.map(RequestChannel::as_str),
                draft.device_id,
                draft.contract_id,
                draft.effective_on,
                draft.notify_by,
                draft.recipient,
                draft.subject,
                draft.body,
                draft.facts_json,
                attachments_json(draft)?,
                ts(now),
            ],
        )?;
        crate::reminders::reconcile(&tx, crate::Scope::Request(id), now)?;
        let after = get(&tx, id)?;
        audit::record(
            &tx,
            now,
            "request",
            id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }

    /// One request.
    pub fn request(&self, id: i64) -> Result<Request> {
        get(&self.conn, id)
    }

    /// Every request, newest first; only those with `status` when given.
    pub fn list_requests(&self, status: Option<RequestStatus>) -> Result<Vec<Request>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM requests
             WHERE ?1 IS NULL OR (?1 = 'sending' AND sending_at IS NOT NULL)
                OR (status = ?1 AND sending_at IS NULL)
             ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([status.map(RequestStatus::as_str)], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that the app sent the request by email: it is marked sent and the
    /// exact message, already stored under `eml_sha256` in `docs_dir`
    /// ([`crate::store_bytes`]), becomes a document of the request (kind `email`), in
    /// one transaction, so backups carry it.
    pub fn record_sent_email(
        &mut self,
        id: i64,
        docs_dir: &Path,
        eml_sha256: &str,
        now: DateTime<Utc>,
    ) -> Result<Request> {
        let sent = Transition::Sent {
            channel: RequestChannel::Email,
            eml_sha256: Some(eml_sha256.to_owned()),
        };
        self.transition_with(id, &sent, None, now, |tx| {
            documents::insert_blob_document(
                tx,
                docs_dir,
                DocumentEntity::Request,
                id,
                eml_sha256,
                &format!("request-{id}.eml"),
                "email",
                now,
            )
            .map(drop)
        })
    }

    /// Claims a draft or outbox request for sending by SMTP, before its message goes:
    /// it becomes [`RequestStatus::Sending`], keeps `message_id` (unless it already
    /// has one, which then stays) and names its message `eml_sha256`, in one
    /// transaction. Only one claim can stand: a second (another send at the same
    /// time, or a retry after a crash that left the claim) is refused, so a message
    /// never leaves twice on its own.
    ///
    /// The claim is the one write made durable against power loss as well
    /// ([`Store::durably`]): under the record's `synchronous=NORMAL`, a power cut
    /// after the message left could roll the claim back, and the request would come
    /// back as never sent instead of "may have been sent".
    pub fn claim_sending(
        &mut self,
        id: i64,
        message_id: &str,
        eml_sha256: &str,
        now: DateTime<Utc>,
    ) -> Result<Request> {
        self.durably(|store| store.claim(id, message_id, eml_sha256, now))
    }

    /// [`Store::claim_sending`]'s transaction.
    fn claim(
        &mut self,
        id: i64,
        message_id: &str,
        eml_sha256: &str,
        now: DateTime<Utc>,
    ) -> Result<Request> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let before = get(&tx, id)?;
        let claimed = tx.execute(
            "UPDATE requests SET sending_at = ?2, updated_at = ?2,
                message_id = COALESCE(message_id, ?3), eml_sha256 = ?4
             WHERE id = ?1 AND sending_at IS NULL AND status IN ('draft','outbox')",
            params![id, ts(now), message_id, eml_sha256],
        )?;
        let after = get(&tx, id)?;
        if claimed != 1 || after.message_id.as_deref() != Some(message_id) {
            // Rolled back when `tx` drops: someone else claimed or changed it first.
            return Err(Error::InvalidTransition {
                from: before.status.as_str(),
                to: RequestStatus::Sending.as_str(),
            });
        }
        audit::record(
            &tx,
            now,
            "request",
            id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }

    /// Lifts the claim of a request left [`RequestStatus::Sending`] (the app stopped
    /// while its message was on the way) when the user chooses to send it again: it
    /// is back where it was (draft or outbox), with its Message-ID kept.
    pub fn release_sending(&mut self, id: i64, now: DateTime<Utc>) -> Result<Request> {
        let tx = self.conn.savepoint()?;
        let before = get(&tx, id)?;
        if before.status != RequestStatus::Sending {
            return Err(Error::InvalidTransition {
                from: before.status.as_str(),
                to: RequestStatus::Outbox.as_str(),
            });
        }
        tx.execute(
            "UPDATE requests SET sending_at = NULL, eml_sha256 = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, ts(now)],
        )?;
        let after = get(&tx, id)?;
        audit::record(
            &tx,
            now,
            "request",
            id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }

    /// Moves a request to a new status, refusing moves [`RequestStatus::can_become`]
    /// forbids. `outcome`, when given and not blank, is added to the noted outcome
    /// (after a blank line), so no earlier note is lost.
    pub fn transition_request(
        &mut self,
        id: i64,
        transition: &Transition,
        outcome: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Request> {
        self.transition_with(id, transition, outcome, now, |_| Ok(()))
    }

    /// One transition and what goes with it (`also`), with the request's audit
    /// entry, in one transaction.
    fn transition_with(
        &mut self,
        id: i64,
        transition: &Transition,
        outcome: Option<&str>,
        now: DateTime<Utc>,
        also: impl FnOnce(&rusqlite::Connection) -> Result<()>,
    ) -> Result<Request> {
        let tx = self.conn.savepoint()?;
        let before = get(&tx, id)?;
        apply(&tx, &before, transition, outcome, now)?;
        also(&tx)?;
        let after = get(&tx, id)?;
        audit::record(
            &tx,
            now,
            "request",
            id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }
}

/// Writes one transition inside the caller's transaction.
pub(crate) fn apply(
    conn: &rusqlite::Connection,
    before: &Request,
    transition: &Transition,
    outcome: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let to = match transition {
        Transition::Sent { .. } => RequestStatus::Sent,
        Transition::Failed { .. } => RequestStatus::Outbox,
        Transition::Acknowledged => RequestStatus::Acknowledged,
        Transition::Done => RequestStatus::Done,
        Transition::Cancelled => RequestStatus::Cancelled,
    };
    if !before.status.can_become(to) {
        return Err(Error::InvalidTransition {
            from: before.status.as_str(),
            to: to.as_str(),
        });
    }
    let at = ts(now);
    conn.execute(
        // Notes add up: what Canon said on the phone (with its ticket number) stays
        // when the completion note comes, and a blank note erases nothing.
        "UPDATE requests SET status = ?2, updated_at = ?3, outcome = CASE
            WHEN ?4 IS NULL OR trim(?4) = '' OR outcome = ?4 THEN outcome
            WHEN outcome = '' THEN ?4
            ELSE outcome || char(10) || char(10) || ?4 END
         WHERE id = ?1",
        params![before.id, to.as_str(), at, outcome],
    )?;
    match transition {
        Transition::Sent {
            channel,
            eml_sha256,
        } => conn.execute(
            "UPDATE requests SET channel = ?2, sent_at = ?3, eml_sha256 = ?4, sending_at = NULL,
                error_code = NULL, last_error = NULL,
                attempts = attempts + CASE WHEN ?2 = 'email' THEN 1 ELSE 0 END WHERE id = ?1",
            params![before.id, channel.as_str(), at, eml_sha256],
        )?,
        Transition::Failed { code, reason } => conn.execute(
            "UPDATE requests SET channel = 'email', error_code = ?2, last_error = ?3,
                sending_at = NULL, eml_sha256 = NULL, attempts = attempts + 1 WHERE id = ?1",
            params![before.id, code, reason],
        )?,
        Transition::Acknowledged => conn.execute(
            "UPDATE requests SET acknowledged_at = ?2 WHERE id = ?1",
            params![before.id, at],
        )?,
        Transition::Done => conn.execute(
            "UPDATE requests SET done_at = ?2 WHERE id = ?1",
            params![before.id, at],
        )?,
        Transition::Cancelled => conn.execute(
            "UPDATE requests SET cancelled_at = ?2 WHERE id = ?1",
            params![before.id, at],
        )?,
    };
    // Its deadlines follow in the same transaction: once Canon is told, the date by
    // which it had to be is met and the follow-up is planned; a request given up or
    // done needs no reminder at all.
    crate::reminders::reconcile(conn, crate::Scope::Request(before.id), now)?;
    Ok(())
}

/// Reads one request through any connection (plain or inside a transaction).
pub(crate) fn get(conn: &rusqlite::Connection, id: i64) -> Result<Request> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM requests WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "request",
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// What `synchronous` was while each claim or release of a request was written,
    /// as a temporary trigger on the connection saw it (2 = FULL, 1 = NORMAL).
    fn seen(store: &Store) -> Result<Vec<(String, i64)>> {
        let mut stmt = store
            .conn
            .prepare("SELECT what, synchronous FROM temp.seen ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    #[test]
    fn the_sending_claim_is_written_with_synchronous_full() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(&dir.path().join("desk.db"))?;
        let now = Utc
            .with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
            .single()
            .ok_or_else(|| Error::Io(std::io::Error::other("bad date")))?;
        let draft = RequestDraft {
            situation: Situation::ChangePoNumber,
            channel: None,
            device_id: None,
            contract_id: None,
            effective_on: None,
            notify_by: None,
            recipient: Some("commercial@example.com".into()),
            subject: "Nouveau numéro de bon de commande".into(),
            body: "Madame, Monsieur,".into(),
            facts_json: "{}".into(),
            attachments: Vec::new(),
        };
        let id = store
            .create_request(&draft, &dir.path().join("documents"), now)?
            .id;
        store.conn.execute_batch(
            "CREATE TEMP TABLE seen (what TEXT, synchronous INTEGER);
             CREATE TEMP TRIGGER claimed AFTER UPDATE OF sending_at ON main.requests
             BEGIN
                 INSERT INTO seen SELECT
                     CASE WHEN NEW.sending_at IS NULL THEN 'release' ELSE 'claim' END,
                     synchronous FROM pragma_synchronous;
             END;",
        )?;
        store.claim_sending(id, "<m1@example.com>", &"a".repeat(64), now)?;
        store.release_sending(id, now)?;
        assert_eq!(
            seen(&store)?,
            vec![("claim".to_owned(), 2), ("release".to_owned(), 1)],
            "the claim must be written under synchronous=FULL and other writes under NORMAL"
        );
        assert_eq!(
            store.pragma("synchronous")?,
            "1",
            "the record must be back to synchronous=NORMAL after the claim"
        );
        // A refused claim (the request already claimed) restores NORMAL too.
        store.claim_sending(id, "<m1@example.com>", &"a".repeat(64), now)?;
        let refused = store.claim_sending(id, "<m1@example.com>", &"a".repeat(64), now);
        assert!(
            matches!(refused, Err(Error::InvalidTransition { .. })),
            "a second claim must be refused, got {refused:?}"
        );
        assert_eq!(
            store.pragma("synchronous")?,
            "1",
            "a refused claim must leave synchronous=NORMAL behind"
        );
        Ok(())
    }
}
