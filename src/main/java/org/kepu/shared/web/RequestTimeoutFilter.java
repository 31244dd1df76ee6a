package org.kepu.shared.web;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Bounds every request's time. Engine clients have their own timeouts, but a hung PostgreSQL connection
 * (packets that never return) is only noticed by TCP after minutes; this answers such requests 503 with
 * Retry-After instead, and cancelling releases what they held. Event streams and file exports are exempt:
 * they are long by design and bounded by their own heartbeats and backpressure.
 */
@Component
class RequestTimeoutFilter implements WebFilter, Ordered {

    private final Duration timeout;

    RequestTimeoutFilter(WebProperties properties) {
        this.timeout = properties.requestTimeout();
    }

    @Override
    public int getOrder() {
        return -80; // after security (-100) and the size limit (-90), so the 503 carries their headers
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (LongRequests.isLong(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        // only until the response is committed: once it is being written, a 503 can no longer replace it,
        // and cutting it short would leave the client with half a body
        AtomicBoolean committed = new AtomicBoolean();
        exchange.getResponse().beforeCommit(() -> {
            committed.set(true);
            return Mono.empty();
        });
        Mono<Long> deadline = Mono.delay(timeout).flatMap(t -> committed.get() ? Mono.never() : Mono.just(t));
        return chain.filter(exchange)
                .timeout(deadline, Mono.error(() -> new TimeoutException("request took longer than " + timeout)));
    }
}
