package org.kepu.checkin.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.kepu.checkin.CheckInReceipt;
import org.kepu.checkin.CheckInService;
import org.kepu.shared.error.PayloadTooLarge;
import org.kepu.shared.error.Problem;
import org.kepu.shared.error.ProblemResponses;
import org.kepu.shared.error.ProblemWriter;
import org.kepu.shared.web.BoundedBody;
import org.kepu.shared.web.SecurityHeaders;
import org.kepu.shared.web.SessionCookie;
import org.kepu.shared.web.WebProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
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
 * Serves the anonymous participant's check-in ({@code POST /api/v1/activities/{id}/check-ins} with a JSON body and
 * no session) in front of WebFlux's exchange, filter chain and dispatcher. At a venue's opening minute that request
 * is most of the traffic, and the chain alone costs more CPU than the check-in: a bare health check through it
 * reached 0.55× the rate PostgreSQL sustains for single-row inserts on the same core (infra/bench). Of the chain,
 * such a request needs only what is done here as the chain does it: the security headers and cache headers,
 * the body size limit, the request timeout, the same JSON codec, the same problem+json answers, and the request
 * timing ({@code http.server.requests}). It needs no CSRF token (no session, see the security configuration) and
 * no authorization (the route is open). Anything else, a session cookie or an Authorization header above all,
 * goes to the chain unchanged, where {@link CheckInController} serves it through {@link CheckInCall} as well.
 */
