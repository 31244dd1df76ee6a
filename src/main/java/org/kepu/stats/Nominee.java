package org.kepu.stats;

import java.util.UUID;

/** A recommended (推优) activity in the export: one row per activity and reviewing level. */
public record Nominee(
        UUID activityId,
        String title,
        String organizer,
        String regionCode,
        String level,
        int totalScore,
        String note) {}
