-- The user's calendar (CalDAV): what each deadline's event was last published as, and
-- the rhythm of retries. What is waiting to be published is not stored: it is every
-- open deadline whose event differs from what was last sent, and every sent event
-- whose deadline is closed or gone. The connection itself (server, user name, chosen
-- calendar) is a setting; the password lives in the OS keychain only.

CREATE TABLE calendar_events (
    -- The deadline's stable key (reminders.source_key); no foreign key, so that an
    -- event outlives its deadline until it has been deleted from the server.
    source_key   TEXT PRIMARY KEY,
    -- Where the event lives on the server (a path), and its entity tag there.
    href         TEXT NOT NULL,
    etag         TEXT,
    -- A fingerprint of what was published (date, words, alarms): a deadline whose
    -- fingerprint differs is published again.
    fingerprint  TEXT NOT NULL,
    -- The exact text sent: the base against which a user's edits on the server are
    -- told apart from ours when the server reports a conflict.
    body         TEXT NOT NULL,
    -- The deadline's revision when it was published (the event's SEQUENCE).
    revision     INTEGER NOT NULL,
    published_at TEXT NOT NULL
);

CREATE TABLE calendar_sync (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    -- Failed attempts in a row, and when to try again.
    failures        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    -- The last failure: its class (connection, timeout, auth, rejected, temporary)
    -- and the server's or the network's words.
    last_error_code TEXT,
    last_error      TEXT,
    last_success_at TEXT
);
INSERT INTO calendar_sync (id) VALUES (1);
