//! Organisation, documents, CSV, exports and backups.

use canon_desk_app::documents::UploadInput;
use canon_desk_app::exports::{ExportKind, Exported, Separator};
use std::path::PathBuf;
use std::sync::Arc;

use canon_desk_app::records::{
    BackupSummary, DeviceImport, Document, DocumentEntity, OrganisationProfile, RestoreProgress,
    RestoreSummary,
};
use canon_desk_app::{csv, documents, exports, organisation, Error, ErrorCode, Result};
use tauri::ipc::Channel;

use super::{shielded, Answer, State};

/// The organisation's identity, once set up.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn organisation_get(ctx: State<'_>) -> Answer<Option<OrganisationProfile>> {
    shielded(&ctx, move |c| async move { organisation::get(&c).await })
}

/// Validates and saves the organisation's identity.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn organisation_save(
    ctx: State<'_>,
    input: OrganisationProfile,
) -> Answer<OrganisationProfile> {
    shielded(
        &ctx,
        move |c| async move { organisation::save(&c, input).await },
    )
}

/// Documents attached to a record.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn documents_list(
    ctx: State<'_>,
    entity: DocumentEntity,
    entity_id: i64,
) -> Answer<Vec<Document>> {
    shielded(&ctx, move |c| async move {
        documents::list(&c, entity, entity_id).await
    })
}

/// Attaches a file chosen in the window.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn document_attach(ctx: State<'_>, input: UploadInput) -> Answer<Document> {
    shielded(&ctx, move |c| async move {
        documents::attach_upload(&c, input).await
    })
}

/// Detaches a document (undoable).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn document_delete(ctx: State<'_>, id: i64) -> Answer<Document> {
    shielded(
        &ctx,
        move |c| async move { documents::delete(&c, id).await },
    )
}

/// Undoes a document deletion.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn document_restore(ctx: State<'_>, id: i64) -> Answer<Document> {
    shielded(
        &ctx,
        move |c| async move { documents::restore(&c, id).await },
    )
}

/// Checks every row of a device CSV without writing anything.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn csv_preview_devices(ctx: State<'_>, data: String) -> Answer<DeviceImport> {
    shielded(&ctx, move |c| async move {
        csv::preview_devices(&c, data).await
    })
}

/// Imports a device CSV, all rows or none.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn csv_import_devices(ctx: State<'_>, data: String) -> Answer<DeviceImport> {
    shielded(
        &ctx,
        move |c| async move { csv::import_devices(&c, data).await },
    )
}

/// Writes a CSV export to the export folder, with the separator Excel expects in
/// the interface's language.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn export_csv(ctx: State<'_>, kind: ExportKind, separator: Separator) -> Answer<Exported> {
    shielded(&ctx, move |c| async move {
        exports::export_csv(&c, kind, separator).await
    })
}

/// The folder exports and backups go to.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn export_folder(ctx: State<'_>) -> Answer<String> {
    shielded(&ctx, move |c| async move { exports::folder(&c).await })
}

/// Writes a full backup to the export folder.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn backup_create(ctx: State<'_>) -> Answer<BackupSummary> {
    shielded(&ctx, move |c| async move { exports::backup(&c).await })
}

/// Asks the user for a backup in the system's file dialog, then restores it, telling
/// the window how far it has gone on `on_progress`. `None` when the user closed the
/// dialog without choosing. The interface never names a path: the shell asks.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn backup_restore(
    app: tauri::AppHandle,
    ctx: State<'_>,
    on_progress: Channel<RestoreProgress>,
) -> Answer<Option<RestoreSummary>> {
    let ctx = Arc::clone(&ctx);
    Answer::new(async move {
        let Some(archive) = pick_backup(&app).await? else {
            return Ok(None);
        };
        shielded(&ctx, move |c| async move {
            let mut tell = |p: RestoreProgress| {
                // A window closed meanwhile stops hearing; the restore goes on.
                let _ = on_progress.send(p);
            };
            exports::restore_file(&c, &archive, &mut tell)
                .await
                .map(Some)
        })
        .await
    })
}

/// With this variable set to a file, the backup "chosen" for a restore is the path
/// written in that file (nothing, or no file, is a dialog closed without choosing)
/// and no dialog opens: a native dialog cannot be driven by WebDriver, so the
/// end-to-end tests name the file there. Nothing else reads it.
pub const PICK_FILE_ENV: &str = "CANON_DESK_PICK_FILE";

/// The backup the user chose in the system's file dialog, or `None`.
async fn pick_backup(app: &tauri::AppHandle) -> Result<Option<PathBuf>> {
    if let Some(answer) = std::env::var_os(PICK_FILE_ENV) {
        let chosen = std::fs::read_to_string(answer).unwrap_or_default();
        let chosen = chosen.trim();
        return Ok((!chosen.is_empty()).then(|| PathBuf::from(chosen)));
    }
    use tauri_plugin_dialog::DialogExt;
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("Canon Desk backup", &["zip"])
        .pick_file(move |file| {
            let _ = tx.send(file);
        });
    let Ok(Some(file)) = rx.await else {
        return Ok(None);
    };
    file.into_path().map(Some).map_err(|e| Error {
        code: ErrorCode::Validation,
        message: format!("the chosen file cannot be read: {e}"),
        field: Some("archive".to_owned()),
    })
}

/// Opens a document with the system's viewer: a fresh copy under its own name in the
/// data folder (so the system knows its type by the extension), made by the backend,
/// so the interface never names a file to open. Programs and scripts are refused.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn document_open(app: tauri::AppHandle, ctx: State<'_>, id: i64) -> Answer<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = shielded(&ctx, move |c| async move {
        documents::viewer_copy(&c, id)
            .await
            .map(|p| p.display().to_string())
    });
    Answer::new(async move {
        app.opener()
            .open_path(path.await?, None::<&str>)
            .map_err(|e| {
                canon_desk_app::Error::internal(format!("the document could not be opened: {e}"))
            })
    })
}
