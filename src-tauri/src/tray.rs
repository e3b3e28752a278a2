//! The tray icon: how many items are due, and a menu to open the window or quit.
//!
//! On Linux the icon is a StatusNotifierItem (libayatana-appindicator) that only a
//! StatusNotifierWatcher on the session bus shows: KDE, Xfce, Cinnamon, MATE and
//! GNOME with the AppIndicator extension run one; plain GNOME does not, and then
//! [`shown`] is false, Settings says so and closing the window minimises it.
//! Appindicator icons report no clicks, only their menu, so the count is also the
//! menu's first (disabled) line; on Windows and macOS a click on the icon opens
//! the window and the tooltip carries the count.

use std::sync::Mutex;

use canon_desk_app::settings::Locale;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime};

use crate::{texts, window};

/// The names under which a desktop's StatusNotifierWatcher answers on the session bus.
pub const WATCHER_NAMES: [&str; 2] = [
    "org.kde.StatusNotifierWatcher",
    "org.freedesktop.StatusNotifierWatcher",
];

/// Whether the desktop shows tray icons, from the session bus's answers to "does
/// this name have an owner?" for each of [`WATCHER_NAMES`]. No bus, or a bus that
/// did not answer, counts as no tray: better to minimise a window than to hide it
/// where nothing can bring it back.
pub fn shown_from_answers<E>(answers: impl IntoIterator<Item = Result<bool, E>>) -> bool {
    answers.into_iter().any(|a| matches!(a, Ok(true)))
}

/// Whether the desktop shows tray icons right now. Windows and macOS always do.
pub fn shown() -> bool {
    #[cfg(target_os = "linux")]
    {
        let answers: Vec<Result<bool, String>> = match zbus::blocking::Connection::session() {
            Err(e) => vec![Err(e.to_string())],
            Ok(connection) => match zbus::blocking::fdo::DBusProxy::new(&connection) {
                Err(e) => vec![Err(e.to_string())],
                Ok(proxy) => WATCHER_NAMES
                    .iter()
                    .map(|name| {
                        zbus::names::BusName::try_from(*name)
                            .map_err(|e| e.to_string())
                            .and_then(|n| proxy.name_has_owner(n).map_err(|e| e.to_string()))
                    })
                    .collect(),
            },
        };
        let shown = shown_from_answers(answers.iter().cloned());
        tracing::info!(shown, ?answers, "tray: StatusNotifierWatcher looked up");
        shown
    }
    #[cfg(not(target_os = "linux"))]
    true
}

/// The icon and the menu items whose words change.
pub struct Tray<R: Runtime> {
    icon: TrayIcon<R>,
    status: MenuItem<R>,
    open: MenuItem<R>,
    quit: MenuItem<R>,
}

/// The tray as the app keeps it: `None` when it could not be made.
pub struct TrayState<R: Runtime>(pub Mutex<Option<Tray<R>>>);

const OPEN_ID: &str = "open";
const QUIT_ID: &str = "quit";

/// Makes the tray icon and its menu, in `locale`.
pub fn build<R: Runtime>(app: &AppHandle<R>, locale: Locale) -> tauri::Result<Tray<R>> {
    let status = MenuItem::with_id(app, "status", texts::due(locale, 0), false, None::<&str>)?;
    let open = MenuItem::with_id(app, OPEN_ID, texts::open(locale), true, None::<&str>)?;
    let quit = MenuItem::with_id(app, QUIT_ID, texts::quit(locale), true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&status, &separator, &open, &quit])?;
    let mut builder = TrayIconBuilder::with_id("main")
        .menu(&menu)
        .tooltip(texts::tooltip(locale, 0))
        // A left click opens the window (Windows, macOS); the menu is on the right.
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id().as_ref() {
            OPEN_ID => window::bring_forward(app),
            QUIT_ID => {
                tracing::info!("quit from the tray");
                app.exit(0);
            }
            _ => {}
        })
        .on_tray_icon_event(|icon, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                window::bring_forward(icon.app_handle());
            }
        });
    if let Some(image) = app.default_window_icon() {
        builder = builder.icon(image.clone());
    }
    let tray = Tray {
        icon: builder.build(app)?,
        status,
        open,
        quit,
    };
    tray.update(locale, 0);
    Ok(tray)
}

impl<R: Runtime> Tray<R> {
    /// Shows `count` due items and the menu in `locale`.
    pub fn update(&self, locale: Locale, count: u32) {
        let due = texts::due(locale, count);
        let results = [
            self.status.set_text(&due),
            self.open.set_text(texts::open(locale)),
            self.quit.set_text(texts::quit(locale)),
            self.icon.set_tooltip(Some(texts::tooltip(locale, count))),
            // The title is drawn beside the icon on Linux and macOS: the count alone,
            // and nothing when nothing is due.
            self.icon.set_title((count > 0).then(|| count.to_string())),
        ];
        for result in results {
            if let Err(e) = result {
                tracing::warn!(error = %e, "the tray could not be updated");
            }
        }
    }
}

/// Updates the tray, if there is one.
pub fn update<R: Runtime>(app: &AppHandle<R>, locale: Locale, count: u32) {
    if let Some(state) = app.try_state::<TrayState<R>>() {
        let tray = state
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(tray) = tray.as_ref() {
            tray.update(locale, count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tray_is_shown_only_when_a_watcher_answers() {
        let no: [Result<bool, &str>; 2] = [Ok(false), Ok(false)];
        assert!(!shown_from_answers(no), "no watcher owns a name: no tray");
        let kde: [Result<bool, &str>; 2] = [Ok(true), Ok(false)];
        assert!(shown_from_answers(kde), "KDE's watcher is there: a tray");
        let other: [Result<bool, &str>; 2] = [Err("timeout"), Ok(true)];
        assert!(
            shown_from_answers(other),
            "the freedesktop watcher is there: a tray"
        );
        let no_bus: [Result<bool, &str>; 1] = [Err("no session bus")];
        assert!(!shown_from_answers(no_bus), "no bus: no tray");
    }
}
