package org.kepu.activity;

import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Lets tests in other packages load the seed activities and know their ids by title. */
public final class SeedFixture {

    private SeedFixture() {}

    /** Stores the seed activities (published, with outbox rows); emits how many were added. */
    public static Mono<Long> load(DemoActivities demo) {
        return demo.loadSeeds();
    }

    /** Seed id by title, in file order. */
    public static Map<String, String> idsByTitle() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (SeedActivities.Numbered n : SeedActivities.read()) {
            ids.put(n.seed().title(), n.id().toString());
        }
        return ids;
    }
}
