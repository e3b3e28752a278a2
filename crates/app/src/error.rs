//! The error every use case returns, shaped for the interface.

use serde::Serialize;

/// What kind of failure it is; the interface branches on this and translates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A value the user typed breaks a rule; `field` says which.
    Validation,
    /// The record asked for does not exist (any more).
    NotFound,
    /// A unique value is already taken (e.g. a serial number).
    Conflict,
    /// The database could not be read or written.
    Storage,
    /// A request cannot make that move (e.g. cancelling one already done).
    InvalidState,
    /// The action needs a setting that is missing (no SMTP server set up).
    NotConfigured,
    /// The OS keychain refused or is unavailable.
    Keychain,
    /// The record was written by a newer version of Canon Desk.
    NewerVersion,
    /// The file would run a program if opened (an executable or a script), so it is
    /// not handed to the system.
    UnsafeFile,
    /// The call itself was malformed: a text longer than any field holds (see
    /// [`crate::limits`]). The interface never sends one; a page that did is told so.
    Malformed,
    /// A bug: something that should not happen did.
    Internal,
}

/// A use case failed. Serialised as `{ code, message, field }` across IPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("{code:?}: {message}")]
// `Error` would shadow JavaScript's own class in the generated bindings.
#[serde(rename = "AppError")]
pub struct Error {
    /// What kind of failure.
    pub code: ErrorCode,
    /// English detail for logs and bug reports; the interface shows its own translation.
    pub message: String,
    /// The input field concerned, in the interface's (camelCase) naming.
    pub field: Option<String>,
}

/// Result of a use case.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An internal error with a message.
    pub fn internal(message: impl Into<String>) -> Self {
        Error {
            code: ErrorCode::Internal,
            message: message.into(),
            field: None,
        }
    }
}

impl From<canon_desk_core::Error> for Error {
    fn from(e: canon_desk_core::Error) -> Self {
        let field = Some(e.field().to_owned());
        Error {
            code: ErrorCode::Validation,
            message: e.to_string(),
            field,
        }
    }
}

impl From<canon_desk_store::Error> for Error {
    fn from(e: canon_desk_store::Error) -> Self {
        use canon_desk_store::Error as S;
        match e {
            S::Domain(d) => d.into(),
            S::NotFound { .. } => Error {
                code: ErrorCode::NotFound,
                message: e.to_string(),
                field: None,
            },
            S::Duplicate { field, .. } => Error {
                code: ErrorCode::Conflict,
                message: e.to_string(),
                field: Some(field.to_owned()),
            },
            S::InvalidTransition { .. } => Error {
                code: ErrorCode::InvalidState,
                message: e.to_string(),
                field: None,
            },
            S::InUse { .. } => Error {
                code: ErrorCode::Conflict,
                message: e.to_string(),
                field: None,
            },
            S::TooNew { .. } => Error {
                code: ErrorCode::NewerVersion,
                message: e.to_string(),
                field: None,
            },
            S::MissingLink => Error {
                code: ErrorCode::NotFound,
                message: e.to_string(),
                field: None,
            },
            other => Error {
                code: ErrorCode::Storage,
                message: other.to_string(),
                field: None,
            },
        }
    }
}
