//! Validation errors of the domain.

pub use crate::problem::Problem;

/// A rule of the domain was not met by a value the user gave.
///
/// Each variant names the field so that the interface can point at it and show a
/// translated message; the `Display` text is English and meant for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A required field was left empty.
    #[error("{field} is required")]
    Required {
        /// The field that was empty.
        field: &'static str,
    },
    /// A field does not have the expected shape.
    #[error("{field} is not valid: {reason}")]
    Invalid {
        /// The field that was rejected.
        field: &'static str,
        /// Why, in English, for logs.
        reason: String,
    },
    /// A typed value is wrong in a way the interface explains precisely.
    #[error("{field} is not valid: {problem}")]
    Wrong {
        /// The field that was rejected.
        field: &'static str,
        /// What exactly is wrong, for the interface to translate.
        problem: Problem,
    },
}

impl Error {
    /// The precise problem, when the validator named one.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Wrong { problem, .. } => Some(problem),
            Error::Required { .. } | Error::Invalid { .. } => None,
        }
    }

    /// The same error about another field (a validator's error placed on a form's field).
    #[must_use]
    pub fn on(self, field: &'static str) -> Self {
        match self {
            Error::Required { .. } => Error::Required { field },
            Error::Invalid { reason, .. } => Error::Invalid { field, reason },
            Error::Wrong { problem, .. } => Error::Wrong { field, problem },
        }
    }
}

/// Result of a domain rule.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// The field the error is about, for the interface to point at.
    pub fn field(&self) -> &'static str {
        match self {
            Error::Required { field }
            | Error::Invalid { field, .. }
            | Error::Wrong { field, .. } => field,
        }
    }
}
