//! App-level commands: version, start-up, overview, demo offer.

use std::sync::Arc;

use canon_desk_app::overview::Overview;
use canon_desk_app::startup::{self, FirstScreen};
use canon_desk_app::{demo, overview, AppInfo, Ctx, Result, StartupFailure};
use tauri::async_runtime::JoinHandle;
use tauri::Manager;

use super::{shielded, Answer, State};

/// Version and data paths.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn app_info(ctx: State<'_>) -> Answer<AppInfo> {
    shielded(&ctx, |c| async move { Ok(c.info()) })
}

/// Counts and the first-start demo offer.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn overview(ctx: State<'_>) -> Answer<Overview> {
    shielded(&ctx, |c| async move { overview::get(&c).await })
}

/// Loads the demo organisation.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn demo_load(ctx: State<'_>) -> Answer<Overview> {
    shielded(&ctx, |c| async move { demo::load(&c).await })
}

/// Declines the demo organisation.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn demo_decline(ctx: State<'_>) -> Answer<Overview> {
    shielded(&ctx, |c| async move { demo::decline(&c).await })
}

/// What the window shows first: why the record could not be opened, or the first
/// screen's data. The interface asks this once, before its first render, and shows
/// the error screen or the home screen with its data (one IPC round, answered from
/// the work started when the record opened).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn startup(app: tauri::AppHandle) -> Answer<Startup> {
    Answer::new(async move {
        let state = app.state::<StartupState>();
        if let Some(failure) = &state.failure {
            return Ok(Startup::Failed(failure.clone()));
        }
        let ctx = app.state::<Arc<Ctx>>();
        state
            .first_screen(ctx.inner())
            .await
            .map(|first| Startup::Opened(Box::new(first)))
    })
}

/// The answer to [`startup`].
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Startup {
    /// The record could not be opened: the window says why, and no other command runs.
    Failed(StartupFailure),
    /// The record is open: the first screen's data.
    Opened(Box<FirstScreen>),
}

/// What start-up left for the interface.
pub struct StartupState {
    /// Why the record could not be opened; `None` when it opened.
    failure: Option<StartupFailure>,
    /// The first screen's data, computed as soon as the record opened; taken by the
    /// first [`startup`] call (a reloaded page reads it afresh).
    early: tokio::sync::Mutex<Option<JoinHandle<Result<FirstScreen>>>>,
}

impl StartupState {
    /// The record could not be opened.
    pub fn failed(failure: StartupFailure) -> StartupState {
        StartupState {
            failure: Some(failure),
            early: Default::default(),
        }
    }

    /// The record is open: starts reading the first screen's data on the async
    /// runtime now, while the window loads its page.
    pub fn opened(ctx: &Arc<Ctx>) -> StartupState {
        StartupState {
            failure: None,
            early: tokio::sync::Mutex::new(Some(read_first_screen(ctx))),
        }
    }

    async fn first_screen(&self, ctx: &Arc<Ctx>) -> Result<FirstScreen> {
        let early = self.early.lock().await.take();
        let answer = match early {
            Some(task) => task.await,
            None => read_first_screen(ctx).await,
        };
        answer.unwrap_or_else(|e| Err(super::panicked(e)))
    }
}

/// Reads the first screen's data on the async runtime, where a panic ends the task
/// and not the caller.
fn read_first_screen(ctx: &Arc<Ctx>) -> JoinHandle<Result<FirstScreen>> {
    let ctx = Arc::clone(ctx);
    tauri::async_runtime::spawn(async move { startup::first_screen(&ctx).await })
}

/// A point of start-up the interface reached, for `./x measure`.
#[derive(Debug, Clone, Copy, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum StartupStage {
    /// The first content of the page is painted.
    FirstPaint,
    /// The first screen with its data is painted and takes input.
    Interactive,
}

/// Logs a start-up stage the interface reached, once per page. `./x measure` times
/// the line's arrival on stderr; the blank reference window prints the same line.
/// Once the first screen is interactive, what start-up left for later (the tray,
/// the reminders, the calendar) starts. It reads and writes nothing, so it needs
/// neither the record nor `shielded`.
#[tauri::command]
#[specta::specta]
pub fn startup_mark(app: tauri::AppHandle, stage: StartupStage) {
    let name = match stage {
        StartupStage::FirstPaint => "first-paint",
        StartupStage::Interactive => "interactive",
    };
    tracing::info!("startup mark stage={name}");
    if let StartupStage::Interactive = stage {
        crate::after_first_screen(&app);
    }
}
