package org.kepu.shared.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.kepu.shared.error.PayloadTooLarge;
import org.kepu.shared.error.Problem;
import org.kepu.shared.error.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Serves the anonymous participant's writes ({@code POST /api/v1/activities/{id}/…} with a JSON body and no session:
 * a check-in, a feedback) in front of WebFlux's exchange, filter chain and dispatcher. At a venue's opening minute
 * those requests are most of the traffic, and the chain alone costs more CPU than a check-in: a bare health check
 * through it reached 0.55× the rate PostgreSQL sustains for single-row inserts on the same core (infra/bench). Of
 * the chain, such a request needs only what is done here as the chain does it: the security and cache headers, the
 * body size limit, the request timeout, the same JSON codecs, the same problem+json answers, and the request timing
 * ({@code http.server.requests}). It needs no CSRF token (no session: see {@link SecurityConfiguration}) and no
 * authorization (the routes are open to anyone). Anything else, a session cookie or an Authorization header above
 * all, goes to the chain unchanged, where the module's controller serves it with the same code as its {@link Route}.
 * What the chain's firewall checks holds here by construction: the path is exactly {@code /api/v1/activities/}, a
 * UUID and a route's suffix (no encoded characters, dots or matrix parameters), and Netty refuses control characters
 * in headers.
 */
public final class FrontDoor implements HttpHandler {

    /** One anonymous write served here; the module's controller serves the same route through the chain. */
    public interface Route<B> {

        /** What follows {@code /api/v1/activities/{id}} in the path, e.g. {@code /check-ins}. */
        String suffix();

        /** The JSON body's type, read with the chain's codecs. */
        Class<B> body();

        /** Serves the write, as the controller does (its headers and body are written as the chain would). */
        Mono<? extends ResponseEntity<?>> serve(
                UUID activity, B body, ServerHttpRequest request, ServerHttpResponse response);
    }

    private static final String PREFIX = "/api/v1/activities/";
    private static final int ID_END = PREFIX.length() + 36;
    private static final DefaultServerRequestObservationConvention DEFAULT_CONVENTION =
            new DefaultServerRequestObservationConvention();

    /** A route with what it needs per request: its reader, its path pattern and its counter. */
    private record Door(
            Route<Object> route, HttpMessageReader<?> reader, ResolvableType body, String pattern, Counter served) {}

    private final HttpHandler chain;
    private final Map<String, Door> doors = new HashMap<>();
    private final WebProperties web;
    private final ProblemWriter problems;
    private final List<HttpMessageWriter<?>> writers;
    private final Map<Class<?>, HttpMessageWriter<?>> writerOf = new ConcurrentHashMap<>();
    private final ObservationRegistry observations;
    private final ServerRequestObservationConvention convention;
    private final long maxBytes;

    @SuppressWarnings("unchecked")
    FrontDoor(
            HttpHandler chain,
            List<Route<?>> routes,
            WebProperties web,
            ProblemWriter problems,
            ServerCodecConfigurer codecs,
            ObservationRegistry observations,
            ServerRequestObservationConvention convention,
            MeterRegistry meters) {
        this.chain = chain;
        this.web = web;
        this.problems = problems;
        this.writers = codecs.getWriters();
        this.observations = observations;
        this.convention = convention;
        this.maxBytes = web.maxRequestBytes().toBytes();
        for (Route<?> route : routes) {
            ResolvableType body = ResolvableType.forClass(route.body());
            HttpMessageReader<?> reader = codecs.getReaders().stream()
                    .filter(r -> r.canRead(body, MediaType.APPLICATION_JSON))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no JSON reader for " + route.body()));
            String pattern = "/api/v1/activities/{id}" + route.suffix();
            Counter served = Counter.builder("kepu.web.front-door")
                    .description("Anonymous writes served in front of the WebFlux chain")
                    .tag("uri", pattern)
                    .register(meters);
            doors.put(route.suffix(), new Door((Route<Object>) route, reader, body, pattern, served));
        }
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        Door door = door(request);
        UUID activity = door == null ? null : activity(request);
        if (activity == null) {
            return chain.handle(request, response);
        }
        door.served().increment();
        ServerRequestObservationContext timing =
                new ServerRequestObservationContext(request, response, new HashMap<>());
        timing.setPathPattern(door.pattern());
        Observation observation = ServerHttpObservationDocumentation.HTTP_REACTIVE_SERVER_REQUESTS.observation(
                convention, DEFAULT_CONVENTION, () -> timing, observations);
        return Mono.defer(() -> {
                    observation.start();
                    SecurityHeaders.set(response.getHeaders(), web);
                    SecurityHeaders.noCache(response.getHeaders());
                    return serve(door, activity, request, response)
                            .onErrorResume(e -> !response.isCommitted(), e -> problem(request, response, e, timing));
                })
                .doOnCancel(() -> {
                    timing.setConnectionAborted(true);
                    observation.stop();
                })
                .doOnTerminate(observation::stop);
    }

