-- Statistics find an activity's check-ins not yet counted by the id of the transaction that wrote them instead of
-- walking its newest check-ins backwards and probing stats.attendee for each: every check-in written by a
-- transaction older than the oldest one still running (the snapshot's xmin) is visible or never will be, so an
-- activity's fact records that bound (attached_tx) and the next pass reads the range from it on, in this index.
-- Existing rows get this migration's id; facts start at 0, so each activity's first pass reads its check-ins once
-- (attaching is idempotent: stats.attendee rows already there are not counted again).
ALTER TABLE checkin.check_in ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX check_in_activity_tx_idx ON checkin.check_in (activity_id, tx);
-- V13's index served only that backward walk; one index per check-in stays what the group commit writes
DROP INDEX checkin.check_in_activity_time_idx;
ALTER TABLE stats.activity_fact ADD COLUMN attached_tx xid8 NOT NULL DEFAULT '0';
