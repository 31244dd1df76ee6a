package org.kepu.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.kepu.activity.PublicStatus;

/**
 * Builds the Elasticsearch request body for a search: a pure function of the query, its analysed text and
 * the time, so it is tested with golden JSON. Facet filters go to {@code post_filter}, and each facet is
 * counted under all the other facets' filters, so choosing a value never empties its own facet.
 */
final class QueryBuilder {

    /**
     * Analysed text: normalised, its words, a pinyin form when the query is Latin letters, and the full
     * pinyin of the whole query, which starts the title's whole-text pinyin token when the title starts with it.
     */
    record Analysed(String normalized, List<String> words, Optional<String> pinyin, String titleStart) {}

    static final List<String> FACETS = List.of("category", "audience", "format", "campaign");

    private QueryBuilder() {}

    static Map<String, Object> build(SearchQuery q, Optional<Analysed> text, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", q.size());
        body.put("track_total_hits", true);
        body.put("_source", List.of("summary"));

        Map<String, Object> bool = new LinkedHashMap<>();
        text.ifPresent(t -> bool.put("must", List.of(textQuery(t))));
        // gently prefer main-venue and not-yet-ended activities
        bool.put(
                "should",
                List.of(
                        Map.of("term", Map.of("main_venue", Map.of("value", true, "boost", 0.3))),
                        Map.of("range", Map.of("ends_at", Map.of("gte", now.toString(), "boost", 0.2)))));
        bool.put("filter", filters(q, now));
        body.put("query", Map.of("bool", bool));

        Map<String, Object> facetFilters = facetFilters(q);
        body.put("post_filter", and(new ArrayList<>(facetFilters.values())));
        body.put("aggs", aggregations(q, facetFilters));
        body.put("sort", sort(q));
        if (!q.after().isEmpty()) {
            body.put("search_after", q.after());
        }
        return body;
    }

    static Map<String, Object> textQuery(Analysed t) {
        List<Object> should = new ArrayList<>();
        if (!t.words().isEmpty()) {
            String words = String.join(" ", t.words());
            should.add(match("title_seg", words, "and", 4));
            should.add(match("text_seg", words, "and", 1));
        }
        should.add(Map.of("match_phrase", Map.of("title_bigram", Map.of("query", t.normalized(), "boost", 2))));
        should.add(Map.of("match_phrase", Map.of("text_bigram", Map.of("query", t.normalized(), "boost", 0.5))));
        t.pinyin().ifPresent(py -> {
            should.add(match("title_py", py, "or", 3));
            should.add(match("text_py", py, "or", 0.5));
            should.add(Map.of("prefix", Map.of("title_py", Map.of("value", py, "boost", 1))));
        });
        Map<String, Object> matches = Map.of("bool", Map.of("should", should, "minimum_should_match", 1));
        if (t.titleStart().isEmpty()) {
            return matches;
        }
        // a title that begins with what was typed is what people look for (碳达峰 → 碳达峰碳中和科普联合行动);
        // only a boost, so a homophone's title start never makes a match by itself
        return Map.of(
                "bool",
                Map.of(
                        "must",
                        List.of(matches),
                        "should",
                        List.of(Map.of(
                                "prefix", Map.of("title_py", Map.of("value", "^" + t.titleStart(), "boost", 2))))));
    }

    private static Map<String, Object> match(String field, String query, String operator, double boost) {
        return Map.of("match", Map.of(field, Map.of("query", query, "operator", operator, "boost", boost)));
    }

    /** Filters that are not facets: time, status, distance. */
    static List<Object> filters(SearchQuery q, Instant now) {
        List<Object> filters = new ArrayList<>();
        q.to().ifPresent(to -> filters.add(range("starts_at", "lt", to)));
        q.from().ifPresent(from -> filters.add(range("ends_at", "gt", from)));
        if (q.statuses().isEmpty()) {
            filters.add(Map.of("bool", Map.of("must_not", List.of(Map.of("term", Map.of("status", "CANCELLED"))))));
        } else {
            List<Object> any = new ArrayList<>();
            for (PublicStatus status : q.statuses()) {
                any.add(status(status, now));
            }
            filters.add(Map.of("bool", Map.of("should", any, "minimum_should_match", 1)));
        }
        q.near()
                .flatMap(n -> n.radiusKm()
                        .map(r -> Map.of(
                                "geo_distance",
                                Map.of("distance", r + "km", "location", Map.of("lat", n.lat(), "lon", n.lon())))))
                .ifPresent(filters::add);
        return filters;
    }

