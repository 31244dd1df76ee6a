-- Distinct participants per region are counted from the attendees themselves (see Projection.participants):
-- a participant's other attendees, found through this index, tell whether a check-in puts it somewhere new.
-- participant_presence kept a row per region level and participant instead, four or five upserts per
-- check-in, more PostgreSQL time than the check-in's own insert; region_total.participants is unchanged.
CREATE INDEX attendee_participant_idx ON stats.attendee (participant_id, activity_id);
DROP TABLE stats.participant_presence;
