-- Canon Desk: a request is claimed before its message is delivered, and keeps one
-- Message-ID for life.
-- `sending_at` is set, in a transaction, before the message goes to the SMTP server
-- and cleared when the outcome is recorded: a request still claimed after a crash is
-- one that may have left, which the user is asked about instead of it being sent again.
-- `message_id` is the Message-ID header every copy of the request carries, so a copy
-- sent again is recognisably the same message.
ALTER TABLE requests ADD COLUMN sending_at TEXT;
ALTER TABLE requests ADD COLUMN message_id TEXT;
