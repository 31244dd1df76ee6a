package org.kepu.live.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kepu.checkin.CheckInService;
import org.kepu.live.LiveService;
import org.kepu.shared.web.ClientAddress;
import org.kepu.shared.web.SecurityHeaders;
import org.kepu.shared.web.WebProperties;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Serves a viewer's stream ({@code GET /api/v1/activities/{id}/live}) in front of WebFlux's exchange, filter
 * chain and dispatcher. A stream stays open for a whole lecture, and each filter of the chain (Spring
 * Security's above all) keeps its part of the request alive as long: most of a stream's heap. The stream is
 * public and anonymous, so of the chain only its headers apply, and they are set here as Spring Security sets
 * them. Any other request, and any stream this cannot open (bad id, unknown activity, a limit: problem+json),
 * goes to the full chain unchanged, where the controller serves the same stream.
 */
final class LiveStreamHandler implements HttpHandler {

    private static final String PREFIX = "/api/v1/activities/";
    private static final String SUFFIX = "/live";
    private static final int LENGTH = PREFIX.length() + 36 + SUFFIX.length();

    private final HttpHandler chain;
    private final LiveService live;
    private final CheckInService checkIns;
    private final WebProperties web;

    LiveStreamHandler(HttpHandler chain, LiveService live, CheckInService checkIns, WebProperties web) {
        this.chain = chain;
        this.live = live;
        this.checkIns = checkIns;
        this.web = web;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        UUID activity = stream(request);
        if (activity == null) {
            return chain.handle(request, response);
        }
        Optional<UUID> known = checkIns.participant(request);
        UUID participant = known.orElseGet(checkIns::newParticipant);
        return Mono.defer(() -> live.watch(
                        activity,
                        participant,
                        ClientAddress.of(request, web.trustedProxies()),
                        Optional.ofNullable(request.getHeaders().getFirst("Last-Event-ID")),
                        LiveController.loop(request)))
                .flatMap(frames -> {
                    if (known.isEmpty()) {
                        checkIns.issueParticipantCookie(response, participant);
                    }
                    return write(response, frames, web);
                })
                // not a stream after all (an unknown activity, a limit met when the stream is subscribed): the chain
                // answers it, with the same problem+json as every other error, on a response with nothing set yet
                .onErrorResume(e -> !response.isCommitted(), e -> {
                    response.getHeaders().clear();
                    response.getCookies().clear();
                    return chain.handle(request, response);
                });
    }

    /** The activity of a request for its live stream, or null for any other request. */
    static UUID stream(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET) {
            return null;
        }
        String path = request.getPath().pathWithinApplication().value();
        if (path.length() != LENGTH || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return null;
        }
        if (!acceptsEventStream(request.getHeaders())) {
            return null;
        }
        try {
            return UUID.fromString(path.substring(PREFIX.length(), PREFIX.length() + 36));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static boolean acceptsEventStream(HttpHeaders headers) {
        try {
            List<MediaType> accept = headers.getAccept();
            return accept.isEmpty() || accept.stream().anyMatch(t -> t.isCompatibleWith(MediaType.TEXT_EVENT_STREAM));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * Writes the service's pre-encoded frames as they are: the same bytes for every viewer, wrapped (not
     * copied) into buffers. {@code writeWith} flushes whenever no further frame is waiting, so each event goes
     * out at once without the per-event publisher {@code writeAndFlushWith} costs.
     */
    static Mono<Void> write(ServerHttpResponse response, Flux<byte[]> frames, WebProperties web) {
        HttpHeaders headers = response.getHeaders();
        SecurityHeaders.set(headers, web);
        headers.setContentType(MediaType.TEXT_EVENT_STREAM);
        headers.setCacheControl(CacheControl.noStore());
        headers.set("X-Accel-Buffering", "no"); // proxies must not hold events back
        DataBufferFactory buffers = response.bufferFactory();
        return response.writeWith(frames.map(buffers::wrap));
    }
}
