//! Canon Desk's executable.

// Without this a console window would open beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    canon_desk_lib::run()
}
