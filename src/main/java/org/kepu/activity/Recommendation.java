package org.kepu.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * A reviewer's nomination of an ended activity; one per reviewing level (county, city, province, national).
 *
 * @param level NATIONAL, PROVINCE, CITY or COUNTY: the level of the reviewer's unit
 */
public record Recommendation(
        UUID activityId,
        String activityTitle,
        String regionCode,
        String level,
        String reviewer,
        Scores scores,
        String note,
        Instant at) {}
