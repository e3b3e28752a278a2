-- A reading typed wrong can be taken back: it is marked deleted (and can be restored),
-- never removed, so its history stays. Deleted readings no longer count for the
-- checks against the readings before and after, nor for exports.
ALTER TABLE meter_readings ADD COLUMN deleted_at TEXT;
