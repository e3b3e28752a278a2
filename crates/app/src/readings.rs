//! Use cases on meter readings.

use canon_desk_store::{MeterReading, ReadingInput};

use crate::{Ctx, Result};

/// Records a reading; a value lower than the previous one of the same counter is
/// refused on the `value` field unless `is_reset` says the counter was reset.
pub async fn add(ctx: &Ctx, input: ReadingInput) -> Result<MeterReading> {
    let now = ctx.now();
    Ok(ctx.store().add_reading(&input, now)?)
}
