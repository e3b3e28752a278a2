//! The user's preferences: language and theme.

use serde::{Deserialize, Serialize};

use crate::{Ctx, Result};

/// Interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    /// English.
    En,
    /// French.
    Fr,
    /// Italian.
    It,
}

/// Colour themes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// The preferences; `locale: None` follows the system language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Chosen language, or the system's.
    pub locale: Option<Locale>,
    /// Chosen theme.
    pub theme: Theme,
    /// Folder that exports and backups are written to; `None` is the user's
    /// Downloads folder.
    #[serde(default)]
    pub export_dir: Option<String>,
}

const KEY: &str = "ui.preferences";

/// The saved preferences, or the defaults. A value that no longer parses (written
/// by a newer version, say) gives the defaults rather than an error at start-up.
pub async fn get(ctx: &Ctx) -> Result<Settings> {
    stored(ctx, KEY)
}

/// The value saved under `key`, or the default when there is none or it no longer parses.
fn stored<T: serde::de::DeserializeOwned + Default>(ctx: &Ctx, key: &str) -> Result<T> {
    let raw = ctx.store().setting(key)?;
    Ok(raw
        .and_then(|r| serde_json::from_str(&r).ok())
        .unwrap_or_default())
}

/// Saves `value` as JSON under `key`.
fn store<T: Serialize>(ctx: &Ctx, key: &str, value: &T) -> Result<()> {
    let json = serde_json::to_string(value).map_err(|e| crate::Error::internal(e.to_string()))?;
    ctx.store().set_setting(key, &json)?;
    Ok(())
}

/// Saves the preferences and returns them. A blank export folder means the default;
/// any other must be an absolute path.
pub async fn set(ctx: &Ctx, mut settings: Settings) -> Result<Settings> {
    settings.export_dir = settings
        .export_dir
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty());
    if let Some(dir) = &settings.export_dir {
        if !std::path::Path::new(dir).is_absolute() {
            return Err(crate::Error {
                code: crate::ErrorCode::Validation,
                message: format!("the export folder must be a full path: {dir}"),
                field: Some("exportDir".to_owned()),
            });
        }
    }
    store(ctx, KEY, &settings)?;
    Ok(settings)
}

/// What closing the window does. Either way the app keeps running, so reminders are
/// still delivered; Quit in the tray menu is what ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CloseAction {
    /// Hide the window; the tray icon brings it back.
    Tray,
    /// Minimise the window to the taskbar (for desktops that show no tray).
    Minimise,
}

impl CloseAction {
    /// What closing does when the user has not chosen: to the tray where the desktop
    /// shows one, minimised where it does not (the window would otherwise vanish
    /// with nothing on screen to bring it back).
    pub fn effective(chosen: Option<CloseAction>, tray_shown: bool) -> CloseAction {
        match (chosen, tray_shown) {
            (Some(action), _) => action,
            (None, true) => CloseAction::Tray,
            (None, false) => CloseAction::Minimise,
        }
    }
}

/// The desktop's preferences, kept apart from the interface's (a different key) since
/// the shell reads them without the window.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DesktopPrefs {
    /// What closing the window does; `None` decides from whether a tray is shown.
    #[serde(default)]
    pub close_action: Option<CloseAction>,
    /// Whether the user was told, on a first close, that the app keeps running.
    #[serde(default)]
    pub told_still_running: bool,
}

const DESKTOP_KEY: &str = "desktop.preferences";

/// The desktop's preferences, or the defaults (also for a value that no longer parses).
pub async fn desktop(ctx: &Ctx) -> Result<DesktopPrefs> {
    stored(ctx, DESKTOP_KEY)
}

/// Saves the desktop's preferences and returns them.
pub async fn set_desktop(ctx: &Ctx, prefs: DesktopPrefs) -> Result<DesktopPrefs> {
    store(ctx, DESKTOP_KEY, &prefs)?;
    Ok(prefs)
}

/// The user's language: the one chosen in Settings, else the system's when it is
/// French or Italian, else English (as the interface resolves it).
pub fn resolve_locale(chosen: Option<Locale>, system: Option<&str>) -> Locale {
    chosen.unwrap_or_else(|| {
        match system
            .map(|s| s.get(..2).unwrap_or(s).to_ascii_lowercase())
            .as_deref()
        {
            Some("fr") => Locale::Fr,
            Some("it") => Locale::It,
            _ => Locale::En,
        }
    })
}

#[cfg(test)]
mod desktop_tests {
    use super::CloseAction;

    #[test]
    fn closing_follows_the_choice_and_otherwise_the_tray() {
        use CloseAction::*;
        for (chosen, tray, expected) in [
            (None, true, Tray),
            (None, false, Minimise),
            (Some(Minimise), true, Minimise),
            (Some(Tray), false, Tray),
        ] {
            assert_eq!(
                CloseAction::effective(chosen, tray),
                expected,
                "chosen {chosen:?} with tray shown = {tray}"
            );
        }
    }
}
