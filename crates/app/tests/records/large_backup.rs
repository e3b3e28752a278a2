//! A backup holding over 200 MB of documents restores, read from the chosen file
//! entry by entry, in a small, measured amount of memory.

use std::io::Write;
use std::sync::Arc;

use canon_desk_app::clock::FixedClock;
use canon_desk_app::records::*;
use canon_desk_app::{devices, documents, exports, settings, Ctx};
use canon_desk_store::Store;
use chrono::{TimeZone, Utc};

use super::TestResult;

/// Scans as incompressible as real ones: 42 MB each of xorshift noise.
const SCAN_BYTES: usize = 42 << 20;
const SCANS: usize = 5;

fn write_noise(path: &std::path::Path, seed: u64) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut x = seed | 1;
    let mut chunk = vec![0u8; 1 << 20];
    for _ in 0..SCAN_BYTES >> 20 {
        for word in chunk.chunks_exact_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            word.copy_from_slice(&x.to_le_bytes());
        }
        file.write_all(&chunk)?;
    }
    file.flush()
}

/// A figure from /proc/self/status, in kB.
fn status_kb(field: &str) -> Result<u64, Box<dyn std::error::Error>> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| format!("no {field} in /proc/self/status").into())
}

#[tokio::test]
async fn a_backup_of_over_200_mb_of_documents_restores_in_little_memory() -> TestResult {
    let root = tempfile::tempdir()?;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .single()
        .ok_or("bad date")?;
    let data = root.path().join("data");
    let docs = data.join(documents::DOCUMENTS_DIR);
    {
        // The scans go in through the store, which streams each file to its place.
        let mut store = Store::open(&data.join(canon_desk_app::DB_FILE))?;
        let device = store.create_device(
            &DeviceInput {
                serial: "SCAN0001".into(),
                model: "imageRUNNER ADVANCE DX C5840i".into(),
                kind: DeviceKind::Mfp,
                site_id: None,
                ownership: Ownership::Owned,
                installed_on: None,
                meter_transmission: MeterTransmission::Manual,
                notes: String::new(),
            },
            now,
        )?;
        for i in 0..SCANS {
            let scan = root.path().join(format!("facture-{i}.pdf"));
            write_noise(&scan, 0x9E37_79B9_7F4A_7C15_u64.wrapping_mul(i as u64 + 1))?;
            store.add_document(
                &docs,
                DocumentEntity::Device,
                device.id,
                &scan,
                &format!("facture-{i}.pdf"),
                DocumentKind::Invoice,
                now,
            )?;
            std::fs::remove_file(&scan)?;
        }
    }
    let ctx = Ctx::open(&data, Arc::new(FixedClock(now)))?;
    settings::set(
        &ctx,
        settings::Settings {
            export_dir: Some(root.path().join("out").display().to_string()),
            ..Default::default()
        },
    )
    .await?;
    let backup = exports::backup(&ctx).await?;
    drop(ctx);
    let archive = std::path::PathBuf::from(&backup.path);
    let size = std::fs::metadata(&archive)?.len();
    assert!(
        size > 200 << 20,
        "the backup must hold over 200 MB, it is {} MB",
        size >> 20
    );

    // Restored into another, empty record.
    let other = root.path().join("other");
    let ctx = Ctx::open(&other, Arc::new(FixedClock(now)))?;
    let before_kb = status_kb("VmRSS:")?;
    // Writing 5 resets the peak resident size (VmHWM) to the current one (Linux).
    std::fs::write("/proc/self/clear_refs", "5")?;
    let mut seen = Vec::new();
    let summary = exports::restore_file(&ctx, &archive, &mut |p| seen.push(p)).await?;
    let peak_kb = status_kb("VmHWM:")?;
    eprintln!(
        "restore of a {} MB backup: peak resident memory {} MB (resident before: {} MB)",
        size >> 20,
        peak_kb >> 10,
        before_kb >> 10
    );
    assert_eq!(
        summary.documents as usize, SCANS,
        "every scan must be restored"
    );
    let listed = devices::list(&ctx, DeviceFilter::default()).await?;
    let device = listed.first().ok_or("the restored record has no device")?;
    let restored = documents::list(&ctx, DocumentEntity::Device, device.id).await?;
    assert_eq!(restored.len(), SCANS, "the device must list its scans");
    for entry in std::fs::read_dir(other.join(documents::DOCUMENTS_DIR))?.flatten() {
        for file in std::fs::read_dir(entry.path())?.flatten() {
            assert_eq!(
                file.metadata()?.len() as usize,
                SCAN_BYTES,
                "a restored scan must be whole: {:?}",
                file.path()
            );
        }
    }
    let last = seen.last().ok_or("no progress was reported")?;
    assert!(
        seen.len() > SCANS && last.done_bytes == last.total_bytes && last.total_bytes > 200 << 20,
        "progress must be reported along the way and end at the total: {} reports, last {last:?}",
        seen.len()
    );
    assert!(
        seen.windows(2).all(|w| w[0].done_bytes <= w[1].done_bytes),
        "progress never goes back"
    );
    // The archive is never read into memory: the peak stays far below its size.
    assert!(
        peak_kb < 100 << 10,
        "restoring a {} MB backup must not hold it in memory: peak {} MB",
        size >> 20,
        peak_kb >> 10
    );
    Ok(())
}
