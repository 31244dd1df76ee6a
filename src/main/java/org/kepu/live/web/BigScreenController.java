package org.kepu.live.web;

import java.util.Optional;
import org.kepu.live.BigScreen;
import org.kepu.region.RegionCode;
import org.kepu.shared.error.InvalidParameter;
import org.kepu.shared.security.Actors;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/stats/live}: the big screen's stream (REVIEWER for their subtree, ADMIN for all). */
@RestController
class BigScreenController {

    private final BigScreen screen;

    BigScreenController(BigScreen screen) {
        this.screen = screen;
    }

    @GetMapping(value = "/api/v1/stats/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<Void> stream(@RequestParam(required = false) String region, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> Optional.ofNullable(region)
                        .filter(r -> !r.isBlank())
                        .map(r -> RegionCode.canonical(r)
                                .orElseThrow(() -> new InvalidParameter("region", "Not a region code."))))
                .flatMap(root -> Actors.require().flatMap(actor -> screen.stream(actor, root)))
                .flatMap(frames -> {
                    ServerHttpResponse response = exchange.getResponse();
                    response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
                    response.getHeaders().setCacheControl(CacheControl.noStore());
                    response.getHeaders().set("X-Accel-Buffering", "no");
                    DataBufferFactory buffers = response.bufferFactory();
                    return response.writeAndFlushWith(frames.map(bytes -> Mono.just(buffers.wrap(bytes))));
                });
    }
}
