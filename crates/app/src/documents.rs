//! Use cases on documents attached to records.

use std::path::{Path, PathBuf};

use canon_desk_store::{Document, DocumentEntity, DocumentKind};
use serde::{Deserialize, Serialize};

use crate::upload::Upload;
use crate::{Ctx, Result};

/// Name of the documents directory inside the data directory.
pub const DOCUMENTS_DIR: &str = "documents";

/// A file to attach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AttachInput {
    /// The kind of record.
    pub entity: DocumentEntity,
    /// The record's id.
    pub entity_id: i64,
    /// The file chosen by the user; it is copied, never moved.
    pub source_path: String,
    /// What the document is.
    pub kind: DocumentKind,
}

fn docs_dir(ctx: &Ctx) -> PathBuf {
    ctx.data_dir().join(DOCUMENTS_DIR)
}

/// Copies a file into the data directory under its content hash and attaches it.
/// Its file name becomes the label only; links and non-regular files are refused.
pub async fn attach(ctx: &Ctx, input: AttachInput) -> Result<Document> {
    let now = ctx.now();
    let source = Path::new(&input.source_path);
    let label = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let docs = docs_dir(ctx);
    Ok(ctx.store().add_document(
        &docs,
        input.entity,
        input.entity_id,
        source,
        &label,
        input.kind,
        now,
    )?)
}

/// A file chosen in the window, to attach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UploadInput {
    /// The kind of record.
    pub entity: DocumentEntity,
    /// The record's id.
    pub entity_id: i64,
    /// What the document is.
    pub kind: DocumentKind,
    /// The file.
    pub file: Upload,
}

/// Attaches a file chosen in the window: staged, then stored under its content
/// hash like [`attach`]; its name is a label only.
pub async fn attach_upload(ctx: &Ctx, input: UploadInput) -> Result<Document> {
    let now = ctx.now();
    let staged = crate::upload::stage(ctx, &input.file)?;
    let docs = docs_dir(ctx);
    let document = ctx.store().add_document(
        &docs,
        input.entity,
        input.entity_id,
        staged.path(),
        staged.label(),
        input.kind,
        now,
    )?;
    Ok(document)
}

/// Documents attached to a record, newest first.
pub async fn list(ctx: &Ctx, entity: DocumentEntity, entity_id: i64) -> Result<Vec<Document>> {
    Ok(ctx.store().list_documents(entity, entity_id)?)
}

/// The document's file, resolved inside the data directory, for the system viewer.
pub async fn path(ctx: &Ctx, id: i64) -> Result<String> {
    let docs = docs_dir(ctx);
    Ok(ctx.store().document_path(&docs, id)?.display().to_string())
}

/// Detaches a document (undoable with [`restore`]).
pub async fn delete(ctx: &Ctx, id: i64) -> Result<Document> {
    let now = ctx.now();
    Ok(ctx.store().delete_document(id, now)?)
}

/// Undoes [`delete`].
pub async fn restore(ctx: &Ctx, id: i64) -> Result<Document> {
    let now = ctx.now();
    Ok(ctx.store().restore_document(id, now)?)
}
