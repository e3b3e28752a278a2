//! Files chosen in the window. The interface cannot hand the backend a path (a
//! browser file input has none), so it sends the file's bytes as base64 with the
//! name the user saw; they are staged in the data directory, read from there and
//! removed when the use case ends.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::{Ctx, Error, ErrorCode, Result};

/// The largest file accepted: far above any scan or invoice, and small enough to
/// travel over IPC as text.
pub const MAX_UPLOAD_BYTES: usize = 50 * 1024 * 1024;

/// Name of the staging directory inside the data directory.
pub const STAGING_DIR: &str = "staging";

/// A file the user chose in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Upload {
    /// The file's name as the user saw it; a label only, never a path.
    pub name: String,
    /// The file's bytes, base64-encoded (standard alphabet, with padding).
    pub base64: String,
}

/// A staged copy of an upload; the file is removed when this is dropped.
#[derive(Debug)]
pub struct Staged {
    dir: tempfile::TempDir,
    path: PathBuf,
    label: String,
}

impl Staged {
    /// The staged file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file name the user saw, reduced to its last component.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The staging directory (removed with this value).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::Validation,
        message: message.into(),
        field: Some("file".to_owned()),
    }
}

/// The last component of a name typed or chosen outside the app, with anything a
/// file system could read as a path removed. Never empty.
pub fn safe_label(name: &str) -> String {
    let last = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect::<String>();
    let trimmed = last.trim().trim_start_matches('.').trim();
    if trimmed.is_empty() {
        "file".to_owned()
    } else {
        trimmed.chars().take(200).collect()
    }
}

/// Decodes an upload and writes it to a fresh staging directory.
pub fn stage(ctx: &Ctx, upload: &Upload) -> Result<Staged> {
    // base64 is 4 characters per 3 bytes: refuse oversized text before decoding it.
    if upload.base64.len() / 4 * 3 > MAX_UPLOAD_BYTES + 3 {
        return Err(invalid(format!(
            "the file is larger than {} MB",
            MAX_UPLOAD_BYTES / (1024 * 1024)
        )));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(upload.base64.trim())
        .map_err(|e| invalid(format!("the file could not be read: {e}")))?;
    // An empty file is never what the user meant to send (a scan that failed, a
    // download cut short): accepted, it would reach Canon as the meter-reading page.
    if bytes.is_empty() {
        return Err(invalid("the file is empty"));
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(invalid(format!(
            "the file is larger than {} MB",
            MAX_UPLOAD_BYTES / (1024 * 1024)
        )));
    }
    let root = ctx.data_dir().join(STAGING_DIR);
    std::fs::create_dir_all(&root)?;
    let dir = tempfile::Builder::new()
        .prefix("upload-")
        .tempdir_in(&root)?;
    let label = safe_label(&upload.name);
    // The staged file has a fixed name: the user's name is only ever a label.
    let path = dir.path().join("upload.bin");
    std::fs::write(&path, &bytes)?;
    Ok(Staged { dir, path, label })
}

#[cfg(test)]
mod tests {
    use super::safe_label;

    #[test]
    fn labels_keep_the_last_component_only() {
        assert_eq!(
            safe_label("../../etc/passwd"),
            "passwd",
            "a relative path must lose its directories"
        );
        assert_eq!(
            safe_label("C:\\Users\\a\\K-bis.pdf"),
            "K-bis.pdf",
            "a Windows path must lose its directories"
        );
        assert_eq!(
            safe_label(".."),
            "file",
            "a name made of dots must become a neutral label"
        );
        assert_eq!(
            safe_label("  "),
            "file",
            "a blank name must become a neutral label"
        );
        assert_eq!(
            safe_label("relevé <mars>.pdf"),
            "relevé mars.pdf",
            "reserved characters must be dropped, accents kept"
        );
    }
}
