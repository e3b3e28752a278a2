//! The IPC commands, one file per area. Each command is a one-line adapter to a use
//! case of `canon-desk-app`, run through [`shielded`] so a panic becomes an error.

pub mod app;
pub mod calendar;
pub mod contracts;
pub mod cps;
pub mod desktop;
pub mod devices;
pub mod records;
pub mod reminders;
pub mod requests;
pub mod settings;
pub mod sites;
pub mod smtp;

use std::future::Future;
use std::sync::Arc;

use canon_desk_app::{Ctx, Error, Result};

/// The context as commands receive it.
pub type State<'a> = tauri::State<'a, Arc<Ctx>>;

/// Runs a use case on its own task so that a panic inside it reaches the interface
/// as an `internal` error instead of leaving the call unanswered.
pub async fn shielded<T, F, Fut>(ctx: State<'_>, use_case: F) -> Result<T>
where
    F: FnOnce(Arc<Ctx>) -> Fut,
    Fut: Future<Output = Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let ctx = Arc::clone(ctx.inner());
    match tauri::async_runtime::spawn(use_case(ctx)).await {
        Ok(result) => result,
        Err(e) => {
            tracing::error!(error = %e, "a command panicked");
            Err(Error::internal(format!(
                "the operation stopped unexpectedly: {e}"
            )))
        }
    }
}
