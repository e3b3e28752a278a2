//! Sending email over SMTP with lettre, behind a trait so that the use cases do not
//! depend on a transport.
//!
//! The message is built once with lettre's builder; its exact formatted bytes are
//! what is kept as the `.eml` and what is sent (`send_raw`), so the copy kept with a
//! request is byte for byte what the server received.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

use crate::{Error, ErrorCode, Result};

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (usually port 587); required, never optional.
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
    /// No encryption; only allowed to a server on this computer.
    Plain,
}

/// The user's SMTP server, without the password (which lives in the keychain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SmtpConfig {
    /// Host name of the server.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Connection protection.
    pub security: SmtpSecurity,
    /// Login name; empty when the server needs none.
    pub username: String,
    /// The sender's address.
    pub from_address: String,
    /// The sender's display name.
    pub from_name: String,
    /// Seconds to wait for the server before giving up.
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u32,
    /// A certificate (PEM) to trust besides the public authorities, for a company
    /// server with its own certificate.
    #[serde(default)]
    pub trusted_certificate_pem: Option<String>,
}

fn default_timeout() -> u32 {
    30
}

impl SmtpConfig {
    /// Checks the settings before they are saved or used.
    pub fn validate(&self) -> Result<()> {
        let invalid = |field: &str, message: &str| Error {
            code: ErrorCode::Validation,
            message: message.to_owned(),
            field: Some(field.to_owned()),
        };
        if self.host.trim().is_empty() {
            return Err(invalid("host", "the SMTP host is required"));
        }
        if self.port == 0 {
            return Err(invalid("port", "the port must be between 1 and 65535"));
        }
        if self.security == SmtpSecurity::Plain && !is_local(&self.host) {
            return Err(invalid(
                "security",
                "an unencrypted connection is only allowed to localhost or 127.0.0.1",
            ));
        }
        canon_desk_core::validate::email(&self.from_address)?;
        Ok(())
    }
}

/// Whether `host` is this computer, the only place an unencrypted connection may go.
pub(crate) fn is_local(host: &str) -> bool {
    matches!(host.trim(), "localhost" | "127.0.0.1" | "::1" | "[::1]")
}

/// Why a message could not be sent, sorted so that the interface can say what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FailureCode {
    /// The connection failed or was cut in a way none of the codes below names.
    Connection,
    /// No server has that name (the host is misspelt, or the computer is offline).
    UnknownHost,
    /// The host was found but nothing answers on that port.
    Refused,
    /// The server answered but the secure connection failed: usually the security
    /// setting does not match the port (STARTTLS on 587, TLS on 465).
    Tls,
    /// The server offers no login at all, yet a user name is set.
    NoLogin,
    /// The server did not answer in time.
    Timeout,
    /// The server refused the login.
    Auth,
    /// The server refused the message for good (5xx).
    Rejected,
    /// The server refused for now (4xx); trying later may work.
    Temporary,
}

impl FailureCode {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureCode::Connection => "connection",
            FailureCode::UnknownHost => "unknown_host",
            FailureCode::Refused => "refused",
            FailureCode::Tls => "tls",
            FailureCode::NoLogin => "no_login",
            FailureCode::Timeout => "timeout",
            FailureCode::Auth => "auth",
            FailureCode::Rejected => "rejected",
            FailureCode::Temporary => "temporary",
        }
    }
}

/// A failed send: its class and the server's (or the network's) words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFailure {
    /// The class of failure.
    pub code: FailureCode,
    /// What went wrong, for the outbox.
    pub reason: String,
}

