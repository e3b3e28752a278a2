//! Validation errors of the domain.

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
}

/// Result of a domain rule.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// The field the error is about, for the interface to point at.
    pub fn field(&self) -> &'static str {
        match self {
            Error::Required { field } | Error::Invalid { field, .. } => field,
        }
    }
}
