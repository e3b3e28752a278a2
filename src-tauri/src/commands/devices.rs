//! Device commands.

use canon_desk_app::records::{
    AuditEntry, Device, DeviceFilter, DeviceInput, DevicePage, DeviceStatus, MeterReading,
    ReadingInput,
};
use canon_desk_app::{devices, readings};

use super::{shielded, Answer, State};

/// The devices with these ids (deleted ones included), by serial number: the labels
/// of records that point at devices, without reading the whole list.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn devices_get(ctx: State<'_>, ids: Vec<i64>) -> Answer<Vec<Device>> {
    shielded(&ctx, |c| async move { devices::by_ids(&c, ids).await })
}

/// One page of the devices matching a filter, with the number of matches.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn devices_page(
    ctx: State<'_>,
    filter: DeviceFilter,
    offset: i64,
    limit: i64,
) -> Answer<DevicePage> {
    shielded(&ctx, move |c| async move {
        devices::page(&c, filter, offset, limit).await
    })
}

/// Adds a device.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn device_create(ctx: State<'_>, input: DeviceInput) -> Answer<Device> {
    shielded(&ctx, |c| async move { devices::create(&c, input).await })
}

/// Edits a device.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn device_update(ctx: State<'_>, id: i64, input: DeviceInput) -> Answer<Device> {
    shielded(&ctx, move |c| async move {
        devices::update(&c, id, input).await
    })
}

/// A device's meter readings.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn readings_list(ctx: State<'_>, device_id: i64) -> Answer<Vec<MeterReading>> {
    shielded(&ctx, move |c| async move {
        devices::readings(&c, device_id).await
    })
}

/// Changes a device's status; the history keeps the old one.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn device_set_status(ctx: State<'_>, id: i64, status: DeviceStatus) -> Answer<Device> {
    shielded(&ctx, move |c| async move {
        devices::set_status(&c, id, status).await
    })
}

/// Deletes a device (undoable; readings and links kept).
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn device_delete(ctx: State<'_>, id: i64) -> Answer<Device> {
    shielded(&ctx, move |c| async move { devices::delete(&c, id).await })
}

/// Undoes a device deletion.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn device_restore(ctx: State<'_>, id: i64) -> Answer<Device> {
    shielded(&ctx, move |c| async move { devices::restore(&c, id).await })
}

/// Deleted devices, for the undo list.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn devices_deleted(ctx: State<'_>) -> Answer<Vec<Device>> {
    shielded(&ctx, move |c| async move { devices::deleted(&c).await })
}

/// A record's history from the audit log, oldest first.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn record_history(ctx: State<'_>, entity: String, id: i64) -> Answer<Vec<AuditEntry>> {
    shielded(&ctx, move |c| async move {
        devices::history(&c, entity, id).await
    })
}

/// Records a meter reading.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reading_add(ctx: State<'_>, input: ReadingInput) -> Answer<MeterReading> {
    shielded(&ctx, move |c| async move { readings::add(&c, input).await })
}

/// Takes back a reading typed wrong; it stays in the device's history.
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reading_delete(ctx: State<'_>, id: i64) -> Answer<MeterReading> {
    shielded(&ctx, move |c| async move { readings::delete(&c, id).await })
}

/// Undoes [`reading_delete`].
#[tauri::command(root = "crate")]
#[specta::specta]
pub fn reading_restore(ctx: State<'_>, id: i64) -> Answer<MeterReading> {
    shielded(
        &ctx,
        move |c| async move { readings::restore(&c, id).await },
    )
}
