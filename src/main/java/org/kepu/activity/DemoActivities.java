package org.kepu.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kepu.campaign.CampaignService;
import org.kepu.organizer.OrgUnit;
import org.kepu.organizer.OrgUnitKind;
import org.kepu.organizer.OrganizerService;
import org.kepu.region.RegionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Demo data of the activity module, all published and each with an outbox row so that search picks it up:
 * the real seed activities of {@code demo/seed-activities.json} and any number of generated ones. For the
 * dev profile and benchmarks; production never calls it.
 */
@Component
public class DemoActivities {

    private static final Logger log = LoggerFactory.getLogger(DemoActivities.class);

    /** Who the audit columns name as creator of demo rows. */
    static final String CREATED_BY = "demo-data";

    /** Batches in flight: one is encoded while PostgreSQL writes the other (a 2-core machine). */
    private static final int WRITERS = 2;

    private static final int UNIT_CONCURRENCY = 8;

    private final BulkInsert bulk;
    private final CampaignService campaigns;
    private final RegionService regions;
    private final OrganizerService organizer;
    private final Clock clock;

    DemoActivities(
            BulkInsert bulk,
            CampaignService campaigns,
            RegionService regions,
            OrganizerService organizer,
            Clock clock) {
        this.bulk = bulk;
        this.campaigns = campaigns;
        this.regions = regions;
        this.organizer = organizer;
        this.clock = clock;
    }

    /**
     * Publishes {@code count} realistic activities of the current demo editions (the 2026 Science Month and
     * the 2027 S&T Week) in counties all over China, each organized by its county's association, which is
     * created when missing. The same seed gives the same activities with the same ids, so generating again
     * adds nothing; emits how many were added.
     */
    public Mono<Long> generate(int count, long seed) {
        return generate(count, seed, ActivityGenerator.DEFAULT_EDITIONS);
    }

    Mono<Long> generate(int count, long seed, List<String> editionKeys) {
        if (count < 0) {
            return Mono.error(new IllegalArgumentException("count must not be negative"));
        }
        if (count == 0) {
            return Mono.just(0L);
        }
        return campaigns
                .loadDemo()
                .thenMany(Flux.fromIterable(editionKeys)
                        .concatMap(key -> campaigns.require(CampaignService.demoEditionId(key))))
                .collectList()
                .zipWith(regions.all())
                .map(found -> new ActivityGenerator(DemoPlaces.of(found.getT2()), found.getT1(), seed))
                .flatMap(generator -> units(generator, count).flatMap(units -> write(generator, count, units)));
    }

    /** Stores the seed activities that are not stored yet; emits how many were added. */
    Mono<Long> loadSeeds() {
        Instant now = clock.instant();
        return campaigns
                .loadDemo()
                .then(Mono.fromCallable(SeedActivities::read).subscribeOn(Schedulers.boundedElastic()))
                .flatMapIterable(seeds -> seeds)
                .concatMap(seed -> organizer
                        .ensureOrgUnit(seed.seed().organizer(), seed.unitKind(), seed.unitRegion())
                        .map(unit -> seed.published(unit, now)))
                .collectList()
                .flatMap(activities -> bulk.published(activities, CREATED_BY, now));
    }

    /** The association of every county the activities happen in, by region code. */
    private Mono<Map<String, OrgUnit>> units(ActivityGenerator generator, int count) {
        long started = System.nanoTime();
        return Flux.range(0, count)
                .map(generator::place)
                .distinct(place -> place.county().code())
                .flatMap(
                        place -> organizer.ensureOrgUnit(
                                place.unitName(),
                                OrgUnitKind.ASSOCIATION,
                                Optional.of(place.county().code())),
                        UNIT_CONCURRENCY)
                .collectMap(unit -> unit.regionCode().orElseThrow())
                .doOnNext(units -> log.info(
                        "Demo activities: {} county associations ready in {} ms", units.size(), millis(started)));
    }

    private Mono<Long> write(ActivityGenerator generator, int count, Map<String, OrgUnit> units) {
        Instant now = clock.instant();
        return Flux.range(0, count)
                .map(i -> generator.activity(i, units, now))
                .buffer(BulkInsert.MAX_ROWS)
                .flatMap(batch -> bulk.published(batch, CREATED_BY, now), WRITERS)
                .reduce(0L, Long::sum);
    }

    static long millis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
