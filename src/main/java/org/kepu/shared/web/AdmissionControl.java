package org.kepu.shared.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.kepu.shared.error.Problem;
import org.kepu.shared.error.ProblemWriter;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Sheds a surge at the door. Past its CPU, an instance that takes every request only makes each one wait
 * longer (the overload benchmark saw a p99 of 52 s and half the normal goodput); past {@code kepu.web.max-in-flight}
 * requests in progress, a new one is answered 503 {@code overloaded} with {@code Retry-After} before any filter,
 * security check or body parsing is spent on it, so what is admitted still finishes in normal time. Streams,
 * exports and health checks are not counted: they are long by design, and an orchestrator must still see a live
 * instance.
 */
final class AdmissionControl implements HttpHandler {

    static final String CODE = "overloaded";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final HttpHandler next;
    private final int limit;
    private final ProblemWriter problems;
    private final WebProperties web;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter refused;

    private AdmissionControl(
            HttpHandler next, int limit, ProblemWriter problems, WebProperties web, MeterRegistry meters) {
        this.next = next;
        this.limit = limit;
        this.problems = problems;
        this.web = web;
        this.refused = Counter.builder("kepu.web.admission.refused")
                .description("Requests answered 503 overloaded because the instance was at its in-flight limit")
                .register(meters);
        Gauge.builder("kepu.web.admission.in-flight", inFlight, AtomicInteger::get)
                .description("Requests in progress that count against the in-flight limit")
                .register(meters);
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        if (exempt(request)) {
            return next.handle(request, response);
        }
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            refused.increment();
            return refuse(request, response);
        }
        Mono<Void> handled;
        try {
            handled = next.handle(request, response);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        return handled.doFinally(signal -> inFlight.decrementAndGet());
    }

    private Mono<Void> refuse(ServerHttpRequest request, ServerHttpResponse response) {
        SecurityHeaders.set(response.getHeaders(), web);
        response.getHeaders().setCacheControl("no-store");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
        return problems.write(
                request,
                response,
                new Problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        CODE,
                        "The service is very busy right now; retry in a moment.",
                        List.of(),
                        headers,
                        Map.of()));
    }

    private static boolean exempt(ServerHttpRequest request) {
        return LongRequests.isLong(request) || request.getPath().value().startsWith("/actuator/health");
    }

    /**
     * Puts the limit in front of everything else, the handlers that serve check-ins and live streams before the
     * chain included. The decorator added first ends up outermost ({@code WebHttpHandlerBuilder} composes a new
     * decorator as {@code new.andThen(existing)}), so this one is customized first.
     */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        WebHttpHandlerBuilderCustomizer admissionControlAtTheDoor(
                WebProperties web, ProblemWriter problems, MeterRegistry meters) {
            return builder -> builder.httpHandlerDecorator(
                    handler -> new AdmissionControl(handler, web.maxInFlight(), problems, web, meters));
        }
    }
}
