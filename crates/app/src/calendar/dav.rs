//! The CalDAV client: `libdav` speaks the protocol (principal and calendar-home-set
//! discovery, MKCALENDAR, conditional PUT and DELETE, multistatus parsing), over
//! hyper's client with rustls and ring (no OpenSSL, the same TLS stack as lettre).
//!
//! The password is added to each request by [`Authorized`], after libdav has logged
//! the request, and its header is marked sensitive, so it reaches no log line. Each
//! exchange is bounded in time. Failures are sorted like the mailer's
//! ([`FailureCode`]): the fix for a refused login is not the fix for a server away.

use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use base64::Engine as _;
use http::{header, HeaderValue, Method, Request, Response, StatusCode, Uri};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::{Client, ResponseFuture};
use hyper_util::rt::TokioExecutor;
use libdav::caldav::{CalendarComponent, CreateCalendar, FindCalendarHomeSet};
use libdav::dav::{Delete, PutResource, WebDavClient, WebDavError};
use libdav::CalDavClient;
use serde::{Deserialize, Serialize};

use crate::mailer::{is_local, FailureCode, MailFailure};

/// How long one exchange with the server may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The content type of an event.
const ICS: &str = "text/calendar; charset=utf-8";

/// A calendar found on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FoundCalendar {
    /// Its path on the server.
    pub href: String,
    /// Its name as the user's calendar app shows it (the path's last part when unnamed).
    pub name: String,
    /// Whether the user may add events to it.
    pub writable: bool,
}

/// A failure talking to the server, sorted as the mailer sorts SMTP failures.
pub(crate) type DavFailure = MailFailure;

type Https = HttpsConnector<HttpConnector>;

/// hyper's client with the user's login added to every request.
#[derive(Clone)]
pub(crate) struct Authorized {
    inner: Client<Https, String>,
    authorization: Option<HeaderValue>,
}

impl std::fmt::Debug for Authorized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authorized").finish_non_exhaustive()
    }
}

impl tower_service::Service<Request<String>> for Authorized {
    type Response = Response<hyper::body::Incoming>;
    type Error = hyper_util::client::legacy::Error;
    type Future = ResponseFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        tower_service::Service::poll_ready(&mut self.inner, cx)
    }

    fn call(&mut self, mut req: Request<String>) -> Self::Future {
        if let Some(value) = &self.authorization {
            req.headers_mut()
                .insert(header::AUTHORIZATION, value.clone());
        }
        tower_service::Service::call(&mut self.inner, req)
    }
}

/// A connection to one CalDAV server as one user.
#[derive(Debug)]
pub(crate) struct Dav {
    client: CalDavClient<Authorized>,
}

/// What a conditional write found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Written {
    /// Written; the server's new entity tag, when it gave one.
    Done(Option<String>),
    /// The condition failed: the event exists already (creation) or changed on the
    /// server since it was read (update).
    Conflict,
}

/// What a conditional delete found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Deleted {
    /// Deleted, or already gone.
    Done,
    /// The event changed on the server since it was read.
    Conflict,
}

/// The server URL as typed, checked: http(s), a host, and plain http only to this
/// computer (the password would otherwise cross the network in clear).
pub(crate) fn parse_server_url(text: &str) -> Result<Uri, String> {
    let uri: Uri = text
        .trim()
        .parse()
        .map_err(|_| "not a web address".to_owned())?;
    let host = uri.host().unwrap_or_default();
    if host.is_empty() {
        return Err("the address names no server".to_owned());
    }
    match uri.scheme_str() {
        Some("https") => Ok(uri),
        Some("http") if is_local(host) => Ok(uri),
        Some("http") => {
            Err("an unencrypted address (http://) is only allowed to this computer".to_owned())
        }
        _ => Err("the address must start with https://".to_owned()),
    }
}

fn failure(code: FailureCode, reason: impl Into<String>) -> DavFailure {
    MailFailure {
        code,
        reason: reason.into(),
    }
}

/// Sorts a server answer that is not a success.
fn status_failure(status: StatusCode) -> DavFailure {
    let code = match status.as_u16() {
        401 | 403 => FailureCode::Auth,
        408 | 429 => FailureCode::Temporary,
        s if s >= 500 => FailureCode::Temporary,
        _ => FailureCode::Rejected,
    };
    failure(code, format!("the server answered {status}"))
}

