//! The one command of the blank windows (`crates/blank-window`, and
//! `crates/blank-with-crates`, which includes this file).

/// Prints a start-up stage the page reached; the measuring script reads stderr, where
/// Canon Desk's `startup_mark` command prints the same line.
#[tauri::command]
pub fn mark(stage: String) {
    // Only the two stages the script knows; anything else is the page's mistake.
    let stage = match stage.as_str() {
        "first-paint" | "interactive" => stage,
        _ => return,
    };
    eprintln!("startup mark stage={stage}");
}
