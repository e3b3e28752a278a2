//! Use cases for full backup and restore (database and documents in one zip).

use std::path::Path;

use canon_desk_store::{BackupSummary, RestoreSummary};

use crate::documents::DOCUMENTS_DIR;
use crate::{Ctx, Result};

/// Writes a backup to `dest` (a `.zip` the user chose).
pub async fn create(ctx: &Ctx, dest: String) -> Result<BackupSummary> {
    let now = ctx.now();
    let docs = ctx.data_dir().join(DOCUMENTS_DIR);
    Ok(ctx.store().create_backup(&docs, Path::new(&dest), now)?)
}

/// Restores a backup after checking all of it; the current database is copied
/// aside first and the documents are added under their hashes.
pub async fn restore(ctx: &Ctx, archive: String) -> Result<RestoreSummary> {
    let now = ctx.now();
    let docs = ctx.data_dir().join(DOCUMENTS_DIR);
    let summary = ctx
        .store()
        .restore_backup(&docs, Path::new(&archive), now)?;
    tracing::info!(documents = summary.documents, "backup restored");
    Ok(summary)
}
