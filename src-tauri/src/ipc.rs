//! What `#[tauri::command(root = "crate")]` reads in place of `tauri::ipc`: Tauri's
//! own argument extraction, and one way of answering, for the commands that return a
//! [`commands::Answer`](crate::commands::Answer).
//!
//! Tauri wraps an `async fn` command in an async block of its own and spawns it: a
//! task type per command, so the runtime's task code compiled once per command. A
//! command that returns an `Answer` is a plain `fn` instead, which Tauri calls where
//! it reads the arguments; [`private::AnswerTag`] then spawns every command's answer
//! as one and the same task type.

pub use tauri::ipc::{CommandArg, CommandItem, Invoke};

/// The module Tauri's generated wrapper imports to find out how to answer: it calls
/// `(&result).blocking_kind().block(result, resolver)` on the command's return value.
pub mod private {
    use std::future::Future;
    use std::pin::Pin;

    use tauri::ipc::{InvokeError, InvokeResolver, InvokeResponseBody, IpcResponse};
    use tauri::Runtime;

    use crate::commands::Answer;

    /// The serialised answer as Tauri spawns it: of this one type for every command.
    type Reply = Pin<Box<dyn Future<Output = Result<InvokeResponseBody, InvokeError>> + Send>>;

    /// How a command that returns an [`Answer`] is answered.
    pub struct AnswerTag;

    /// Picks [`AnswerTag`] for an [`Answer`].
    pub trait AnswerKind {
        /// The way to answer.
        fn blocking_kind(&self) -> AnswerTag {
            AnswerTag
        }
    }

    impl<T> AnswerKind for Answer<T> {}

    impl AnswerTag {
        /// Spawns the answer, serialised as Tauri's own `async fn` commands are: the
        /// value as the response, an error as the rejection.
        pub fn block<R: Runtime, T: IpcResponse + 'static>(
            self,
            answer: Answer<T>,
            resolver: InvokeResolver<R>,
        ) {
            let reply: Reply = Box::pin(async move { Ok(answer.await?.body()?) });
            resolver.respond_async_serialized(reply);
        }
    }
}
