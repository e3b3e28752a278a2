-- Substring search of the device list (serial number, model, site name) is served by
-- trigram full-text indexes instead of a LIKE '%...%' scan of every row: FTS5's
-- trigram tokenizer answers a substring of three characters or more from the index,
-- case-insensitively, as LIKE did. Shorter searches still scan (see devices.rs).
-- The indexes hold no text of their own (external content): triggers keep them in
-- step with their tables, so every write path (forms, import, restore, undo) is covered.
CREATE VIRTUAL TABLE devices_search USING fts5(
    serial, model, content='devices', content_rowid='id', tokenize='trigram'
);
INSERT INTO devices_search(devices_search) VALUES ('rebuild');

CREATE TRIGGER devices_search_insert AFTER INSERT ON devices BEGIN
    INSERT INTO devices_search(rowid, serial, model) VALUES (new.id, new.serial, new.model);
END;
CREATE TRIGGER devices_search_delete AFTER DELETE ON devices BEGIN
    INSERT INTO devices_search(devices_search, rowid, serial, model)
        VALUES ('delete', old.id, old.serial, old.model);
END;
CREATE TRIGGER devices_search_update AFTER UPDATE OF serial, model ON devices BEGIN
    INSERT INTO devices_search(devices_search, rowid, serial, model)
        VALUES ('delete', old.id, old.serial, old.model);
    INSERT INTO devices_search(rowid, serial, model) VALUES (new.id, new.serial, new.model);
END;

CREATE VIRTUAL TABLE sites_search USING fts5(
    name, content='sites', content_rowid='id', tokenize='trigram'
);
INSERT INTO sites_search(sites_search) VALUES ('rebuild');

CREATE TRIGGER sites_search_insert AFTER INSERT ON sites BEGIN
    INSERT INTO sites_search(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER sites_search_delete AFTER DELETE ON sites BEGIN
    INSERT INTO sites_search(sites_search, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER sites_search_update AFTER UPDATE OF name ON sites BEGIN
    INSERT INTO sites_search(sites_search, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO sites_search(rowid, name) VALUES (new.id, new.name);
END;
