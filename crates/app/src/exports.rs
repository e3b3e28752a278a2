//! Exports and backups written to the user's export folder (Downloads unless the
//! user chose another in Settings); each use case returns the file it wrote, so
//! the interface can show where it is.

use std::path::{Path, PathBuf};

pub use canon_desk_store::Separator;
use canon_desk_store::{BackupSummary, RestoreProgress, RestoreSummary};
use serde::{Deserialize, Serialize};

use crate::documents::DOCUMENTS_DIR;
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

pub(crate) async fn export_dir(ctx: &Ctx) -> Result<PathBuf> {
    let chosen = crate::settings::get(ctx).await?.export_dir;
    let dir = chosen.map_or_else(|| ctx.default_export_dir().to_owned(), PathBuf::from);
    tokio::fs::create_dir_all(&dir).await?;
    Ok(dir)
}

/// The names tried in `dir`: `stem-YYYY-MM-DD-HHMM.ext`, then `-2`, `-3` …
fn names<'a>(
    dir: &'a Path,
    stem: &'a str,
    ext: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> impl Iterator<Item = PathBuf> + 'a {
    let stamp = now
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d-%H%M")
        .to_string();
    let first = dir.join(format!("canon-desk-{stem}-{stamp}.{ext}"));
    let ext = ext.to_owned();
    std::iter::once(first)
        .chain((2..).map(move |n| dir.join(format!("canon-desk-{stem}-{stamp}-{n}.{ext}"))))
}

/// A file created in `dir` under the first free name, atomically (`create_new`): a
/// file that appears under a name meanwhile is never written over.
pub(crate) fn create_fresh(
    dir: &Path,
    stem: &str,
    ext: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(PathBuf, std::fs::File)> {
    for candidate in names(dir, stem, ext, now).take(10_000) {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(crate::Error::internal(format!(
        "no free file name for the {stem} export in {}",
        dir.display()
    )))
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
    let (path, mut file) = create_fresh(&dir, kind.stem(), "csv", ctx.now())?;
    std::io::Write::write_all(&mut file, data.as_bytes())?;
    file.sync_all()?;
    tracing::info!(path = %path.display(), "export written");
    Ok(Exported {
        path: path.display().to_string(),
        size_bytes: i64::try_from(data.len()).unwrap_or(i64::MAX),
    })
}

/// Writes a full backup (database and documents) to the export folder.
pub async fn backup(ctx: &Ctx) -> Result<BackupSummary> {
    let dir = export_dir(ctx).await?;
    // The name is taken at once (an empty file), so no other export takes it; the
    // backup is then written beside it and put in its place.
    let (path, file) = create_fresh(&dir, "backup", "zip", ctx.now())?;
    drop(file);
    std::fs::remove_file(&path)?;
    crate::backup::create(ctx, path.display().to_string()).await
}

/// Restores the backup at `archive`, a file the user chose in the system's file
/// dialog (opened by the shell: the interface never names a path), after checking
/// all of it. The archive is read from where it lies, entry by entry, each streamed
/// to disk, so a backup of any size restores in little memory; `progress` hears
/// how far it has gone.
pub async fn restore_file(
    ctx: &Ctx,
    archive: &Path,
    progress: &mut (dyn FnMut(RestoreProgress) + Send),
) -> Result<RestoreSummary> {
    let now = ctx.now();
    let docs = ctx.data_dir().join(DOCUMENTS_DIR);
    let summary = ctx
        .store()
        .restore_backup_with_progress(&docs, archive, now, progress)?;
    tracing::info!(documents = summary.documents, "backup restored");
    Ok(summary)
}
