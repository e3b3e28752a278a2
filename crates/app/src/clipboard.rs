//! The system clipboard, behind a trait like the keychain: the Canon account's
//! password is copied here by the backend, so it never passes through the window.
//!
//! A password on the clipboard is a secret outside the keychain, so it is kept out of
//! the clipboard histories the systems offer (Windows' Win+V and its cloud sync, KDE's
//! Klipper, macOS's clipboard managers, which honour the hints arboard sets), and the
//! use case empties the clipboard a little later if the password is still on it.

use std::fmt::Debug;
use std::sync::Mutex;

use crate::{Error, ErrorCode, Result};

/// Somewhere to put a secret for the user to paste.
pub trait Clipboard: Send + Sync + Debug {
    /// Replaces the clipboard's content with `text`, asking the system to keep it out
    /// of any clipboard history.
    fn set_secret(&self, text: &str) -> Result<()>;
    /// Empties the clipboard if its text is still the one whose SHA-256 is `digest`
    /// (the secret itself is not kept for the wait); says whether it did. Anything the
    /// user copied since is left alone.
    fn clear_if_holds(&self, digest: &[u8; 32]) -> Result<bool>;
}

/// A password put on the clipboard and not yet taken off: which copy it was (a later
/// copy restarts the wait) and the SHA-256 of what was copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    /// Counts the copies, so a timer knows whether a later copy replaced its own.
    pub copy: u64,
    /// The SHA-256 of the text copied.
    pub digest: [u8; 32],
}

/// The SHA-256 of a text, as [`Clipboard::clear_if_holds`] takes it.
pub fn digest(text: &str) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes()).into()
}

/// The operating system's clipboard, through the `arboard` crate.
///
/// On X11 a clipboard's content is served by the program that set it, so the
/// handle is kept for the life of the app (dropping it would empty the clipboard).
#[derive(Default)]
pub struct OsClipboard {
    handle: Mutex<Option<arboard::Clipboard>>,
}

impl Debug for OsClipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OsClipboard").finish_non_exhaustive()
    }
}

fn clipboard_error(e: arboard::Error) -> Error {
    // arboard's messages say what failed (no display, busy), never the text.
    Error {
        code: ErrorCode::Internal,
        message: format!("clipboard: {e}"),
        field: None,
    }
}

impl OsClipboard {
    /// Runs `work` on the kept handle, opening it the first time.
    fn with<T>(&self, work: impl FnOnce(&mut arboard::Clipboard) -> Result<T>) -> Result<T> {
        let mut guard = self
            .handle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if guard.is_none() {
            *guard = Some(arboard::Clipboard::new().map_err(clipboard_error)?);
        }
        match guard.as_mut() {
            Some(clipboard) => work(clipboard),
            None => Err(Error::internal("clipboard unavailable")),
        }
    }
}

impl Clipboard for OsClipboard {
    fn set_secret(&self, text: &str) -> Result<()> {
        self.with(|clipboard| {
            let set = clipboard.set();
            // The hint each system's clipboard history honours.
            #[cfg(any(target_os = "linux", target_os = "macos"))]
            let set = {
                #[cfg(target_os = "macos")]
                use arboard::SetExtApple as _;
                #[cfg(target_os = "linux")]
                use arboard::SetExtLinux as _;
                set.exclude_from_history()
            };
            #[cfg(windows)]
            let set = {
                use arboard::SetExtWindows as _;
                set.exclude_from_history().exclude_from_cloud()
            };
            set.text(text).map_err(clipboard_error)
        })
    }

    fn clear_if_holds(&self, held: &[u8; 32]) -> Result<bool> {
        self.with(|clipboard| match clipboard.get_text() {
            Ok(text) if digest(&text) == *held => {
                clipboard.clear().map_err(clipboard_error)?;
                Ok(true)
            }
            // Something else, or nothing (the user copied an image, or emptied it).
            Ok(_) | Err(arboard::Error::ContentNotAvailable) => Ok(false),
            Err(e) => Err(clipboard_error(e)),
        })
    }
}
