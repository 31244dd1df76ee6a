package org.kepu.discovery;

import java.util.List;
import java.util.Map;

/**
 * One page of results in the API's shape: {@code items} are ActivitySummary objects.
 *
 * @param total matching activities, or {@code null} on the degraded path that cannot count
 * @param degraded answered from PostgreSQL because the search index was unavailable
 */
public record SearchResult(
        List<Map<String, Object>> items,
        Long total,
        String nextCursor,
        boolean degraded,
        Map<String, List<Facet>> facets) {

    /** One facet value with its label and count. */
    public record Facet(String key, String label, long count) {}
}
