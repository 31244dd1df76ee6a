package org.kepu.shared.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@link Problem} as {@code application/problem+json}; used wherever an error leaves the app. */
@Component
public class ProblemWriter {

    private static final Logger log = LoggerFactory.getLogger(ProblemWriter.class);

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /**
     * The problem a failure is answered with ({@link ProblemResponses}); a 5xx is logged with its request, since it
     * is a fault of ours or an engine's, not the client's.
     */
    public Problem problemFor(ServerHttpRequest request, Throwable error) {
        Problem problem = ProblemResponses.from(error);
        if (problem.status().is5xxServerError()) {
            log.error("{} {} failed with {}", request.getMethod(), request.getPath(), problem.code(), error);
        }
        return problem;
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        return write(exchange.getRequest(), exchange.getResponse(), problem);
    }

    /** For answers given before the WebFlux chain, where there is no exchange yet. */
    public Mono<Void> write(ServerHttpRequest request, ServerHttpResponse response, Problem problem) {
        response.setStatusCode(problem.status());
        response.getHeaders().addAll(problem.headers());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(body(problem, request.getPath().value()));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    static Map<String, Object> body(Problem problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:kepu:problem:" + problem.code());
        body.put("title", problem.status().getReasonPhrase());
        body.put("status", problem.status().value());
        body.put("detail", problem.detail());
        body.put("instance", instance);
        body.put("code", problem.code());
        if (!problem.errors().isEmpty()) {
            List<Map<String, String>> errors = problem.errors().stream()
                    .map(e -> Map.of("field", e.field(), "code", e.code(), "message", e.message()))
                    .toList();
            body.put("errors", errors);
        }
        // an extension may add members but never change the standard ones clients rely on
        problem.extensions().forEach(body::putIfAbsent);
        return body;
    }
}