fn dav_failure<E: std::error::Error>(e: WebDavError<E>) -> DavFailure {
    match e {
        WebDavError::BadStatusCode(status) => status_failure(status),
        WebDavError::Request(r) => {
            // The source chain says what the network said ("connection refused").
            let mut reason = r.to_string();
            let mut source = std::error::Error::source(&r);
            while let Some(s) = source {
                reason = format!("{reason}: {s}");
                source = s.source();
            }
            failure(FailureCode::Connection, reason)
        }
        other => failure(
            FailureCode::Rejected,
            format!("the server's answer could not be understood: {other}"),
        ),
    }
}

/// Runs one exchange, bounded by [`TIMEOUT`].
async fn bounded<T>(
    exchange: impl std::future::Future<Output = Result<T, DavFailure>>,
) -> Result<T, DavFailure> {
    tokio::time::timeout(TIMEOUT, exchange)
        .await
        .unwrap_or_else(|_| {
            Err(failure(
                FailureCode::Timeout,
                format!("the server did not answer within {} s", TIMEOUT.as_secs()),
            ))
        })
}

/// The `href` of a multistatus response, if it is a calendar that takes events.
fn calendar_entry(response: roxmltree::Node<'_, '_>) -> Option<FoundCalendar> {
    const DAV: &str = "DAV:";
    const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";
    let href = response
        .children()
        .find(|n| n.has_tag_name((DAV, "href")))?
        .text()?
        .trim()
        .to_owned();
    // Only the properties the server found (status 200) count.
    let props: Vec<roxmltree::Node<'_, '_>> = response
        .children()
        .filter(|n| n.has_tag_name((DAV, "propstat")))
        .filter(|ps| {
            ps.children()
                .find(|n| n.has_tag_name((DAV, "status")))
                .and_then(|s| s.text())
                .is_some_and(|s| s.contains(" 200"))
        })
        .filter_map(|ps| ps.children().find(|n| n.has_tag_name((DAV, "prop"))))
        .collect();
    let find = |ns: &str, name: &str| {
        props
            .iter()
            .find_map(|p| p.children().find(|n| n.has_tag_name((ns, name))))
    };
    let is_calendar = find(DAV, "resourcetype")
        .is_some_and(|t| t.children().any(|n| n.has_tag_name((CALDAV, "calendar"))));
    if !is_calendar {
        return None;
    }
    // A calendar limited to other components (tasks only) cannot hold our events.
    let takes_events = find(CALDAV, "supported-calendar-component-set").is_none_or(|set| {
        set.children()
            .filter(|n| n.has_tag_name((CALDAV, "comp")))
            .any(|c| c.attribute("name") == Some("VEVENT"))
    });
    if !takes_events {
        return None;
    }
    // Without a privilege set, the server does not say: offer it, a refusal will tell.
    let writable = find(DAV, "current-user-privilege-set").is_none_or(|set| {
        set.descendants().any(|n| {
            n.tag_name().namespace() == Some(DAV)
                && matches!(
                    n.tag_name().name(),
                    "write" | "write-content" | "bind" | "all"
                )
        })
    });
    let name = find(DAV, "displayname")
        .and_then(|n| n.text())
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| {
            href.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned()
        });
    Some(FoundCalendar {
        href,
        name,
        writable,
    })
}

/// The calendars listed in a PROPFIND multistatus body.
pub(crate) fn parse_calendars(body: &str) -> Result<Vec<FoundCalendar>, String> {
    let doc = roxmltree::Document::parse(body).map_err(|e| e.to_string())?;
    Ok(doc
        .descendants()
        .filter(|n| n.has_tag_name(("DAV:", "response")))
        .filter_map(calendar_entry)
        .collect())
}

impl Dav {
    /// A client for `server` (checked with [`parse_server_url`]) as `username`.
    pub(crate) fn new(server: &Uri, username: &str, password: &str) -> Result<Dav, DavFailure> {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(Arc::new(rustls::crypto::ring::default_provider()))
            .map_err(|e| failure(FailureCode::Connection, format!("TLS set-up: {e}")))?
            .https_or_http()
            .enable_http1()
            .build();
        let inner = Client::builder(TokioExecutor::new()).build(https);
        let authorization = if username.is_empty() {
            None
        } else {
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
            let mut value = HeaderValue::from_str(&format!("Basic {token}")).map_err(|_| {
                failure(FailureCode::Auth, "the user name cannot be sent in a login")
            })?;
            value.set_sensitive(true);
            Some(value)
        };
        let webdav = WebDavClient::new(
            server.clone(),
            Authorized {
                inner,
                authorization,
            },
        );
        Ok(Dav {
            client: CalDavClient::new(webdav),
        })
    }

