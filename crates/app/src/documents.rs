//! Use cases on documents attached to records.

use std::path::{Path, PathBuf};

use canon_desk_store::{Document, DocumentEntity, DocumentKind};
use serde::{Deserialize, Serialize};

use crate::upload::{safe_label, Upload};
use crate::{Ctx, Error, ErrorCode, Result};

/// Name of the documents directory inside the data directory.
pub const DOCUMENTS_DIR: &str = "documents";

/// Name of the directory, inside the data directory, where a document is copied
/// under its own name to be opened by the system viewer.
pub const VIEW_DIR: &str = "view";

/// The only types handed to the system viewer, by extension: PDF, images, plain
/// text, office documents that cannot hold macros, and the exact messages the app
/// sent. Anything else (a program, a script, a web page or an SVG that runs scripts,
/// an office file with macros, a type the viewer would have to guess) is refused:
/// an allow-list, because a list of dangerous types is never complete.
const VIEWABLE: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "heic", "txt", "csv", "rtf",
    "docx", "xlsx", "pptx", "odt", "ods", "odp", "eml",
];

/// Names Windows keeps for devices: a file cannot be called so, whatever its extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Where the viewer's copy of document `id`, labelled `label`, goes:
/// `<data_dir>/view/<id>/<name>`, where the name is the label reduced to a plain file
/// name (no directory, no character a file system reads specially, no trailing dot or
/// space, no device name). Refuses a label whose extension is not a harmless type.
/// Pure: it touches no file.
pub fn view_path(data_dir: &Path, id: i64, label: &str) -> Result<PathBuf> {
    // Windows drops trailing dots and spaces, so "x.exe." would run as "x.exe".
    let name = safe_label(label)
        .trim_end_matches(['.', ' '])
        .replace(['/', '\\'], "_");
    let name = if name.is_empty() {
        "document".to_owned()
    } else {
        name
    };
    let lower = name.to_lowercase();
    let extension = lower.rsplit_once('.').map(|(_, e)| e.trim());
    if !extension.is_some_and(|e| VIEWABLE.contains(&e)) {
        return Err(Error {
            code: ErrorCode::UnsafeFile,
            message: format!(
                "{name:?} is not a document type Canon Desk opens (PDF, images, text, office documents without macros)"
            ),
            field: None,
        });
    }
    let stem = lower.split('.').next().unwrap_or_default().trim();
    let name = if RESERVED.contains(&stem) {
        format!("_{name}")
    } else {
        name
    };
    Ok(data_dir.join(VIEW_DIR).join(id.to_string()).join(name))
}

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

/// Copies a document, fresh from its stored content, to `<data_dir>/view/<id>/` under
/// its own (sanitised) name, so the system viewer knows it by its extension, and
/// returns that path. A document whose name would run a program is refused.
pub async fn viewer_copy(ctx: &Ctx, id: i64) -> Result<PathBuf> {
    let (doc, source) = {
        let store = ctx.store();
        let doc = store.document(id)?;
        let source = store.document_path(&docs_dir(ctx), id)?;
        (doc, source)
    };
    let dest = view_path(ctx.data_dir(), doc.id, &doc.file_name)?;
    let dir = ctx.data_dir().join(VIEW_DIR).join(doc.id.to_string());
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        // A viewer may still hold the previous copy open (Windows): it is the same
        // content under the same name, so it serves, unless it is not a plain file.
        Err(e) => {
            let same = std::fs::symlink_metadata(&dest)
                .ok()
                .zip(std::fs::metadata(&source).ok())
                .is_some_and(|(d, s)| d.is_file() && d.len() == s.len());
            return if same {
                Ok(dest)
            } else {
                Err(Error::internal(format!(
                    "the previous copy could not be replaced: {e}"
                )))
            };
        }
    }
    std::fs::create_dir_all(&dir).map_err(io_error)?;
    // The folder must be the one asked for, not a link planted to lead elsewhere.
    let root = ctx
        .data_dir()
        .canonicalize()
        .map_err(io_error)?
        .join(VIEW_DIR);
    if !dir.canonicalize().map_err(io_error)?.starts_with(&root) {
        return Err(Error::internal(
            "the viewer folder leads outside the data folder",
        ));
    }
    std::fs::copy(&source, &dest).map_err(io_error)?;
    Ok(dest)
}

