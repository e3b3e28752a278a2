//! Keeping the user's own calendar current by CalDAV: connecting, choosing a
//! calendar, publishing one event per deadline, and disconnecting.
//!
//! Nothing is queued as operations. What is waiting is computed each time: every
//! open deadline whose event text differs from what the server was last sent (the
//! fingerprint leaves out the stamp), and every sent event whose deadline is closed
//! or gone. Each server answer is recorded as it arrives, so a server that stops
//! half-way loses nothing and duplicates nothing: the next attempt takes what is
//! still different. An event's path is derived from its deadline's key, and it is
//! created with `If-None-Match: *`, changed with `If-Match`, deleted with `If-Match`;
//! a refused condition means the user edited the event in their calendar, which is
//! read again and merged ([`super::merge`]) instead of overwritten.
//!
//! [`publish_pending`] is cheap when nothing is waiting (no network) and is safe to
//! call often and concurrently (a run already under way makes the others return);
//! after a failure it waits the core's back-off before trying again.

use std::sync::atomic::Ordering;

use canon_desk_core::publishing::next_attempt;
use canon_desk_store::PublishedEvent;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::dav::{parse_server_url, Dav, DavFailure, Deleted, FoundCalendar, Written};
use super::merge::merge;
use crate::mailer::FailureCode;
use crate::secrets::caldav_key;
use crate::settings::Locale;
use crate::{Ctx, Error, ErrorCode, Result};

/// The setting that holds the connection (without the password).
pub const SETTING_KEY: &str = "calendar.caldav";

/// The name of the calendar the app creates when the user asks for one.
pub const CALENDAR_NAME: &str = "Canon Desk";

/// The path, under the calendar home, of the calendar the app creates.
const CALENDAR_SEGMENT: &str = "canon-desk/";

/// The connection to the user's calendar, as saved (never the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalendarConnection {
    /// The server's address as the user typed it.
    pub server_url: String,
    /// The login name.
    pub username: String,
    /// The chosen calendar's path on the server; `None` until one is chosen.
    pub calendar_href: Option<String>,
    /// The chosen calendar's name.
    pub calendar_name: Option<String>,
}

/// Where publishing stands, for Settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PublishStatus {
    /// Whether a calendar is connected and chosen.
    pub connected: bool,
    /// Changes not yet on the server (events to write or to delete).
    pub waiting: u32,
    /// Events on the server.
    pub published: u32,
    /// Failed attempts in a row.
    pub failures: u32,
    /// Why the last attempt failed.
    pub last_error_code: Option<FailureCode>,
    /// The server's or the network's words.
    pub last_error: Option<String>,
    /// The next attempt, after a failure (UTC, RFC 3339).
    pub next_attempt_at: Option<String>,
    /// The last time everything was on the server (UTC, RFC 3339).
    pub last_success_at: Option<String>,
}

/// The Calendar section of Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalendarSettings {
    /// The connection, once the server accepted the login.
    pub connection: Option<CalendarConnection>,
    /// Whether the password is in the keychain.
    pub has_password: bool,
    /// Where publishing stands.
    pub status: PublishStatus,
}

/// What the user types to connect.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectRequest {
    /// The server's address (https://, or http:// to this computer).
    pub server_url: String,
    /// The login name.
    pub username: String,
    /// The password (an app password for iCloud, Fastmail, Nextcloud); it goes to the
    /// keychain and never comes back.
    pub password: String,
}

/// What talking to the server gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalendarOutcome {
    /// Whether the server answered as hoped.
    pub ok: bool,
    /// Why not.
    pub code: Option<FailureCode>,
    /// The server's or the network's words.
    pub reason: Option<String>,
    /// The calendars found, when connecting or listing.
    pub calendars: Vec<FoundCalendar>,
    /// The section as it stands now.
    pub settings: CalendarSettings,
}

/// What disconnecting did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DisconnectOutcome {
    /// Events deleted from the server.
    pub removed: u32,
    /// Events that could not be deleted (the server refused or was away); they stay
    /// in the user's calendar.
    pub left: u32,
    /// Why some were left.
    pub reason: Option<String>,
}

