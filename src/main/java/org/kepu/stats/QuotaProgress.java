package org.kepu.stats;

import java.util.List;

/**
 * Progress towards one level's quota inside the summary's region: regions behind first (lowest share of
 * the minimum), at most {@code kepu.stats.quota-list-max} of them listed.
 *
 * @param level PROVINCE, CITY or COUNTY
 * @param minimum key activities each region of the level should have
 * @param regions regions of the level in the summary's region
 * @param behind of which below the minimum
 */
public record QuotaProgress(String level, int minimum, int regions, int behind, List<Entry> entries) {

    public record Entry(String code, String name, long keyActivities, boolean met) {}
}
