-- Audit trail of workflow and administration actions (append-only).
CREATE TABLE shared.audit_event (
    id          uuid PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    target_type text NOT NULL,
    target_id   text NOT NULL,
    details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_event_at_idx ON shared.audit_event (at DESC);
CREATE INDEX audit_event_target_idx ON shared.audit_event (target_id, at DESC);

-- Organizations and their people.
CREATE SCHEMA IF NOT EXISTS organizer;

CREATE TABLE organizer.org_unit (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
    kind        text NOT NULL CHECK (kind IN ('ASSOCIATION', 'SCHOOL', 'SCIENCE_VENUE', 'ENTERPRISE', 'SOCIETY',
                                             'RESEARCH_INSTITUTE', 'GOVERNMENT', 'OTHER')),
    -- NULL: a national unit, responsible for the whole country
    region_code text CHECK (region_code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3})?)?)?$'),
    parent_id   uuid REFERENCES organizer.org_unit (id),
    created_at  timestamptz NOT NULL,
    version     bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX org_unit_name_region_idx ON organizer.org_unit (name, coalesce(region_code, ''));
CREATE INDEX org_unit_region_idx ON organizer.org_unit (region_code text_pattern_ops);

CREATE TABLE organizer.account (
    id            uuid PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
    password_hash text NOT NULL,
    org_unit_id   uuid NOT NULL REFERENCES organizer.org_unit (id),
    roles         text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['ORGANIZER', 'REVIEWER', 'ADMIN']),
    enabled       boolean NOT NULL DEFAULT true,
    -- sessions and tokens issued before this instant are no longer accepted
    not_before    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    version       bigint NOT NULL DEFAULT 0
);
