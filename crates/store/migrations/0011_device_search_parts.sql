-- A text search of the device list answers its count and its first page from indexes,
-- one part per way a device can match, instead of reading every match to count and
-- sort it (migration 0010 walked the serial index past the matches, which still read
-- about ten index entries per device shown when a model matched a tenth of the fleet).

-- Every model name the record has used, each once: a search finds the few matching
-- names here (a short list, matched in Rust), then their devices through the index
-- below, in serial order. Names are never taken out (a name no device bears any more
-- matches no device); the list grows only with the names the user types.
CREATE TABLE device_models (name TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
INSERT INTO device_models (name) SELECT DISTINCT model FROM devices ORDER BY model;

-- No conflict clause: an outer INSERT OR REPLACE or OR ROLLBACK would pass its own
-- down to the trigger; NOT EXISTS never conflicts.
CREATE TRIGGER device_models_from_insert AFTER INSERT ON devices BEGIN
    INSERT INTO device_models (name) SELECT new.model
        WHERE NOT EXISTS (SELECT 1 FROM device_models WHERE name = new.model);
END;
CREATE TRIGGER device_models_from_update AFTER UPDATE OF model ON devices BEGIN
    INSERT INTO device_models (name) SELECT new.model
        WHERE NOT EXISTS (SELECT 1 FROM device_models WHERE name = new.model);
END;

-- Serial numbers get a trigram index of their own, in place of migration 0008's index of
-- serial numbers and models together: a search for a model no longer reads, in the
-- index, the postings of every device bearing it only to find no serial number.
DROP TRIGGER devices_search_insert;
DROP TRIGGER devices_search_delete;
DROP TRIGGER devices_search_update;
DROP TABLE devices_search;
CREATE VIRTUAL TABLE devices_serial_search USING fts5(
    serial, content='devices', content_rowid='id', tokenize='trigram'
);
INSERT INTO devices_serial_search(devices_serial_search) VALUES ('rebuild');
CREATE TRIGGER devices_serial_search_insert AFTER INSERT ON devices BEGIN
    INSERT INTO devices_serial_search(rowid, serial) VALUES (new.id, new.serial);
END;
CREATE TRIGGER devices_serial_search_delete AFTER DELETE ON devices BEGIN
    INSERT INTO devices_serial_search(devices_serial_search, rowid, serial)
        VALUES ('delete', old.id, old.serial);
END;
CREATE TRIGGER devices_serial_search_update AFTER UPDATE OF serial ON devices BEGIN
    INSERT INTO devices_serial_search(devices_serial_search, rowid, serial)
        VALUES ('delete', old.id, old.serial);
    INSERT INTO devices_serial_search(rowid, serial) VALUES (new.id, new.serial);
END;

-- The live devices of a model in serial order.
CREATE INDEX devices_live_model ON devices(model, serial) WHERE deleted_at IS NULL;
-- The live devices of a site in serial order, with their model, so a search counts a
-- site's devices that its model part has not already counted without reading them.
DROP INDEX devices_live_site;
CREATE INDEX devices_live_site ON devices(site_id, serial, model) WHERE deleted_at IS NULL;
