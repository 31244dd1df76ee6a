package org.kepu.stats;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.kepu.activity.Audience;
import org.kepu.activity.Category;
import org.kepu.activity.Format;
import org.kepu.campaign.CampaignEdition;
import org.kepu.campaign.CampaignService;
import org.kepu.region.Region;
import org.kepu.region.RegionLevel;
import org.kepu.region.RegionService;
import org.kepu.shared.engines.ReadReplica;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.outbox.Outbox;
import org.kepu.shared.security.Actor;
import org.kepu.shared.security.Forbidden;
import org.kepu.shared.security.Role;
import org.kepu.shared.time.CampaignTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statistics module's API: the summary of a campaign edition in a region (REVIEWER: own subtree, ADMIN:
 * any), its exports' rows, quotas, and the big screen's snapshot. Figures come from counters that an
 * incremental job keeps in step with the outbox (see {@link Projection}); a summary reads a few thousand
 * rows at most, whatever the number of activities, and is cached in Redis for {@code kepu.stats.cache-ttl}.
 */
@Service
public class StatsService {

    private static final Logger log = LoggerFactory.getLogger(StatsService.class);
    private static final Duration REDIS_BUDGET = Duration.ofMillis(200);
    private static final String COUNTRY = "全国";
    private static final int PURGE_BATCH = 10_000;

    private final Projection projection;
    private final Outbox outbox;
    private volatile long nextPurge = System.nanoTime();
    private final TallyReader reader;
    private final Quotas quotas;
    private final RegionService regions;
    private final CampaignService campaigns;
    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final StatsProperties properties;
    private final Clock clock;
    /** Bumped on catch-up, so this instance stops answering from summaries cached before it. */
    private final AtomicLong generation = new AtomicLong();
    /** Whether a rebuild requested through {@link #requestRebuild()} runs here now. */
    private final AtomicBoolean rebuilding = new AtomicBoolean();

    private volatile Disposable polling;
    private volatile boolean pollingFails;

    StatsService(
            DatabaseClient db,
            TransactionalOperator tx,
            Outbox outbox,
            RegionService regions,
            CampaignService campaigns,
            ReactiveStringRedisTemplate redis,
            JsonMapper json,
            StatsProperties properties,
            ReadReplica replica,
            Clock clock) {
        this.projection = new Projection(db, tx, properties.batch(), properties.gapTimeout());
        this.outbox = outbox;
        this.reader = new TallyReader(
                replica.reads(), properties.exportTimeout()); // lag-tolerant reads: a replica when configured
        this.quotas = new Quotas(db, properties);
        this.regions = regions;
        this.campaigns = campaigns;
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** At startup: follow the outbox. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        polling = Flux.interval(properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(
                        tick -> projection
                                .applyAll()
                                .then(Mono.defer(this::purgeOutbox))
                                .doOnSuccess(v -> pollingFails = false)
                                .onErrorResume(e -> {
                                    if (!pollingFails) { // once per outage at WARN
                                        log.warn("statistics projection waits: {}", e.toString());
                                    }
                                    pollingFails = true;
                                    return Mono.empty();
                                }),
                        1)
                .subscribe();
    }

    /**
     * Every {@code kepu.stats.outbox-purge-every}, deletes the outbox rows every consumer is done with and older than
     * {@code kepu.stats.outbox-retention}: the outbox would otherwise grow by every check-in batch and save
     * for ever, and with it each scan of it.
     */
    private Mono<Void> purgeOutbox() {
        long now = System.nanoTime(); // monotonic: tests set the app's clock
        if (now - nextPurge < 0) {
            return Mono.empty();
        }
        nextPurge = now + properties.outboxPurgeEvery().toNanos();
        Duration retention = properties.outboxRetention();
        return projection
                .watermark()
                .flatMap(upTo -> outbox.purge(retention, upTo, PURGE_BATCH)
                        .expand(n -> n == PURGE_BATCH ? outbox.purge(retention, upTo, PURGE_BATCH) : Mono.empty())
                        .reduce(0L, Long::sum))
                .doOnNext(n -> {
                    if (n > 0) {
                        log.debug("deleted {} processed outbox rows", n);
                    }
                })
                .then();
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.dispose();
        }
    }

