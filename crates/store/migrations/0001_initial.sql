-- Canon Desk, schema 1: the organisation, its sites and devices, contracts, meter
-- readings, requests to Canon, reminders, documents, settings and the audit log.
-- Dates are ISO 8601 text: calendar dates as YYYY-MM-DD, instants as UTC RFC 3339.
-- Enumerations are checked here as well as in Rust so that a hand-edited database
-- cannot hold a value the app would fail to read.

CREATE TABLE organisation (
    id                  INTEGER PRIMARY KEY CHECK (id = 1), -- one organisation per database
    legal_name          TEXT NOT NULL,
    country             TEXT NOT NULL DEFAULT 'FR',          -- ISO 3166-1 alpha-2
    siren               TEXT,                                -- France: 9 digits
    siret               TEXT,                                -- France: 14 digits (head office)
    vat_number          TEXT,                                -- EU VAT (FR TVA, IT Partita IVA ...)
    invoice_postal_address TEXT NOT NULL DEFAULT '',
    invoice_email       TEXT,
    sales_contact_name  TEXT,
    sales_contact_email TEXT,
    canon_iban          TEXT,                                -- known-good details printed on invoices
    canon_bic           TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

-- Canon customer numbers, as printed on invoices; an organisation may have several.
CREATE TABLE customer_numbers (
    id         INTEGER PRIMARY KEY,
    number     TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE sites (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    address     TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT 'FR',
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE devices (
    id                 INTEGER PRIMARY KEY,
    serial             TEXT NOT NULL UNIQUE,   -- normalised: no spaces, case as Canon prints it
    model              TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('printer','mfp','production_press','large_format','camera','lens')),
    site_id            INTEGER REFERENCES sites(id) ON DELETE RESTRICT,
    ownership          TEXT NOT NULL CHECK (ownership IN ('owned','leased','rented')),
    installed_on       TEXT,
    meter_transmission TEXT NOT NULL CHECK (meter_transmission IN ('automatic','manual')),
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','moved','disposed')),
    notes              TEXT NOT NULL DEFAULT '',
    deleted_at         TEXT,                   -- soft deletion, so that it can be undone
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX devices_site ON devices(site_id);
CREATE INDEX devices_status ON devices(status);

CREATE TABLE contracts (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,     -- Canon contract number
    kind             TEXT NOT NULL CHECK (kind IN ('maintenance','lease','rental')),
    customer_number  TEXT NOT NULL DEFAULT '',
    billing_entity   TEXT NOT NULL DEFAULT '',
    invoice_delivery TEXT NOT NULL DEFAULT 'paper' CHECK (invoice_delivery IN ('paper','email')),
    invoice_address  TEXT NOT NULL DEFAULT '', -- postal address or email, by invoice_delivery
    starts_on        TEXT,
    ends_on          TEXT,
    renewal          TEXT NOT NULL DEFAULT 'tacit' CHECK (renewal IN ('tacit','express')),
    notice_months    INTEGER CHECK (notice_months IS NULL OR notice_months >= 0),
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','terminated')),
    deleted_at       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

-- Purchase-order numbers with their validity; past ones are kept, never overwritten.
CREATE TABLE contract_po_numbers (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
    po_number   TEXT NOT NULL,
    valid_from  TEXT,
    valid_to    TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX contract_po_numbers_contract ON contract_po_numbers(contract_id, valid_from);

-- Many devices per contract.
CREATE TABLE contract_devices (
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
    device_id   INTEGER NOT NULL REFERENCES devices(id) ON DELETE RESTRICT,
    PRIMARY KEY (contract_id, device_id)
) WITHOUT ROWID;
CREATE INDEX contract_devices_device ON contract_devices(device_id);

CREATE TABLE meter_readings (
    id         INTEGER PRIMARY KEY,
    device_id  INTEGER NOT NULL REFERENCES devices(id) ON DELETE RESTRICT,
    counter    TEXT NOT NULL,                  -- black, colour, large_format, ... as the device has
    value      INTEGER NOT NULL CHECK (value >= 0),
    read_on    TEXT NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('manual','automatic','estimated')),
    is_reset   INTEGER NOT NULL DEFAULT 0 CHECK (is_reset IN (0, 1)),
    created_at TEXT NOT NULL
);
CREATE INDEX meter_readings_device ON meter_readings(device_id, counter, read_on);

-- Requests made to Canon: one per wizard run, whatever the channel.
CREATE TABLE requests (
    id           INTEGER PRIMARY KEY,
    situation    TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','outbox','sent','acknowledged','done','cancelled')),
    channel      TEXT CHECK (channel IN ('email','mail_client','phone')),
    device_id    INTEGER REFERENCES devices(id) ON DELETE RESTRICT,
    contract_id  INTEGER REFERENCES contracts(id) ON DELETE RESTRICT,
    effective_on TEXT,
    notify_by    TEXT,                         -- date by which Canon must be told
    recipient    TEXT,
    subject      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    facts_json   TEXT NOT NULL DEFAULT '{}',   -- what the user typed, so nothing is lost
    eml_sha256   TEXT,                         -- the exact message sent, stored as a document
    last_error   TEXT,
    outcome      TEXT NOT NULL DEFAULT '',
    sent_at      TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX requests_status ON requests(status);

CREATE TABLE reminders (
    id            INTEGER PRIMARY KEY,
    source_key    TEXT NOT NULL UNIQUE,        -- what planned it, so a restart never duplicates it
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    due_at        TEXT NOT NULL,               -- UTC instant
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','fired','snoozed','done','dismissed')),
    snoozed_until TEXT,
    fired_at      TEXT,
    request_id    INTEGER REFERENCES requests(id) ON DELETE RESTRICT,
    device_id     INTEGER REFERENCES devices(id) ON DELETE RESTRICT,
    contract_id   INTEGER REFERENCES contracts(id) ON DELETE RESTRICT,
    created_at    TEXT NOT NULL
);
CREATE INDEX reminders_due ON reminders(status, due_at);

-- Files are stored under their content hash in the data directory; this is their index.
CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    sha256     TEXT NOT NULL,
    file_name  TEXT NOT NULL,                  -- the name the user knows it by, never used as a path
    kind       TEXT NOT NULL CHECK (kind IN ('kbis','vat_certificate','invoice','meter_reading_page','email','other')),
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    entity     TEXT NOT NULL CHECK (entity IN ('organisation','site','device','contract','request')),
    entity_id  INTEGER NOT NULL,
    deleted_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX documents_entity ON documents(entity, entity_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create','update','delete','restore')),
    before    TEXT,                            -- JSON of the record before, NULL on create
    after     TEXT                             -- JSON of the record after, NULL on delete
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id);
