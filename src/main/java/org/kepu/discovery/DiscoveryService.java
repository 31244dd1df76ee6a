package org.kepu.discovery;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kepu.activity.ActivityService;
import org.kepu.activity.ActivitySummaries;
import org.kepu.activity.BrowseFilter;
import org.kepu.activity.Labelled;
import org.kepu.activity.PublicStatus;
import org.kepu.region.Region;
import org.kepu.region.RegionService;
import org.kepu.shared.error.InvalidParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The discovery module's API: search published activities, keep the index in step with the outbox, and
 * rebuild it. When Elasticsearch fails, simple searches are answered from PostgreSQL, flagged degraded.
 */
@Service
public class DiscoveryService {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryService.class);
    /** Each search's Elasticsearch body at DEBUG: the benchmark replays them straight to Elasticsearch. */
    private static final Logger requestLog = LoggerFactory.getLogger("org.kepu.discovery.requests");

    private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(3);

    private final ElasticsearchAsyncClient client;
    private final RegionService regions;
    private final ActivityService activities;
    private final ActivitySummaries summaries;
    private final JsonMapper json;
    private final Clock clock;
    private final SearchIndex index;
    private final SearchCache cache;
    private final Mono<ChineseText> text;
    private final Mono<Map<String, String>> regionLabels;
    private final Mono<Indexer> indexer;
    private volatile Disposable polling;
    private volatile Disposable rebuilding;
    /** Rebuild requests, run one after another by a subscription that lives as long as the app. */
    private final reactor.core.publisher.Sinks.Many<Boolean> rebuildRequests =
            reactor.core.publisher.Sinks.many().multicast().directBestEffort();

    private volatile boolean indexReady;
    private final IndexFollower follower;
    private final java.util.concurrent.atomic.AtomicReference<Mono<Void>> ensuring =
            new java.util.concurrent.atomic.AtomicReference<>();

    DiscoveryService(
            ElasticsearchAsyncClient client,
            RegionService regions,
            ActivityService activities,
            ActivitySummaries summaries,
            DatabaseClient db,
            TransactionalOperator tx,
            JsonMapper json,
            DiscoveryProperties properties,
            org.springframework.data.redis.core.ReactiveStringRedisTemplate redis,
            Clock clock,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        this.follower = new IndexFollower(clock, metrics);
        this.client = client;
        this.regions = regions;
        this.activities = activities;
        this.summaries = summaries;
        this.json = json;
        this.clock = clock;
        this.index =
                new SearchIndex(client, properties.indexAlias(), properties.shards(), properties.replicas(), clock);
        this.cache = new SearchCache(redis, json, metrics);
        // HanLP loads its dictionaries (file I/O) once, off the event loop
        this.text = regions.all()
                .publishOn(Schedulers.boundedElastic())
                .map(all -> new ChineseText(all.stream()
                        .flatMap(r -> java.util.stream.Stream.of(r.name(), r.shortName()))
                        .distinct()
                        .toList()))
                .cacheInvalidateIf(t -> false);
        // ~45,000 regions (shipped data): built once, not per search (it was half of a search's CPU)
        this.regionLabels = regions.all()
                .map(all -> {
                    Map<String, String> labels = new java.util.HashMap<>();
                    for (Region r : all) {
                        labels.put(r.code(), r.name());
                    }
                    return Map.copyOf(labels);
                })
                .cacheInvalidateIf(labels -> false);
        this.indexer = text.map(t -> new Indexer(db, tx, activities, summaries, new ActivityDocuments(t, json), index))
                .cacheInvalidateIf(i -> false);
    }

    /** At startup: make sure the index exists with the current mapping, then follow the outbox. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        rebuilding = rebuildRequests
                .asFlux()
                .onBackpressureDrop()
                .concatMap(
                        request -> rebuild().onErrorResume(e -> {
                            log.error("search index rebuild failed", e);
                            return Mono.empty();
                        }),
                        1)
                .subscribe();
        polling = follower.start(
                counts -> readyIndex().then(indexer.flatMap(i -> i.drainAll(counts))),
                () -> index.refresh().then(Mono.fromRunnable(cache::clear)),
                () -> indexer.flatMap(Indexer::lag));
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.dispose();
        }
        if (rebuilding != null) {
            rebuilding.dispose();
        }
    }

    /** The index is there with the current mapping (checked until it once is). */
    private Mono<Void> readyIndex() {
        if (indexReady) {
            return Mono.empty();
        }
        // one check or rebuild at a time in this instance: concurrent callers share it
        return Mono.defer(() -> ensuring.updateAndGet(current -> current != null
                ? current
                : ensureIndex()
                        .doOnSuccess(v -> indexReady = true)
                        .doFinally(signal -> ensuring.set(null))
                        .cache()));
    }

    /** Creates the index behind the alias if missing, or rebuilds it when the mapping changed. */
    Mono<Void> ensureIndex() {
        return index.aliasTargets()
                .flatMap(targets -> targets.size() == 1 && targets.get(0).startsWith(index.currentPrefix() + "-")
                        ? index.applyReplicas()
                        : rebuild());
    }

    /**
     * Full rebuild: a new physical index loaded from a PostgreSQL snapshot, the outbox replayed since the
     * snapshot, an atomic alias swap, the old index removed. Searches keep using the old index until the swap.
     */
    public Mono<Void> rebuild() {
        return indexer.flatMap(ix -> index.aliasTargets()
                .flatMap(previous -> ix.newestOutboxId()
                        .flatMap(snapshot -> index.createPhysical()
                                .flatMap(fresh -> ix.load(fresh, snapshot)
                                        .doOnNext(n -> log.info("search index {}: loaded {} activities", fresh, n))
                                        .then(ix.replaySince(fresh, snapshot))
                                        .then(index.refresh(
                                                fresh)) // searches see the whole new index from the moment the
                                        // alias points at it
                                        .then(index.swapAlias(fresh, previous))
                                        .then(ix.replaySince(index.alias(), snapshot))))));
    }

    /** The indexer (package-private: tests drive it directly). */
    Mono<Indexer> indexer() {
        return indexer;
    }

    String alias() {
        return index.alias();
    }

    /** Pending and dead outbox rows, measured now, with the first {@code deadLetters} dead ones. */
    public Mono<IndexStatus> indexStatus(int deadLetters) {
        return indexer.flatMap(ix -> ix.lag()
                .zipWith(ix.deadLetters(deadLetters).collectList())
                .map(t -> new IndexStatus(
                        index.alias(),
                        t.getT1().pending(),
                        t.getT1().dead(),
                        t.getT1().oldest().toMillis() / 1000.0,
                        follower.waiting(),
                        t.getT2())));
    }

    /** The index status as last measured by the follower (cheap: for health checks). */
    IndexStatus lastIndexStatus() {
        Indexer.Lag lag = follower.lastLag();
        return new IndexStatus(
                index.alias(),
                lag.pending(),
                lag.dead(),
                lag.oldest().toMillis() / 1000.0,
                follower.waiting(),
                List.of());
    }

    /** Queues every dead outbox row again, once the cause of their refusal is fixed; emits how many. */
    public Mono<Long> retryDeadLetters() {
        return indexer.flatMap(Indexer::retryDead);
    }

    /** Asks for a full rebuild in the background; false if one is already queued and this one was dropped. */
    public boolean requestRebuild() {
        return rebuildRequests.tryEmitNext(true).isSuccess();
    }

    /** Indexes what the outbox holds now (tests and the admin use it to avoid waiting for the poll). */
    public Mono<Void> catchUp() {
        // another instance (or the poller) may hold rows under SKIP LOCKED: wait until none is pending
        Mono<Boolean> settled =
                indexer.flatMap(Indexer::unindexed).flatMap(n -> n == 0 ? Mono.just(true) : Mono.empty());
        return readyIndex()
                .then(indexer.flatMap(i -> i.drainAll(true)))
                .then(settled.repeatWhenEmpty(300, ticks -> ticks.delayElements(Duration.ofMillis(100))))
                .then(index.refresh())
                .then(Mono.fromRunnable(cache::clear));
    }

    public Mono<SearchResult> search(SearchQuery query) {
        // to the second, so that identical searches within a second are the same request (and cacheable)
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Mono<Optional<QueryBuilder.Analysed>> analysed = query.text().isEmpty()
                ? Mono.just(Optional.empty())
                : text.map(t -> Optional.of(analyse(t, query.text().get())));
        return analysed.flatMap(a -> {
            Map<String, Object> body = QueryBuilder.build(query, a, now);
            String request = json.writeValueAsString(body);
            if (requestLog.isDebugEnabled()) {
                requestLog.debug("search-body {}", request);
            }
            return cache.get(
                    index.alias() + request,
                    () -> esSearch(request, query, now)
                            .onErrorResume(e -> !(e instanceof InvalidParameter), e -> degraded(query, e)));
        });
    }

    /** Searches that went on to Elasticsearch (the rest came from the cache or a concurrent twin). */
    long searchesSent() {
        return cache.misses();
    }

    /** Suggestions for what is being typed: regions, then activity titles and organizers. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Mono<List<Suggestions.Item>> suggest(String raw, int size) {
        return text.flatMap(t -> {
                    QueryBuilder.Analysed a = analyse(t, raw);
                    String request = json.writeValueAsString(Suggestions.body(a.normalized(), a.pinyin(), size));
                    return Mono.fromFuture(() ->
                                    client.search(s -> index.json(s.index(index.alias()), request), Map.class))
                            .timeout(SEARCH_TIMEOUT)
                            .zipWith(regions.all())
                            .map(found -> Suggestions.merge(
                                    a.normalized(),
                                    found.getT2(),
                                    (SearchResponse<Map>) (SearchResponse) found.getT1(),
                                    t,
                                    size));
                })
                .onErrorMap(e -> !(e instanceof InvalidParameter), DiscoveryService::unavailable);
    }

    /** Geotile clusters of the search's activities inside a bounding box. */
    public Mono<List<Map<String, Object>>> map(SearchQuery query, double[] bbox, int zoom) {
        Instant now = clock.instant();
        MapQuery.Box box = new MapQuery.Box(bbox[0], bbox[1], bbox[2], bbox[3]);
        Mono<Optional<QueryBuilder.Analysed>> analysed = query.text().isEmpty()
                ? Mono.just(Optional.empty())
                : text.map(t -> Optional.of(analyse(t, query.text().get())));
        return analysed.flatMap(a -> {
                    String request = json.writeValueAsString(MapQuery.body(query, a, now, box, zoom));
                    return Mono.fromFuture(() ->
                                    client.search(s -> index.json(s.index(index.alias()), request), Map.class))
                            .timeout(SEARCH_TIMEOUT)
                            .map(response ->
                                    MapQuery.clusters(response.aggregations().get("cells")));
                })
                .onErrorMap(e -> !(e instanceof InvalidParameter), DiscoveryService::unavailable);
    }

    /** Suggestions and the map have no PostgreSQL fallback: a failure is a 503 with Retry-After. */
    private static Throwable unavailable(Throwable cause) {
        log.warn("suggest or map unavailable: {}", cause.toString());
        return new SearchUnavailable();
    }

    private QueryBuilder.Analysed analyse(ChineseText t, String raw) {
        String normalized = t.normalize(raw);
        String compact = normalized.replace(" ", "");
        Optional<String> pinyin =
                compact.matches("[a-z0-9]+") && compact.chars().anyMatch(Character::isLetter)
                        ? Optional.of(compact)
                        : Optional.empty();
        return new QueryBuilder.Analysed(
                normalized, t.words(normalized), pinyin, pinyin.orElseGet(() -> t.pinyin(compact)[0]));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Mono<SearchResult> esSearch(String request, SearchQuery query, Instant now) {
        return Mono.fromFuture(() -> client.search(s -> index.json(s.index(index.alias()), request), Map.class))
                .timeout(SEARCH_TIMEOUT)
                .flatMap(response -> regionLabels()
                        .map(labels -> result((SearchResponse<Map>) (SearchResponse) response, query, now, labels)));
    }

    private Mono<Map<String, String>> regionLabels() {
        return regionLabels;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SearchResult result(
            SearchResponse<Map> response, SearchQuery query, Instant now, Map<String, String> regionNames) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<FieldValue> lastSort = List.of();
        for (Hit<Map> hit : response.hits().hits()) {
            Map<String, Object> summary =
                    new LinkedHashMap<>((Map<String, Object>) hit.source().get("summary"));
            summary.put("status", status(summary, now));
            // an activity without a venue (online) sorts last with the distance "Infinity", a string: no distance
            if (query.sort() == SearchQuery.Sort.DISTANCE
                    && !hit.sort().isEmpty()
                    && hit.sort().get(0).isDouble()) {
                summary.put("distanceKm", Math.round(hit.sort().get(0).doubleValue() * 10) / 10.0);
            }
            items.add(summary);
            lastSort = hit.sort();
        }
        String next = items.size() == query.size() ? cursor(lastSort) : null;
        Map<String, List<SearchResult.Facet>> facets = new LinkedHashMap<>();
        Map<String, Aggregate> aggs = response.aggregations();
        facets.put("region", buckets(aggs.get("region"), code -> regionNames.getOrDefault(code, code)));
        facets.put("category", buckets(aggs.get("category"), code -> label(org.kepu.activity.Category.class, code)));
        facets.put("audience", buckets(aggs.get("audience"), code -> label(org.kepu.activity.Audience.class, code)));
        facets.put("format", buckets(aggs.get("format"), code -> label(org.kepu.activity.Format.class, code)));
        facets.put("campaign", buckets(aggs.get("campaign"), code -> code));
        long total = response.hits().total() == null
                ? items.size()
                : response.hits().total().value();
        return new SearchResult(items, total, next, false, facets);
    }

    private static List<SearchResult.Facet> buckets(
            Aggregate filter, java.util.function.Function<String, String> label) {
        if (filter == null) {
            return List.of();
        }
        return filter.filter().aggregations().get("values").sterms().buckets().array().stream()
                .map(b -> new SearchResult.Facet(
                        b.key().stringValue(), label.apply(b.key().stringValue()), b.docCount()))
                .toList();
    }

    private static <E extends Enum<E> & Labelled> String label(Class<E> type, String code) {
        try {
            return Enum.valueOf(type, code).zh();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String status(Map<String, Object> summary, Instant now) {
        Object stored = summary.get("status");
        if ("CANCELLED".equals(stored) || "POSTPONED".equals(stored)) {
            return (String) stored;
        }
        Instant start =
                java.time.OffsetDateTime.parse((String) summary.get("startsAt")).toInstant();
        Instant end =
                java.time.OffsetDateTime.parse((String) summary.get("endsAt")).toInstant();
        return (now.isBefore(start)
                        ? PublicStatus.UPCOMING
                        : now.isBefore(end) ? PublicStatus.LIVE : PublicStatus.ENDED)
                .name();
    }

    private String cursor(List<FieldValue> sort) {
        List<Object> values = sort.stream()
                .map(FieldValue::_get)
                .map(v -> v instanceof FieldValue f ? f._get() : v)
                .toList();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(values));
    }

    /** The sort values a cursor carries; anything else is a 400 naming {@code cursor}. */
    public List<Object> parseCursor(String cursor) {
        try {
            List<Object> values =
                    json.readValue(Base64.getUrlDecoder().decode(cursor), new TypeReference<List<Object>>() {});
            if (values.isEmpty()
                    || values.size() > 4
                    || values.stream().anyMatch(v -> v instanceof Map || v instanceof List)) {
                throw new IllegalArgumentException("unexpected cursor shape");
            }
            return values;
        } catch (RuntimeException e) {
            throw new InvalidParameter("cursor", "The cursor is not one this API gave out.");
        }
    }

    /** Elasticsearch failed: simple searches come from PostgreSQL, flagged; the rest is a 503. */
    private Mono<SearchResult> degraded(SearchQuery query, Throwable cause) {
        log.warn(
                "search falls back to PostgreSQL: {}",
                cause instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException es
                        ? es.response().error().rootCause().stream()
                                .map(c -> c.reason())
                                .toList()
                        : cause.toString());
        if (!query.simple()) {
            return Mono.error(new SearchUnavailable());
        }
        BrowseFilter filter = new BrowseFilter(
                query.region(),
                query.campaignId(),
                query.formats().stream().findFirst(),
                query.categories().stream().findFirst(),
                query.from().orElse(Instant.parse("1970-01-01T00:00:00Z")),
                query.to().orElse(Instant.parse("9999-01-01T00:00:00Z")),
                query.text(),
                false,
                Instant.parse("1970-01-01T00:00:00Z"),
                new java.util.UUID(0, 0),
                query.size());
        return activities
                .browse(filter)
                .collectList()
                .flatMap(found -> summariesOf(found))
                .map(items -> new SearchResult(items, null, null, true, Map.of()));
    }

    private Mono<List<Map<String, Object>>> summariesOf(List<org.kepu.activity.Activity> found) {
        return summaries
                .summaries(found)
                .map(list -> list.stream()
                        .map(s -> json.convertValue(s, new TypeReference<Map<String, Object>>() {}))
                        .toList());
    }
}
