-- Campaign editions (活动届次): one year of one campaign at one level. The rules are checked in
-- CampaignService first (to answer with field errors); these checks keep the table right whatever writes it.
CREATE SCHEMA IF NOT EXISTS campaign;

CREATE TABLE campaign.edition (
    id                    uuid PRIMARY KEY,
    kind                  text NOT NULL CHECK (kind IN ('SCIENCE_DAY', 'SCIENCE_WEEK')),
    year                  integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    level                 text NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCE', 'CITY', 'COUNTY')),
    -- a region.region code; no foreign key across schemas (the module boundary), the service checks it
    region_code           text CHECK (region_code ~ '^[0-9]{2}([0-9]{2}([0-9]{2})?)?$'),
    name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    theme                 text NOT NULL CHECK (length(theme) BETWEEN 1 AND 200),
    starts_on             date NOT NULL,
    ends_on               date NOT NULL,
    registration_opens_on date,
    evidence_due_days     integer NOT NULL DEFAULT 10 CHECK (evidence_due_days BETWEEN 1 AND 60),
    version               bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CONSTRAINT edition_ends_after_start CHECK (ends_on >= starts_on),
    CONSTRAINT edition_at_most_62_days CHECK (ends_on - starts_on <= 61),
    CONSTRAINT edition_starts_in_its_year CHECK (extract(year FROM starts_on) = year),
    CONSTRAINT edition_registration_before_start CHECK (
        registration_opens_on IS NULL
        OR (registration_opens_on <= starts_on AND extract(year FROM registration_opens_on) >= year - 1)),
    -- national editions have no region; the others a code of their level's length
    CONSTRAINT edition_region_matches_level CHECK (
        length(coalesce(region_code, '')) = CASE level
            WHEN 'NATIONAL' THEN 0 WHEN 'PROVINCE' THEN 2 WHEN 'CITY' THEN 4 ELSE 6 END)
);

-- One edition per campaign, year and place; NULL (national) counts as one place.
CREATE UNIQUE INDEX edition_identity_uq ON campaign.edition (kind, year, level, coalesce(region_code, ''));

CREATE INDEX edition_region_idx ON campaign.edition (region_code, starts_on DESC);
CREATE INDEX edition_starts_idx ON campaign.edition (starts_on DESC);
