package org.kepu.shared.web;

import java.util.concurrent.atomic.AtomicLong;
import org.kepu.shared.error.PayloadTooLarge;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over the limit: at once when Content-Length says so, otherwise while the body
 * streams in (chunked uploads), so no handler ever buffers more than the limit. Runs after the security
 * filters so a 413 carries the security headers too.
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
        ServerHttpRequest bounded = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new PayloadTooLarge(limit));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(bounded).build());
    }
}