    private Mono<Void> serve(Door door, UUID activity, ServerHttpRequest request, ServerHttpResponse response) {
        if (request.getHeaders().getContentLength() > maxBytes) {
            return Mono.error(new PayloadTooLarge(maxBytes));
        }
        return door.reader()
                .readMono(door.body(), BoundedBody.of(request, maxBytes), Map.of())
                // an empty body is not JSON either: the chain answers it malformed-json too (CheckInDoorIT)
                .switchIfEmpty(Mono.error(() -> new DecodingException("No request body")))
                .onErrorMap(
                        DecodingException.class,
                        e -> new ServerWebInputException("Failed to read HTTP message", null, e))
                .flatMap(body -> door.route().serve(activity, body, request, response))
                .timeout(
                        web.requestTimeout(),
                        Mono.error(() -> new TimeoutException("request took longer than " + web.requestTimeout())))
                .flatMap(answer -> write(answer, response));
    }

    @SuppressWarnings("unchecked")
    private Mono<Void> write(ResponseEntity<?> answer, ServerHttpResponse response) {
        response.setStatusCode(answer.getStatusCode());
        response.getHeaders().putAll(answer.getHeaders());
        Object body = answer.getBody();
        if (body == null) {
            return response.setComplete();
        }
        HttpMessageWriter<Object> writer = (HttpMessageWriter<Object>) writerOf.computeIfAbsent(
                body.getClass(),
                type -> writers.stream()
                        .filter(w -> w.canWrite(ResolvableType.forClass(type), MediaType.APPLICATION_JSON))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no JSON writer for " + type)));
        return writer.write(
                Mono.just(body),
                ResolvableType.forClass(body.getClass()),
                MediaType.APPLICATION_JSON,
                response,
                Map.of());
    }

    /** As the chain's exception handler answers: the one mapping of failures to problems, 5xx logged. */
    private Mono<Void> problem(
            ServerHttpRequest request,
            ServerHttpResponse response,
            Throwable error,
            ServerRequestObservationContext timing) {
        Problem problem = problems.problemFor(request, error);
        if (problem.status().is5xxServerError()) {
            timing.setError(error);
        }
        return problems.write(request, response, problem);
    }

    /** The route of an anonymous JSON write served here, or null for any other request. */
    private Door door(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        String path = request.getPath().pathWithinApplication().value();
        if (path.length() <= ID_END || !path.startsWith(PREFIX)) {
            return null;
        }
        Door door = doors.get(path.substring(ID_END));
        if (door == null) {
            return null;
        }
        HttpHeaders headers = request.getHeaders();
        if (headers.containsHeader(HttpHeaders.AUTHORIZATION)
                || request.getCookies().getFirst(SessionCookie.NAME) != null
                || !json(headers)) {
            return null;
        }
        return door;
    }

    private static UUID activity(ServerHttpRequest request) {
        try {
            return UUID.fromString(
                    request.getPath().pathWithinApplication().value().substring(PREFIX.length(), ID_END));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    /** A JSON body, and an answer the client accepts as JSON (anything else is negotiated by the chain). */
    private static boolean json(HttpHeaders headers) {
        try {
            MediaType type = headers.getContentType();
            if (type == null
                    || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    || !(type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()))) {
                return false;
            }
            List<MediaType> accept = headers.getAccept();
            return accept.isEmpty() || accept.stream().anyMatch(t -> t.includes(MediaType.APPLICATION_JSON));
        } catch (IllegalArgumentException e) { // a malformed type, an unknown charset
            return false;
        }
    }

    /** Puts the door in front of the chain, behind the admission control (see its registration). */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        WebHttpHandlerBuilderCustomizer anonymousWritesBeforeTheChain(
                ObjectProvider<Route<?>> routes,
                WebProperties web,
                ProblemWriter problems,
                ServerCodecConfigurer codecs,
                ObjectProvider<ObservationRegistry> observations,
                ObjectProvider<ServerRequestObservationConvention> convention,
                MeterRegistry meters) {
            return builder -> builder.httpHandlerDecorator(chain -> new FrontDoor(
                    chain,
                    routes.orderedStream().toList(),
                    web,
                    problems,
                    codecs,
                    observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                    convention.getIfAvailable(() -> DEFAULT_CONVENTION),
                    meters));
        }
    }
}
