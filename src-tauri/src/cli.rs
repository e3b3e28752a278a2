//! Command-line options.

use std::ffi::OsString;
use std::path::PathBuf;

/// Environment variable that points the app at another data directory.
pub const DATA_DIR_ENV: &str = "CANON_DESK_DATA_DIR";

/// Shown by `--help` and after a wrong option.
pub const USAGE: &str = "Usage: canon-desk [--data-dir DIR] [--hidden]

Options:
  --data-dir DIR   keep the database and documents in DIR instead of the
                   system's application-data folder (also: CANON_DESK_DATA_DIR)
  --hidden         start in the tray without opening the window (what start at
                   login does); where the desktop shows no tray, start minimised
  -h, --help       show this help";

/// The option start at login passes, so that the app starts in the tray.
pub const HIDDEN: &str = "--hidden";

/// The parsed options.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Args {
    /// Where the data lives, if not the default.
    pub data_dir: Option<PathBuf>,
    /// `--hidden` was given: start without showing the window.
    pub hidden: bool,
    /// `--help` was given.
    pub help: bool,
}

impl Args {
    /// Parses the arguments (without the program name); the environment variable is
    /// the fallback for the data directory.
    pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Args, String> {
        let mut parsed = Args {
            data_dir: std::env::var_os(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            hidden: false,
            help: false,
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.to_str() {
                Some("--data-dir") => {
                    let dir = args.next().ok_or("--data-dir needs a directory")?;
                    parsed.data_dir = Some(PathBuf::from(dir));
                }
                Some(s) if s.starts_with("--data-dir=") => {
                    parsed.data_dir = Some(PathBuf::from(&s["--data-dir=".len()..]));
                }
                Some(HIDDEN) => parsed.hidden = true,
                Some("-h" | "--help") => parsed.help = true,
                _ => return Err(format!("unknown option {arg:?}")),
            }
        }
        Ok(parsed)
    }
}

/// An argument as the start-at-login entry must hold it. On Linux the plugin joins
/// the arguments into the `Exec=` line of an XDG desktop entry, where an argument
/// with a space or a reserved character must be double-quoted (with `"`, `` ` ``,
/// `$` and `\` escaped); Windows and macOS keep arguments apart already.
pub fn autostart_arg(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_=./,:@+%".contains(c);
    if cfg!(target_os = "linux") && !arg.chars().all(plain) {
        let mut quoted = String::from('"');
        for c in arg.chars() {
            if matches!(c, '"' | '`' | '$' | '\\') {
                quoted.push('\\');
            }
            quoted.push(c);
        }
        quoted.push('"');
        quoted
    } else {
        arg.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        Args::parse(args.iter().map(OsString::from))
    }

    #[test]
    fn data_dir_in_both_spellings() {
        for args in [&["--data-dir", "/tmp/x"][..], &["--data-dir=/tmp/x"][..]] {
            let parsed = parse(args);
            assert_eq!(
                parsed.map(|a| a.data_dir),
                Ok(Some(PathBuf::from("/tmp/x"))),
                "{args:?} should set the data directory"
            );
        }
    }

    #[test]
    fn hidden_goes_with_the_data_dir() {
        let parsed = parse(&["--hidden", "--data-dir", "/tmp/x"]);
        assert_eq!(
            parsed.as_ref().map(|a| (a.hidden, a.data_dir.clone())),
            Ok((true, Some(PathBuf::from("/tmp/x")))),
            "--hidden and --data-dir must both be taken, got {parsed:?}"
        );
        assert_eq!(
            parse(&[]).map(|a| a.hidden),
            Ok(false),
            "without --hidden the window opens"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn autostart_arguments_are_quoted_for_the_desktop_entry() {
        assert_eq!(
            autostart_arg("--data-dir=/home/anna/canon"),
            "--data-dir=/home/anna/canon",
            "a plain path needs no quotes"
        );
        assert_eq!(
            autostart_arg("--data-dir=/home/anna/My Canon $data"),
            "\"--data-dir=/home/anna/My Canon \\$data\"",
            "a space is quoted and a dollar escaped"
        );
    }

    #[test]
    fn wrong_options_are_reported() {
        assert!(
            parse(&["--data-dir"]).is_err(),
            "a missing directory must be an error"
        );
        assert!(
            parse(&["--frobnicate"]).is_err(),
            "an unknown option must be an error"
        );
    }
}
