package org.kepu.stats;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The summary table (汇总表) of a campaign edition in a region.
 *
 * @param direct figures of activities registered at the region itself, not in any child region (region minus
 *     the sum of its children)
 * @param evidenceDueOn today's deadline cut: incomplete evidence of activities ending before
 *     {@code evidenceDueOn − evidenceDueDays} is overdue
 */
public record Summary(
        Campaign campaign,
        RegionFigures region,
        Figures direct,
        List<RegionFigures> children,
        List<Breakdown> byCategory,
        List<Breakdown> byFormat,
        List<Breakdown> byAudience,
        List<Breakdown> byDay,
        List<QuotaProgress> quotas,
        Instant computedAt) {

    public record Campaign(UUID id, String name, int year, String kind, String level, int evidenceDueDays) {}
}