final class CheckInDoor implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(CheckInDoor.class);

    private static final String PREFIX = "/api/v1/activities/";
    private static final String SUFFIX = "/check-ins";
    private static final int LENGTH = PREFIX.length() + 36 + SUFFIX.length();
    private static final ResolvableType BODY = ResolvableType.forClass(CheckInRequest.class);
    private static final ResolvableType ANSWER = ResolvableType.forClass(CheckInResponse.class);

    private final HttpHandler chain;
    private final CheckInService checkIns;
    private final WebProperties web;
    private final ProblemWriter problems;
    private final HttpMessageReader<?> reader;
    private final HttpMessageWriter<?> writer;
    private final ObservationRegistry observations;
    private final ServerRequestObservationConvention convention;
    private final long maxBytes;
    private final Counter served;

    CheckInDoor(
            HttpHandler chain,
            CheckInService checkIns,
            WebProperties web,
            ProblemWriter problems,
            List<HttpMessageReader<?>> readers,
            List<HttpMessageWriter<?>> writers,
            ObservationRegistry observations,
            ServerRequestObservationConvention convention,
            MeterRegistry meters) {
        this.chain = chain;
        this.checkIns = checkIns;
        this.web = web;
        this.problems = problems;
        this.reader = readers.stream()
                .filter(r -> r.canRead(BODY, MediaType.APPLICATION_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no JSON reader for the check-in body"));
        this.writer = writers.stream()
                .filter(w -> w.canWrite(ANSWER, MediaType.APPLICATION_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no JSON writer for the check-in answer"));
        this.observations = observations;
        this.convention = convention;
        this.maxBytes = web.maxRequestBytes().toBytes();
        this.served = Counter.builder("kepu.checkin.door")
                .description("Check-in requests served in front of the WebFlux chain (anonymous, JSON)")
                .register(meters);
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        UUID activity = anonymousCheckIn(request);
        if (activity == null) {
            return chain.handle(request, response);
        }
        served.increment();
        ServerRequestObservationContext timing =
                new ServerRequestObservationContext(request, response, new HashMap<>());
        timing.setPathPattern(CheckInController.PATH);
        Observation observation = ServerHttpObservationDocumentation.HTTP_REACTIVE_SERVER_REQUESTS.observation(
                convention, DEFAULT_CONVENTION, () -> timing, observations);
        return Mono.defer(() -> {
                    observation.start();
                    SecurityHeaders.set(response.getHeaders(), web);
                    SecurityHeaders.noCache(response.getHeaders());
                    return serve(activity, request, response)
                            .onErrorResume(e -> !response.isCommitted(), e -> problem(request, response, e, timing));
                })
                .doOnCancel(() -> {
                    timing.setConnectionAborted(true);
                    observation.stop();
                })
                .doOnTerminate(observation::stop);
    }

    private Mono<Void> serve(UUID activity, ServerHttpRequest request, ServerHttpResponse response) {
        if (request.getHeaders().getContentLength() > maxBytes) {
            return Mono.error(new PayloadTooLarge(maxBytes));
        }
        String key = request.getHeaders().getFirst("Idempotency-Key");
        return reader.readMono(BODY, BoundedBody.of(request, maxBytes), Map.of())
                .cast(CheckInRequest.class)
                // an empty body is not JSON either: the chain answers it malformed-json too (CheckInDoorIT)
                .switchIfEmpty(Mono.error(() -> new DecodingException("No request body")))
                .onErrorMap(
                        DecodingException.class,
                        e -> new ServerWebInputException("Failed to read HTTP message", null, e))
                .flatMap(body -> CheckInCall.checkIn(checkIns, web, activity, body, key, request, response))
                .timeout(
                        web.requestTimeout(),
                        Mono.error(() -> new TimeoutException("request took longer than " + web.requestTimeout())))
                .flatMap(receipt -> answer(receipt, response));
    }

    @SuppressWarnings("unchecked")
    private Mono<Void> answer(CheckInReceipt receipt, ServerHttpResponse response) {
        response.setStatusCode(CheckInCall.status(receipt));
        if (receipt.replayed()) {
            response.getHeaders().set(CheckInCall.REPLAYED, "true");
        }
        return ((HttpMessageWriter<CheckInResponse>) writer)
                .write(Mono.just(CheckInResponse.of(receipt)), ANSWER, MediaType.APPLICATION_JSON, response, Map.of());
    }

    /** As the chain's exception handler answers: the one mapping of failures to problems, 5xx logged. */
    private Mono<Void> problem(
            ServerHttpRequest request,
            ServerHttpResponse response,
            Throwable error,
            ServerRequestObservationContext timing) {
        Problem problem = ProblemResponses.from(error);
        if (problem.status().is5xxServerError()) {
            timing.setError(error);
            log.error("{} {} failed with {}", request.getMethod(), request.getPath(), problem.code(), error);
        }
        response.getHeaders().remove(CheckInCall.REPLAYED);
        return problems.write(request, response, problem);
    }

    /** The activity of an anonymous JSON check-in that this serves, or null for any other request. */
    static UUID anonymousCheckIn(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        String path = request.getPath().pathWithinApplication().value();
        if (path.length() != LENGTH || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return null;
        }
        HttpHeaders headers = request.getHeaders();
        if (headers.containsHeader(HttpHeaders.AUTHORIZATION)
                || request.getCookies().getFirst(SessionCookie.NAME) != null
                || !json(headers)) {
            return null;
        }
        try {
            return UUID.fromString(path.substring(PREFIX.length(), PREFIX.length() + 36));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    /** A JSON body, and an answer the client accepts as JSON (anything else is negotiated by the chain). */
    private static boolean json(HttpHeaders headers) {
        try {
            MediaType type = headers.getContentType();
            if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
                return false;
            }
            List<MediaType> accept = headers.getAccept();
            return accept.isEmpty() || accept.stream().anyMatch(t -> t.includes(MediaType.APPLICATION_JSON));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static final DefaultServerRequestObservationConvention DEFAULT_CONVENTION =
            new DefaultServerRequestObservationConvention();

    /** Puts the door in front of the chain, behind the admission control (see its registration). */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        WebHttpHandlerBuilderCustomizer checkInsBeforeTheChain(
                CheckInService checkIns,
                WebProperties web,
                ProblemWriter problems,
                ServerCodecConfigurer codecs,
                ObjectProvider<ObservationRegistry> observations,
                ObjectProvider<ServerRequestObservationConvention> convention,
                MeterRegistry meters) {
            return builder -> builder.httpHandlerDecorator(chain -> new CheckInDoor(
                    chain,
                    checkIns,
                    web,
                    problems,
                    codecs.getReaders(),
                    codecs.getWriters(),
                    observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                    convention.getIfAvailable(() -> DEFAULT_CONVENTION),
                    meters));
        }
    }
}
