//! Exports and backups written to the user's export folder (Downloads unless the
//! user chose another in Settings); each use case returns the file it wrote, so
//! the interface can show where it is.

use std::path::{Path, PathBuf};

use canon_desk_store::BackupSummary;
pub use canon_desk_store::Separator;
use serde::{Deserialize, Serialize};

use crate::documents::DOCUMENTS_DIR;
use crate::upload::Upload;
use crate::{Ctx, Result};

/// What to export as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// The devices, in the import's columns.
    Devices,
    /// The contracts.
    Contracts,
    /// The meter readings.
    Readings,
}

impl ExportKind {
    fn stem(self) -> &'static str {
        match self {
            ExportKind::Devices => "devices",
            ExportKind::Contracts => "contracts",
            ExportKind::Readings => "readings",
        }
    }
}

/// A file written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    /// The file's full path.
    pub path: String,
    /// Its size in bytes.
    pub size_bytes: i64,
}

/// The folder exports go to, created if missing.
pub async fn folder(ctx: &Ctx) -> Result<String> {
    Ok(export_dir(ctx).await?.display().to_string())
}

async fn export_dir(ctx: &Ctx) -> Result<PathBuf> {
    let chosen = crate::settings::get(ctx).await?.export_dir;
    let dir = chosen.map_or_else(|| ctx.default_export_dir().to_owned(), PathBuf::from);
    tokio::fs::create_dir_all(&dir).await?;
    Ok(dir)
}

/// A name in `dir` that is not taken yet: `stem-YYYY-MM-DD-HHMM.ext`, then `-2`, `-3` …
fn free_name(dir: &Path, stem: &str, ext: &str, now: chrono::DateTime<chrono::Utc>) -> PathBuf {
    let stamp = now
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d-%H%M")
        .to_string();
    let mut candidate = dir.join(format!("canon-desk-{stem}-{stamp}.{ext}"));
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("canon-desk-{stem}-{stamp}-{n}.{ext}"));
        n += 1;
    }
    candidate
}

/// Writes one CSV export to the export folder, ready for a spreadsheet: a UTF-8
/// byte-order mark and the separator Excel expects in the user's language (the
/// interface passes the semicolon in French and Italian, the comma in English).
pub async fn export_csv(ctx: &Ctx, kind: ExportKind, separator: Separator) -> Result<Exported> {
    let data = match kind {
        ExportKind::Devices => crate::csv::export_devices(ctx).await?,
        ExportKind::Contracts => crate::csv::export_contracts(ctx).await?,
        ExportKind::Readings => crate::csv::export_readings(ctx).await?,
    };
    let data = canon_desk_store::for_spreadsheet(&data, separator)?;
    let dir = export_dir(ctx).await?;
    let path = free_name(&dir, kind.stem(), "csv", ctx.now());
    tokio::fs::write(&path, data.as_bytes()).await?;
    tracing::info!(path = %path.display(), "export written");
    Ok(Exported {
        path: path.display().to_string(),
        size_bytes: i64::try_from(data.len()).unwrap_or(i64::MAX),
    })
}

/// Writes a full backup (database and documents) to the export folder.
pub async fn backup(ctx: &Ctx) -> Result<BackupSummary> {
    let dir = export_dir(ctx).await?;
    let path = free_name(&dir, "backup", "zip", ctx.now());
    crate::backup::create(ctx, path.display().to_string()).await
}

/// Restores a backup chosen in the window, after checking all of it.
pub async fn restore(ctx: &Ctx, file: Upload) -> Result<canon_desk_store::RestoreSummary> {
    let staged = crate::upload::stage(ctx, &file)?;
    let now = ctx.now();
    let docs = ctx.data_dir().join(DOCUMENTS_DIR);
    let summary = ctx.store().restore_backup(&docs, staged.path(), now)?;
    tracing::info!(documents = summary.documents, "backup restored");
    Ok(summary)
}
