-- Canon Desk, schema 2: what the billing wizards need beyond schema 1's requests table.
-- The exact message sent is kept as a file under the data directory; its path is
-- stored beside its hash. A failed send keeps a machine-readable code next to the
-- human reason so the outbox can say why and the interface can translate it.

ALTER TABLE requests ADD COLUMN eml_path TEXT;
ALTER TABLE requests ADD COLUMN error_code TEXT;
ALTER TABLE requests ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
-- Files to attach, as JSON [{ "path": ..., "fileName": ..., "kind": ... }].
ALTER TABLE requests ADD COLUMN attachments_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE requests ADD COLUMN acknowledged_at TEXT;
ALTER TABLE requests ADD COLUMN done_at TEXT;
ALTER TABLE requests ADD COLUMN cancelled_at TEXT;

CREATE INDEX requests_device ON requests(device_id);
CREATE INDEX requests_contract ON requests(contract_id);
