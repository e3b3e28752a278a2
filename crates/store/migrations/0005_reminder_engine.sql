-- The reminder engine: every deadline of the record (requests, contracts, PO numbers,
-- later CPS) lives in `reminders`, one row per stable key, moved in place when its
-- date changes; each announcement is recorded in `reminder_firings` before it is
-- shown, so none fires twice, across restarts too.

-- What the deadline is for and the record it opens, read from the key for the rows
-- planned before (all of them requests).
ALTER TABLE reminders ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE reminders ADD COLUMN record_type TEXT NOT NULL DEFAULT '';
ALTER TABLE reminders ADD COLUMN record_id INTEGER;
-- The zone that governs the due instant (lead times are counted in it).
ALTER TABLE reminders ADD COLUMN zone TEXT NOT NULL DEFAULT 'Europe/Paris';
-- Words from the record that name what it concerns (a serial, a contract number).
ALTER TABLE reminders ADD COLUMN subject TEXT NOT NULL DEFAULT '';
-- The user's own lead times for this deadline (JSON array of days); NULL takes the
-- global setting.
ALTER TABLE reminders ADD COLUMN lead_days TEXT;
-- Bumped each time the deadline moves or its subject or lead times change: the
-- calendar event's SEQUENCE.
ALTER TABLE reminders ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
ALTER TABLE reminders ADD COLUMN updated_at TEXT;
ALTER TABLE reminders ADD COLUMN closed_at TEXT;

-- A meter-reading request's date is its own kind of deadline now.
UPDATE reminders SET source_key = 'request:' || request_id || ':meter_reading_due'
 WHERE source_key = 'request:' || request_id || ':notify_by'
   AND request_id IN (SELECT id FROM requests WHERE situation = 'answer_meter_reading_request');
UPDATE reminders SET
    kind = substr(source_key, length(rtrim(source_key, 'abcdefghijklmnopqrstuvwxyz_')) + 1),
    record_type = 'request',
    record_id = request_id,
    updated_at = created_at
 WHERE request_id IS NOT NULL;
-- "fired" meant nothing more than "pending" (nothing announced reminders before).
UPDATE reminders SET status = 'pending' WHERE status = 'fired';
-- Rows the old code closed were closed by the record, not by the user.
UPDATE reminders SET closed_at = created_at WHERE status IN ('done','dismissed');

CREATE INDEX reminders_record ON reminders(record_type, record_id);
CREATE INDEX reminders_contract ON reminders(contract_id);

CREATE TABLE reminder_firings (
    reminder_id INTEGER NOT NULL REFERENCES reminders(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,     -- the instant announced (a lead time, or a snooze's end)
    lead_days   INTEGER,           -- the lead time it stands for; NULL for a snooze's end
    fired_at    TEXT NOT NULL,     -- when it was recorded, just before it was shown
    PRIMARY KEY (reminder_id, at)
) WITHOUT ROWID;

-- A tacitly renewed contract renews for this many months (12 when not given).
ALTER TABLE contracts ADD COLUMN renewal_months INTEGER
    CHECK (renewal_months IS NULL OR renewal_months BETWEEN 1 AND 120);
