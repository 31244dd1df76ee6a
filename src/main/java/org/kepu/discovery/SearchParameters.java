package org.kepu.discovery;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kepu.activity.Audience;
import org.kepu.activity.Category;
import org.kepu.activity.Format;
import org.kepu.activity.PublicStatus;
import org.kepu.region.RegionCode;
import org.kepu.shared.error.InvalidParameter;
import org.kepu.shared.time.CampaignTime;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * The search filters of API.md read from query parameters: {@code GET /api/v1/activities}, the map, the
 * calendar feed and the live listing all take them, so all parse them here the same way.
 */
@Component
public class SearchParameters {

    private static final Set<String> KNOWN = Set.of(
            "q",
            "region",
            "campaign",
            "year",
            "category",
            "audience",
            "format",
            "from",
            "to",
            "when",
            "lat",
            "lon",
            "radiusKm",
            "status",
            "sort",
            "size",
            "cursor");

    private final DiscoveryService discovery;
    private final Clock clock;

    SearchParameters(DiscoveryService discovery, Clock clock) {
        this.discovery = discovery;
        this.clock = clock;
    }

    /** The search of these parameters; a bad one is an {@code invalid-parameter} problem naming it. */
    public SearchQuery parse(MultiValueMap<String, String> p) {
        return parse(p, Set.of());
    }

    /** @param extra parameters of another endpoint that takes the search filters too (the map's bbox) */
    public SearchQuery parse(MultiValueMap<String, String> p, Set<String> extra) {
        for (String name : p.keySet()) {
            if (!KNOWN.contains(name) && !extra.contains(name)) {
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
        Optional<Instant> from = one(p, "from").map(v -> instant("from", v, false));
        Optional<Instant> to = one(p, "to").map(v -> instant("to", v, true));
        Set<PublicStatus> statuses = enums(p, "status", PublicStatus.class);
        Optional<String> when = one(p, "when");
        if (when.isPresent()) {
            Instant[] window = when(when.get());
            if (window == null) {
                statuses = EnumSet.of(PublicStatus.LIVE);
            } else {
                from = Optional.of(window[0]);
                to = Optional.of(window[1]);
            }
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InvalidParameter("from", "from must be before to.");
        }
        Optional<Double> lat = one(p, "lat").map(v -> decimal("lat", v, -90, 90));
        Optional<Double> lon = one(p, "lon").map(v -> decimal("lon", v, -180, 180));
        Optional<Double> radius = one(p, "radiusKm").map(v -> decimal("radiusKm", v, 0.1, 1000));
        if (lat.isPresent() != lon.isPresent()) {
            throw new InvalidParameter(lat.isPresent() ? "lon" : "lat", "lat and lon come together.");
        }
        if (radius.isPresent() && lat.isEmpty()) {
            throw new InvalidParameter("radiusKm", "radiusKm needs lat and lon.");
        }
        Optional<SearchQuery.Near> near = lat.map(la -> new SearchQuery.Near(la, lon.get(), radius));
        SearchQuery.Sort sort = one(p, "sort")
                .map(s -> switch (s) {
                    case "relevance" -> SearchQuery.Sort.RELEVANCE;
                    case "start" -> SearchQuery.Sort.START;
                    case "distance" -> SearchQuery.Sort.DISTANCE;
                    case "rating" -> SearchQuery.Sort.RATING;
                    default -> throw new InvalidParameter("sort", "sort is relevance, start, distance or rating.");
                })
                .orElse(q.isPresent() ? SearchQuery.Sort.RELEVANCE : SearchQuery.Sort.START);
        if (sort == SearchQuery.Sort.DISTANCE && near.isEmpty()) {
            throw new InvalidParameter("sort", "sort=distance needs lat and lon.");
        }
        int size = one(p, "size").map(v -> integer("size", v, 1, 100)).orElse(20);
        List<Object> after = one(p, "cursor").map(discovery::parseCursor).orElse(List.of());
        return new SearchQuery(
                q,
                region,
                campaignId,
                campaignKind,
                year,
                enums(p, "category", Category.class),
                enums(p, "audience", Audience.class),
                enums(p, "format", Format.class),
                from,
                to,
                near,
                statuses,
                sort,
                size,
                after);
    }

    /** [from, to) of a date shortcut in China time; {@code null} for {@code live}. */
    private Instant[] when(String shortcut) {
        LocalDate today = clock.instant().atZone(CampaignTime.ZONE).toLocalDate();
        return switch (shortcut) {
            case "today" -> days(today, 1);
            case "tomorrow" -> days(today.plusDays(1), 1);
            case "weekend" -> {
                LocalDate saturday = today.getDayOfWeek() == DayOfWeek.SUNDAY
                        ? today.minusDays(1)
                        : today.plusDays(DayOfWeek.SATURDAY.getValue()
                                - today.getDayOfWeek().getValue());
                yield days(saturday, 2);
            }
            case "week" -> days(today, 7);
            case "live" -> null;
            default -> throw new InvalidParameter("when", "when is today, tomorrow, weekend, week or live.");
        };
    }

    private static Instant[] days(LocalDate first, int count) {
        return new Instant[] {
            first.atStartOfDay(CampaignTime.ZONE).toInstant(),
            first.plusDays(count).atStartOfDay(CampaignTime.ZONE).toInstant()
        };
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
                    throw new InvalidParameter(name, "Unknown " + name + ": " + abbreviate(part) + ".");
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

    private static double decimal(String name, String value, double min, double max) {
        try {
            double d = Double.parseDouble(value);
            if (!(d >= min && d <= max)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, name + " is a number from " + min + " to " + max + ".");
        }
    }

    static Instant instant(String name, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay(CampaignTime.ZONE)
                        .toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, name + " is a date (2026-09-19) or a date-time with offset.");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }
}
