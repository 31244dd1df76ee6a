package org.kepu.shared.web;

import org.kepu.shared.error.PayloadTooLarge;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over the limit: at once when Content-Length says so, otherwise while the body
 * streams in ({@link BoundedBody}). Runs after the security filters so a 413 carries the security headers too.
 */
@Component
class RequestSizeLimitFilter implements WebFilter, Ordered {

    private final long limit;

    RequestSizeLimitFilter(WebProperties properties) {
        this.limit = properties.maxRequestBytes().toBytes();
    }

    @Override
    public int getOrder() {
        return -90; // Spring Security's WebFilterChainProxy is at -100
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return Mono.error(new PayloadTooLarge(limit));
        }
        ServerHttpRequest bounded = BoundedBody.of(exchange.getRequest(), limit);
        return chain.filter(exchange.mutate().request(bounded).build());
    }
}
