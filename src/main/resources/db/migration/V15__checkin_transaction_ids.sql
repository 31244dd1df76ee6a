-- Statistics find an activity's check-ins not yet counted by the id of the transaction that wrote them instead of
-- walking its newest check-ins backwards and probing stats.attendee for each: every check-in written by a
-- transaction older than the oldest one still running (the snapshot's xmin) is visible or never will be, so an
-- activity's fact records that bound (attached_tx) and the next pass reads the range from it on, in this index.
-- Existing rows keep tx NULL: a volatile default in ADD COLUMN would rewrite the whole table under an exclusive
-- lock, and they are attendees already (one that is not shows as a counter ahead of its fact, and its activity
-- is counted again in full, which reads every check-in whatever its tx).
ALTER TABLE checkin.check_in ADD COLUMN tx xid8;
ALTER TABLE checkin.check_in ALTER COLUMN tx SET DEFAULT pg_current_xact_id();
CREATE INDEX check_in_activity_tx_idx ON checkin.check_in (activity_id, tx);
-- V13's index served only that backward walk; one index per check-in stays what the group commit writes
DROP INDEX checkin.check_in_activity_time_idx;
ALTER TABLE stats.activity_fact ADD COLUMN attached_tx xid8 NOT NULL DEFAULT '0';
