//! Device commands.

use canon_desk_app::records::{
    AuditEntry, Device, DeviceFilter, DeviceInput, DevicePage, DeviceStatus, MeterReading,
    ReadingInput,
};
use canon_desk_app::{devices, readings, Result};

use super::{shielded, State};

/// The devices with these ids (deleted ones included), by serial number: the labels
/// of records that point at devices, without reading the whole list.
#[tauri::command]
#[specta::specta]
pub async fn devices_get(ctx: State<'_>, ids: Vec<i64>) -> Result<Vec<Device>> {
    shielded(ctx, |c| async move { devices::by_ids(&c, ids).await }).await
}

/// One page of the devices matching a filter, with the number of matches.
#[tauri::command]
#[specta::specta]
pub async fn devices_page(
    ctx: State<'_>,
    filter: DeviceFilter,
    offset: i64,
    limit: i64,
) -> Result<DevicePage> {
    shielded(ctx, move |c| async move {
        devices::page(&c, filter, offset, limit).await
    })
    .await
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

/// Changes a device's status; the history keeps the old one.
#[tauri::command]
#[specta::specta]
pub async fn device_set_status(ctx: State<'_>, id: i64, status: DeviceStatus) -> Result<Device> {
    shielded(ctx, move |c| async move {
        devices::set_status(&c, id, status).await
    })
    .await
}

/// Deletes a device (undoable; readings and links kept).
#[tauri::command]
#[specta::specta]
pub async fn device_delete(ctx: State<'_>, id: i64) -> Result<Device> {
    shielded(ctx, move |c| async move { devices::delete(&c, id).await }).await
}

/// Undoes a device deletion.
#[tauri::command]
#[specta::specta]
pub async fn device_restore(ctx: State<'_>, id: i64) -> Result<Device> {
    shielded(ctx, move |c| async move { devices::restore(&c, id).await }).await
}

/// Deleted devices, for the undo list.
#[tauri::command]
#[specta::specta]
pub async fn devices_deleted(ctx: State<'_>) -> Result<Vec<Device>> {
    shielded(ctx, move |c| async move { devices::deleted(&c).await }).await
}

/// A record's history from the audit log, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn record_history(ctx: State<'_>, entity: String, id: i64) -> Result<Vec<AuditEntry>> {
    shielded(ctx, move |c| async move {
        devices::history(&c, entity, id).await
    })
    .await
}

/// Records a meter reading.
#[tauri::command]
#[specta::specta]
pub async fn reading_add(ctx: State<'_>, input: ReadingInput) -> Result<MeterReading> {
    shielded(ctx, move |c| async move { readings::add(&c, input).await }).await
}

/// Takes back a reading typed wrong; it stays in the device's history.
#[tauri::command]
#[specta::specta]
pub async fn reading_delete(ctx: State<'_>, id: i64) -> Result<MeterReading> {
    shielded(ctx, move |c| async move { readings::delete(&c, id).await }).await
}

/// Undoes [`reading_delete`].
#[tauri::command]
#[specta::specta]
pub async fn reading_restore(ctx: State<'_>, id: i64) -> Result<MeterReading> {
    shielded(ctx, move |c| async move { readings::restore(&c, id).await }).await
}
