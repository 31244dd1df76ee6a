package org.kepu.live;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.kepu.stats.ActivityTallies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * This instance's side of the fan-out. One room per activity that has viewers here, holding one multicast
 * sink of pre-encoded events: an event is encoded once and the same bytes go to every viewer. Events from
 * other instances arrive through one Redis pub/sub subscription per instance; events made here go to the
 * local room directly (own messages coming back are skipped), so with Redis down local viewers still get
 * them. A ticker refreshes presence and sends counts and state when they change; another sends heartbeats.
 */
@Component
class LiveHub implements SmartLifecycle {

    static final String CHANNEL = "kepu:live:events";
    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    /** What one event is: a comment (with its id, for deduplication against a replay) or anything else. */
    record Event(char kind, String commentId, byte[] bytes) {

        static final char COMMENT = 'c', STATUS = 's', OTHER = 'o';

        static Event of(char kind, String commentId, String frame) {
            return new Event(kind, commentId, Frames.bytes(frame));
        }
    }

    static final Event HEARTBEAT = new Event(Event.OTHER, null, Frames.HEARTBEAT);

    /** The viewers of one activity on this instance. */
    static final class Room {
        final UUID activity;
        final String region;
        final Sinks.Many<Event> sink = Sinks.many().multicast().directBestEffort();
        final Map<UUID, AtomicInteger> participants = new ConcurrentHashMap<>();
        final Set<UUID> leavers = ConcurrentHashMap.newKeySet();
        final AtomicInteger streams = new AtomicInteger();
        volatile LiveState state;
        volatile long current = -1;
        volatile long unique = -1;
        volatile Event viewers;

        Room(UUID activity, String region, LiveState state) {
            this.activity = activity;
            this.region = region;
            this.state = state;
        }

        /** Emits are serialised: the sink takes one producer at a time (ticker, pub/sub, requests). */
        synchronized void emit(Event event) {
            sink.tryEmitNext(event);
        }
    }

    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicLong slowDropped = new AtomicLong();
    private final String instance = UUID.randomUUID().toString();
    private final ReactiveStringRedisTemplate redis;
    private final Presence presence;
    private final LiveStates states;
    private final LiveProperties properties;
    private final ActivityTallies tallies;
    private final Clock clock;
    private final Disposable.Composite running = Disposables.composite();
    private volatile boolean started;