/// Sorts a lettre error into a [`FailureCode`], each with a different fix for the
/// user: authentication replies (530, 534, 535, 538) apart from other refusals, a
/// server offering no login apart from a refused one, and the network's own failures
/// (no such host, nothing on the port, TLS) apart from one another, so the app never
/// says a server "could not be reached" when it answered.
fn classify(e: &lettre::transport::smtp::Error) -> MailFailure {
    let status = e.status().map(|c| c.to_string());
    let chain = {
        let mut words = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            words.push_str(": ");
            words.push_str(&s.to_string());
            source = s.source();
        }
        words
    };
    let io_kind = {
        let mut source = std::error::Error::source(e);
        let mut kind = None;
        while let Some(s) = source {
            if let Some(io) = s.downcast_ref::<std::io::Error>() {
                kind = Some(io.kind());
                break;
            }
            source = s.source();
        }
        kind
    };
    let lower = chain.to_ascii_lowercase();
    let code = if e.is_timeout() {
        FailureCode::Timeout
    } else if matches!(
        status.as_deref(),
        Some("530" | "534" | "535" | "538" | "454")
    ) {
        FailureCode::Auth
    } else if e.is_permanent() {
        FailureCode::Rejected
    } else if e.is_transient() {
        FailureCode::Temporary
    } else if e.is_client() && lower.contains("authentication mechanism") {
        FailureCode::NoLogin
    } else if io_kind == Some(std::io::ErrorKind::ConnectionRefused)
        || lower.contains("connection refused")
    {
        FailureCode::Refused
    } else if lower.contains("lookup")
        || lower.contains("name or service not known")
        || lower.contains("no such host")
        || lower.contains("nodename nor servname")
    {
        FailureCode::UnknownHost
    } else if e.is_tls()
        || lower.contains("tls")
        || lower.contains("certificate")
        || lower.contains("handshake")
    {
        FailureCode::Tls
    } else {
        FailureCode::Connection
    };
    // The source chain says what the network said ("connection refused"); lettre's
    // own message alone is often just "Connection error".
    MailFailure {
        code,
        reason: chain,
    }
}

/// A boxed future, so that [`Mailer`] can be used as a trait object.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Something that delivers formatted messages to an SMTP server.
pub trait Mailer: Send + Sync + std::fmt::Debug {
    /// Delivers `message` (its exact formatted bytes) with `password` for the login.
    fn deliver<'a>(
        &'a self,
        config: &'a SmtpConfig,
        password: Option<&'a str>,
        message: &'a Message,
    ) -> BoxFuture<'a, std::result::Result<(), MailFailure>>;

    /// Connects, logs in when a user name is set, and hangs up.
    fn test<'a>(
        &'a self,
        config: &'a SmtpConfig,
        password: Option<&'a str>,
    ) -> BoxFuture<'a, std::result::Result<(), MailFailure>>;
}

/// The real mailer: lettre over tokio with rustls.
#[derive(Debug, Clone, Copy, Default)]
pub struct SmtpMailer;

fn transport(
    config: &SmtpConfig,
    password: Option<&str>,
) -> std::result::Result<AsyncSmtpTransport<Tokio1Executor>, MailFailure> {
    let tls_failure = |e: lettre::transport::smtp::Error| MailFailure {
        code: FailureCode::Tls,
        reason: format!("TLS set-up: {e}"),
    };
    let host = config.host.trim().to_owned();
    let tls = match config.security {
        SmtpSecurity::Plain => Tls::None,
        SmtpSecurity::StartTls | SmtpSecurity::Tls => {
            let mut params = TlsParameters::builder(host.clone());
            if let Some(pem) = &config.trusted_certificate_pem {
                params = params.add_root_certificate(
                    Certificate::from_pem(pem.as_bytes()).map_err(tls_failure)?,
                );
            }
            let params = params.build_rustls().map_err(tls_failure)?;
            if config.security == SmtpSecurity::Tls {
                Tls::Wrapper(params)
            } else {
                Tls::Required(params)
            }
        }
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(config.port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(u64::from(
            config.timeout_seconds.max(1),
        ))));
    if !config.username.is_empty() {
        builder = builder.credentials(Credentials::new(
            config.username.clone(),
            password.unwrap_or_default().to_owned(),
        ));
    }
    Ok(builder.build())
}

impl Mailer for SmtpMailer {
    fn deliver<'a>(
        &'a self,
        config: &'a SmtpConfig,
        password: Option<&'a str>,
        message: &'a Message,
    ) -> BoxFuture<'a, std::result::Result<(), MailFailure>> {
        Box::pin(async move {
            let transport = transport(config, password)?;
            let bytes = message.formatted();
            let send = transport.send_raw(message.envelope(), &bytes);
            // lettre's timeout covers connecting, not a server that accepts the
            // connection and then never speaks; the whole exchange is bounded too,
            // with a second more per 100 kB so a large attachment is not cut short.
            let limit = overall_limit(config, bytes.len());
            match tokio::time::timeout(limit, send).await {
                Ok(result) => result.map(|_| ()).map_err(|e| classify(&e)),
                Err(_) => Err(timed_out(limit)),
            }
        })
    }

    fn test<'a>(
        &'a self,
        config: &'a SmtpConfig,
        password: Option<&'a str>,
    ) -> BoxFuture<'a, std::result::Result<(), MailFailure>> {
        Box::pin(async move {
            let transport = transport(config, password)?;
            let limit = overall_limit(config, 0);
            let Ok(tested) = tokio::time::timeout(limit, transport.test_connection()).await else {
                return Err(timed_out(limit));
            };
            match tested {
                Ok(true) => Ok(()),
                // It answered the greeting but not the NOOP: reached, then silent.
                Ok(false) => Err(MailFailure {
                    code: FailureCode::Connection,
                    reason: "the server did not answer NOOP".to_owned(),
                }),
                Err(e) => Err(classify(&e)),
            }
        })
    }
}

