//! The Tauri shell of Canon Desk.
//!
//! This is the only crate that knows Tauri. It builds the window, registers the
//! commands (each a one-line adapter to a use case of `canon-desk-app`), holds the
//! context in Tauri's state, and exports the TypeScript bindings of those commands.

mod cli;
mod commands;
mod instance;
mod ipc;
mod notify;
mod scheduler;
mod texts;
mod tray;
mod webview;
mod window;

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use canon_desk_app::clock::{Clock, SystemClock};
use canon_desk_app::{limits, Ctx, StartupFailure};
use tauri::Manager;

/// Every command the window may call, written once. `$generate` is the macro that
/// receives the list: `tauri::generate_handler` for the app's invoke handler
/// ([`invoke_handler`]) and `tauri_specta::collect_commands` for the bindings export
/// ([`specta_builder`]). The app registers the commands without tauri-specta: the
/// description of every command's types, which only `./x bindings` reads, was built
/// at each start and took about 1 MB of the release binary.
macro_rules! with_commands {
    ($($generate:ident)::+) => {{
        use commands::*;
        $($generate)::+![
            app::app_info,
            app::startup,
            app::startup_mark,
            app::overview,
            app::demo_load,
            app::demo_decline,
            devices::devices_get,
            devices::devices_page,
            devices::device_create,
            devices::device_update,
            devices::readings_list,
            sites::sites_list,
            sites::sites_search,
            sites::site_create,
            sites::site_update,
            contracts::contracts_list,
            contracts::contracts_search,
            contracts::contracts_get,
            contracts::contracts_page,
            settings::settings_get,
            settings::settings_set,
            requests::requests_catalogue,
            requests::requests_list,
            requests::requests_outbox,
            requests::request_get,
            requests::request_create,
            requests::request_edit_message,
            requests::request_send,
            requests::request_retry,
            requests::requests_in_doubt,
            requests::request_mark_sent,
            requests::request_send_again,
            requests::request_mail_client,
            requests::request_mail_client_sent,
            requests::request_attachment_stage,
            requests::request_call_sheet,
            requests::request_record_call,
            requests::request_acknowledge,
            requests::request_complete,
            requests::request_cancel,
            requests::request_discard,
            requests::request_reminders,
            requests::bank_check,
            requests::bank_set_known,
            smtp::smtp_get,
            smtp::smtp_save,
            smtp::smtp_set_password,
            smtp::smtp_test,
            smtp::smtp_send_test,
            desktop::desktop_get,
            desktop::desktop_set,
            contracts::contract_get,
            contracts::contract_create,
            contracts::contract_update,
            contracts::contract_set_po,
            contracts::contract_link_devices,
            contracts::contract_delete,
            contracts::contract_restore,
            devices::device_set_status,
            devices::device_delete,
            devices::device_restore,
            devices::devices_deleted,
            devices::record_history,
            devices::reading_add,
            devices::reading_delete,
            devices::reading_restore,
            sites::site_delete,
            sites::site_restore,
            records::organisation_get,
            records::organisation_save,
            records::documents_list,
            records::document_attach,
            records::document_delete,
            records::document_restore,
            records::csv_preview_devices,
            records::csv_import_devices,
            records::export_csv,
            records::export_folder,
            records::backup_create,
            records::backup_restore,
            records::document_open,
            cps::cps_overview,
            cps::cps_home,
            cps::cps_product_create,
            cps::cps_product_update,
            cps::cps_account_request,
            cps::cps_account_step,
            cps::cps_account_set_login,
            cps::cps_password_set,
            cps::cps_password_copy,
            cps::cps_level_save,
            cps::cps_checkout_review,
            cps::cps_checkout_start,
            cps::cps_checkout_complete,
            cps::cps_checkout_settle,
            cps::cps_membership_record,
            cps::cps_portal_url_set,
            reminders::reminders_home,
            reminders::reminders_list,
            reminders::reminders_page,
            reminders::reminders_due_count,
            reminders::reminder_snooze,
            reminders::reminder_done,
            reminders::reminder_reopen,
            reminders::reminder_set_lead_times,
            reminders::reminders_lead_times,
            reminders::reminders_set_lead_times,
            reminders::export_calendar,
            reminders::contract_set_po_end,
            calendar::calendar_settings,
            calendar::calendar_connect,
            calendar::calendar_list,
            calendar::calendar_choose,
            calendar::calendar_publish_now,
            calendar::calendar_disconnect,
            calendar::digest_get,
            calendar::digest_save,
        ]
    }};
}

