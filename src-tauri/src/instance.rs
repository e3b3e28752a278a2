//! One running app per record: a second launch hands over to the first
//! (`tauri-plugin-single-instance`) and exits.
//!
//! On Linux the plugin owns a name on the D-Bus session bus. That name is scoped by
//! the data directory: two apps on two records (the end-to-end tests start several
//! at once on one bus, each with its own `--data-dir`) do not see each other, while
//! a second launch on the same record finds the first. Windows (a named mutex) and
//! macOS (a socket in /tmp) scope it by the app's identifier only: one app per user
//! session, whatever the data directory.

use std::path::Path;

use tauri::{AppHandle, Runtime};

use crate::cli::HIDDEN;
use crate::window;

/// The D-Bus name (before the plugin's `.SingleInstance`) for a record kept in
/// `data_dir`, or the app's identifier for the default data directory.
pub fn dbus_id(identifier: &str, data_dir: Option<&Path>) -> String {
    match data_dir {
        None => identifier.to_owned(),
        Some(dir) => {
            // The same folder named two ways (relative, through a link) is one record.
            let dir = dir
                .canonicalize()
                .or_else(|_| std::path::absolute(dir))
                .unwrap_or_else(|_| dir.to_owned());
            // A name element may not start with a digit: the hash follows a letter.
            format!(
                "{identifier}.D{:016x}",
                fnv1a(dir.as_os_str().as_encoded_bytes())
            )
        }
    }
}

/// FNV-1a, 64 bits: stable across builds and Rust versions, unlike `DefaultHasher`,
/// so two versions of the app on one record still find each other.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The plugin, set to bring the running window forward when the app is launched
/// again. A launch with `--hidden` (start at login while the app already runs)
/// leaves the window as it is.
pub fn plugin<R: Runtime>(data_dir: Option<&Path>) -> tauri::plugin::TauriPlugin<R> {
    #[cfg_attr(not(target_os = "linux"), allow(unused_mut))]
    let mut builder = tauri_plugin_single_instance::Builder::new().callback(
        |app: &AppHandle<R>, argv: Vec<String>, _cwd| {
            tracing::info!("a second launch handed over to this one");
            if !argv.iter().any(|a| a == HIDDEN) {
                window::bring_forward(app);
            }
        },
    );
    #[cfg(target_os = "linux")]
    {
        builder = builder.dbus_id(dbus_id(IDENTIFIER, data_dir));
    }
    #[cfg(not(target_os = "linux"))]
    let _ = data_dir;
    builder.build()
}

/// The identifier of tauri.conf.json, read at compile time so that the D-Bus name is
/// known before Tauri has loaded its configuration.
const IDENTIFIER: &str = "org.canondesk.desk";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_record_uses_the_identifier() {
        assert_eq!(
            dbus_id("org.canondesk.desk", None),
            "org.canondesk.desk",
            "the default data directory keeps the plain identifier"
        );
    }

    #[test]
    fn each_data_dir_has_its_own_name_and_the_same_dir_the_same() {
        let a = tempfile::tempdir().expect("temp dir");
        let b = tempfile::tempdir().expect("temp dir");
        let id_a = dbus_id(IDENTIFIER, Some(a.path()));
        let id_b = dbus_id(IDENTIFIER, Some(b.path()));
        assert_ne!(id_a, id_b, "two records must not share a D-Bus name");
        std::fs::create_dir(a.path().join("sub")).expect("a sub-folder");
        let dotted = a.path().join("sub").join("..");
        assert_eq!(
            dbus_id(IDENTIFIER, Some(&dotted)),
            id_a,
            "the same folder named another way must give the same name"
        );
        // A D-Bus name element is [A-Za-z_-][A-Za-z0-9_-]*.
        let last = id_a.rsplit('.').next().unwrap_or_default();
        assert!(
            last.starts_with('D') && last[1..].chars().all(|c| c.is_ascii_hexdigit()),
            "the scoped element must be a letter then hex digits: {id_a}"
        );
    }

    #[test]
    fn the_identifier_constant_matches_the_configuration() {
        let conf = include_str!("../tauri.conf.json");
        assert!(
            conf.contains(&format!("\"identifier\": \"{IDENTIFIER}\"")),
            "IDENTIFIER must be the identifier of tauri.conf.json"
        );
    }
}
