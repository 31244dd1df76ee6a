-- Statistics: a reporting projection of activities, evidence, recommendations and check-ins, kept by an
-- incremental job that follows shared.outbox (see StatsService). Every table here can be rebuilt from the
-- other modules' tables; region codes use the "C" collation so that prefix ranges stay index-friendly.
CREATE SCHEMA IF NOT EXISTS stats;

-- What each public activity contributes to the tallies, as last applied: the job subtracts the old row's
-- contribution and adds the new one's, so reprocessing an activity is harmless.
CREATE TABLE stats.activity_fact (
    activity_id       uuid PRIMARY KEY,
    campaign_id       uuid NOT NULL,
    region_code       text COLLATE "C" NOT NULL,
    org_unit_id       uuid NOT NULL,
    status            text NOT NULL CHECK (status IN ('PUBLISHED', 'POSTPONED', 'CANCELLED')),
    format            text NOT NULL,
    categories        text[] NOT NULL,
    audiences         text[] NOT NULL,
    main_venue        boolean NOT NULL,
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz NOT NULL,
    -- days in China time: the day breakdown, and the evidence deadline (end day + the edition's due days)
    start_day         date NOT NULL,
    end_day           date NOT NULL,
    -- completeness before the deadline test, which is made when the summary is read
    evidence          text NOT NULL CHECK (evidence IN ('NONE', 'PARTIAL', 'COMPLETE')),
    attendance_onsite bigint NOT NULL DEFAULT 0,
    attendance_online bigint NOT NULL DEFAULT 0,
    volunteers        bigint NOT NULL DEFAULT 0,
    recommended       boolean NOT NULL,
    check_ins_onsite  bigint NOT NULL DEFAULT 0,
    check_ins_online  bigint NOT NULL DEFAULT 0,
    feedback_count    bigint NOT NULL DEFAULT 0,
    feedback_sum      bigint NOT NULL DEFAULT 0,
    live_peak         bigint NOT NULL DEFAULT 0,
    live_unique       bigint NOT NULL DEFAULT 0
);
CREATE INDEX activity_fact_campaign_region_idx ON stats.activity_fact (campaign_id, region_code);
CREATE INDEX activity_fact_live_idx ON stats.activity_fact (ends_at, starts_at) WHERE status <> 'CANCELLED';

-- Additive figures by campaign, region (every level, '' = the whole country), breakdown and end day.
-- dim: total (key ''), category, audience, format, day (start day). The end day lets the reader split
-- incomplete evidence into overdue and not yet due without rewriting counters as days pass.
CREATE TABLE stats.tally (
    campaign_id       uuid NOT NULL,
    region_code       text COLLATE "C" NOT NULL,
    parent_code       text COLLATE "C",
    dim               text NOT NULL,
    key               text NOT NULL,
    end_day           date NOT NULL,
    published         bigint NOT NULL DEFAULT 0,
    main_venue        bigint NOT NULL DEFAULT 0,
    online            bigint NOT NULL DEFAULT 0,
    cancelled         bigint NOT NULL DEFAULT 0,
    check_ins_onsite  bigint NOT NULL DEFAULT 0,
    check_ins_online  bigint NOT NULL DEFAULT 0,
    evidence_none     bigint NOT NULL DEFAULT 0,
    evidence_partial  bigint NOT NULL DEFAULT 0,
    evidence_complete bigint NOT NULL DEFAULT 0,
    attendance_onsite bigint NOT NULL DEFAULT 0,
    attendance_online bigint NOT NULL DEFAULT 0,
    volunteers        bigint NOT NULL DEFAULT 0,
    recommended       bigint NOT NULL DEFAULT 0,
    feedback_count    bigint NOT NULL DEFAULT 0,
    feedback_sum      bigint NOT NULL DEFAULT 0,
    live_peak         bigint NOT NULL DEFAULT 0,
    live_unique       bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, region_code, dim, key, end_day)
);
CREATE INDEX tally_children_idx ON stats.tally (campaign_id, parent_code, dim);

-- Per region: key activities (published, not cancelled; for quotas) and the distinct counts, which do not
-- add up across regions (a unit or participant active in two cities counts once in their province).
CREATE TABLE stats.region_total (
    campaign_id    uuid NOT NULL,
    region_code    text COLLATE "C" NOT NULL,
    parent_code    text COLLATE "C",
    key_activities bigint NOT NULL DEFAULT 0,
    org_units      bigint NOT NULL DEFAULT 0,
    participants   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, region_code)
);
CREATE INDEX region_total_parent_idx ON stats.region_total (campaign_id, parent_code);

-- Org units with key activities, per region (every level): a count going 0 → 1 adds a unit to region_total.
CREATE TABLE stats.unit_presence (
    campaign_id uuid NOT NULL,
    region_code text COLLATE "C" NOT NULL,
    org_unit_id uuid NOT NULL,
    activities  bigint NOT NULL,
    PRIMARY KEY (campaign_id, region_code, org_unit_id)
);

-- Check-ins already counted, mirrored from checkin.check_in, so the job finds the new ones of an activity.
CREATE TABLE stats.attendee (
    activity_id    uuid NOT NULL,
    participant_id uuid NOT NULL,
    PRIMARY KEY (activity_id, participant_id)
);

-- Participants with check-ins, per region (every level): a count going 0 → 1 adds a unique participant.
CREATE TABLE stats.participant_presence (
    campaign_id    uuid NOT NULL,
    region_code    text COLLATE "C" NOT NULL,
    participant_id uuid NOT NULL,
    check_ins      bigint NOT NULL,
    PRIMARY KEY (campaign_id, region_code, participant_id)
);

-- Feedback and livestream figures per activity, as absolute values handed over by those modules.
CREATE TABLE stats.activity_signal (
    activity_id    uuid PRIMARY KEY,
    feedback_count bigint NOT NULL DEFAULT 0 CHECK (feedback_count >= 0),
    feedback_sum   bigint NOT NULL DEFAULT 0 CHECK (feedback_sum >= 0),
    live_peak      bigint NOT NULL DEFAULT 0 CHECK (live_peak >= 0),
    live_unique    bigint NOT NULL DEFAULT 0 CHECK (live_unique >= 0),
    updated_at     timestamptz NOT NULL
);

-- How far the job has read shared.outbox: every row up to outbox_id is applied.
CREATE TABLE stats.watermark (
    name      text PRIMARY KEY,
    outbox_id bigint NOT NULL
);
INSERT INTO stats.watermark (name, outbox_id) VALUES ('outbox', 0);

-- Quotas set for one edition (the defaults come from kepu.stats.quotas).
CREATE TABLE stats.quota (
    campaign_id uuid NOT NULL,
    level       text NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
    minimum     integer NOT NULL CHECK (minimum BETWEEN 0 AND 1000000),
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL,
    PRIMARY KEY (campaign_id, level)
);