/// The saved connection, if any.
pub(crate) fn connection(ctx: &Ctx) -> Result<Option<CalendarConnection>> {
    ctx.store()
        .setting(SETTING_KEY)?
        .map(|json| {
            serde_json::from_str(&json).map_err(|e| {
                Error::internal(format!("stored calendar settings are unreadable: {e}"))
            })
        })
        .transpose()
}

async fn keychain<T: Send + 'static>(
    ctx: &Ctx,
    f: impl FnOnce(&dyn crate::secrets::SecretStore) -> Result<T> + Send + 'static,
) -> Result<T> {
    let secrets = ctx.secrets();
    tokio::task::spawn_blocking(move || f(secrets.as_ref()))
        .await
        .map_err(|e| Error::internal(format!("keychain task: {e}")))?
}

async fn password(ctx: &Ctx, c: &CalendarConnection) -> Result<Option<String>> {
    let key = caldav_key(&c.username, &c.server_url);
    keychain(ctx, move |s| s.get(&key)).await
}

fn save(ctx: &Ctx, c: &CalendarConnection) -> Result<()> {
    let json = serde_json::to_string(c)
        .map_err(|e| Error::internal(format!("encoding calendar settings: {e}")))?;
    ctx.store().switch_calendar(SETTING_KEY, Some(&json))?;
    Ok(())
}

fn invalid(field: &str, message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::Validation,
        message: message.into(),
        field: Some(field.to_owned()),
    }
}

fn not_connected() -> Error {
    Error {
        code: ErrorCode::NotConfigured,
        message: "no calendar is connected".to_owned(),
        field: None,
    }
}

/// A client for the saved connection with the keychain's password.
async fn client(ctx: &Ctx, c: &CalendarConnection) -> Result<std::result::Result<Dav, DavFailure>> {
    let server = parse_server_url(&c.server_url).map_err(|m| invalid("serverUrl", m))?;
    let Some(password) = password(ctx, c).await? else {
        return Ok(Err(DavFailure {
            code: FailureCode::Auth,
            reason: "no password is saved in the keychain for this calendar".to_owned(),
        }));
    };
    Ok(Dav::new(&server, &c.username, &password))
}

/// The Calendar section of Settings.
pub async fn settings(ctx: &Ctx) -> Result<CalendarSettings> {
    let connection = connection(ctx)?;
    let has_password = match &connection {
        Some(c) => password(ctx, c).await?.is_some(),
        None => false,
    };
    Ok(CalendarSettings {
        connection,
        has_password,
        status: status(ctx).await?,
    })
}

async fn outcome(
    ctx: &Ctx,
    result: std::result::Result<Vec<FoundCalendar>, DavFailure>,
) -> Result<CalendarOutcome> {
    let settings = settings(ctx).await?;
    Ok(match result {
        Ok(calendars) => CalendarOutcome {
            ok: true,
            code: None,
            reason: None,
            calendars,
            settings,
        },
        Err(f) => CalendarOutcome {
            ok: false,
            code: Some(f.code),
            reason: Some(f.reason),
            calendars: Vec::new(),
            settings,
        },
    })
}

async fn discover(dav: &Dav) -> std::result::Result<Vec<FoundCalendar>, DavFailure> {
    let home = dav.calendar_home().await?;
    dav.calendars(&home).await
}

