package org.kepu.discovery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Drains the outbox into the index every tick. While Elasticsearch is unreachable it backs off (up to
 * {@link #MAX_BACKOFF}, so catching up starts within seconds of its return) and logs the outage once. It
 * also keeps the last measured index lag for metrics and health, which must not query on every scrape.
 */
final class IndexFollower {

    private static final Logger log = LoggerFactory.getLogger(IndexFollower.class);
    static final Duration TICK = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    static final Duration REFRESH_EVERY = Duration.ofSeconds(1);
    /**
     * How often check-in counts are taken into the index: a busy venue's activity was reindexed on every tick
     * for its count alone, most of Elasticsearch's work in a check-in peak; results show it this late at most.
     */
    static final Duration COUNTS_EVERY = Duration.ofSeconds(5);

    private static final Duration LAG_EVERY = Duration.ofSeconds(5);

    private final Clock clock;
    private final AtomicReference<Indexer.Lag> lag = new AtomicReference<>(new Indexer.Lag(0, 0, Duration.ZERO));
    private volatile Instant nextAttempt = Instant.EPOCH;
    private volatile Instant nextLag = Instant.EPOCH;
    private volatile Duration backoff = TICK;
    private volatile boolean waiting;
    /** Rows were indexed after the last refresh. */
    private volatile boolean unrefreshed;

    private volatile long lastRefresh = System.nanoTime() - REFRESH_EVERY.toNanos();

    private volatile long lastCounts = System.nanoTime() - COUNTS_EVERY.toNanos();

    IndexFollower(Clock clock, MeterRegistry metrics) {
        this.clock = clock;
        Gauge.builder("kepu.search.outbox.pending", lag, l -> l.get().pending())
                .description("outbox rows not yet in the search index")
                .register(metrics);
        Gauge.builder("kepu.search.outbox.dead", lag, l -> l.get().dead())
                .description("outbox rows given up on after repeated refusals (see the admin API)")
                .register(metrics);
        Gauge.builder("kepu.search.index.lag", lag, l -> l.get().oldest().toMillis() / 1000.0)
                .description("age of the oldest outbox row not yet indexed")
                .baseUnit("seconds")
                .register(metrics);
    }

    /**
     * Follows the outbox until disposed: {@code drain} indexes what is pending (check-in counts too when
     * given true, every {@link #COUNTS_EVERY}) and emits how many rows it processed, {@code indexed} runs
     * after rows were indexed (making them searchable within about a second rather than at the next periodic
     * refresh; see {@link #refresh}), {@code measure} reads the lag.
     */
    Disposable start(
            Function<Boolean, Mono<Integer>> drain, Supplier<Mono<Void>> indexed, Supplier<Mono<Indexer.Lag>> measure) {
        return Indexer.ticks(TICK)
                .concatMap(tick -> follow(drain, indexed).then(measure(measure)), 1)
                .subscribe();
    }

    private Mono<Void> follow(Function<Boolean, Mono<Integer>> drain, Supplier<Mono<Void>> indexed) {
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            return Mono.empty();
        }
        // the machine's monotonic time, as for refreshes
        long started = System.nanoTime();
        boolean counts = started - lastCounts >= COUNTS_EVERY.toNanos();
        return Mono.defer(() -> drain.apply(counts))
                .doOnNext(n -> {
                    if (counts) {
                        lastCounts = started;
                    }
                })
                .flatMap(n -> {
                    unrefreshed |= n > 0;
                    return refresh(indexed).thenReturn(n);
                })
                .doOnNext(n -> {
                    if (waiting) {
                        log.info("search indexing resumed");
                    }
                    waiting = false;
                    backoff = TICK;
                })
                .onErrorResume(e -> {
                    // once per outage at WARN, not every attempt while it lasts
                    if (!waiting) {
                        log.warn("search indexing waits for Elasticsearch: {}", e.toString());
                    } else {
                        log.debug("search indexing still waits: {}", e.toString());
                    }
                    waiting = true;
                    nextAttempt = clock.instant().plus(backoff);
                    backoff =
                            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                    return Mono.empty();
                })
                .then();
    }

    /**
     * Runs {@code indexed} when rows were indexed since it last ran, at most once per {@link #REFRESH_EVERY}:
     * each refresh writes a new Lucene segment (the search engine's main cost under a steady stream of
     * check-in counts and ratings), and a round that waits is refreshed by a later tick.
     */
    private Mono<Void> refresh(Supplier<Mono<Void>> indexed) {
        // the machine's monotonic time: tests set the app's clock, and pacing must not stall when they do
        long now = System.nanoTime();
        if (!unrefreshed || now - lastRefresh < REFRESH_EVERY.toNanos()) {
            return Mono.empty();
        }
        unrefreshed = false;
        lastRefresh = now;
        return indexed.get().doOnError(e -> unrefreshed = true);
    }

    private Mono<Void> measure(Supplier<Mono<Indexer.Lag>> measure) {
        Instant now = clock.instant();
        if (now.isBefore(nextLag)) {
            return Mono.empty();
        }
        nextLag = now.plus(LAG_EVERY);
        return Mono.defer(measure)
                .doOnNext(lag::set)
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    /** The lag as last measured (at most a few seconds old). */
    Indexer.Lag lastLag() {
        return lag.get();
    }

    /** Whether indexing currently waits for Elasticsearch. */
    boolean waiting() {
        return waiting;
    }
}
