package org.kepu.stats;

/**
 * Figures of one value of a breakdown (a category, a format, an audience, a day).
 *
 * @param key the enumeration code, or the day as {@code yyyy-MM-dd}
 * @param label Chinese label
 * @param unit the unit the official forms count this in: 场 (events), 期 (training courses)
 */
public record Breakdown(String key, String label, String unit, Figures figures) {}
