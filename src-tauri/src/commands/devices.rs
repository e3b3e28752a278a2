//! Device commands.

use canon_desk_app::records::{Device, DeviceFilter, DeviceInput, MeterReading};
use canon_desk_app::{devices, Result};

use super::{shielded, State};

/// Devices matching a filter.
#[tauri::command]
#[specta::specta]
pub async fn devices_list(ctx: State<'_>, filter: DeviceFilter) -> Result<Vec<Device>> {
    shielded(ctx, |c| async move { devices::list(&c, filter).await }).await
}

/// Adds a device.
#[tauri::command]
#[specta::specta]
pub async fn device_create(ctx: State<'_>, input: DeviceInput) -> Result<Device> {
    shielded(ctx, |c| async move { devices::create(&c, input).await }).await
}

/// Edits a device.
#[tauri::command]
#[specta::specta]
pub async fn device_update(ctx: State<'_>, id: i64, input: DeviceInput) -> Result<Device> {
    shielded(
        ctx,
        move |c| async move { devices::update(&c, id, input).await },
    )
    .await
}

/// A device's meter readings.
#[tauri::command]
#[specta::specta]
pub async fn readings_list(ctx: State<'_>, device_id: i64) -> Result<Vec<MeterReading>> {
    shielded(ctx, move |c| async move {
        devices::readings(&c, device_id).await
    })
    .await
}