/// Logs in to the server and lists its calendars. Only a login the server accepted
/// is kept: the connection in the settings, the password in the keychain; a refused
/// one keeps nothing (the form keeps what was typed). Connecting again to the same
/// account (a password changed on the server) only replaces the password.
pub async fn connect(ctx: &Ctx, request: ConnectRequest) -> Result<CalendarOutcome> {
    let server = parse_server_url(&request.server_url).map_err(|m| invalid("serverUrl", m))?;
    let username = request.username.trim().to_owned();
    if username.is_empty() {
        return Err(invalid("username", "the user name is required"));
    }
    if request.password.is_empty() {
        return Err(invalid("password", "the password is required"));
    }
    let found = match Dav::new(&server, &username, &request.password) {
        Ok(dav) => discover(&dav).await,
        Err(f) => Err(f),
    };
    if found.is_ok() {
        let _running = ctx.calendar_busy().lock().await;
        let old = connection(ctx)?;
        let server_url = request.server_url.trim().to_owned();
        let key = caldav_key(&username, &server_url);
        let password = request.password;
        {
            let key = key.clone();
            keychain(ctx, move |s| s.set(&key, &password)).await?;
        }
        match old {
            // The same account with a new password (changed on the server): the
            // chosen calendar and what was published there stay.
            Some(old) if caldav_key(&old.username, &old.server_url) == key => {
                tracing::info!(server = %old.server_url, "calendar password replaced");
            }
            old => {
                if let Some(old) = old {
                    let old_key = caldav_key(&old.username, &old.server_url);
                    keychain(ctx, move |s| s.delete(&old_key)).await?;
                }
                save(
                    ctx,
                    &CalendarConnection {
                        server_url,
                        username,
                        calendar_href: None,
                        calendar_name: None,
                    },
                )?;
                tracing::info!("calendar server connected");
            }
        }
    }
    outcome(ctx, found).await
}

/// Lists the calendars of the connected server again (to change the choice).
pub async fn calendars(ctx: &Ctx) -> Result<CalendarOutcome> {
    let c = connection(ctx)?.ok_or_else(not_connected)?;
    let found = match client(ctx, &c).await? {
        Ok(dav) => discover(&dav).await,
        Err(f) => Err(f),
    };
    outcome(ctx, found).await
}

/// Publishes into the calendar at `href`, or, with `None`, into a "Canon Desk"
/// calendar made (or found) in the user's calendar home. Events published into
/// another calendar are deleted from it; the new one is filled by the next
/// publication.
pub async fn choose(ctx: &Ctx, href: Option<String>) -> Result<CalendarOutcome> {
    let mut c = connection(ctx)?.ok_or_else(not_connected)?;
    let dav = client(ctx, &c).await?;
    let chosen = match &dav {
        Err(f) => Err(f.clone()),
        Ok(dav) => match href {
            Some(href) => discover(dav).await.and_then(|found| {
                found
                    .into_iter()
                    .find(|f| f.href == href && f.writable)
                    .ok_or(DavFailure {
                        code: FailureCode::Rejected,
                        reason: format!("{href} is not a calendar you can write to"),
                    })
            }),
            None => match dav.calendar_home().await {
                Err(f) => Err(f),
                Ok(home) => {
                    let href = format!("{}/{CALENDAR_SEGMENT}", home.trim_end_matches('/'));
                    dav.create_calendar(&href, CALENDAR_NAME)
                        .await
                        .map(|()| FoundCalendar {
                            href,
                            name: CALENDAR_NAME.to_owned(),
                            writable: true,
                        })
                }
            },
        },
    };
    let result = match (chosen, dav) {
        (Ok(calendar), Ok(dav)) => {
            let _running = ctx.calendar_busy().lock().await;
            if c.calendar_href.as_deref() == Some(calendar.href.as_str()) {
                // The same calendar again: what is published there stays as it is.
                c.calendar_name = Some(calendar.name.clone());
                let json = serde_json::to_string(&c)
                    .map_err(|e| Error::internal(format!("encoding calendar settings: {e}")))?;
                ctx.store().set_setting(SETTING_KEY, &json)?;
            } else {
                // Another calendar: the events move there. Those in the old one are
                // deleted first, so the deadline does not show twice in the user's
                // calendar app; what cannot be deleted now (the server away) stays.
                let published = ctx.store().published_events()?;
                for event in &published {
                    if let Err(f) = delete_one(&dav, event).await {
                        tracing::warn!(reason = %f.reason, left = published.len(), "events left in the previous calendar");
                        break;
                    }
                    ctx.store().forget_published_event(&event.key)?;
                }
                c.calendar_href = Some(calendar.href.clone());
                c.calendar_name = Some(calendar.name.clone());
                save(ctx, &c)?;
            }
            tracing::info!(calendar = %calendar.href, "calendar chosen");
            Ok(vec![calendar])
        }
        (Err(f), _) | (_, Err(f)) => Err(f),
    };
    outcome(ctx, result).await
}