fn io_error(e: std::io::Error) -> Error {
    Error {
        code: ErrorCode::Storage,
        message: e.to_string(),
        field: None,
    }
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{view_path, VIEW_DIR};
    use crate::ErrorCode;

    #[test]
    fn the_copy_goes_under_the_data_dir_with_its_real_name() {
        let data = Path::new("/data");
        let path = view_path(data, 7, "K-bis 2026.pdf").ok();
        assert_eq!(
            path,
            Some(data.join(VIEW_DIR).join("7").join("K-bis 2026.pdf")),
            "a plain label must be kept as the copy's name, under view/<id>"
        );
    }

    #[test]
    fn a_forged_label_cannot_leave_the_view_folder() {
        let data = Path::new("/data");
        let folder = data.join(VIEW_DIR).join("3");
        // A label that leaves no name of a harmless type is refused outright.
        for nameless in ["..", ".", "", "../../../etc/passwd"] {
            assert_eq!(
                view_path(data, 3, nameless).err().map(|e| e.code),
                Some(ErrorCode::UnsafeFile),
                "{nameless:?} names no document type and must be refused"
            );
        }
        for forged in [
            "../../../etc/passwd.pdf",
            "..\\..\\Windows\\win.ini.txt",
            "/etc/shadow.txt",
            "C:\\Users\\x\\a.pdf",
            "a/../../b.pdf",
            "con.pdf",
            "facture.pdf. . .",
        ] {
            let path = view_path(data, 3, forged);
            let Ok(path) = path else {
                panic!("{forged:?} must still give a name, got {path:?}");
            };
            assert_eq!(
                path.parent(),
                Some(folder.as_path()),
                "{forged:?} must land directly in the document's view folder, got {path:?}"
            );
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            assert!(
                !name.is_empty()
                    && name != ".."
                    && name != "."
                    && !name.contains(['/', '\\', ':'])
                    && !name.ends_with(['.', ' ']),
                "{forged:?} must become a plain file name, got {name:?}"
            );
        }
        assert_eq!(
            view_path(data, 3, "con.pdf").ok(),
            Some(folder.join("_con.pdf")),
            "a Windows device name must not be the file's name"
        );
    }

    #[test]
    fn programs_and_scripts_are_refused() {
        let data = Path::new("/data");
        for name in [
            "facture.exe",
            "FACTURE.PDF.EXE",
            "run.bat",
            "a.cmd",
            "setup.msi",
            "x.ps1",
            "x.sh",
            "Viewer.app",
            "x.js",
            "x.vbs",
            "x.jar",
            "x.scr",
            "raccourci.lnk",
            "x.com",
            "trap.exe.",
            "trap.exe  ",
            "../evil.desktop",
        ] {
            let code = view_path(data, 1, name).err().map(|e| e.code);
            assert_eq!(
                code,
                Some(ErrorCode::UnsafeFile),
                "{name:?} would run a program and must be refused"
            );
        }
        assert!(
            view_path(data, 1, "scan.pdf").is_ok() && view_path(data, 1, "photo.JPG").is_ok(),
            "documents must be accepted"
        );
    }

    #[test]
    fn only_harmless_types_are_opened() {
        let data = Path::new("/data");
        // Not programs, yet not harmless either: a page that runs scripts in the
        // browser, an image that can carry them, office files with macros, and
        // anything the viewer would have to guess.
        for name in [
            "facture.html",
            "facture.htm",
            "logo.svg",
            "contrat.docm",
            "releve.xlsm",
            "offre.pptm",
            "ancien.doc",
            "fichier.xyz",
            "sans-extension",
        ] {
            let code = view_path(data, 1, name).err().map(|e| e.code);
            assert_eq!(
                code,
                Some(ErrorCode::UnsafeFile),
                "{name:?} is not on the list of harmless types and must be refused"
            );
        }
        for name in [
            "scan.pdf",
            "photo.jpeg",
            "plan.png",
            "page.tiff",
            "notes.txt",
            "releve.csv",
            "contrat.docx",
            "releve.xlsx",
            "offre.pptx",
            "contrat.odt",
            "tableau.ods",
            "lettre.rtf",
            "request-12.eml",
        ] {
            assert!(
                view_path(data, 1, name).is_ok(),
                "{name:?} is a harmless document and must open"
            );
        }
    }
}
