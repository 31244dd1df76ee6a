package org.kepu.live;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kepu.activity.Format;
import org.kepu.activity.PublicStatus;
import org.kepu.discovery.DiscoveryService;
import org.kepu.discovery.SearchQuery;
import org.kepu.region.Region;
import org.kepu.region.RegionService;
import org.kepu.shared.security.Actor;
import org.kepu.shared.security.Forbidden;
import org.kepu.shared.security.Role;
import org.kepu.shared.time.CampaignTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The big screen (大屏): every few seconds, for a region subtree, today's check-ins per child region, current
 * live viewers (from presence) and the activities live now (from search). One computation per region and
 * instance however many screens watch it.
 *
 * <p>Stop-gap until the {@code stats} module owns these figures: the check-in count reads the check-in and
 * activity tables directly, which no other class of this module does. Switching the source means replacing
 * {@link #snapshot}.
 */
@Component
public class BigScreen {

    private final DatabaseClient db;
    private final RegionService regions;
    private final Presence presence;
    private final DiscoveryService discovery;
    private final LiveProperties properties;
    private final Clock clock;
    private final Map<String, Flux<byte[]>> screens = new ConcurrentHashMap<>();

    BigScreen(
            DatabaseClient db,
            RegionService regions,
            Presence presence,
            DiscoveryService discovery,
            LiveProperties properties,
            Clock clock) {
        this.db = db;
        this.regions = regions;
        this.presence = presence;
        this.discovery = discovery;
        this.properties = properties;
        this.clock = clock;
    }

    /** The stream for a region inside the actor's subtree (the actor's whole subtree by default). */
    public Mono<Flux<byte[]>> stream(Actor actor, Optional<String> region) {
        if (!actor.has(Role.ADMIN) && !actor.has(Role.REVIEWER)) {
            return Mono.error(() -> new Forbidden("The big screen is for reviewers and admins."));
        }
        String root =
                region.orElse(actor.has(Role.ADMIN) ? "" : actor.scope().root().orElse(""));
        if (!actor.has(Role.ADMIN) && !actor.scope().contains(root.isEmpty() ? null : root)) {
            return Mono.error(() -> new Forbidden("This region lies outside your subtree."));
        }
        Mono<Void> exists =
                root.isEmpty() ? Mono.empty() : regions.require("region", root).then();
        return exists.thenReturn(screens.computeIfAbsent(
                        root,
                        r -> Flux.interval(java.time.Duration.ZERO, properties.bigScreenEvery())
                                .onBackpressureDrop()
                                .concatMap(t -> snapshot(r).onErrorResume(e -> Mono.empty()))
                                .map(Frames::bytes)
                                .replay(1)
                                .refCount()))
                .map(shared -> Flux.concat(
                        Flux.just(Frames.bytes(Frames.retry(properties.retry().toMillis()))),
                        Flux.merge(shared, Flux.interval(properties.heartbeat()).map(t -> Frames.HEARTBEAT))));
    }

    private Mono<String> snapshot(String root) {
        Instant since = LocalDate.now(clock.withZone(CampaignTime.ZONE))
                .atStartOfDay(CampaignTime.ZONE)
                .toInstant();
        Mono<List<Region>> children = regions.children(root.isEmpty() ? Optional.empty() : Optional.of(root))
                .collectList();
        Mono<Map<String, Long>> checkIns = db.sql("SELECT a.region_code, count(*) AS n FROM checkin.check_in c"
                        + " JOIN activity.activity a ON a.id = c.activity_id"
                        + " WHERE starts_with(a.region_code, :root) AND c.checked_in_at >= :since"
                        + " GROUP BY a.region_code")
                .bind("root", root)
                .bind("since", since)
                .map(row -> Map.entry(row.get("region_code", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        Mono<List<Presence.RegionViewers>> viewers = presence.byRegion(root).onErrorResume(e -> Mono.just(List.of()));
        Set<Format> online = EnumSet.of(Format.ONLINE, Format.HYBRID);
        Mono<Long> liveNow = discovery
                .search(new SearchQuery(
                        Optional.empty(),
                        root.isEmpty() ? Optional.empty() : Optional.of(root),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Set.of(),
                        Set.of(),
                        online,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        EnumSet.of(PublicStatus.LIVE),
                        SearchQuery.Sort.START,
                        1,
                        List.of()))
                .map(r -> r.total() == null ? (long) r.items().size() : r.total())
                .onErrorResume(e -> Mono.just(-1L));
        return Mono.zip(children, checkIns, viewers, liveNow).map(t -> {
            StringBuilder json = new StringBuilder("{\"region\":")
                    .append(Frames.string(root))
                    .append(",\"at\":\"")
                    .append(CampaignTime.at(clock.instant()))
                    .append("\",\"checkIns\":")
                    .append(t.getT2().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .append(",\"viewers\":")
                    .append(t.getT3().stream()
                            .mapToLong(Presence.RegionViewers::current)
                            .sum())
                    .append(",\"liveNow\":")
                    .append(t.getT4() < 0 ? "null" : t.getT4().toString())
                    .append(",\"children\":[");
            List<String> parts = new ArrayList<>();
            for (Region child : t.getT1()) {
                long in = t.getT2().entrySet().stream()
                        .filter(e -> e.getKey().startsWith(child.code()))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
                long watching = t.getT3().stream()
                        .filter(v -> v.region().startsWith(child.code()))
                        .mapToLong(Presence.RegionViewers::current)
                        .sum();
                parts.add("{\"code\":" + Frames.string(child.code()) + ",\"name\":" + Frames.string(child.name())
                        + ",\"checkIns\":" + in + ",\"viewers\":" + watching + "}");
            }
            return Frames.frame(
                    "stats",
                    null,
                    json.append(String.join(",", parts)).append("]}").toString());
        });
    }
}
