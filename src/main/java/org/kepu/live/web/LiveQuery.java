package org.kepu.live.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.activity.Audience;
import org.kepu.activity.Category;
import org.kepu.activity.Format;
import org.kepu.discovery.SearchQuery;
import org.kepu.region.RegionCode;
import org.kepu.shared.error.InvalidParameter;
import org.springframework.util.MultiValueMap;

/**
 * The filters of {@code GET /api/v1/live}: search's text, region, campaign, category, audience and format,
 * with its size (the time and status are the listing's own; ordered by start). Kept apart from search's
 * parser, which is internal to the discovery module.
 */
final class LiveQuery {

    private static final Set<String> KNOWN =
            Set.of("q", "region", "campaign", "year", "category", "audience", "format", "size");

    private LiveQuery() {}

    static SearchQuery parse(MultiValueMap<String, String> p) {
        for (String name : p.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new InvalidParameter(name, "Unknown parameter " + name + ".");
            }
        }
        Optional<String> q = one(p, "q").map(String::strip).filter(s -> !s.isEmpty());
        if (q.isPresent() && q.get().length() > 100) {
            throw new InvalidParameter("q", "q has at most 100 characters.");
        }
        Optional<String> region = one(p, "region")
                .map(r -> RegionCode.canonical(r)
                        .orElseThrow(() -> new InvalidParameter("region", "Not a region code.")));
        Optional<UUID> campaignId = Optional.empty();
        Optional<String> campaignKind = Optional.empty();
        Optional<String> campaign = one(p, "campaign");
        if (campaign.isPresent()) {
            if (campaign.get().equals("SCIENCE_DAY") || campaign.get().equals("SCIENCE_WEEK")) {
                campaignKind = campaign;
            } else {
                try {
                    campaignId = Optional.of(UUID.fromString(campaign.get()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameter("campaign", "campaign is an edition id, SCIENCE_DAY or SCIENCE_WEEK.");
                }
            }
        }
        Optional<Integer> year = one(p, "year").map(y -> integer("year", y, 2000, 2100));
        int size = one(p, "size").map(v -> integer("size", v, 1, 100)).orElse(20);
        return new SearchQuery(
                q,
                region,
                campaignId,
                campaignKind,
                year,
                enums(p, "category", Category.class),
                enums(p, "audience", Audience.class),
                enums(p, "format", Format.class),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Set.of(),
                q.isPresent() ? SearchQuery.Sort.RELEVANCE : SearchQuery.Sort.START,
                size,
                List.of());
    }

    private static Optional<String> one(MultiValueMap<String, String> p, String name) {
        List<String> values = p.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidParameter(name, name + " is given once.");
        }
        return Optional.of(values.get(0)).filter(v -> !v.isBlank());
    }

    private static <E extends Enum<E>> Set<E> enums(MultiValueMap<String, String> p, String name, Class<E> type) {
        Set<E> set = EnumSet.noneOf(type);
        for (String value : p.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                try {
                    set.add(Enum.valueOf(type, part.strip()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameter(name, "Unknown " + name + ".");
                }
            }
        }
        return set;
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, name + " is a whole number from " + min + " to " + max + ".");
        }
    }
}
