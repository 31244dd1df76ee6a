package org.kepu.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.activity.Audience;
import org.kepu.activity.Category;
import org.kepu.activity.Format;
import org.kepu.activity.PublicStatus;

/**
 * A parsed, validated search (API.md {@code GET /api/v1/activities}). {@code near} is set together with a
 * radius or a distance sort; {@code after} holds the previous page's last sort values.
 */
public record SearchQuery(
        Optional<String> text,
        Optional<String> region,
        Optional<UUID> campaignId,
        Optional<String> campaignKind,
        Optional<Integer> campaignYear,
        Set<Category> categories,
        Set<Audience> audiences,
        Set<Format> formats,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<Near> near,
        Set<PublicStatus> statuses,
        Sort sort,
        int size,
        List<Object> after) {

    /** Near me: a point and an optional radius. */
    public record Near(double lat, double lon, Optional<Double> radiusKm) {}

    public enum Sort {
        RELEVANCE,
        START,
        DISTANCE,
        RATING
    }

    /** Whether PostgreSQL can answer it too (the degraded path knows no facets, distance or rating). */
    boolean simple() {
        return near.isEmpty()
                && audiences.isEmpty()
                && categories.size() <= 1
                && formats.size() <= 1
                && campaignKind.isEmpty()
                && statuses.isEmpty()
                && (sort == Sort.START || sort == Sort.RELEVANCE)
                && after.isEmpty();
    }
}
