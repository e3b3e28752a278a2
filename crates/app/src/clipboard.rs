//! The system clipboard, behind a trait like the keychain: the Canon account's
//! password is copied here by the backend, so it never passes through the window.

use std::fmt::Debug;
use std::sync::Mutex;

use crate::{Error, ErrorCode, Result};

/// Somewhere to put text for the user to paste.
pub trait Clipboard: Send + Sync + Debug {
    /// Replaces the clipboard's text.
    fn set_text(&self, text: &str) -> Result<()>;
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

impl Clipboard for OsClipboard {
    fn set_text(&self, text: &str) -> Result<()> {
        let mut guard = self
            .handle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if guard.is_none() {
            *guard = Some(arboard::Clipboard::new().map_err(clipboard_error)?);
        }
        match guard.as_mut() {
            Some(clipboard) => clipboard.set_text(text).map_err(clipboard_error),
            None => Err(Error::internal("clipboard unavailable")),
        }
    }
}
