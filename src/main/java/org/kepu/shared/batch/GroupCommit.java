package org.kepu.shared.batch;

import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Group commit: concurrent writes wait at most {@code maxWait} (or until {@code maxItems} are queued) and are
 * handed to {@code write} together, which stores them in one transaction and answers each {@link Request}
 * after its commit. One commit and one round of statements per batch instead of per write is where the
 * throughput comes from; a write is still acknowledged only once durable. Queued writes are bounded: past
 * {@code maxQueued} a new one is refused at once with {@code busy} (overload is shed, not queued until every
 * request times out).
 *
 * @param <T> what one caller asks to write
 * @param <R> what that caller is answered
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** One caller's write and where its answer goes. */
    public record Request<T, R>(T item, Sinks.One<R> reply) {

        /** Answers the caller (after the commit that holds its write). */
        public void answer(R result) {
            reply.tryEmitValue(result);
        }

        /** Tells the caller its write failed. */
        public void fail(Throwable error) {
            reply.tryEmitError(error);
        }
    }

    /** Batch bounds. */
    public record Limits(int maxItems, Duration maxWait, int writers, int maxQueued) {}

    private final String name;
    private final Sinks.Many<Request<T, R>> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final Supplier<? extends RuntimeException> busy;
    private final int maxQueued;
    /** Writes queued or being written; bounded by {@code maxQueued}. */
    private final AtomicInteger waiting = new AtomicInteger();

    private final Disposable drain;

    /**
     * @param write stores one batch and answers every request in it; when it fails, each request still
     *     unanswered is failed with its error
     */
    public GroupCommit(
            String name,
            Limits limits,
            Function<List<Request<T, R>>, Mono<Void>> write,
            Supplier<? extends RuntimeException> busy) {
        this.name = name;
        this.busy = busy;
        this.maxQueued = limits.maxQueued();
        // fair backpressure: the plain bufferTimeout overflows when the writers are busy (reactor-core #3012)
        this.drain = queue.asFlux()
                .bufferTimeout(limits.maxItems(), limits.maxWait(), true)
                .flatMap(batch -> write(batch, write), limits.writers())
                .subscribe();
    }

    /** Queues one write; completes with its answer after the commit that contains it. */
    public Mono<R> submit(T item) {
        return Mono.defer(() -> {
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                return Mono.error(busy.get());
            }
            Sinks.One<R> reply = Sinks.one();
            Sinks.EmitResult result = emit(new Request<>(item, reply));
            if (!result.isSuccess()) {
                waiting.decrementAndGet();
                return Mono.error(() -> new IllegalStateException(name + " queue refused: " + result));
            }
            return reply.asMono();
        });
    }

    /** Serialized: the unicast sink allows one producer at a time, and requests arrive on many threads. */
    private synchronized Sinks.EmitResult emit(Request<T, R> request) {
        return queue.tryEmitNext(request);
    }

    private Mono<Void> write(List<Request<T, R>> batch, Function<List<Request<T, R>>, Mono<Void>> write) {
        return Mono.defer(() -> write.apply(batch))
                .onErrorResume(e -> {
                    log.warn("{} batch of {} failed: {}", name, batch.size(), e.toString());
                    batch.forEach(r -> r.fail(e));
                    return Mono.empty();
                })
                .doFinally(signal -> waiting.addAndGet(-batch.size()));
    }

    /**
     * Runs a batch's transaction again (up to three times, after a few milliseconds) when PostgreSQL rolled
     * it back for a deadlock or a serialization failure: nothing of it was committed, so its callers only
     * wait a little longer.
     */
    public static <V> Mono<V> retryRolledBack(Mono<V> transaction) {
        return transaction.retryWhen(Retry.backoff(3, Duration.ofMillis(5)).filter(GroupCommit::rolledBack));
    }

    static boolean rolledBack(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r2dbc
                    && ("40P01".equals(r2dbc.getSqlState()) || "40001".equals(r2dbc.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        queue.tryEmitComplete();
        drain.dispose();
    }
}