/// How long a whole exchange of `size` bytes may take.
fn overall_limit(config: &SmtpConfig, size: usize) -> Duration {
    Duration::from_secs(u64::from(config.timeout_seconds.max(1)) + (size / 100_000) as u64)
}

fn timed_out(limit: Duration) -> MailFailure {
    MailFailure {
        code: FailureCode::Timeout,
        reason: format!("the server did not answer within {} s", limit.as_secs()),
    }
}

/// A file to attach, read into memory.
#[derive(Debug, Clone)]
pub struct FileAttachment {
    /// The name Canon sees.
    pub file_name: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// What a message carries besides its text: who it goes to, its subject and body,
/// its files, the Message-ID every copy of it carries, and its date.
#[derive(Debug, Clone, Copy)]
pub struct Letter<'a> {
    /// The recipient's address.
    pub to: &'a str,
    /// The subject.
    pub subject: &'a str,
    /// The plain-text body.
    pub body: &'a str,
    /// Files to attach.
    pub attachments: &'a [FileAttachment],
    /// The Message-ID header, angle brackets included; a copy sent again carries the
    /// same one, so the recipient's mail system sees the same message.
    pub message_id: &'a str,
    /// The Date header: the app's clock, not the system's.
    pub date: chrono::DateTime<chrono::Utc>,
}

/// A Message-ID for a new message from `from_address` (RFC 5322: a unique left part
/// and the sender's domain).
pub fn new_message_id(from_address: &str) -> String {
    let domain = from_address
        .rsplit_once('@')
        .map(|(_, d)| d.trim())
        .filter(|d| !d.is_empty())
        .unwrap_or("canon-desk.invalid");
    format!("<{}@{domain}>", uuid::Uuid::new_v4().simple())
}

/// Builds the message: plain-text UTF-8 body, and a multipart/mixed message when
/// there are attachments. Fails on an address lettre cannot parse.
pub fn build_message(config: &SmtpConfig, letter: &Letter<'_>) -> Result<Message> {
    let Letter {
        to,
        subject,
        body,
        attachments,
        message_id,
        date,
    } = *letter;
    let address = |value: &str, field: &str| -> Result<Mailbox> {
        value.trim().parse::<Mailbox>().map_err(|e| Error {
            code: ErrorCode::Validation,
            message: format!("{value:?} is not a usable address: {e}"),
            field: Some(field.to_owned()),
        })
    };
    let from = if config.from_name.trim().is_empty() {
        address(&config.from_address, "fromAddress")?
    } else {
        Mailbox::new(
            Some(config.from_name.trim().to_owned()),
            address(&config.from_address, "fromAddress")?.email,
        )
    };
    let builder = Message::builder()
        .from(from)
        .to(address(to, "recipient")?)
        .subject(subject)
        .message_id(Some(message_id.to_owned()))
        .date(std::time::SystemTime::from(date));
    let text = SinglePart::plain(body.to_owned());
    let built = if attachments.is_empty() {
        builder.singlepart(text)
    } else {
        let mut mixed = MultiPart::mixed().singlepart(text);
        for file in attachments {
            let kind = content_type(&file.file_name);
            mixed = mixed.singlepart(
                MimeAttachment::new(file.file_name.clone()).body(file.bytes.clone(), kind),
            );
        }
        builder.multipart(mixed)
    };
    built.map_err(|e| Error::internal(format!("building the message: {e}")))
}

/// The content type of an attachment, from its extension; Canon's staff open PDFs and
/// images, anything else goes as bytes.
fn content_type(file_name: &str) -> ContentType {
    let lower = file_name.to_ascii_lowercase();
    let mime = if lower.ends_with(".pdf") {
        "application/pdf"
    } else if lower.ends_with(".png") {
        "image/png"
    } else if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        "image/jpeg"
    } else {
        "application/octet-stream"
    };
    ContentType::parse(mime).unwrap_or(ContentType::TEXT_PLAIN)
}
