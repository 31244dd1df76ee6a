-- Changes derived stores must pick up; written in the same transaction as the change.
CREATE TABLE shared.outbox (
    id           bigserial PRIMARY KEY,
    topic        text NOT NULL,
    key          text NOT NULL,
    created_at   timestamptz NOT NULL,
    processed_at timestamptz,
    attempts     int NOT NULL DEFAULT 0,
    last_error   text,
    dead         boolean NOT NULL DEFAULT false
);
CREATE INDEX outbox_pending_idx ON shared.outbox (id) WHERE processed_at IS NULL AND NOT dead;

CREATE SCHEMA IF NOT EXISTS activity;

CREATE TABLE activity.activity (
    id                uuid PRIMARY KEY,
    campaign_id       uuid NOT NULL,
    org_unit_id       uuid NOT NULL,
    organizer_name    text NOT NULL,
    region_code       text NOT NULL CHECK (region_code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3})?)?)?$'),
    title             text NOT NULL CHECK (length(title) BETWEEN 4 AND 100),
    subtitle          text CHECK (length(subtitle) <= 100),
    description       text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    co_organizers     text[] NOT NULL DEFAULT '{}',
    venue_name        text,
    venue_address     text,
    venue_lat         double precision CHECK (venue_lat BETWEEN 3 AND 54),
    venue_lon         double precision CHECK (venue_lon BETWEEN 73 AND 136),
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz NOT NULL,
    format            text NOT NULL CHECK (format IN ('ONSITE', 'ONLINE', 'HYBRID')),
    categories        text[] NOT NULL,
    audiences         text[] NOT NULL,
    main_venue        boolean NOT NULL DEFAULT false,
    contact_name      text,
    contact_phone     text,
    contact_public    boolean NOT NULL DEFAULT false,
    capacity          int CHECK (capacity BETWEEN 1 AND 10000000),
    wheelchair        boolean NOT NULL DEFAULT false,
    sign_language     boolean NOT NULL DEFAULT false,
    captions          boolean NOT NULL DEFAULT false,
    elder_friendly    boolean NOT NULL DEFAULT false,
    live_url          text,
    check_in_radius_m int CHECK (check_in_radius_m BETWEEN 50 AND 5000),
    status            text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'PUBLISHED', 'REJECTED', 'CANCELLED', 'POSTPONED')),
    status_reason     text,
    copied_from       uuid,
    -- other activities that look like the same event (same region, overlapping time, similar title)
    possible_duplicates uuid[] NOT NULL DEFAULT '{}',
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    submitted_at      timestamptz,
    published_at      timestamptz,
    version           bigint NOT NULL DEFAULT 0,
    CHECK (ends_at > starts_at),
    CHECK (format = 'ONLINE' OR (venue_name IS NOT NULL AND venue_lat IS NOT NULL AND venue_lon IS NOT NULL)),
    CHECK (format = 'ONSITE' OR live_url IS NOT NULL)
);
CREATE INDEX activity_region_idx ON activity.activity (region_code text_pattern_ops, status);
CREATE INDEX activity_review_queue_idx ON activity.activity (status, submitted_at, id);
CREATE INDEX activity_org_unit_idx ON activity.activity (org_unit_id, status, starts_at);
CREATE INDEX activity_public_start_idx ON activity.activity (starts_at, id)
    WHERE status IN ('PUBLISHED', 'CANCELLED', 'POSTPONED');
CREATE INDEX activity_campaign_idx ON activity.activity (campaign_id, status);

CREATE TABLE activity.evidence (
    activity_id       uuid PRIMARY KEY REFERENCES activity.activity (id),
    photos            text[] NOT NULL DEFAULT '{}' CHECK (cardinality(photos) <= 5),
    videos            text[] NOT NULL DEFAULT '{}' CHECK (cardinality(videos) <= 5),
    news_links        text[] NOT NULL DEFAULT '{}' CHECK (cardinality(news_links) <= 20),
    summary           text CHECK (length(summary) <= 2000),
    attendance_onsite int CHECK (attendance_onsite BETWEEN 0 AND 100000000),
    attendance_online int CHECK (attendance_online BETWEEN 0 AND 1000000000),
    volunteers        int CHECK (volunteers BETWEEN 0 AND 10000000),
    updated_at        timestamptz NOT NULL,
    updated_by        text NOT NULL
);

CREATE TABLE activity.recommendation (
    activity_id   uuid NOT NULL REFERENCES activity.activity (id),
    level         text NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCE', 'CITY', 'COUNTY')),
    reviewer      text NOT NULL,
    org_unit_id   uuid NOT NULL,
    mobilization  int NOT NULL CHECK (mobilization BETWEEN 0 AND 10),
    scale         int NOT NULL CHECK (scale BETWEEN 0 AND 10),
    publicity     int NOT NULL CHECK (publicity BETWEEN 0 AND 10),
    volunteers    int NOT NULL CHECK (volunteers BETWEEN 0 AND 10),
    joint_action  int NOT NULL CHECK (joint_action BETWEEN 0 AND 10),
    online_reach  int NOT NULL CHECK (online_reach BETWEEN 0 AND 10),
    note          text CHECK (length(note) <= 1000),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (activity_id, level)
);
