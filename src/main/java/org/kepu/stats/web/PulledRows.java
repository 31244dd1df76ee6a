package org.kepu.stats.web;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * Rows of a publisher pulled one by one by a file writer that runs on {@code boundedElastic} (never on an
 * event loop: it waits for rows). At most {@code window} rows are requested ahead of the writer, so a slow
 * client slows the database reads instead of filling memory. Closing cancels the query.
 */
final class PulledRows<T> extends BaseSubscriber<T> implements Iterable<T>, AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final int window;
    private int taken;
    private Object next;

    private PulledRows(int window) {
        this.window = window;
        this.queue = new ArrayBlockingQueue<>(window + 1);
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
        queue.add(value); // never more than requested, so it always fits
    }

    @Override
    protected void hookOnComplete() {
        queue.add(END);
    }

    @Override
    protected void hookOnError(Throwable error) {
        queue.add(error);
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("export interrupted", e);
                    }
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
