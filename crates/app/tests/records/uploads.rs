//! Files chosen in the window (sent as base64), exports to the export folder and a
//! backup restored from an upload.

use base64::Engine as _;
use canon_desk_app::documents::UploadInput;
use canon_desk_app::exports::{self, ExportKind, Separator};
use canon_desk_app::records::*;
use canon_desk_app::settings::{self, Settings};
use canon_desk_app::upload::{Upload, STAGING_DIR};
use canon_desk_app::{devices, documents, ErrorCode};

use super::{ctx, mfp, TestResult};

fn upload(name: &str, bytes: &[u8]) -> Upload {
    Upload {
        name: name.into(),
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    }
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[tokio::test]
async fn an_uploaded_document_stays_inside_the_data_directory() -> TestResult {
    let root = tempfile::tempdir()?;
    let data = root.path().join("data");
    let ctx = ctx(&data)?;
    let device = devices::create(&ctx, mfp("UPL0001")).await?;
    let doc = documents::attach_upload(
        &ctx,
        UploadInput {
            entity: DocumentEntity::Device,
            entity_id: device.id,
            kind: DocumentKind::Kbis,
            file: upload("../../escape/kbis.pdf", b"%PDF-1.4 test"),
        },
    )
    .await?;
    assert_eq!(
        doc.file_name, "kbis.pdf",
        "the label must be the last component only"
    );
    assert!(
        !root.path().join("escape").exists(),
        "a name with ../ must never create anything outside the data directory"
    );
    let stored = std::fs::read(documents::path(&ctx, doc.id).await?)?;
    assert_eq!(
        stored, b"%PDF-1.4 test",
        "the stored file must hold the uploaded bytes"
    );
    // Opened, it is a fresh copy under its own name inside the data directory.
    let copy = documents::viewer_copy(&ctx, doc.id).await?;
    assert_eq!(
        copy,
        data.join(documents::VIEW_DIR)
            .join(doc.id.to_string())
            .join("kbis.pdf"),
        "the viewer's copy must be view/<id>/<its name> in the data directory"
    );
    assert_eq!(
        std::fs::read(&copy)?,
        b"%PDF-1.4 test",
        "the copy must hold the document's bytes"
    );
    std::fs::write(&copy, b"changed by a viewer")?;
    let again = documents::viewer_copy(&ctx, doc.id).await?;
    assert_eq!(
        std::fs::read(&again)?,
        b"%PDF-1.4 test",
        "opening again must copy afresh from the stored content"
    );
    let runnable = documents::attach_upload(
        &ctx,
        UploadInput {
            entity: DocumentEntity::Device,
            entity_id: device.id,
            kind: DocumentKind::Other,
            file: upload("facture.pdf.exe", b"MZ not a pdf"),
        },
    )
    .await?;
    let err = documents::viewer_copy(&ctx, runnable.id)
        .await
        .err()
        .ok_or("a document named as a program must not be opened")?;
    assert_eq!(
        err.code,
        ErrorCode::UnsafeFile,
        "opening a .exe must be refused as unsafe: {err:?}"
    );
    assert!(
        !data
            .join(documents::VIEW_DIR)
            .join(runnable.id.to_string())
            .exists(),
        "nothing must be written for a refused document"
    );
    assert!(
        files_under(&data.join(STAGING_DIR)).is_empty(),
        "the staged copy must be removed once attached"
    );

    let err = documents::attach_upload(
        &ctx,
        UploadInput {
            entity: DocumentEntity::Device,
            entity_id: device.id,
            kind: DocumentKind::Other,
            file: Upload {
                name: "x.pdf".into(),
                base64: "not base64 at all!".into(),
            },
        },
    )
    .await
    .err()
    .ok_or("text that is not base64 must be refused")?;
    assert_eq!(
        err.code,
        ErrorCode::Validation,
        "a bad upload is a validation error: {err:?}"
    );
    assert_eq!(
        err.field.as_deref(),
        Some("file"),
        "the error must name the file: {err:?}"
    );
    Ok(())
}

#[tokio::test]
async fn exports_go_to_the_chosen_folder_under_fresh_names() -> TestResult {
    let root = tempfile::tempdir()?;
    let ctx = ctx(&root.path().join("data"))?;
    devices::create(&ctx, mfp("EXP0001")).await?;
    let out = root.path().join("my exports");
    settings::set(
        &ctx,
        Settings {
            export_dir: Some(out.display().to_string()),
            ..Settings::default()
        },
    )
    .await?;
    assert_eq!(
        exports::folder(&ctx).await?,
        out.display().to_string(),
        "the chosen folder must be used"
    );
    let first = exports::export_csv(&ctx, ExportKind::Devices, Separator::Comma).await?;
    let second = exports::export_csv(&ctx, ExportKind::Devices, Separator::Semicolon).await?;
    assert_ne!(
        first.path, second.path,
        "a second export must not overwrite the first"
    );
    for e in [&first, &second] {
        assert!(
            e.path.starts_with(&out.display().to_string()),
            "{} is not in the export folder",
            e.path
        );
        let text = std::fs::read_to_string(&e.path)?;
        assert!(
            text.contains("EXP0001"),
            "the export {} must list the device",
            e.path
        );
        assert_eq!(
            e.size_bytes as usize,
            text.len(),
            "the reported size must be the file's"
        );
        assert!(
            text.starts_with('\u{feff}'),
            "the export {} must start with a byte-order mark for Excel",
            e.path
        );
    }
    let first_text = std::fs::read_to_string(&first.path)?;
    let second_text = std::fs::read_to_string(&second.path)?;
    assert!(
        first_text.contains("\u{feff}serial,model,kind")
            && second_text.contains("\u{feff}serial;model;kind"),
        "each export must use the separator asked for: {first_text:?} / {second_text:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_backup_written_to_the_folder_restores_from_the_chosen_file() -> TestResult {
    let root = tempfile::tempdir()?;
    let ctx = ctx(&root.path().join("data"))?;
    settings::set(
        &ctx,
        Settings {
            export_dir: Some(root.path().join("out").display().to_string()),
            ..Settings::default()
        },
    )
    .await?;
    let device = devices::create(&ctx, mfp("BAK0001")).await?;
    let summary = exports::backup(&ctx).await?;
    assert!(
        summary.path.ends_with(".zip"),
        "the backup must be a zip: {}",
        summary.path
    );
    devices::delete(&ctx, device.id).await?;
    exports::restore_file(&ctx, std::path::Path::new(&summary.path), &mut |_| {}).await?;
    let listed = devices::list(&ctx, DeviceFilter::default()).await?;
    assert!(
        listed.iter().any(|d| d.serial == "BAK0001"),
        "after the restore the device deleted since the backup must be back"
    );
    let not_zip = root.path().join("not.zip");
    std::fs::write(&not_zip, b"plain text")?;
    let err = exports::restore_file(&ctx, &not_zip, &mut |_| {})
        .await
        .err()
        .ok_or("a file that is not a backup must be refused")?;
    assert_eq!(
        err.code,
        ErrorCode::Validation,
        "a bad archive is a validation error: {err:?}"
    );
    Ok(())
}

#[tokio::test]
async fn stray_staging_files_left_by_a_crash_are_swept_at_start_up() -> TestResult {
    let root = tempfile::tempdir()?;
    let data = root.path().join("data");
    drop(ctx(&data)?);
    // What an upload staged when the app stopped mid-way leaves behind.
    let stray = data.join(STAGING_DIR).join("upload-Xy12ab");
    std::fs::create_dir_all(&stray)?;
    std::fs::write(stray.join("upload.bin"), b"%PDF half a scan")?;
    let _ctx = ctx(&data)?;
    assert!(
        !stray.exists(),
        "a staging folder left by a crash must be swept when the app starts"
    );
    Ok(())
}
