//! Use cases on meter readings.

use canon_desk_store::{MeterReading, ReadingInput};

use crate::{Ctx, Result};

/// Records a reading; a value lower than the previous one of the same counter is
/// refused on the `value` field unless `is_reset` says the counter was reset.
pub async fn add(ctx: &Ctx, input: ReadingInput) -> Result<MeterReading> {
    let now = ctx.now();
    Ok(ctx.store().add_reading(&input, now)?)
}

/// Takes back a reading typed wrong (undone by [`restore`]).
pub async fn delete(ctx: &Ctx, id: i64) -> Result<MeterReading> {
    let now = ctx.now();
    Ok(ctx.store().delete_reading(id, now)?)
}

/// Undoes [`delete`].
pub async fn restore(ctx: &Ctx, id: i64) -> Result<MeterReading> {
    let now = ctx.now();
    Ok(ctx.store().restore_reading(id, now)?)
}
