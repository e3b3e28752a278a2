//! A blank Tauri 2 window: the floor `./x measure` sets Canon Desk against.
//!
//! One page, one command. The page calls `mark` once its content is painted, and the
//! backend prints the same `startup mark stage=first-paint` line on stderr as Canon
//! Desk's `startup_mark` command, so the measuring script times both the same way.

// Without this a console window would open beside the window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod mark;

fn main() -> std::process::ExitCode {
    match tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![mark::mark])
        .run(tauri::generate_context!())
    {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("blank-window: could not start: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