/// The app's invoke handler: each command by name.
fn invoke_handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    with_commands!(tauri::generate_handler)
}

/// The command registry as the bindings export reads it (`./x bindings`, through the
/// `bindings` test); the app itself registers the commands with [`invoke_handler`].
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(with_commands!(tauri_specta::collect_commands))
        // What exactly is wrong with a typed value: the interface's own checks report
        // the same problems as the backend's validators, in one vocabulary.
        .typ::<canon_desk_core::Problem>()
        // Record ids are SQLite rowids (i64); they stay far below 2^53, so a JS number
        // holds them exactly.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type: the request and response shapes are the same
        // here, and separate `_Serialize`/`_Deserialize` variants would only add noise.
        .disable_serde_phases()
}

/// Writes the TypeScript bindings of every command and type to `path`.
pub fn export_bindings(path: &Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from the Rust commands by tauri-specta. Do not edit: run `./x bindings`.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

/// Start at login, off until the user turns it on in Settings. The entry starts the
/// app hidden in the tray, on the same data directory as this run.
fn autostart_plugin<R: tauri::Runtime>(data_dir: Option<&Path>) -> tauri::plugin::TauriPlugin<R> {
    let mut args = vec![cli::HIDDEN.to_owned()];
    if let Some(dir) = data_dir {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned());
        args.push(cli::autostart_arg(&format!("--data-dir={}", dir.display())));
    }
    // On macOS the builder's default is a LaunchAgent, which needs no extra rights.
    tauri_plugin_autostart::Builder::new().args(args).build()
}

/// The desktop preferences as saved, for the window's close button, with no tray
/// assumed until [`start_desktop`] has asked the session bus: until then closing the
/// window minimises it, which loses nothing.
fn desktop_state(ctx: &Arc<Ctx>) -> window::Desktop {
    let prefs = tauri::async_runtime::block_on(canon_desk_app::settings::desktop(ctx))
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "desktop preferences unreadable; the defaults apply");
            Default::default()
        });
    window::Desktop {
        tray_shown: false.into(),
        prefs: prefs.into(),
    }
}

/// What runs beside the window once the record is open: the tray and clicks on
/// notifications. Runs on the main thread (the tray is a GTK widget on Linux).
fn start_desktop(app: &tauri::AppHandle, ctx: &Arc<Ctx>, hidden: bool) {
    let tray_shown = tray::shown();
    if let Some(desktop) = app.try_state::<window::Desktop>() {
        desktop
            .tray_shown
            .store(tray_shown, std::sync::atomic::Ordering::Relaxed);
    }
    // The icon is made even where no tray is shown now: the appindicator registers
    // it as soon as a tray appears (an extension turned on later).
    let locale = tauri::async_runtime::block_on(notify::locale(ctx));
    let tray = match tray::build(app, locale) {
        Ok(tray) => Some(tray),
        Err(e) => {
            tracing::warn!(error = %e, "no tray icon");
            None
        }
    };
    app.manage(tray::TrayState(std::sync::Mutex::new(tray)));
    notify::listen_for_clicks(app);
    tracing::info!(tray_shown, hidden, "desktop started");
}

/// How long after the record opened the desktop and the background work start at
/// the latest, when the page has not said its first screen is up (a page that
/// failed, a hidden window that paints nothing).
const FIRST_SCREEN_PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);