    LiveHub(
            ReactiveStringRedisTemplate redis,
            Presence presence,
            LiveStates states,
            LiveProperties properties,
            ActivityTallies tallies,
            Clock clock) {
        this.tallies = tallies;
        this.redis = redis;
        this.presence = presence;
        this.states = states;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- streams ---------------------------------------------------------------------------------------

    /** Counts a new stream against the address and instance limits; {@link #release} undoes it. */
    void admit(String address) {
        Duration retry = properties.retry();
        if (streams.incrementAndGet() > properties.maxStreams()) {
            streams.decrementAndGet();
            throw new StreamsFull(retry);
        }
        AtomicInteger held = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (held.incrementAndGet() > properties.streamsPerAddress()) {
            release(address);
            throw new TooManyStreams(retry);
        }
    }

    void release(String address) {
        streams.decrementAndGet();
        perAddress.computeIfPresent(address, (a, held) -> held.decrementAndGet() <= 0 ? null : held);
    }

    Room enter(UUID activity, String region, UUID participant, LiveState state) {
        Room room = rooms.compute(activity, (id, existing) -> {
            Room r = existing == null ? new Room(id, region, state) : existing;
            r.streams.incrementAndGet();
            r.participants
                    .computeIfAbsent(participant, p -> new AtomicInteger())
                    .incrementAndGet();
            r.leavers.remove(participant);
            return r;
        });
        return room;
    }

    void leave(Room room, UUID participant) {
        rooms.compute(room.activity, (id, r) -> {
            AtomicInteger n = room.participants.get(participant);
            if (n != null && n.decrementAndGet() <= 0) {
                room.participants.remove(participant);
                room.leavers.add(participant); // dropped from Redis on the next tick
            }
            room.streams.decrementAndGet();
            return room;
        });
    }

    /** The room's events with a small buffer: a client that cannot keep up overflows it and is let go. */
    Flux<Event> events(Room room) {
        return room.sink
                .asFlux()
                .onBackpressureBuffer(properties.bufferFrames(), dropped -> {}, BufferOverflowStrategy.ERROR);
    }

    void slowConsumerDropped() {
        slowDropped.incrementAndGet();
    }

    long slowConsumersDropped() {
        return slowDropped.get();
    }

    int streams() {
        return streams.get();
    }

    // ---- publishing ------------------------------------------------------------------------------------

    /** Sends an event to this instance's viewers at once and to the other instances through Redis. */
    Mono<Void> publish(UUID activity, Event event) {
        Room room = rooms.get(activity);
        if (room != null) {
            deliver(room, event);
        }
        String message = instance + "\n" + activity + "\n" + event.kind() + "\n"
                + (event.commentId() == null ? "" : event.commentId()) + "\n"
                + new String(event.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        return redis.convertAndSend(CHANNEL, message)
                .timeout(Presence.REDIS_BUDGET)
                .doOnError(e -> log.debug("live event not published to other instances: {}", e.toString()))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private void deliver(Room room, Event event) {
        if (event.kind() == Event.STATUS) {
            states.forget(room.activity);
        }
        room.emit(event);
    }

    private void received(String message) {
        String[] parts = message.split("\n", 5);
        if (parts.length < 5 || parts[0].equals(instance)) {
            return;
        }
        UUID activity;
        try {
            activity = UUID.fromString(parts[1]);
        } catch (IllegalArgumentException e) {
            return;
        }
        char kind = parts[2].isEmpty() ? Event.OTHER : parts[2].charAt(0);
        if (kind == Event.STATUS) {
            states.forget(activity);
        }
        Room room = rooms.get(activity);
        if (room != null) {
            room.emit(Event.of(kind, parts[3].isEmpty() ? null : parts[3], parts[4]));
        }
    }

    // ---- ticks -----------------------------------------------------------------------------------------

    private Mono<Void> tick() {
        return Flux.fromIterable(List.copyOf(rooms.values()))
                .flatMap(this::refresh, 16)
                .then();
    }

    private Mono<Void> refresh(Room room) {
        Set<UUID> leavers = new HashSet<>(room.leavers);
        room.leavers.removeAll(leavers);
        Set<UUID> present = Set.copyOf(room.participants.keySet());
        leavers.removeAll(present);
        Mono<Void> counts = presence.refresh(room.activity, room.region, leavers, present)
                .flatMap(c -> {
                    if (c.current() == room.current && c.unique() == room.unique) {
                        return Mono.<Void>empty();
                    }
                    room.current = c.current();
                    room.unique = c.unique();
                    Event e = Event.of(Event.OTHER, null, Frames.viewers(c.current(), c.unique()));
                    room.viewers = e;
                    room.emit(e);
                    // statistics keep the peak and the unique count (both only grow, so instances may race)
                    return tallies.liveAudience(room.activity, c.current(), c.unique())
                            .onErrorResume(error -> {
                                log.debug("live audience not recorded: {}", error.toString());
                                return Mono.empty();
                            });
                })
                .onErrorResume(e -> {
                    // Redis away: keep the leavers for the next try; counts resume when it is back
                    room.leavers.addAll(leavers);
                    log.debug("live presence not refreshed: {}", e.toString());
                    return Mono.empty();
                })
                .then();
        Mono<Void> state = states.current(room.activity)
                .map(c -> LiveRules.state(c.activity(), c.override(), clock.instant()))
                .doOnNext(s -> {
                    if (s != room.state) {
                        room.state = s;
                        room.emit(Event.of(Event.STATUS, null, Frames.status(s, null)));
                    }
                })
                .onErrorResume(e -> Mono.empty())
                .then();
        return Mono.when(counts, state)
                .doFinally(s -> rooms.computeIfPresent(
                        room.activity, (id, r) -> r.streams.get() <= 0 && r.leavers.isEmpty() ? null : r));
    }

    private void heartbeat() {
        rooms.values().forEach(room -> room.emit(HEARTBEAT));
    }

    // ---- lifecycle -------------------------------------------------------------------------------------

    @Override
    public void start() {
        running.add(Flux.defer(() -> redis.listenToChannel(CHANNEL))
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                        .maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(s -> log.debug(
                                "live pub/sub resubscribes: {}", s.failure().toString())))
                .subscribe(m -> received(m.getMessage()), e -> log.warn("live pub/sub ended", e)));
        running.add(Flux.interval(properties.viewersEvery(), properties.viewersEvery())
                .onBackpressureDrop()
                .concatMap(t -> tick().onErrorResume(e -> {
                    log.warn("live tick failed", e);
                    return Mono.empty();
                }))
                .subscribe());
        running.add(Flux.interval(properties.heartbeat(), properties.heartbeat())
                .onBackpressureDrop()
                .subscribe(t -> heartbeat()));
        started = true;
    }

    @Override
    public void stop() {
        running.dispose();
        rooms.values().forEach(room -> room.sink.tryEmitComplete());
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
