package org.kepu.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.kepu.stats.ActivityTallies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * This instance's side of the fan-out. One room per activity that has viewers here, holding its viewers by the
 * event loop of their connection: an event is encoded once, and one task per loop hands the same bytes to
 * that loop's viewers. Events from other instances arrive over one Redis pub/sub connection, subscribed to
 * the channel of each activity that has a room here (subscribed when the room opens, unsubscribed when it
 * closes), so an instance never receives events nobody here watches. Events made here go to the local room
 * directly (own messages coming back are skipped), so with Redis down local viewers still get them. A ticker
 * refreshes presence, sends counts and state when they change, and hands out check-in codes whose watch time
 * is up; another sends heartbeats.
 */
@Component
class LiveHub implements SmartLifecycle {

    /** Channels are per activity ({@link #channel}): an instance gets only the events of rooms it has open. */
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

    /** The viewers of one activity on this instance, grouped by the event loop of their connection. */
    static final class Room {
        final UUID activity;
        final String region;
        final Map<Executor, Set<Viewer>> viewers = new ConcurrentHashMap<>();
        final Map<UUID, AtomicInteger> participants = new ConcurrentHashMap<>();
        final Set<UUID> leavers = ConcurrentHashMap.newKeySet();
        final AtomicInteger streams = new AtomicInteger();
        volatile LiveState state;
        volatile long current = -1;
        volatile long unique = -1;
        volatile Event counts;
        /** Completes once this instance listens to the activity's channel (at once while Redis is away). */
        Mono<Void> listening = Mono.empty();
        /** Whether Redis confirmed the subscription; a tick tries again until it has. */
        volatile boolean subscribed;

        Room(UUID activity, String region, LiveState state) {
            this.activity = activity;
            this.region = region;
            this.state = state;
        }

        /**
         * One task per event loop hands the event to that loop's viewers, so each write happens on its own
         * connection's thread and the loops share the work. Emits are serialised: every viewer sees the
         * events in one order.
         */
        synchronized void emit(Event event) {
            viewers.forEach((loop, group) -> {
                try {
                    loop.execute(() -> group.forEach(viewer -> viewer.offer(event)));
                } catch (RejectedExecutionException e) {
                    log.debug("live event not delivered: the loop is shutting down");
                }
            });
        }

