package org.kepu.activity.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityService;
import org.kepu.activity.Audience;
import org.kepu.activity.BrowseFilter;
import org.kepu.activity.Category;
import org.kepu.activity.Format;
import org.kepu.activity.Labelled;
import org.kepu.activity.PublicStatus;
import org.kepu.region.RegionCode;
import org.kepu.shared.error.InvalidParameter;
import org.kepu.shared.time.CampaignTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class PublicActivityController {

    private final ActivityService activities;
    private final PublicViews views;

    PublicActivityController(ActivityService activities, PublicViews views) {
        this.activities = activities;
        this.views = views;
    }

    @GetMapping("/api/v1/activities/{id}")
    Mono<PublicViews.Detail> one(@PathVariable UUID id) {
        return activities.published(id).flatMap(views::detail);
    }

    /**
     * The public listing by start time from PostgreSQL: the simple filters only, flagged {@code degraded}
     * because relevance, facets and distance come from the search index (discovery).
     */
    @GetMapping("/api/v1/activities")
    Mono<Map<String, Object>> list(
            @RequestParam Optional<String> q,
            @RequestParam Optional<String> region,
            @RequestParam Optional<UUID> campaign,
            @RequestParam Optional<Format> format,
            @RequestParam Optional<Category> category,
            @RequestParam Optional<String> from,
            @RequestParam Optional<String> to,
            @RequestParam Optional<String> cursor,
            @RequestParam(defaultValue = "20") int size) {
        if (size < 1 || size > 100) {
            return Mono.error(new InvalidParameter("size", "size is 1 to 100."));
        }
        if (q.isPresent() && q.get().length() > 100) {
            return Mono.error(new InvalidParameter("q", "q has at most 100 characters."));
        }
        Optional<String> regionCode = region.map(
                r -> RegionCode.canonical(r).orElseThrow(() -> new InvalidParameter("region", "Not a region code.")));
        Instant start = from.map(f -> instant("from", f, false)).orElse(Instant.parse("1970-01-01T00:00:00Z"));
        Instant end = to.map(t -> instant("to", t, true)).orElse(Instant.parse("9999-01-01T00:00:00Z"));
        if (!start.isBefore(end)) {
            return Mono.error(new InvalidParameter("from", "from must be before to."));
        }
        Cursors.Position after = cursor.map(Cursors::parse)
                .orElse(new Cursors.Position(Instant.parse("1970-01-01T00:00:00Z"), new UUID(0, 0)));
        BrowseFilter filter = new BrowseFilter(
                regionCode,
                campaign,
                format,
                category,
                start,
                end,
                q.map(String::strip).filter(s -> !s.isEmpty()),
                false,
                after.at(),
                after.id(),
                size);
        return activities
                .browse(filter)
                .collectList()
                .flatMap(found -> views.summaries(found).map(items -> {
                    Map<String, Object> page = new LinkedHashMap<>();
                    page.put("items", items);
                    page.put("total", null);
                    Activity last = found.isEmpty() ? null : found.get(found.size() - 1);
                    page.put(
                            "nextCursor",
                            found.size() < size || last == null
                                    ? null
                                    : Cursors.next(last.draft().startsAt(), last.id()));
                    page.put("degraded", true);
                    page.put("facets", Map.of());
                    return page;
                }));
    }

    /** Every enumeration with its Chinese and English labels. */
    @GetMapping("/api/v1/enums")
    Map<String, Object> enums() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("category", labels(Category.values()));
        all.put("audience", labels(Audience.values()));
        all.put("format", labels(Format.values()));
        all.put("status", labels(PublicStatus.values()));
        return all;
    }

    private static List<Map<String, String>> labels(Labelled[] values) {
        return Arrays.stream(values)
                .map(v -> Map.of("code", v.name(), "zh", v.zh(), "en", v.en()))
                .toList();
    }

    /** A date (a whole day in China time) or a date-time with offset. */
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
}
