-- pgbench arm of the check-in scenario: the row the app writes (checkin.check_in's shape), one per
-- transaction, the same ON CONFLICT and RETURNING; run -M prepared -D act=<uuid of the round>
INSERT INTO bench_check_in (id, activity_id, participant_id, channel, checked_in_at)
VALUES (gen_random_uuid(), :act::uuid, gen_random_uuid(), 'ONSITE', now())
ON CONFLICT (activity_id, participant_id) DO NOTHING
RETURNING id, activity_id, participant_id, checked_in_at;
