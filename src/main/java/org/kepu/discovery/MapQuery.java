package org.kepu.discovery;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.GeoTileGridBucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The map's request and answer: the search's filters inside a bounding box, counted per geotile cell with
 * the cell's centroid, and the activity's id when a cell holds just one.
 */
final class MapQuery {

    /** A bounding box in degrees. */
    record Box(double minLon, double minLat, double maxLon, double maxLat) {}

    /** Finer cells than the map's own tiles, so clusters split as one zooms in; capped to keep it cheap. */
    static int precision(int zoom) {
        return Math.min(zoom + 2, 16);
    }

    private MapQuery() {}

    static Map<String, Object> body(
            SearchQuery q, Optional<QueryBuilder.Analysed> text, Instant now, Box box, int zoom) {
        List<Object> filter = new ArrayList<>(QueryBuilder.filters(q, now));
        filter.addAll(QueryBuilder.facetFilters(q).values());
        filter.add(Map.of(
                "geo_bounding_box",
                Map.of(
                        "location",
                        Map.of(
                                "top_left", Map.of("lat", box.maxLat(), "lon", box.minLon()),
                                "bottom_right", Map.of("lat", box.minLat(), "lon", box.maxLon())))));
        Map<String, Object> bool = new LinkedHashMap<>();
        text.ifPresent(t -> bool.put("must", List.of(QueryBuilder.textQuery(t))));
        bool.put("filter", filter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", 0);
        body.put("query", Map.of("bool", bool));
        body.put(
                "aggs",
                Map.of(
                        "cells",
                        Map.of(
                                "geotile_grid",
                                Map.of("field", "location", "precision", precision(zoom), "size", 2000),
                                "aggs",
                                Map.of(
                                        "centre", Map.of("geo_centroid", Map.of("field", "location")),
                                        "one", Map.of("top_hits", Map.of("size", 1, "_source", false))))));
        return body;
    }

    /** The clusters of the answer: lat, lon, count, and id when the cell is one activity. */
    static List<Map<String, Object>> clusters(Aggregate cells) {
        List<Map<String, Object>> clusters = new ArrayList<>();
        if (cells == null) {
            return clusters;
        }
        for (GeoTileGridBucket b : cells.geotileGrid().buckets().array()) {
            var centre = b.aggregations().get("centre").geoCentroid().location();
            Map<String, Object> cluster = new LinkedHashMap<>();
            cluster.put("lat", centre.latlon().lat());
            cluster.put("lon", centre.latlon().lon());
            cluster.put("count", b.docCount());
            if (b.docCount() == 1) {
                cluster.put(
                        "id",
                        b.aggregations()
                                .get("one")
                                .topHits()
                                .hits()
                                .hits()
                                .get(0)
                                .id());
            }
            clusters.add(cluster);
        }
        return clusters;
    }
}
