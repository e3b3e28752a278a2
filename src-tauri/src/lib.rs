//! The Tauri shell of Canon Desk.
//!
//! This is the only crate that knows Tauri. It builds the window, registers the
//! commands (each a one-line adapter to a use case of `canon-desk-app`), holds the
//! context in Tauri's state, and exports the TypeScript bindings of those commands.

mod cli;
mod commands;

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use canon_desk_app::{clock::SystemClock, Ctx, StartupFailure};
use tauri::Manager;

/// The command registry; the same value serves the invoke handler and the bindings export.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::*;
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            app::app_info,
            app::startup_failure,
            app::overview,
            app::demo_load,
            app::demo_decline,
            devices::devices_get,
            devices::devices_page,
            devices::device_create,
            devices::device_update,
            devices::readings_list,
            sites::sites_list,
            sites::site_create,
            sites::site_update,
            contracts::contracts_list,
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
            requests::request_mail_client,
            requests::request_mail_client_sent,
            requests::request_attachment_stage,
            requests::request_call_sheet,
            requests::request_record_call,
            requests::request_acknowledge,
            requests::request_complete,
            requests::request_cancel,
            requests::request_reminders,
            requests::bank_check,
            requests::bank_set_known,
            smtp::smtp_get,
            smtp::smtp_save,
            smtp::smtp_set_password,
            smtp::smtp_test,
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
            reminders::reminders_home,
            reminders::reminders_list,
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
        ])
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

/// Starts the app; returns a failure exit code when it cannot start.
pub fn run() -> ExitCode {
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
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();

    let builder = specta_builder();
    let invoke_handler = builder.invoke_handler();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(invoke_handler)
        .setup(move |app| {
            builder.mount_events(app);
            let data_dir = match args.data_dir.clone() {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            // A record that cannot be opened (written by a newer version, unreadable,
            // a folder without write access) must not end the app without a word:
            // the window opens and says why, and no other command can run.
            match Ctx::open(&data_dir, Arc::new(SystemClock)) {
                Ok(mut ctx) => {
                    if let Ok(downloads) = app.path().download_dir() {
                        ctx = ctx.with_default_export_dir(downloads);
                    }
                    tracing::info!(data_dir = %data_dir.display(), "record opened");
                    let ctx = Arc::new(ctx);
                    spawn_calendar_worker(Arc::clone(&ctx));
                    app.manage(ctx);
                    app.manage(commands::app::StartupState(None));
                }
                Err(error) => {
                    tracing::error!(data_dir = %data_dir.display(), %error, "the record could not be opened");
                    app.manage(commands::app::StartupState(Some(StartupFailure {
                        error,
                        data_dir: data_dir.display().to_string(),
                    })));
                }
            }
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("canon-desk: could not start: {e}");
            ExitCode::FAILURE
        }
    }
}
