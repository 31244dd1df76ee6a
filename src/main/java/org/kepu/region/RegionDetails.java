package org.kepu.region;

import java.util.List;

/** A region with its ancestors, from the province down (the region itself not included). */
public record RegionDetails(Region region, List<Region> path) {}
