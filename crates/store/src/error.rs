//! Errors of the store.

/// What can go wrong while reading or writing the record.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A record points at another that does not exist (a foreign key failed), e.g.
    /// a site removed while the device form was open.
    #[error("a linked record does not exist")]
    MissingLink,
    /// A file operation around the database (copy before migration) failed.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// A value given by the user broke a domain rule.
    #[error(transparent)]
    Domain(#[from] canon_desk_core::Error),
    /// The record asked for does not exist.
    #[error("{entity} {id} not found")]
    NotFound {
        /// Which kind of record.
        entity: &'static str,
        /// Its id.
        id: i64,
    },
    /// A unique value is already taken, e.g. a serial number.
    #[error("{field} {value:?} already exists")]
    Duplicate {
        /// The field whose value is taken.
        field: &'static str,
        /// The value.
        value: String,
    },
    /// The database was written by a newer Canon Desk.
    #[error("the database has schema version {found}, newer than this app's {supported}")]
    TooNew {
        /// Version found in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// A request cannot move from one status to another (e.g. a done request cancelled).
    #[error("a request cannot go from {from} to {to}")]
    InvalidTransition {
        /// Its status.
        from: &'static str,
        /// The status asked for.
        to: &'static str,
    },
    /// A record cannot be deleted or changed because other records still use it
    /// (e.g. a site where devices stand).
    #[error("{entity} {id} is still in use: {reason}")]
    InUse {
        /// Which kind of record.
        entity: &'static str,
        /// Its id.
        id: i64,
        /// What still uses it, in English, for logs.
        reason: String,
    },
    /// A stored value could not be read back (hand-edited or corrupted database).
    #[error("corrupt value in {column}: {value:?}")]
    Corrupt {
        /// The column.
        column: &'static str,
        /// The value found.
        value: String,
    },
}

/// Result of a store operation.
pub type Result<T> = std::result::Result<T, Error>;

/// Turns a UNIQUE constraint failure into [`Error::Duplicate`] for the given field.
pub(crate) fn unique_violation(err: rusqlite::Error, field: &'static str, value: &str) -> Error {
    match &err {
        rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Error::Duplicate {
                field,
                value: value.to_owned(),
            }
        }
        _ => err.into(),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        match &err {
            rusqlite::Error::SqliteFailure(e, _)
                if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
            {
                Error::MissingLink
            }
            _ => Error::Sqlite(err),
        }
    }
}

/// The error a row decoder returns for a stored value it cannot read back (a
/// hand-edited or corrupted database), naming the column and the value.
pub(crate) fn corrupt(column: &'static str, value: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::new(Error::Corrupt { column, value }),
    )
}
