-- Dead rows are few and listed by the admin API and health: an index instead of a scan of every row.
CREATE INDEX outbox_dead_idx ON shared.outbox (id) WHERE dead;
