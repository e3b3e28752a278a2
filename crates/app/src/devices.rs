//! Use cases on devices and their meter readings.

use canon_desk_store::{Device, DeviceFilter, DeviceInput, MeterReading};

use crate::{Ctx, Result};

/// Devices matching a filter.
pub async fn list(ctx: &Ctx, filter: DeviceFilter) -> Result<Vec<Device>> {
    Ok(ctx.store().list_devices(&filter)?)
}

/// Adds a device to the record.
pub async fn create(ctx: &Ctx, input: DeviceInput) -> Result<Device> {
    let now = ctx.now();
    let device = ctx.store().create_device(&input, now)?;
    tracing::info!(id = device.id, "device created");
    Ok(device)
}

/// Edits a device.
pub async fn update(ctx: &Ctx, id: i64, input: DeviceInput) -> Result<Device> {
    let now = ctx.now();
    Ok(ctx.store().update_device(id, &input, now)?)
}

/// One page of the devices matching a filter, with the number of matches, for
/// lists that show a window of a large fleet.
pub async fn page(
    ctx: &Ctx,
    filter: DeviceFilter,
    offset: i64,
    limit: i64,
) -> Result<canon_desk_store::DevicePage> {
    crate::limits::check_page(offset, limit)?;
    Ok(ctx.store().page_devices(&filter, offset, limit)?)
}

/// The devices with these ids (deleted ones included), by serial number.
pub async fn by_ids(ctx: &Ctx, ids: Vec<i64>) -> Result<Vec<Device>> {
    Ok(ctx.store().devices_by_ids(&ids)?)
}

/// A device's meter readings, newest first.
pub async fn readings(ctx: &Ctx, device_id: i64) -> Result<Vec<MeterReading>> {
    Ok(ctx.store().list_readings(device_id)?)
}

/// Changes a device's status (active, moved, disposed); the history keeps the old one.
pub async fn set_status(
    ctx: &Ctx,
    id: i64,
    status: canon_desk_core::device::DeviceStatus,
) -> Result<Device> {
    let now = ctx.now();
    Ok(ctx.store().set_device_status(id, status, now)?)
}

/// Deletes a device (soft: undoable with [`restore`], readings and links kept).
pub async fn delete(ctx: &Ctx, id: i64) -> Result<Device> {
    let now = ctx.now();
    Ok(ctx.store().delete_device(id, now)?)
}

/// Undoes [`delete`].
pub async fn restore(ctx: &Ctx, id: i64) -> Result<Device> {
    let now = ctx.now();
    Ok(ctx.store().restore_device(id, now)?)
}

/// Deleted devices, for the undo list.
pub async fn deleted(ctx: &Ctx) -> Result<Vec<Device>> {
    Ok(ctx.store().deleted_devices()?)
}

/// The history of any record (`device`, `contract`, `site`, `document`,
/// `organisation`, `meter_reading`), oldest first.
pub async fn history(
    ctx: &Ctx,
    entity: String,
    id: i64,
) -> Result<Vec<canon_desk_store::AuditEntry>> {
    Ok(ctx.store().history(&entity, id)?)
}
