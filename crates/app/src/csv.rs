//! Use cases for CSV import and export.

use std::path::Path;

use canon_desk_store::DeviceImport;

use crate::{Ctx, Result};

/// Checks every row of a device CSV without writing anything.
pub async fn preview_devices(ctx: &Ctx, data: String) -> Result<DeviceImport> {
    Ok(ctx.store().preview_device_import(&data)?)
}

/// Imports every row in one transaction, or none when a row has an error (the
/// report lists them with their line numbers and fields).
pub async fn import_devices(ctx: &Ctx, data: String) -> Result<DeviceImport> {
    let now = ctx.now();
    let report = ctx.store().import_devices(&data, now)?;
    tracing::info!(
        imported = report.imported,
        errors = report.errors.len(),
        "device import"
    );
    Ok(report)
}

/// Devices as CSV, in the import's columns.
pub async fn export_devices(ctx: &Ctx) -> Result<String> {
    Ok(ctx.store().export_devices_csv()?)
}

/// Contracts as CSV.
pub async fn export_contracts(ctx: &Ctx) -> Result<String> {
    Ok(ctx.store().export_contracts_csv()?)
}

/// Meter readings as CSV.
pub async fn export_readings(ctx: &Ctx) -> Result<String> {
    Ok(ctx.store().export_readings_csv()?)
}

/// Writes an export to a file chosen by the user.
pub async fn write_file(path: String, data: String) -> Result<()> {
    tokio::fs::write(Path::new(&path), data).await?;
    Ok(())
}
