package org.kepu.live;

import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.kepu.live.LiveHub.Event;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.Operators;

/**
 * One open stream: the publisher of its frames, written by hand instead of a chain of operators, because an
 * idle stream must cost little and a broadcast must cost little per viewer. Events queue only while the
 * client is behind; past {@code bound} waiting live events the stream ends (the browser reconnects with
 * {@code Last-Event-ID}). Live events wait until the opening frames (state, counts, replayed comments) have
 * gone out, and comments the replay already carried are skipped. Room events arrive on {@link #loop}, the
 * connection's own event loop, so a write needs no hop to another thread.
 */
final class Viewer implements Publisher<byte[]>, Subscription {

    static final byte WAITING = 0, ASKING = 1, DONE = 2;

    final UUID participant;
    final Executor loop;
    private final int bound;
    private final Runnable onSlow;
    private final Consumer<Viewer> onEnd;

    /** Check-in code: when the watch time started ({@link System#nanoTime}), and whether it is still to come. */
    volatile long watchingSince;

    volatile byte checkIn = WAITING;

    // guarded by this
    private Subscriber<? super byte[]> actual;
    private ArrayDeque<Event> queue;
    private int waitingLive;
    private long requested;
    private boolean opened;
    private String replayedTo;
    private boolean draining;
    private boolean missed;
    private boolean completing;
    private boolean ended;
    private Disposable opening;

    Viewer(UUID participant, Executor loop, int bound, long watchingSince, Runnable onSlow, Consumer<Viewer> onEnd) {
        this.participant = participant;
        this.loop = loop;
        this.bound = bound;
        this.watchingSince = watchingSince;
        this.onSlow = onSlow;
        this.onEnd = onEnd;
    }

    @Override
    public void subscribe(Subscriber<? super byte[]> subscriber) {
        boolean first;
        synchronized (this) {
            first = actual == null && !ended;
            if (first) {
                actual = subscriber;
            }
        }
        if (!first) {
            Operators.error(subscriber, new IllegalStateException("a live stream has one subscriber"));
            return;
        }
        subscriber.onSubscribe(this);
        drain();
    }

    /** Keeps what fetches the opening frames, to stop it if the client leaves first. */
    synchronized void opening(Disposable fetch) {
        if (ended) {
            fetch.dispose();
        } else if (!opened) { // already opened (a fast answer): nothing to keep
            opening = fetch;
        }
    }

    /** The opening frames; comments up to {@code replayedTo} are not sent again when they come live. */
    void open(List<Event> first, String replayedTo) {
        synchronized (this) {
            if (ended) {
                return;
            }
            this.replayedTo = replayedTo;
            this.opened = true;
            this.opening = null;
            ArrayDeque<Event> live = queue;
            queue = new ArrayDeque<>(first.size() + (live == null ? 0 : live.size()));
            queue.addAll(first);
            waitingLive = 0;
            if (live != null) {
                for (Event e : live) {
                    if (fresh(e)) {
                        queue.add(e);
                        waitingLive++;
                    }
                }
            }
        }
        drain();
    }

    /** A live event; a viewer who already has {@code bound} of them waiting is let go. */
    void offer(Event event) {
        boolean slow = false;
        synchronized (this) {
            if (ended || completing || (opened && !fresh(event))) {
                return;
            }
            if (waitingLive >= bound) {
                slow = true;
                completing = true;
                queue = null;
                waitingLive = 0;
            } else {
                if (queue == null) {
                    queue = new ArrayDeque<>(4);
                }
                queue.add(event);
                waitingLive++;
            }
        }
        if (slow) {
            onSlow.run();
        }
        drain();
    }

    /** Sent as is, outside the bound (the check-in code: one per viewer). */
    void offerOwn(Event event) {
        synchronized (this) {
            if (ended || completing) {
                return;
            }
            if (queue == null) {
                queue = new ArrayDeque<>(4);
            }
            queue.add(event);
        }
        drain();
    }

    /** Ends the stream normally (the instance stops). */
    void complete() {
        synchronized (this) {
            if (ended) {
                return;
            }
            completing = true;
            queue = null;
        }
        drain();
    }

    private boolean fresh(Event event) {
        return event.kind() != Event.COMMENT || LiveService.newer(event.commentId(), replayedTo);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            cancel(); // a broken subscriber: nothing sensible to send it
            return;
        }
        synchronized (this) {
            requested = Operators.addCap(requested, n);
        }
        drain();
    }

    @Override
    public void cancel() {
        end();
    }

    private void end() {
        Disposable fetch;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            queue = null;
            fetch = opening;
            opening = null;
        }
        if (fetch != null) {
            fetch.dispose();
        }
        onEnd.accept(this);
    }

    /** One thread at a time hands frames to the subscriber; others leave their work to it. */
    private void drain() {
        synchronized (this) {
            if (draining) {
                missed = true;
                return;
            }
            draining = true;
        }
        for (; ; ) {
            Event next = null;
            boolean finish = false;
            Subscriber<? super byte[]> to;
            synchronized (this) {
                to = actual;
                if (ended || to == null) {
                    draining = false;
                    return;
                }
                if (completing) {
                    finish = true;
                } else if (opened && requested > 0 && queue != null && !queue.isEmpty()) {
                    next = queue.poll();
                    if (waitingLive > queue.size()) {
                        waitingLive = queue.size();
                    }
                    if (queue.isEmpty()) {
                        queue = null; // an idle viewer holds no queue
                    }
                    if (requested != Long.MAX_VALUE) {
                        requested--;
                    }
                } else if (missed) {
                    missed = false;
                    continue;
                } else {
                    draining = false;
                    return;
                }
            }
            if (finish) {
                end();
                to.onComplete();
                return;
            }
            to.onNext(next.bytes());
        }
    }
}
