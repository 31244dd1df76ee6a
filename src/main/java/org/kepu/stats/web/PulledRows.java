package org.kepu.stats.web;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * Rows of a publisher pulled one by one by a file writer that runs on {@code boundedElastic} (never on an
 * event loop: it waits for rows). At most {@code window} rows are requested ahead of the writer, so a slow
 * client slows the database reads instead of filling memory. Closing cancels the query. Rows arrive on an
 * event loop, so handing one over never waits: a lock-free queue, and the writer parks until it is woken.
 */
final class PulledRows<T> extends BaseSubscriber<T> implements Iterable<T>, AutoCloseable {

    private static final Object END = new Object();

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final int window;
    /** The writer's thread while it waits for a row. */
    private volatile Thread waiting;

    private int taken;
    private Object next;

    private PulledRows(int window) {
        this.window = window;
    }

    static <T> PulledRows<T> of(Flux<T> rows, int window) {
        PulledRows<T> pulled = new PulledRows<>(window);
        rows.subscribe(pulled);
        return pulled;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(window);
    }

    @Override
    protected void hookOnNext(T value) {
        hand(value); // never more than requested: at most a window waits here
    }

    @Override
    protected void hookOnComplete() {
        hand(END);
    }

    @Override
    protected void hookOnError(Throwable error) {
        hand(error);
    }

    private void hand(Object item) {
        queue.offer(item);
        Thread writer = waiting;
        if (writer != null) {
            LockSupport.unpark(writer);
        }
    }

    /** The next item, parking the writer until one arrives (it announces itself, then looks once more). */
    private Object take() {
        Object item;
        while ((item = queue.poll()) == null) {
            waiting = Thread.currentThread();
            item = queue.poll();
            if (item != null) {
                break;
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                waiting = null;
                Thread.currentThread().interrupt();
                throw new IllegalStateException("export interrupted");
            }
        }
        waiting = null;
        return item;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = take();
                }
                if (next instanceof Throwable error) {
                    throw new IllegalStateException("export rows failed", error);
                }
                return next != END;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T value = (T) next;
                next = null;
                if (++taken % (window / 2) == 0) {
                    request(window / 2); // replenish in halves: fewer, larger requests
                }
                return value;
            }
        };
    }

    @Override
    public void close() {
        dispose();
    }
}
