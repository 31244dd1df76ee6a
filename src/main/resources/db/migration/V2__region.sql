-- Administrative divisions. Rows are loaded from regions/counties_geo_npm.csv by RegionDataMigration.
CREATE SCHEMA IF NOT EXISTS region;

CREATE TABLE region.region (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3})?)?)?$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    short_name  text NOT NULL CHECK (length(short_name) BETWEEN 1 AND 100),
    level       text NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY', 'TOWN')),
    parent_code text REFERENCES region.region (code),
    center_lat  double precision NOT NULL CHECK (center_lat BETWEEN -90 AND 90),
    center_lon  double precision NOT NULL CHECK (center_lon BETWEEN -180 AND 180),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((parent_code IS NULL) = (level = 'PROVINCE'))
);

CREATE INDEX region_parent_idx ON region.region (parent_code, code);
