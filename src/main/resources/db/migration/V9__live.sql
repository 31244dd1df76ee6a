-- Live: the organizer's override of a livestream's state (start early, end, interrupted) and the chat mutes.
-- Comments themselves are ephemeral (a capped Redis stream per activity); these rows must survive Redis.
CREATE SCHEMA IF NOT EXISTS live;

CREATE TABLE live.state_override (
    activity_id uuid PRIMARY KEY,
    state       text NOT NULL CHECK (state IN ('LIVE', 'INTERRUPTED', 'ENDED')),
    set_by      text NOT NULL,
    set_at      timestamptz NOT NULL
);

CREATE TABLE live.mute (
    activity_id    uuid NOT NULL,
    participant_id uuid NOT NULL,
    muted_by       text NOT NULL,
    muted_at       timestamptz NOT NULL,
    PRIMARY KEY (activity_id, participant_id)
);