/// Disconnects the calendar: with `remove_events`, first deletes every event the app
/// published there (what cannot be deleted is counted and left); then the password
/// leaves the keychain and the connection the settings.
pub async fn disconnect(ctx: &Ctx, remove_events: bool) -> Result<DisconnectOutcome> {
    let Some(c) = connection(ctx)? else {
        return Ok(DisconnectOutcome {
            removed: 0,
            left: 0,
            reason: None,
        });
    };
    let _running = ctx.calendar_busy().lock().await;
    let mut removed = 0;
    let mut left = 0;
    let mut reason = None;
    if remove_events {
        let events = ctx.store().published_events()?;
        match client(ctx, &c).await? {
            Err(f) => {
                left = events.len() as u32;
                reason = Some(f.reason);
            }
            Ok(dav) => {
                for (i, event) in events.iter().enumerate() {
                    match delete_one(&dav, event).await {
                        Ok(()) => {
                            ctx.store().forget_published_event(&event.key)?;
                            removed += 1;
                        }
                        Err(f) => {
                            // The server is away or refuses: the rest would fail too.
                            left = (events.len() - i) as u32;
                            reason = Some(f.reason);
                            break;
                        }
                    }
                }
            }
        }
    }
    let key = caldav_key(&c.username, &c.server_url);
    keychain(ctx, move |s| s.delete(&key)).await?;
    ctx.store().switch_calendar(SETTING_KEY, None)?;
    tracing::info!(removed, left, "calendar disconnected");
    Ok(DisconnectOutcome {
        removed,
        left,
        reason,
    })
}

/// One event to write.
struct Put {
    key: String,
    revision: u32,
    body: String,
    fingerprint: String,
    existing: Option<PublishedEvent>,
}

/// What differs between the open deadlines and the server.
#[derive(Default)]
struct Plan {
    puts: Vec<Put>,
    deletes: Vec<PublishedEvent>,
    published: u32,
}

/// What an event says, leaving out the stamp that changes at every writing.
fn fingerprint(body: &str) -> String {
    let mut hash = Sha256::new();
    for line in body.lines().filter(|l| !l.starts_with("DTSTAMP")) {
        hash.update(line.as_bytes());
        hash.update(b"\n");
    }
    hex::encode(hash.finalize())
}

/// The path of a deadline's event in `calendar`: its key made a plain file name.
fn event_href(calendar: &str, key: &str) -> String {
    let stem: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{}/canon-desk-{stem}.ics", calendar.trim_end_matches('/'))
}

async fn plan(ctx: &Ctx, now: DateTime<Utc>) -> Result<Plan> {
    let lead_days = crate::reminders::lead_times(ctx).await?;
    let locale = crate::settings::get(ctx)
        .await?
        .locale
        .unwrap_or(Locale::En);
    let (rows, published) = {
        let store = ctx.store();
        (store.deadlines(now)?, store.published_events()?)
    };
    let mut plan = Plan {
        published: published.len() as u32,
        ..Plan::default()
    };
    let mut published: std::collections::HashMap<String, PublishedEvent> =
        published.into_iter().map(|e| (e.key.clone(), e)).collect();
    for row in rows.iter().filter(|r| super::is_published(r)) {
        let Some(body) = super::resource(row, &lead_days, locale, now) else {
            continue;
        };
        let existing = published.remove(&row.key);
        let print = fingerprint(&body);
        if existing.as_ref().is_some_and(|e| e.fingerprint == print) {
            continue;
        }
        plan.puts.push(Put {
            key: row.key.clone(),
            revision: row.revision,
            body,
            fingerprint: print,
            existing,
        });
    }
    plan.deletes = published.into_values().collect();
    plan.deletes.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(plan)
}

fn changed_meanwhile() -> DavFailure {
    DavFailure {
        code: FailureCode::Temporary,
        reason: "the event kept changing on the server while it was being updated".to_owned(),
    }
}

