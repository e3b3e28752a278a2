-- Canon Desk, schema 6: Canon Professional Services (CPS) for photographers.
-- Cameras and lenses stay in `devices` (serial, model, purchase date in installed_on);
-- what CPS asks beside them is in `cps_products`, one row per device. The Business
-- account, the level table, checkouts and memberships each have their table. The
-- Canon account's password is never here: it lives in the OS keychain.

-- What CPS's "My products" asks of a camera or lens besides its serial, model and
-- purchase date (devices.installed_on). Blank text is a missing detail.
CREATE TABLE cps_products (
    device_id           INTEGER PRIMARY KEY REFERENCES devices(id) ON DELETE RESTRICT,
    country_of_purchase TEXT NOT NULL DEFAULT '',   -- ISO 3166-1 alpha-2 or as typed
    dealer              TEXT NOT NULL DEFAULT '',
    points              INTEGER CHECK (points IS NULL OR points >= 0), -- as the user read it; NULL unknown
    registration        TEXT NOT NULL DEFAULT 'not_registered'
                        CHECK (registration IN ('not_registered','registered','migrated')),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

-- The organisation's Canon Business account: one per record.
CREATE TABLE cps_account (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    login_email       TEXT NOT NULL,
    has_vat           INTEGER NOT NULL CHECK (has_vat IN (0, 1)),
    proof_kind        TEXT NOT NULL CHECK (proof_kind IN ('vat_certificate','commercial_invoice',
                          'company_invoice','business_licence','chamber_of_commerce_certificate')),
    proof_document_id INTEGER REFERENCES documents(id) ON DELETE RESTRICT,
    old_cps_email     TEXT,                         -- NULL: products are registered again
    requested_on      TEXT NOT NULL,
    validated_on      TEXT,
    password_set_on   TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

-- The level table: thresholds and yearly prices excluding VAT, entered by the user.
-- Only Silver starts with a price, the CPS guide's example, marked as such.
CREATE TABLE cps_levels (
    level        TEXT PRIMARY KEY CHECK (level IN ('silver','gold','platinum','corporate')),
    threshold    INTEGER CHECK (threshold IS NULL OR threshold >= 0),
    price_minor  INTEGER CHECK (price_minor IS NULL OR price_minor > 0),
    currency     TEXT,
    price_source TEXT CHECK (price_source IN ('guide_example','user')),
    updated_at   TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO cps_levels (level, threshold, price_minor, currency, price_source, updated_at) VALUES
    ('silver',    NULL, 8500, 'GBP', 'guide_example', '1970-01-01T00:00:00.000Z'),
    ('gold',      NULL, NULL, NULL,  NULL,            '1970-01-01T00:00:00.000Z'),
    ('platinum',  NULL, NULL, NULL,  NULL,            '1970-01-01T00:00:00.000Z'),
    ('corporate', NULL, NULL, NULL,  NULL,            '1970-01-01T00:00:00.000Z');

-- A subscription bought on the portal: what the review page said, then the invoice.
CREATE TABLE cps_checkouts (
    id            INTEGER PRIMARY KEY,
    level         TEXT NOT NULL CHECK (level IN ('silver','gold','platinum','corporate')),
    price_minor   INTEGER NOT NULL CHECK (price_minor > 0),
    currency      TEXT NOT NULL,
    subscription  TEXT NOT NULL CHECK (subscription IN ('auto_renewal','one_off')),
    po_number     TEXT,
    payment       TEXT NOT NULL CHECK (payment IN ('card','bank_transfer')),
    terms_accepted_at TEXT NOT NULL,               -- the portal cannot finish without them
    portal_opened_at  TEXT NOT NULL,
    invoice_date  TEXT,
    due_date      TEXT,
    settled_on    TEXT,                            -- transfer made, or charge seen
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Memberships as the CPS dashboard shows them. A new number is a new row; the
-- row it replaces is kept, marked superseded by it.
CREATE TABLE cps_memberships (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','expired','cancelled')),
    level         TEXT NOT NULL CHECK (level IN ('silver','gold','platinum','corporate')),
    expires_on    TEXT,
    subscription  TEXT NOT NULL CHECK (subscription IN ('auto_renewal','one_off')),
    payment       TEXT NOT NULL CHECK (payment IN ('card','bank_transfer')),
    po_number     TEXT,
    checkout_id   INTEGER REFERENCES cps_checkouts(id) ON DELETE RESTRICT,
    superseded_by INTEGER REFERENCES cps_memberships(id) ON DELETE RESTRICT,
    superseded_at TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
