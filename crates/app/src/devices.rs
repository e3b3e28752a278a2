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

/// A device's meter readings, newest first.
pub async fn readings(ctx: &Ctx, device_id: i64) -> Result<Vec<MeterReading>> {
    Ok(ctx.store().list_readings(device_id)?)
}