    private static Object status(PublicStatus status, Instant now) {
        return switch (status) {
            case CANCELLED -> Map.of("term", Map.of("status", "CANCELLED"));
            case POSTPONED -> Map.of("term", Map.of("status", "POSTPONED"));
            case UPCOMING -> and(List.of(notCancelledOrPostponed(), range("starts_at", "gt", now)));
            case LIVE ->
                and(List.of(notCancelledOrPostponed(), range("starts_at", "lte", now), range("ends_at", "gt", now)));
            case ENDED -> and(List.of(notCancelledOrPostponed(), range("ends_at", "lte", now)));
        };
    }

    private static Object notCancelledOrPostponed() {
        return Map.of("terms", Map.of("status", List.of("PUBLISHED", "POSTPONED")));
    }

    /** The facet filters, by facet, in a stable order (region last). */
    static Map<String, Object> facetFilters(SearchQuery q) {
        Map<String, Object> filters = new LinkedHashMap<>();
        if (!q.categories().isEmpty()) {
            filters.put("category", terms("categories", q.categories(), Enum::name));
        }
        if (!q.audiences().isEmpty()) {
            filters.put("audience", terms("audiences", q.audiences(), Enum::name));
        }
        if (!q.formats().isEmpty()) {
            filters.put("format", terms("format", q.formats(), Enum::name));
        }
        List<Object> campaign = new ArrayList<>();
        q.campaignId().ifPresent(id -> campaign.add(Map.of("term", Map.of("campaign_id", id.toString()))));
        q.campaignKind().ifPresent(kind -> campaign.add(Map.of("term", Map.of("campaign_kind", kind))));
        q.campaignYear().ifPresent(year -> campaign.add(Map.of("term", Map.of("campaign_year", year))));
        if (!campaign.isEmpty()) {
            filters.put("campaign", and(campaign));
        }
        q.region().ifPresent(region -> filters.put("region", Map.of("term", Map.of("region_path", region))));
        return filters;
    }

    private static Map<String, Object> aggregations(SearchQuery q, Map<String, Object> facetFilters) {
        Map<String, String> fields = Map.of(
                "category", "categories", "audience", "audiences", "format", "format", "campaign", "campaign_id");
        Map<String, Object> aggs = new LinkedHashMap<>();
        for (String facet : FACETS) {
            List<Object> others = new ArrayList<>();
            facetFilters.forEach((name, filter) -> {
                if (!name.equals(facet)) {
                    others.add(filter);
                }
            });
            aggs.put(
                    facet,
                    Map.of(
                            "filter", and(others),
                            "aggs", Map.of("values", Map.of("terms", Map.of("field", fields.get(facet), "size", 50)))));
        }
        // regions: the children of the chosen region (provinces without one), under every filter
        String childField = switch (q.region().map(String::length).orElse(0)) {
            case 0 -> "region_province";
            case 2 -> "region_city";
            case 4 -> "region_county";
            default -> "region_town";
        };
        aggs.put(
                "region",
                Map.of(
                        "filter", and(new ArrayList<>(facetFilters.values())),
                        "aggs", Map.of("values", Map.of("terms", Map.of("field", childField, "size", 100)))));
        return aggs;
    }

    static List<Object> sort(SearchQuery q) {
        List<Object> sort = new ArrayList<>();
        switch (q.sort()) {
            case RELEVANCE -> {
                sort.add(Map.of("_score", Map.of("order", "desc")));
                sort.add(Map.of("starts_at", Map.of("order", "asc")));
            }
            case START -> sort.add(Map.of("starts_at", Map.of("order", "asc")));
            case DISTANCE -> {
                SearchQuery.Near near = q.near().orElseThrow();
                sort.add(Map.of(
                        "_geo_distance",
                        Map.of(
                                "location",
                                Map.of("lat", near.lat(), "lon", near.lon()),
                                "order",
                                "asc",
                                "unit",
                                "km")));
            }
            case RATING -> {
                sort.add(Map.of("rating_average", Map.of("order", "desc", "missing", "_last")));
                sort.add(Map.of("starts_at", Map.of("order", "asc")));
            }
        }
        sort.add(Map.of("id", Map.of("order", "asc"))); // a unique tie-breaker keeps search_after pages stable
        return sort;
    }

    private static Map<String, Object> range(String field, String op, Instant at) {
        return Map.of("range", Map.of(field, Map.of(op, at.toString())));
    }

    private static <T> Map<String, Object> terms(
            String field, java.util.Collection<T> values, Function<T, String> name) {
        return Map.of("terms", Map.of(field, values.stream().map(name).sorted().toList()));
    }

    static Map<String, Object> and(List<Object> filters) {
        return filters.isEmpty() ? Map.of("match_all", Map.of()) : Map.of("bool", Map.of("filter", filters));
    }
}