    /** Applies what the outbox holds now (tests and benchmarks use it to avoid waiting for the poll). */
    public Mono<Void> catchUp() {
        return projection.applyAll().then(Mono.fromRunnable(generation::incrementAndGet));
    }

    /** Recomputes every statistics table from the other modules' tables (a repair; minutes at 500,000). */
    public Mono<Void> rebuild() {
        return projection.rebuild().then(Mono.fromRunnable(generation::incrementAndGet));
    }

    /**
     * Starts {@link #rebuild()} in the background unless one already runs on this instance (another instance's
     * rebuild waits on the same database lock). Returns whether this call started one; the outcome is logged.
     */
    public boolean requestRebuild() {
        if (!rebuilding.compareAndSet(false, true)) {
            return false;
        }
        long started = System.nanoTime();
        rebuild()
                .doFinally(signal -> rebuilding.set(false))
                .subscribe(
                        done -> {},
                        e -> log.error("statistics rebuild failed", e),
                        () -> log.info("statistics rebuilt in {} ms", (System.nanoTime() - started) / 1_000_000));
        return true;
    }

    /** Whether a rebuild started by {@link #requestRebuild()} still runs here. */
    boolean rebuildRunning() {
        return rebuilding.get();
    }

    // ---- summary ----------------------------------------------------------------------------------------

    /**
     * The summary of an edition in a region: the actor's own region (or the whole country) when none is
     * given. A reviewer may read only its subtree ({@link Forbidden} otherwise).
     */
    public Mono<Summary> summary(Actor actor, Optional<String> region, UUID campaignId) {
        return scope(actor, region)
                .flatMap(place -> campaigns.require(campaignId).flatMap(campaign -> {
                    String key = "kepu:stats:summary:" + generation.get() + ":" + campaign.id() + ":"
                            + place.map(Region::code).orElse("all") + ":" + campaign.version() + ":" + today();
                    return redis.opsForValue()
                            .get(key)
                            .timeout(REDIS_BUDGET)
                            .map(cached -> json.readValue(cached, Summary.class))
                            .onErrorResume(e -> Mono.empty())
                            .switchIfEmpty(Mono.defer(() -> compute(campaign, place)
                                    .flatMap(summary -> redis.opsForValue()
                                            .set(key, json.writeValueAsString(summary), properties.cacheTtl())
                                            .timeout(REDIS_BUDGET)
                                            .onErrorResume(e -> Mono.just(false))
                                            .thenReturn(summary))));
                }));
    }

    /** The region the actor asks for, if it may read it; empty means the whole country. */
    private Mono<Optional<Region>> scope(Actor actor, Optional<String> region) {
        if (!actor.has(Role.REVIEWER) && !actor.has(Role.ADMIN)) {
            return Mono.error(new Forbidden("Statistics are for reviewers and admins."));
        }
        Optional<String> wanted = region.filter(r -> !r.isEmpty());
        if (wanted.isEmpty() && !actor.has(Role.ADMIN)) {
            wanted = actor.regionCode();
        }
        if (wanted.isEmpty()) {
            return actor.has(Role.ADMIN) || actor.scope().root().isEmpty()
                    ? Mono.just(Optional.empty())
                    : Mono.error(new Forbidden("The whole country lies outside your unit's region."));
        }
        return regions.require("region", wanted.get())
                .flatMap(found -> actor.has(Role.ADMIN) || actor.scope().contains(found.code())
                        ? Mono.just(Optional.of(found))
                        : Mono.error(new Forbidden("This region lies outside your unit's region.")));
    }

    private LocalDate today() {
        return clock.instant().atZone(CampaignTime.ZONE).toLocalDate();
    }