    /// The calendar home: the user's principal (current-user-principal, from the
    /// address given or the server's root), then its calendar-home-set. A server
    /// that names neither is taken to serve the calendars at the address given.
    pub(crate) async fn calendar_home(&self) -> Result<String, DavFailure> {
        bounded(async {
            let base = self.client.base_url().path().to_owned();
            let principal = self
                .client
                .find_current_user_principal()
                .await
                .map_err(|e| match e {
                    libdav::dav::FindCurrentUserPrincipalError::RequestError(e) => dav_failure(e),
                    other => failure(FailureCode::Rejected, other.to_string()),
                })?
                .map(|uri| uri.path().to_owned())
                .unwrap_or(base.clone());
            let homes = self
                .client
                .request(FindCalendarHomeSet::new(&principal))
                .await
                .map_err(dav_failure)?;
            Ok(homes
                .home_sets
                .first()
                .map(|uri| uri.path().to_owned())
                .unwrap_or(base))
        })
        .await
    }

    /// The calendars in `home` that hold events, with whether the user may write them.
    pub(crate) async fn calendars(&self, home: &str) -> Result<Vec<FoundCalendar>, DavFailure> {
        const BODY: &str = concat!(
            r#"<?xml version="1.0" encoding="utf-8"?>"#,
            r#"<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop>"#,
            "<D:resourcetype/><D:displayname/><D:current-user-privilege-set/>",
            "<C:supported-calendar-component-set/>",
            "</D:prop></D:propfind>"
        );
        bounded(async {
            let uri = self
                .client
                .relative_uri(home)
                .map_err(|e| failure(FailureCode::Rejected, e.to_string()))?;
            let request = Request::builder()
                .method(Method::from_bytes(b"PROPFIND").unwrap_or(Method::GET))
                .uri(uri)
                .header("Depth", "1")
                .header(header::CONTENT_TYPE, "application/xml; charset=utf-8")
                .body(BODY.to_owned())
                .map_err(|e| failure(FailureCode::Rejected, e.to_string()))?;
            let (parts, body) = self
                .client
                .request_raw(request)
                .await
                .map_err(|e| dav_failure(WebDavError::Request(e)))?;
            if !parts.status.is_success() {
                return Err(status_failure(parts.status));
            }
            let text = String::from_utf8_lossy(&body);
            let mut found = parse_calendars(&text).map_err(|e| {
                failure(
                    FailureCode::Rejected,
                    format!("the calendar list could not be read: {e}"),
                )
            })?;
            found.sort_by_key(|c| c.name.to_lowercase());
            Ok(found)
        })
        .await
    }

    /// Creates a calendar named `name` at `href` (in the calendar home); a calendar
    /// already there (made by an earlier connection) is taken as it is. The user is
    /// waiting on this one, so a server that asks to try again later is asked once
    /// more a second later before the failure is shown.
    pub(crate) async fn create_calendar(&self, href: &str, name: &str) -> Result<(), DavFailure> {
        match self.create_calendar_once(href, name).await {
            Err(f) if f.code == FailureCode::Temporary => {
                tracing::info!(reason = %f.reason, "making the calendar: trying again");
                tokio::time::sleep(Duration::from_secs(1)).await;
                self.create_calendar_once(href, name).await
            }
            other => other,
        }
    }

    async fn create_calendar_once(&self, href: &str, name: &str) -> Result<(), DavFailure> {
        bounded(async {
            let components = [CalendarComponent::VEvent];
            match self
                .client
                .request(
                    CreateCalendar::new(href)
                        .with_display_name(name)
                        .with_components(&components),
                )
                .await
            {
                Ok(_) => Ok(()),
                // 405: something exists at that path already.
                Err(WebDavError::BadStatusCode(StatusCode::METHOD_NOT_ALLOWED)) => Ok(()),
                Err(e) => Err(dav_failure(e)),
            }
        })
        .await
    }

    /// Writes a new event at `href`, only if nothing is there (`If-None-Match: *`).
    pub(crate) async fn create(&self, href: &str, body: &str) -> Result<Written, DavFailure> {
        bounded(async {
            let put = PutResource::new(href).create(body, ICS);
            match self.client.request(put).await {
                Ok(r) => Ok(Written::Done(r.etag)),
                Err(WebDavError::BadStatusCode(StatusCode::PRECONDITION_FAILED)) => {
                    Ok(Written::Conflict)
                }
                Err(e) => Err(dav_failure(e)),
            }
        })
        .await
    }