/// Writes one event; returns its path, entity tag and the text now on the server.
async fn put_one(
    dav: &Dav,
    calendar: &str,
    put: &Put,
) -> std::result::Result<(String, Option<String>, String), DavFailure> {
    let href = put
        .existing
        .as_ref()
        .map(|e| e.href.clone())
        .unwrap_or_else(|| event_href(calendar, &put.key));
    let base = put.existing.as_ref().map(|e| e.body.as_str());
    let mut body = put.body.clone();
    let mut written = match put.existing.as_ref().and_then(|e| e.etag.as_deref()) {
        Some(etag) => dav.update(&href, &body, etag).await?,
        None => dav.create(&href, &body).await?,
    };
    // A refused condition: the event exists already (an answer lost before it was
    // recorded) or the user changed it. Read it, keep their additions, write again;
    // twice at most, then leave it to the next attempt.
    for _ in 0..2 {
        if let Written::Done(etag) = written {
            let etag = match etag {
                Some(etag) => Some(etag),
                None => dav.get(&href).await?.and_then(|(_, etag)| etag),
            };
            return Ok((href, etag, body));
        }
        written = match dav.get(&href).await? {
            Some((theirs, Some(etag))) => {
                body = merge(&put.body, &theirs, base);
                dav.update(&href, &body, &etag).await?
            }
            Some((_, None)) => return Err(changed_meanwhile()),
            None => {
                // The user deleted the event but the deadline is still open: it goes back.
                body = put.body.clone();
                dav.create(&href, &body).await?
            }
        };
    }
    match written {
        Written::Done(etag) => Ok((href, etag, body)),
        Written::Conflict => Err(changed_meanwhile()),
    }
}

/// Deletes one event (already gone is as good).
async fn delete_one(dav: &Dav, event: &PublishedEvent) -> std::result::Result<(), DavFailure> {
    match dav.delete(&event.href, event.etag.as_deref()).await? {
        Deleted::Done => Ok(()),
        // Edited on the server since; its deadline is closed all the same.
        Deleted::Conflict => match dav.get(&event.href).await? {
            None => Ok(()),
            Some((_, etag)) => match dav.delete(&event.href, etag.as_deref()).await? {
                Deleted::Done => Ok(()),
                Deleted::Conflict => Err(changed_meanwhile()),
            },
        },
    }
}

/// Sends what is waiting, recording each answer as it comes.
async fn push(
    ctx: &Ctx,
    c: &CalendarConnection,
    calendar: &str,
    plan: Plan,
) -> Result<std::result::Result<(), DavFailure>> {
    let dav = match client(ctx, c).await? {
        Ok(dav) => dav,
        Err(f) => return Ok(Err(f)),
    };
    for put in &plan.puts {
        let (href, etag, body) = match put_one(&dav, calendar, put).await {
            Ok(done) => done,
            Err(f) => return Ok(Err(f)),
        };
        ctx.store().record_published_event(
            &PublishedEvent {
                key: put.key.clone(),
                href,
                etag,
                fingerprint: put.fingerprint.clone(),
                body,
                revision: put.revision,
            },
            ctx.now(),
        )?;
    }
    for gone in &plan.deletes {
        if let Err(f) = delete_one(&dav, gone).await {
            return Ok(Err(f));
        }
        ctx.store().forget_published_event(&gone.key)?;
    }
    Ok(Ok(()))
}

fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

