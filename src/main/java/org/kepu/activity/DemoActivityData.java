package org.kepu.activity;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * In the dev profile (the run command), publishes the seed activities and {@code kepu.activity.demo-generated}
 * generated ones once the app is ready. Loading happens in the background: a slow or failed load is logged
 * and never stops the app from serving.
 */
@Component
@Profile("dev")
class DemoActivityData {

    private static final Logger log = LoggerFactory.getLogger(DemoActivityData.class);

    private final DemoActivities demo;
    private final ActivityProperties properties;

    DemoActivityData(DemoActivities demo, ActivityProperties properties) {
        this.demo = demo;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        int count = properties.demoGenerated();
        long started = System.nanoTime();
        demo.loadSeeds()
                .doOnNext(added ->
                        log.info("Demo seed activities: {} added in {} ms", added, DemoActivities.millis(started)))
                .then(Mono.defer(() -> {
                    long generating = System.nanoTime();
                    return demo.generate(count, properties.demoSeed())
                            .doOnNext(added -> log.info(
                                    "Demo activities: {} generated (seed {}), {} added, in {} ms",
                                    count,
                                    properties.demoSeed(),
                                    added,
                                    DemoActivities.millis(generating)));
                }))
                // generous: a benchmark may ask for millions
                .timeout(Duration.ofMinutes(30))
                .subscribe(added -> {}, error -> log.error("Demo activities could not be loaded", error));
    }
}