    private Mono<Summary> compute(CampaignEdition campaign, Optional<Region> place) {
        String code = place.map(Region::code).orElse("");
        LocalDate overdueBefore = today().minusDays(campaign.evidenceDueDays());
        Mono<List<Region>> children = regions.children(place.map(Region::code)).collectList();
        return Mono.zip(
                        reader.region(campaign.id(), code, overdueBefore),
                        reader.children(campaign.id(), code, overdueBefore),
                        reader.totals(campaign.id(), code),
                        children,
                        progress(campaign, code))
                .map(t -> {
                    Map<String, Map<String, Counts>> own = t.getT1();
                    Counts total = own.getOrDefault("total", Map.of()).getOrDefault("", new Counts());
                    Map<String, TallyReader.Totals> totals = t.getT3();
                    Counts sumOfChildren = new Counts();
                    List<RegionFigures> childFigures = new ArrayList<>();
                    for (Region child : t.getT4()) {
                        Counts c = t.getT2().getOrDefault(child.code(), new Counts());
                        sumOfChildren.add(c);
                        childFigures.add(figures(child.code(), child.name(), c, totals));
                    }
                    return new Summary(
                            new Summary.Campaign(
                                    campaign.id(),
                                    campaign.name(),
                                    campaign.year(),
                                    campaign.kind().name(),
                                    campaign.level().name(),
                                    campaign.evidenceDueDays()),
                            figures(
                                    place.map(Region::code).orElse(null),
                                    place.map(Region::name).orElse(COUNTRY),
                                    total,
                                    totals),
                            total.minus(sumOfChildren).figures(),
                            childFigures,
                            breakdown(
                                    own,
                                    "category",
                                    k -> Category.valueOf(k).zh(),
                                    k -> "TRAINING".equals(k) ? "期" : "场"),
                            breakdown(own, "format", k -> Format.valueOf(k).zh(), k -> "场"),
                            breakdown(own, "audience", k -> Audience.valueOf(k).zh(), k -> "场"),
                            breakdown(own, "day", k -> k, k -> "场"),
                            t.getT5(),
                            clock.instant());
                });
    }

    private static RegionFigures figures(
            String code, String name, Counts counts, Map<String, TallyReader.Totals> totals) {
        TallyReader.Totals distinct = totals.getOrDefault(code == null ? "" : code, TallyReader.Totals.ZERO);
        return new RegionFigures(code, name, counts.figures(), distinct.orgUnits(), distinct.participants());
    }

    private static List<Breakdown> breakdown(
            Map<String, Map<String, Counts>> own,
            String dim,
            Function<String, String> label,
            Function<String, String> unit) {
        List<Breakdown> rows = new ArrayList<>();
        own.getOrDefault(dim, Map.of()).forEach((key, counts) -> {
            Figures f = counts.figures();
            if (f.published() != 0) {
                rows.add(new Breakdown(key, label.apply(key), unit.apply(key), f));
            }
        });
        if (!"day".equals(dim)) {
            rows.sort(Comparator.comparingLong((Breakdown b) -> -b.figures().published())
                    .thenComparing(Breakdown::key));
        }
        return rows;
    }

    /** Quota progress of each level with a quota from the region's own level down, behind first. */
    private Mono<List<QuotaProgress>> progress(CampaignEdition campaign, String code) {
        return quotas.of(campaign.id())
                .zipWith(regions.all())
                .flatMap(found -> Flux.fromArray(RegionLevel.values())
                        .filter(level -> level != RegionLevel.TOWN
                                && level.digits() >= code.length()
                                && found.getT1().getOrDefault(level, 0) > 0)
                        .concatMap(level -> reader.keyActivities(campaign.id(), code, level.digits())
                                .map(counts ->
                                        quotaProgress(level, found.getT1().get(level), code, found.getT2(), counts)))
                        .collectList());
    }

    private QuotaProgress quotaProgress(
            RegionLevel level, int minimum, String code, List<Region> all, Map<String, Long> counts) {
        List<QuotaProgress.Entry> entries = all.stream()
                .filter(r -> r.level() == level && r.code().startsWith(code))
                .map(r -> {
                    long n = counts.getOrDefault(r.code(), 0L);
                    return new QuotaProgress.Entry(r.code(), r.name(), n, n >= minimum);
                })
                .sorted(Comparator.comparingLong(QuotaProgress.Entry::keyActivities)
                        .thenComparing(QuotaProgress.Entry::code))
                .toList();
        int behind = (int) entries.stream().filter(e -> !e.met()).count();
        return new QuotaProgress(
                level.name(),
                minimum,
                entries.size(),
                behind,
                entries.subList(0, Math.min(entries.size(), properties.quotaListMax())));
    }

    // ---- exports ----------------------------------------------------------------------------------------

    /** The public activities behind a summary, streamed (for the export's activity list). */
    public Flux<ActivityLine> activities(Summary summary) {
        return reader.lines(summary.campaign().id(), code(summary), overdueBefore(summary));
    }