        void forEachViewer(Consumer<Viewer> action) {
            viewers.values().forEach(group -> group.forEach(action));
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
    private volatile Disposable.Composite running = Disposables.composite();
    private volatile boolean started;
    private volatile BiConsumer<Room, Viewer> codes;
    private volatile ReactiveSubscription pubsub;
    private volatile long minWatchTime;

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

    Room enter(UUID activity, String region, Viewer viewer, LiveState state) {
        return rooms.compute(activity, (id, existing) -> {
            Room r = existing;
            if (r == null) {
                r = new Room(id, region, state);
                r.listening = listen(r); // inside compute: ordered against the unsubscribe of a closing room
            }
            r.streams.incrementAndGet();
            r.participants
                    .computeIfAbsent(viewer.participant, p -> new AtomicInteger())
                    .incrementAndGet();
            r.leavers.remove(viewer.participant);
            r.viewers
                    .computeIfAbsent(viewer.loop, l -> ConcurrentHashMap.newKeySet())
                    .add(viewer);
            return r;
        });
    }

    void leave(Room room, Viewer viewer) {
        rooms.compute(room.activity, (id, r) -> {
            Set<Viewer> group = room.viewers.get(viewer.loop);
            if (group != null) {
                group.remove(viewer);
            }
            AtomicInteger n = room.participants.get(viewer.participant);
            if (n != null && n.decrementAndGet() <= 0) {
                room.participants.remove(viewer.participant);
                room.leavers.add(viewer.participant); // dropped from Redis on the next tick
            }
            room.streams.decrementAndGet();
            return room;
        });
    }

    /** Who issues check-in codes: asked on each tick for the viewers whose watch time is up. */
    void checkInCodes(BiConsumer<Room, Viewer> issuer, Duration minWatchTime) {
        this.codes = issuer;
        this.minWatchTime = minWatchTime.toNanos();
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
                + new String(event.bytes(), StandardCharsets.UTF_8);
        return redis.convertAndSend(channel(activity), message)
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

    // ---- pub/sub: one connection, one channel per activity with viewers here ----------------------------

    static String channel(UUID activity) {
        return CHANNEL + ":" + activity;
    }

    private static ByteBuffer channelBytes(UUID activity) {
        return ByteBuffer.wrap(channel(activity).getBytes(StandardCharsets.UTF_8));
    }

    /** Subscribes to the room's channel now; the answer completes once Redis confirmed it (or gave up). */
    private Mono<Void> listen(Room room) {
        ReactiveSubscription subscription = pubsub;
        if (subscription == null) {
            return Mono.empty(); // subscribed with the others once the connection is back
        }
        Mono<Void> subscribed = subscription
                .subscribe(channelBytes(room.activity))
                .timeout(Presence.REDIS_BUDGET)
                .doOnSuccess(done -> room.subscribed = true)
                .doOnError(e -> log.debug("live channel not subscribed: {}", e.toString()))
                .onErrorResume(e -> Mono.empty())
                .cache();
        subscribed.subscribe();
        return subscribed;
    }

    private void unlisten(UUID activity) {
        ReactiveSubscription subscription = pubsub;
        if (subscription != null) {
            subscription
                    .unsubscribe(channelBytes(activity))
                    .timeout(Presence.REDIS_BUDGET)
                    .subscribe(null, e -> log.debug("live channel not unsubscribed: {}", e.toString()));
        }
    }

    /** The channels this instance listens to now (for tests). */
    Set<String> channels() {
        ReactiveSubscription subscription = pubsub;
        return subscription == null
                ? Set.of()
                : subscription.getChannels().stream()
                        .map(b -> StandardCharsets.UTF_8.decode(b).toString())
                        .collect(java.util.stream.Collectors.toSet());
    }

    /** The pub/sub connection; on (re)connecting it subscribes to the channels of the rooms open then. */
    private Flux<String> messages() {
        return Flux.usingWhen(
                        Mono.fromSupplier(() -> redis.getConnectionFactory().getReactiveConnection()),
                        connection -> connection
                                .pubSubCommands()
                                .createSubscription()
                                .flatMapMany(subscription -> {
                                    pubsub = subscription;
                                    List<Room> reopened = List.copyOf(rooms.values());
                                    ByteBuffer[] open = reopened.stream()
                                            .map(room -> channelBytes(room.activity))
                                            .toArray(ByteBuffer[]::new);
                                    return (open.length == 0 ? Mono.<Void>empty() : subscription.subscribe(open))
                                            .doOnSuccess(done -> reopened.forEach(room -> room.subscribed = true))
                                            .thenMany(subscription.receive())
                                            .doFinally(signal -> {
                                                if (pubsub == subscription) {
                                                    pubsub = null;
                                                }
                                            });
                                }),
                        ReactiveRedisConnection::closeLater)
                .map(message ->
                        StandardCharsets.UTF_8.decode(message.getMessage()).toString());
    }

    // ---- ticks -----------------------------------------------------------------------------------------

    private Mono<Void> tick() {
        BiConsumer<Room, Viewer> issuer = codes;
        if (issuer != null) {
            long now = System.nanoTime();
            // one sweep per tick instead of a timer per viewer: the code comes at most one tick late
            rooms.values()
                    .forEach(room -> room.forEachViewer(viewer -> {
                        if (viewer.checkIn == Viewer.WAITING && now - viewer.watchingSince >= minWatchTime) {
                            viewer.checkIn = Viewer.ASKING;
                            issuer.accept(room, viewer);
                        }
                    }));
        }
        // a room opened while Redis was away (or whose subscription timed out) listens from now on
        rooms.values().forEach(room -> {
            if (!room.subscribed && pubsub != null) {
                rooms.computeIfPresent(room.activity, (id, r) -> {
                    listen(r);
                    return r;
                });
            }
        });
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
                    room.counts = e;
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
                .doFinally(s -> rooms.computeIfPresent(room.activity, (id, r) -> {
                    if (r.streams.get() > 0 || !r.leavers.isEmpty()) {
                        return r;
                    }
                    unlisten(id);
                    return null;
                }));
    }

    private void heartbeat() {
        rooms.values().forEach(room -> room.emit(HEARTBEAT));
    }

    // ---- lifecycle -------------------------------------------------------------------------------------

    @Override
    public void start() {
        running = Disposables.composite(); // a disposed composite disposes whatever is added: new after a stop
        running.add(Flux.defer(this::messages)
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                        .maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(s -> log.debug(
                                "live pub/sub resubscribes: {}", s.failure().toString())))
                .subscribe(this::received, e -> log.warn("live pub/sub ended", e)));
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
        rooms.values().forEach(room -> room.forEachViewer(Viewer::complete));
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