/// What start-up leaves for after the first screen: the tray, the reminder
/// scheduler (whose first tick reconciles the record and may notify) and the
/// calendar worker. None of it is needed to show the home screen, and all of it
/// would compete with the page for the processor and the main thread; a deadline
/// due at start is still notified, a moment after the window shows it.
pub struct AfterFirstScreen {
    pending: std::sync::Mutex<Option<Later>>,
}

/// What [`after_first_screen`] needs: the context, its clock, whether the app
/// started hidden.
struct Later {
    ctx: Arc<Ctx>,
    clock: Arc<dyn Clock>,
    hidden: bool,
}

/// Starts what [`AfterFirstScreen`] holds, once: when the page reports its first
/// screen interactive, or after [`FIRST_SCREEN_PATIENCE`], whichever comes first.
pub fn after_first_screen(app: &tauri::AppHandle) {
    let Some(state) = app.try_state::<AfterFirstScreen>() else {
        return;
    };
    let pending = state
        .pending
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    let Some(Later { ctx, clock, hidden }) = pending else {
        return;
    };
    let handle = app.clone();
    let started = app.run_on_main_thread(move || {
        // A hidden start made the tray already, before deciding how to hide.
        if handle.try_state::<tray::TrayState<tauri::Wry>>().is_none() {
            start_desktop(&handle, &ctx, hidden);
        }
        scheduler::start(handle.clone(), Arc::clone(&ctx), clock);
        spawn_calendar_worker(ctx);
    });
    if let Err(e) = started {
        tracing::error!(error = %e, "the tray and the reminders could not be started");
    }
}

/// How often the background worker looks for calendar changes to publish and for a
/// weekly digest to send: a change reaches the calendar within seconds. Both calls
/// are cheap when nothing was written since the last look (no query beyond a counter
/// and a settings read, no network).
const CALENDAR_TICK: std::time::Duration = std::time::Duration::from_secs(3);

/// Publishes deadlines to the user's calendar and sends the weekly digest, at start
/// and then every [`CALENDAR_TICK`], on the async runtime: never on the window's
/// thread. A failure is recorded by the use case (and shown in Settings), so the
/// worker only logs it and carries on.
fn spawn_calendar_worker(ctx: Arc<Ctx>) {
    tauri::async_runtime::spawn(async move {
        loop {
            if let Err(e) = canon_desk_app::calendar::publish_pending(&ctx).await {
                tracing::warn!(error = %e, "calendar publication could not run");
            }
            match canon_desk_app::calendar::digest_if_due(&ctx).await {
                Ok(canon_desk_app::calendar::DigestRun::Failed { reason, .. }) => {
                    tracing::warn!(%reason, "weekly digest not sent");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "weekly digest could not run"),
            }
            tokio::time::sleep(CALENDAR_TICK).await;
        }
    });
}

/// Logs to stderr at `info`, or as `RUST_LOG` says in `target=level` directives
/// (`debug`, `canon_desk_app=debug,info`). tracing-subscriber's `Targets` reads them
/// without a regular-expression engine, which its `EnvFilter` would add to the binary
/// for span and field filters nobody uses here.
fn init_logging() {
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|directives| {
            directives
                .parse::<tracing_subscriber::filter::Targets>()
                .ok()
        })
        .unwrap_or_else(|| {
            tracing_subscriber::filter::Targets::new().with_default(tracing::Level::INFO)
        });
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .finish()
        .with(filter)
        .init();
}