    /** The recommended activities behind a summary, best first. */
    public Flux<Nominee> nominees(Summary summary) {
        return reader.nominees(summary.campaign().id(), code(summary));
    }

    private static String code(Summary summary) {
        return summary.region().code() == null ? "" : summary.region().code();
    }

    private static LocalDate overdueBefore(Summary summary) {
        return summary.computedAt()
                .atZone(CampaignTime.ZONE)
                .toLocalDate()
                .minusDays(summary.campaign().evidenceDueDays());
    }

    // ---- quotas -----------------------------------------------------------------------------------------

    /** The quotas (minimum key activities per region of a level) that apply to an edition; 0 is none. */
    public Mono<Map<RegionLevel, Integer>> quotas(UUID campaignId) {
        return campaigns.require(campaignId).flatMap(c -> quotas.of(c.id()));
    }

    /** Sets an edition's quotas for the given levels (PROVINCE, CITY, COUNTY); admins only. */
    public Mono<Map<RegionLevel, Integer>> setQuotas(Actor admin, UUID campaignId, Map<String, Integer> minimums) {
        if (!admin.has(Role.ADMIN)) {
            return Mono.error(new Forbidden("Quotas are set by admins."));
        }
        List<FieldError> errors = new ArrayList<>();
        Map<RegionLevel, Integer> valid = new EnumMap<>(RegionLevel.class);
        if (minimums == null || minimums.isEmpty()) {
            errors.add(new FieldError("quotas", "required", "Name at least one level."));
        } else {
            minimums.forEach((level, minimum) -> {
                Optional<RegionLevel> parsed = level(level);
                if (parsed.isEmpty()) {
                    errors.add(new FieldError(
                            "quotas." + level, "invalid-value", "The level is PROVINCE, CITY or COUNTY."));
                } else if (minimum == null || minimum < 0 || minimum > Quotas.MAX) {
                    errors.add(new FieldError(
                            "quotas." + level, "out-of-range", "A quota is a number from 0 to 1,000,000."));
                } else {
                    valid.put(parsed.get(), minimum);
                }
            });
        }
        if (!errors.isEmpty()) {
            return Mono.error(new ValidationFailed(errors));
        }
        return campaigns
                .require(campaignId)
                .flatMap(c -> quotas.set(c.id(), valid, admin.username(), clock.instant())
                        .then(Mono.fromRunnable(generation::incrementAndGet))
                        .then(quotas.of(c.id())));
    }

    private static Optional<RegionLevel> level(String name) {
        for (RegionLevel level : RegionLevel.values()) {
            if (level != RegionLevel.TOWN && level.name().equals(name)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    // ---- big screen -------------------------------------------------------------------------------------

    /**
     * What the big screen shows for an edition in a region (empty: the whole country): check-ins per child
     * region and the activities live now. The caller decides who may see it (the live module streams it).
     */
    public Mono<LiveSnapshot> liveSnapshot(Optional<String> region, UUID campaignId) {
        Mono<Optional<Region>> place = region.filter(r -> !r.isEmpty())
                .map(r -> regions.require("region", r).map(Optional::of))
                .orElse(Mono.just(Optional.empty()));
        Instant at = clock.instant();
        return place.zipWith(campaigns.require(campaignId)).flatMap(found -> {
            Optional<Region> p = found.getT1();
            String code = p.map(Region::code).orElse("");
            UUID campaign = found.getT2().id();
            return Mono.zip(
                            reader.checkIns(campaign, code),
                            reader.liveNow(campaign, code, at),
                            regions.children(p.map(Region::code)).collectList())
                    .map(t -> {
                        long[] own = t.getT1().getOrDefault(code, new long[2]);
                        List<LiveSnapshot.Child> children = t.getT3().stream()
                                .map(c -> {
                                    long[] n = t.getT1().getOrDefault(c.code(), new long[2]);
                                    return new LiveSnapshot.Child(c.code(), c.name(), n[0], n[1]);
                                })
                                .toList();
                        return new LiveSnapshot(
                                p.map(Region::code).orElse(null),
                                p.map(Region::name).orElse(COUNTRY),
                                own[0],
                                own[1],
                                t.getT2(),
                                children,
                                at);
                    });
        });
    }
}
