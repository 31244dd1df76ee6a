package org.kepu.stats;

/**
 * A region's figures with its distinct counts, which do not add up across regions (a unit or participant
 * active in two cities counts once in their province).
 *
 * @param code canonical region code; null for the whole country
 * @param orgUnits org units with at least one key activity here
 * @param participants distinct participants with at least one check-in here
 */
public record RegionFigures(String code, String name, Figures figures, long orgUnits, long participants) {}
