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

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use canon_desk_app::{Ctx, Error, Result};

/// The context as commands receive it.
pub type State<'a> = tauri::State<'a, Arc<Ctx>>;

/// A use case as [`shielded`] hands it to the runtime: boxed, its value boxed too.
/// Every command's task is then of this one type, so the runtime's task code is
/// compiled once for the ~85 commands instead of once per command (it took a third
/// of tokio's code out of the release binary, about 0.5 MB).
type Task = Pin<Box<dyn Future<Output = Result<Box<dyn Any + Send>>> + Send>>;

/// Runs a use case on its own task so that a panic inside it reaches the interface
/// as an `internal` error instead of leaving the call unanswered.
pub async fn shielded<T, F, Fut>(ctx: State<'_>, use_case: F) -> Result<T>
where
    F: FnOnce(Arc<Ctx>) -> Fut,
    Fut: Future<Output = Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let run = use_case(Arc::clone(ctx.inner()));
    let task: Task = Box::pin(async move {
        run.await
            .map(|value| Box::new(value) as Box<dyn Any + Send>)
    });
    // The box holds the `T` just put in it: the downcast cannot miss.
    match spawn(task).await?.downcast::<T>() {
        Ok(value) => Ok(*value),
        Err(_) => Err(Error::internal(
            "the operation answered a value of another type",
        )),
    }
}

/// The one spawn behind [`shielded`]: a panic in the task becomes an error.
async fn spawn(task: Task) -> Result<Box<dyn Any + Send>> {
    tauri::async_runtime::spawn(task)
        .await
        .unwrap_or_else(|e| Err(panicked(e)))
}

/// The error a command answers when its task panicked (logged here).
pub fn panicked(e: tauri::Error) -> Error {
    tracing::error!(error = %e, "a command panicked");
    Error::internal(format!("the operation stopped unexpectedly: {e}"))
}