    /// Replaces the event at `href`, only if it is still at `etag` (`If-Match`).
    pub(crate) async fn update(
        &self,
        href: &str,
        body: &str,
        etag: &str,
    ) -> Result<Written, DavFailure> {
        bounded(async {
            let put = PutResource::new(href).update(body, ICS, etag);
            match self.client.request(put).await {
                Ok(r) => Ok(Written::Done(r.etag)),
                // 404: the event is gone; the caller reads it again and finds so.
                Err(WebDavError::BadStatusCode(
                    StatusCode::PRECONDITION_FAILED | StatusCode::NOT_FOUND,
                )) => Ok(Written::Conflict),
                Err(e) => Err(dav_failure(e)),
            }
        })
        .await
    }

    /// The event at `href` as the server has it now, with its entity tag; `None`
    /// when it is gone.
    pub(crate) async fn get(
        &self,
        href: &str,
    ) -> Result<Option<(String, Option<String>)>, DavFailure> {
        bounded(async {
            let uri = self
                .client
                .relative_uri(href)
                .map_err(|e| failure(FailureCode::Rejected, e.to_string()))?;
            let request = Request::builder()
                .method(Method::GET)
                .uri(uri)
                .body(String::new())
                .map_err(|e| failure(FailureCode::Rejected, e.to_string()))?;
            let (parts, body) = self
                .client
                .request_raw(request)
                .await
                .map_err(|e| dav_failure(WebDavError::Request(e)))?;
            if parts.status == StatusCode::NOT_FOUND || parts.status == StatusCode::GONE {
                return Ok(None);
            }
            if !parts.status.is_success() {
                return Err(status_failure(parts.status));
            }
            let etag = parts
                .headers
                .get(header::ETAG)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            Ok(Some((String::from_utf8_lossy(&body).into_owned(), etag)))
        })
        .await
    }

    /// Deletes the event at `href`: only if still at `etag` when one is known.
    pub(crate) async fn delete(
        &self,
        href: &str,
        etag: Option<&str>,
    ) -> Result<Deleted, DavFailure> {
        bounded(async {
            let result = match etag {
                Some(etag) => self.client.request(Delete::new(href).with_etag(etag)).await,
                None => self.client.request(Delete::new(href).force()).await,
            };
            match result {
                Ok(_) => Ok(Deleted::Done),
                Err(WebDavError::BadStatusCode(StatusCode::NOT_FOUND | StatusCode::GONE)) => {
                    Ok(Deleted::Done)
                }
                Err(WebDavError::BadStatusCode(StatusCode::PRECONDITION_FAILED)) => {
                    Ok(Deleted::Conflict)
                }
                Err(e) => Err(dav_failure(e)),
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_computer() {
        assert!(parse_server_url("https://cloud.example.com/remote.php/dav").is_ok());
        assert!(parse_server_url("http://127.0.0.1:5232/").is_ok());
        assert!(
            parse_server_url("http://cloud.example.com/").is_err(),
            "a password must not cross the network in clear"
        );
        assert!(parse_server_url("cloud.example.com").is_err(), "no scheme");
        assert!(parse_server_url("ftp://x/").is_err(), "not http");
    }

    #[test]
    fn the_calendar_list_keeps_event_calendars_and_says_which_are_writable() {
        let body = r#"<?xml version="1.0"?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
 <response><href>/u/</href><propstat><prop><resourcetype><collection/></resourcetype></prop>
  <status>HTTP/1.1 200 OK</status></propstat></response>
 <response><href>/u/work/</href><propstat><prop>
  <resourcetype><collection/><C:calendar/></resourcetype><displayname>Work</displayname>
  <current-user-privilege-set><privilege><read/></privilege><privilege><write/></privilege></current-user-privilege-set>
  <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
 </prop><status>HTTP/1.1 200 OK</status></propstat></response>
 <response><href>/u/shared/</href><propstat><prop>
  <resourcetype><collection/><C:calendar/></resourcetype><displayname>Holidays</displayname>
  <current-user-privilege-set><privilege><read/></privilege></current-user-privilege-set>
 </prop><status>HTTP/1.1 200 OK</status></propstat></response>
 <response><href>/u/tasks/</href><propstat><prop>
  <resourcetype><collection/><C:calendar/></resourcetype>
  <C:supported-calendar-component-set><C:comp name="VTODO"/></C:supported-calendar-component-set>
 </prop><status>HTTP/1.1 200 OK</status></propstat></response>
</multistatus>"#;
        let found = parse_calendars(body);
        assert_eq!(
            found,
            Ok(vec![
                FoundCalendar {
                    href: "/u/work/".into(),
                    name: "Work".into(),
                    writable: true
                },
                FoundCalendar {
                    href: "/u/shared/".into(),
                    name: "Holidays".into(),
                    writable: false
                },
            ]),
            "the home itself and a tasks-only list are left out; a read-only calendar is marked"
        );
    }
}
