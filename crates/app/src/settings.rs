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
    let raw = ctx.store().setting(KEY)?;
    Ok(raw
        .and_then(|r| serde_json::from_str(&r).ok())
        .unwrap_or_default())
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
    let json =
        serde_json::to_string(&settings).map_err(|e| crate::Error::internal(e.to_string()))?;
    ctx.store().set_setting(KEY, &json)?;
    Ok(settings)
}
