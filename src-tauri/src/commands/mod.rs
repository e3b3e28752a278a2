//! The IPC commands, one file per area. Each command is a one-line adapter to a use
//! case of `canon-desk-app`, run through [`shielded`] so a panic becomes an error: a
//! plain `fn` marked `#[tauri::command(root = "crate")]` and `#[specta::specta]` that
//! returns an [`Answer`]. With `root = "crate"`, Tauri's macro answers through
//! [`crate::ipc`], which knows only `Answer`: a command that returns anything else
//! (`startup_mark`, which answers nothing, or an `async fn`, at about 8 kB of code
//! each) is marked plain `#[tauri::command]`.

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
use std::task::{Context, Poll};

use canon_desk_app::{Ctx, Error, Result};

/// The context as commands receive it.
pub type State<'a> = tauri::State<'a, Arc<Ctx>>;

/// A use case as [`shielded`] hands it to the runtime: boxed, its value boxed too.
/// Every command's task is then of this one type, so the runtime's task code is
/// compiled once for the ~85 commands instead of once per command (it took a third
/// of tokio's code out of the release binary, about 0.5 MB).
type Task = Pin<Box<dyn Future<Output = Result<Box<dyn Any + Send>>> + Send>>;

/// A command's answer, still to come: its future, boxed.
///
/// A command that returns it is a plain `fn` marked `#[tauri::command(root = "crate")]`:
/// Tauri calls it where it reads the arguments, and [`crate::ipc`] spawns the answer.
/// Every command's answer is then spawned as the same task type, where Tauri spawns
/// an `async fn` command's own async block, a task type per command: the runtime's
/// task code was compiled once per command (about 0.9 MB of the release binary).
/// The bindings read it as the `Result<T>` it resolves to.
pub struct Answer<T>(Pin<Box<dyn Future<Output = Result<T>> + Send>>);

impl<T> Answer<T> {
    /// The answer `future` will give.
    pub fn new(future: impl Future<Output = Result<T>> + Send + 'static) -> Answer<T> {
        Answer(Box::pin(future))
    }
}

impl<T> Future for Answer<T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        self.0.as_mut().poll(cx)
    }
}

/// Runs a use case on its own task so that a panic inside it reaches the interface
/// as an `internal` error instead of leaving the call unanswered.
pub fn shielded<T, F, Fut>(ctx: &Arc<Ctx>, use_case: F) -> Answer<T>
where
    F: FnOnce(Arc<Ctx>) -> Fut,
    Fut: Future<Output = Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let run = use_case(Arc::clone(ctx));
    let task: Task = Box::pin(async move {
        run.await
            .map(|value| Box::new(value) as Box<dyn Any + Send>)
    });
    Answer::new(async move {
        // The box holds the `T` just put in it: the downcast cannot miss.
        match spawn(task).await?.downcast::<T>() {
            Ok(value) => Ok(*value),
            Err(_) => Err(Error::internal(
                "the operation answered a value of another type",
            )),
        }
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use canon_desk_app::clock::SystemClock;
    use canon_desk_app::ErrorCode;

    fn ctx(dir: &tempfile::TempDir) -> Arc<Ctx> {
        Arc::new(
            Ctx::open(dir.path(), Arc::new(SystemClock)).expect("a record in a fresh folder opens"),
        )
    }

    #[test]
    fn an_answer_is_the_use_case_s_value() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let answer = tauri::async_runtime::block_on(shielded(&ctx(&dir), |_| async { Ok(42) }));
        assert_eq!(answer, Ok(42), "the answer is the use case's value");
    }

    #[test]
    fn a_use_case_s_panic_is_answered_as_an_internal_error() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let answer = tauri::async_runtime::block_on(shielded(&ctx(&dir), |_| async {
            if true {
                panic!("a bug in a use case");
            }
            Ok(())
        }));
        let error = answer.expect_err("a panic is answered as an error");
        assert_eq!(
            error.code,
            ErrorCode::Internal,
            "a panic is an internal error: {error:?}"
        );
    }
}
