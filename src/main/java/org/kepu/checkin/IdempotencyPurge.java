package org.kepu.checkin;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Forgets Idempotency-Keys past their lifetime every few minutes, in bounded deletes until none is left, so
 * the table holds about one lifetime of keys however long the app runs. Every instance may run it: the
 * deletes are idempotent and small.
 */
@Component
class IdempotencyPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);
    static final Duration EVERY = Duration.ofMinutes(5);

    private final IdempotencyKeys keys;
    private volatile Disposable running;

    IdempotencyPurge(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** Purges until a round deletes nothing; emits the total. */
    Mono<Long> purgeAll() {
        return keys.purge().expand(n -> n > 0 ? keys.purge() : Mono.empty()).reduce(0L, Long::sum);
    }

    @Override
    public void start() {
        running = Flux.interval(EVERY, EVERY)
                .onBackpressureDrop()
                .concatMap(tick -> purgeAll()
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.info("forgot {} expired Idempotency-Keys", n);
                            }
                        })
                        .onErrorResume(e -> {
                            log.debug("Idempotency-Key purge skipped: {}", e.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }
}
