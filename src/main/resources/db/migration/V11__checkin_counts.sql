-- Check-ins per activity, kept in the group commit's transaction: the exact count as of each commit, so the
-- cached count in Redis can be set to it (counts only grow; the larger value wins) instead of incremented,
-- which raced with a cache rebuild and could count a batch twice.
CREATE TABLE checkin.activity_count (
    activity_id uuid PRIMARY KEY,
    check_ins   bigint NOT NULL CHECK (check_ins >= 0)
);

INSERT INTO checkin.activity_count (activity_id, check_ins)
SELECT activity_id, count(*) FROM checkin.check_in GROUP BY activity_id;
