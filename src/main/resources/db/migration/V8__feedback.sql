-- Feedback (反馈评价): one row per (activity, participant), editable in place; reports and per-activity aggregates.
-- Activity and participant ids come from other modules (activity, checkin): no foreign keys across schemas.
CREATE TABLE feedback.feedback (
    id             uuid PRIMARY KEY,
    activity_id    uuid NOT NULL,
    participant_id uuid NOT NULL,
    rating         smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    tags           text[] NOT NULL CHECK (cardinality(tags) <= 5),
    -- plain text as typed (NFC, trimmed); encoded on output, never here
    comment        text CHECK (char_length(comment) BETWEEN 1 AND 500),
    -- VISIBLE: listed; HELD: a sensitive word holds it for review; REPORTED: hidden by reports; REMOVED: by a moderator
    state          text NOT NULL CHECK (state IN ('VISIBLE', 'HELD', 'REPORTED', 'REMOVED')),
    -- reports since the last restore; the threshold hides the comment
    reports        integer NOT NULL DEFAULT 0 CHECK (reports >= 0),
    reply          text CHECK (char_length(reply) BETWEEN 1 AND 500),
    replied_at     timestamptz,
    replied_by     text,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT feedback_once UNIQUE (activity_id, participant_id)
);
-- the public listing: visible feedback of one activity, newest first (keyset paging)
CREATE INDEX feedback_visible_idx ON feedback.feedback (activity_id, created_at DESC, id DESC) WHERE state = 'VISIBLE';

-- one report per participant per feedback
CREATE TABLE feedback.report (
    feedback_id    uuid NOT NULL REFERENCES feedback.feedback (id) ON DELETE CASCADE,
    participant_id uuid NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (feedback_id, participant_id)
);

-- Aggregates per activity, recomputed from the rows in the transaction of every change that affects them
-- (the row is locked first, so concurrent changes recompute one after the other). Removed feedback does
-- not count; held and reported feedback does (the participant was there; only the text awaits review).
CREATE TABLE feedback.summary (
    activity_id uuid PRIMARY KEY,
    count       integer NOT NULL,
    total       integer NOT NULL,
    r1          integer NOT NULL,
    r2          integer NOT NULL,
    r3          integer NOT NULL,
    r4          integer NOT NULL,
    r5          integer NOT NULL,
    updated_at  timestamptz NOT NULL
);
