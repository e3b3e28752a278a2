-- The device list is read in serial order a page at a time, so every filtered
-- query walks the serial index and tests the status as it goes: the status index
-- was never chosen, and it cost every insert (a 10,000-row import above all).
DROP INDEX IF EXISTS devices_status;