/// Starts the app; returns a failure exit code when it cannot start.
pub fn run() -> ExitCode {
    webview::before_start();
    let args = match cli::Args::parse(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("canon-desk: {message}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    if args.help {
        println!("{}", cli::USAGE);
        return ExitCode::SUCCESS;
    }
    init_logging();

    let invoke_handler = invoke_handler();
    let result = tauri::Builder::default()
        // First, so that a second launch hands over before anything else starts.
        .plugin(instance::plugin(args.data_dir.as_deref()))
        .plugin(autostart_plugin(args.data_dir.as_deref()))
        .plugin(tauri_plugin_opener::init())
        // The restore's file dialog, opened by the backend (the window is granted
        // no dialog permission).
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        // Every call's payload is checked before its command reads it: no text
        // longer than a field holds reaches a use case (see canon_desk_app::limits).
        .invoke_handler(move |invoke: tauri::ipc::Invoke| {
            let refused = match invoke.message.payload() {
                tauri::ipc::InvokeBody::Json(payload) => {
                    limits::check_payload(invoke.message.command(), payload).err()
                }
                tauri::ipc::InvokeBody::Raw(_) => None,
            };
            match refused {
                Some(error) => {
                    tracing::warn!(%error, "a call from the window was refused");
                    invoke.resolver.reject(error);
                    true
                }
                None => invoke_handler(invoke),
            }
        })
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::CloseRequested { api, .. } => {
                window::on_close_requested(window, api);
                scheduler::refresh_tray(window.app_handle());
            }
            tauri::WindowEvent::Focused(false) => scheduler::refresh_tray(window.app_handle()),
            _ => {}
        })
        .setup(move |app| {
            let data_dir = match args.data_dir.clone() {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            // A record that cannot be opened (written by a newer version, unreadable,
            // a folder without write access) must not end the app without a word:
            // the window opens and says why, and no other command can run.
            let clock: Arc<dyn Clock> = Arc::new(SystemClock);
            match Ctx::open(&data_dir, Arc::clone(&clock)) {
                Ok(mut ctx) => {
                    if let Ok(downloads) = app.path().download_dir() {
                        ctx = ctx.with_default_export_dir(downloads);
                    }
                    tracing::info!(data_dir = %data_dir.display(), "record opened");
                    let ctx = Arc::new(ctx);
                    app.manage(desktop_state(&ctx));
                    // Read while the page loads (the page asks for it first), after
                    // the one read above: it holds the store for a moment.
                    app.manage(commands::app::StartupState::opened(&ctx));
                    // A start at login decides between the tray and the taskbar now.
                    if args.hidden {
                        start_desktop(app.handle(), &ctx, true);
                    }
                    app.manage(AfterFirstScreen {
                        pending: Some(Later {
                            ctx: Arc::clone(&ctx),
                            clock,
                            hidden: args.hidden,
                        })
                        .into(),
                    });
                    app.manage(ctx);
                    let handle = app.handle().clone();
                    tauri::async_runtime::spawn(async move {
                        tokio::time::sleep(FIRST_SCREEN_PATIENCE).await;
                        after_first_screen(&handle);
                    });
                }
                Err(error) => {
                    tracing::error!(data_dir = %data_dir.display(), %error, "the record could not be opened");
                    app.manage(commands::app::StartupState::failed(StartupFailure {
                        error,
                        data_dir: data_dir.display().to_string(),
                    }));
                }
            }
            // The window is made hidden (tauri.conf.json) and shown here, unless the
            // app was started at login to wait in the tray (where there is one).
            let tray_shown = app
                .try_state::<window::Desktop>()
                .is_some_and(|d| d.tray_shown.load(std::sync::atomic::Ordering::Relaxed));
            if !args.hidden {
                window::bring_forward(app.handle());
            } else if !tray_shown {
                window::minimised(app.handle());
            }
            Ok(())
        })
        .build(tauri::generate_context!());
    match result {
        Ok(app) => {
            app.run(|app, event| {
                // A Canon password copied moments ago does not outlive the app on the
                // clipboard (Windows and macOS keep the clipboard after the app quits).
                if let tauri::RunEvent::Exit = event {
                    if let Some(ctx) = app.try_state::<Arc<Ctx>>() {
                        canon_desk_app::cps::clipboard_on_exit(&ctx);
                    }
                }
                // macOS: a click on the Dock icon while the window is hidden reopens it.
                #[cfg(target_os = "macos")]
                if let tauri::RunEvent::Reopen { .. } = event {
                    window::bring_forward(app);
                }
            });
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("canon-desk: could not start: {e}");
            ExitCode::FAILURE
        }
    }
}
