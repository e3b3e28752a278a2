//! Looking for a secret where it must never be: every file under a folder (a data
//! directory with its WAL, backups, exports) and what the app logged.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Everything the app logs, kept for the search: give a clone to the log writer.
#[derive(Debug, Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    /// What was logged so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.0.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut logs) = self.0.lock() {
            logs.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(files_under(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// Whether `haystack` holds `needle`'s bytes.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The files under `dir` that hold `secret` (read whole, so the WAL and zip
/// archives' stored entries count).
pub fn files_holding(dir: &Path, secret: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for file in files_under(dir)? {
        if contains(&std::fs::read(&file)?, secret) {
            found.push(file);
        }
    }
    Ok(found)
}
