package org.kepu.live.web;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.kepu.checkin.CheckInService;
import org.kepu.discovery.SearchParameters;
import org.kepu.discovery.SearchResult;
import org.kepu.live.LiveService;
import org.kepu.shared.web.ClientAddress;
import org.kepu.shared.web.WebProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/** The public live endpoints: the viewer's event stream, chat comments, and what is live now. */
@RestController
class LiveController {

    private final LiveService live;
    private final SearchParameters filters;
    private final CheckInService checkIns;
    private final WebProperties web;

    LiveController(LiveService live, CheckInService checkIns, WebProperties web, SearchParameters filters) {
        this.filters = filters;
        this.live = live;
        this.checkIns = checkIns;
        this.web = web;
    }

    record CommentRequest(String text) {}

    /**
     * The viewer's stream when it comes through the chain: {@link LiveStreamHandler} serves it before the chain
     * whenever it can, so this path mostly answers the requests it cannot (with problem+json).
     */
    @GetMapping(value = "/api/v1/activities/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<Void> watch(
            @PathVariable UUID id,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            ServerWebExchange exchange) {
        return Mono.fromCallable(() -> checkIns.participantOrNew(exchange.getRequest(), exchange.getResponse()))
                .flatMap(participant -> live.watch(
                        id,
                        participant,
                        ClientAddress.of(exchange, web.trustedProxies()),
                        Optional.ofNullable(lastEventId),
                        loop(exchange.getRequest())))
                .flatMap(frames -> LiveStreamHandler.write(exchange.getResponse(), frames, web));
    }

    /**
     * The connection's Netty event loop; inline delivery where there is none (another server). Events for a
     * viewer are handed over on it, so writing them needs no further hop between threads.
     */
    static Executor loop(ServerHttpRequest request) {
        return ServerHttpRequestDecorator.getNativeRequest(request) instanceof Connection connection
                ? connection.channel().eventLoop()
                : Runnable::run;
    }

    @PostMapping("/api/v1/activities/{id}/live/comments")
    Mono<ResponseEntity<Void>> comment(
            @PathVariable UUID id, @RequestBody CommentRequest body, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> checkIns.participantOrNew(exchange.getRequest(), exchange.getResponse()))
                .flatMap(participant ->
                        live.comment(id, participant, ClientAddress.of(exchange, web.trustedProxies()), body.text()))
                .thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED).build());
    }

    @GetMapping("/api/v1/live")
    Mono<SearchResult> liveNow(@RequestParam MultiValueMap<String, String> params) {
        return Mono.fromCallable(() -> filters.parse(params)).flatMap(live::liveNow);
    }
}
