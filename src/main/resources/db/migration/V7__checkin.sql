-- Check-in: one row per (activity, participant), enforced by the unique key the group commit relies on.
CREATE SCHEMA IF NOT EXISTS checkin;

CREATE TABLE checkin.check_in (
    id             uuid PRIMARY KEY,
    activity_id    uuid NOT NULL,
    participant_id uuid NOT NULL,
    channel        text NOT NULL CHECK (channel IN ('ONSITE', 'ONLINE')),
    checked_in_at  timestamptz NOT NULL,
    CONSTRAINT check_in_once UNIQUE (activity_id, participant_id)
);

-- Idempotency-Key records, scoped by participant so one client's keys never reveal another's answers.
-- The stored answer is the receipt's fields; the HTTP status derives from first_time.
CREATE TABLE checkin.idempotency_key (
    participant_id uuid NOT NULL,
    key            text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash   text NOT NULL,
    state          text NOT NULL CHECK (state IN ('IN_PROGRESS', 'DONE')),
    check_in_id    uuid,
    checked_in_at  timestamptz,
    first_time     boolean,
    created_at     timestamptz NOT NULL,
    locked_until   timestamptz NOT NULL,
    PRIMARY KEY (participant_id, key)
);
CREATE INDEX idempotency_key_created_idx ON checkin.idempotency_key (created_at);
