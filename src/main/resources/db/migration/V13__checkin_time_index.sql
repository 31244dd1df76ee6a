-- Statistics attach an activity's newest check-ins not yet counted by walking this index backwards, instead of
-- trying every check-in of the activity again on each pass (O(new) rather than O(all) per pass).
CREATE INDEX check_in_activity_time_idx ON checkin.check_in (activity_id, checked_in_at);
