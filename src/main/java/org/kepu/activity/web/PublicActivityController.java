package org.kepu.activity.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kepu.activity.ActivityService;
import org.kepu.activity.ActivitySummaries;
import org.kepu.activity.Audience;
import org.kepu.activity.Category;
import org.kepu.activity.Format;
import org.kepu.activity.Labelled;
import org.kepu.activity.PublicStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class PublicActivityController {

    private final ActivityService activities;
    private final ActivitySummaries views;

    PublicActivityController(ActivityService activities, ActivitySummaries views) {
        this.activities = activities;
        this.views = views;
    }

    @GetMapping("/api/v1/activities/{id}")
    Mono<ActivitySummaries.Detail> one(@PathVariable UUID id) {
        return activities.published(id).flatMap(views::detail);
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
}