async fn run(ctx: &Ctx, force: bool) -> Result<PublishStatus> {
    let Some(c) = connection(ctx)? else {
        return status(ctx).await;
    };
    let Some(calendar) = c.calendar_href.clone() else {
        return status(ctx).await;
    };
    let Ok(running) = ctx.calendar_busy().try_lock() else {
        // Another run is under way; it takes every change made before it read them,
        // and the next call takes the rest.
        return status(ctx).await;
    };
    let now = ctx.now();
    let state = ctx.store().calendar_sync_state()?;
    let waiting_for_retry = state
        .next_attempt_at
        .as_deref()
        .and_then(parse_instant)
        .is_some_and(|at| at > now);
    if waiting_for_retry && !force {
        drop(running);
        return status(ctx).await;
    }
    // Nothing written since the last run found nothing waiting: nothing waits now
    // (what waits depends on the record and the settings only, never on the time).
    let written = ctx.store().write_count();
    let seen = ctx.calendar_seen().load(Ordering::SeqCst);
    if !force && state.failures == 0 && seen == written {
        return Ok(PublishStatus {
            connected: true,
            waiting: 0,
            published: ctx.store().published_count()?,
            failures: 0,
            last_error_code: None,
            last_error: None,
            next_attempt_at: None,
            last_success_at: state.last_success_at,
        });
    }
    // The deadlines are as the engine left them: each change reconciles its own in
    // the same transaction, and its tick reconciles everything.
    let plan = plan(ctx, now).await?;
    let had_work = !(plan.puts.is_empty() && plan.deletes.is_empty());
    if !had_work && state.failures == 0 && state.last_success_at.is_some() {
        // Up to date without writing anything: remember the count read before the
        // plan, so a change made since (even during the plan) is looked at next time.
        ctx.calendar_seen().store(written, Ordering::SeqCst);
    }
    let result = if !had_work {
        Ok(())
    } else {
        tracing::info!(
            writes = plan.puts.len(),
            deletes = plan.deletes.len(),
            "publishing to the calendar"
        );
        match push(ctx, &c, &calendar, plan).await {
            Ok(result) => result.map_err(|f| (f.code.as_str(), f.reason)),
            // A keychain that cannot be read (locked, no Secret Service) waits like a
            // server away, instead of failing again at every look.
            Err(e) if e.code == ErrorCode::Keychain => Err(("keychain", e.message)),
            Err(e) => return Err(e),
        }
    };
    match result {
        Ok(()) => {
            if had_work || state.failures > 0 || state.last_success_at.is_none() {
                ctx.store().record_calendar_success(ctx.now())?;
            }
        }
        Err((code, reason)) => {
            let after = ctx.now();
            let retry = next_attempt(after, state.failures.saturating_add(1));
            tracing::warn!(code, %reason, retry = %retry, "calendar publication failed");
            ctx.store().record_calendar_failure(code, &reason, retry)?;
        }
    }
    drop(running);
    status(ctx).await
}

/// Publishes what is waiting, unless a failure asked to wait (back-off): what the
/// shell calls at start, after changes and on its timer. Never waits for another run.
pub async fn publish_pending(ctx: &Ctx) -> Result<PublishStatus> {
    run(ctx, false).await
}

/// Publishes what is waiting now, whatever the back-off says: the user's "Try now".
pub async fn publish_now(ctx: &Ctx) -> Result<PublishStatus> {
    run(ctx, true).await
}

/// Where publishing stands.
pub async fn status(ctx: &Ctx) -> Result<PublishStatus> {
    let connected = connection(ctx)?.is_some_and(|c| c.calendar_href.is_some());
    let state = ctx.store().calendar_sync_state()?;
    let (waiting, published) = if connected {
        let plan = plan(ctx, ctx.now()).await?;
        (
            (plan.puts.len() + plan.deletes.len()) as u32,
            plan.published,
        )
    } else {
        (0, 0)
    };
    Ok(PublishStatus {
        connected,
        waiting,
        published,
        failures: state.failures,
        last_error_code: state.last_error_code.as_deref().and_then(failure_code),
        last_error: state.last_error,
        next_attempt_at: state.next_attempt_at,
        last_success_at: state.last_success_at,
    })
}

fn failure_code(name: &str) -> Option<FailureCode> {
    [
        FailureCode::Connection,
        FailureCode::Timeout,
        FailureCode::Auth,
        FailureCode::Rejected,
        FailureCode::Temporary,
    ]
    .into_iter()
    .find(|c| c.as_str() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_path_is_a_plain_file_name_from_the_key() {
        assert_eq!(
            event_href("/dav/u/canon-desk/", "request:12:follow_up"),
            "/dav/u/canon-desk/canon-desk-request-12-follow_up.ics",
            "the same key gives the same path, so an event is never written twice"
        );
    }

    #[test]
    fn the_stamp_does_not_count_as_a_change() {
        let a = "BEGIN:VEVENT\r\nDTSTAMP:20261201T080000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\n";
        let b = a.replace("20261201T080000Z", "20261202T090000Z");
        assert_eq!(fingerprint(a), fingerprint(&b), "only the stamp differs");
        assert_ne!(
            fingerprint(a),
            fingerprint(&a.replace("SUMMARY:x", "SUMMARY:y")),
            "the words count"
        );
    }
}
