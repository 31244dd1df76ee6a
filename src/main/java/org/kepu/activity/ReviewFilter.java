package org.kepu.activity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What a reviewer's queue shows: status, narrower region, campaign, and the page after a position. */
public record ReviewFilter(
        ActivityStatus status,
        Optional<String> region,
        Optional<UUID> campaignId,
        Instant afterAt,
        UUID afterId,
        int size) {

    public static final UUID FIRST_ID = new UUID(0, 0);
    public static final Instant FIRST_AT = Instant.parse("1970-01-01T00:00:00Z");
}
