package org.kepu.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import kepuprobe.ProbeController;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** Every framework error is answered as problem+json with the right status, a stable code and no internals. */
@IntegrationTest
@Import(ProbeController.class)
class WebErrorsIT {

    @Autowired
    WebTestClient client;

    @Test
    void malformedJsonIsA400() {
        Map<String, Object> problem = post("{\"name\": \"x\",", MediaType.APPLICATION_JSON, HttpStatus.BAD_REQUEST);
        assertThat(problem).containsEntry("code", "malformed-json");
    }

    @Test
    void anUnknownFieldIsRejectedNotIgnored() {
        Map<String, Object> problem =
                post("{\"name\":\"x\",\"size\":1,\"admin\":true}", MediaType.APPLICATION_JSON, HttpStatus.BAD_REQUEST);
        assertThat(problem).containsEntry("code", "validation-failed");
        assertThat(problem.get("errors").toString()).contains("admin").contains("unknown-field");
    }

    @Test
    void aFieldOfTheWrongTypeNamesTheField() {
        Map<String, Object> problem =
                post("{\"name\":\"x\",\"size\":\"many\"}", MediaType.APPLICATION_JSON, HttpStatus.BAD_REQUEST);
        assertThat(problem).containsEntry("code", "validation-failed");
        assertThat(problem.get("errors").toString()).contains("size").contains("invalid-value");
    }

    @Test
    void beanValidationFailuresListEveryField() {
        Map<String, Object> problem =
                post("{\"name\":\" \",\"size\":99}", MediaType.APPLICATION_JSON, HttpStatus.BAD_REQUEST);
        assertThat(problem).containsEntry("code", "validation-failed");
        assertThat(problem.get("errors").toString()).contains("name").contains("size");
    }

    @Test
    void theWrongMediaTypeIsA415() {
        Map<String, Object> problem =
                post("name=x", MediaType.APPLICATION_FORM_URLENCODED, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(problem).containsEntry("code", "unsupported-media-type");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\",\"size\":1}";
        Map<String, Object> problem = post(big, MediaType.APPLICATION_JSON, HttpStatus.CONTENT_TOO_LARGE);
        assertThat(problem).containsEntry("code", "payload-too-large");
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413Too() {
        DataBuffer chunk = DefaultDataBufferFactory.sharedInstance.wrap(
                "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8));
        Flux<DataBuffer> body = Flux.concat(
                Flux.just(
                        DefaultDataBufferFactory.sharedInstance.wrap("{\"name\":\"".getBytes(StandardCharsets.UTF_8))),
                Flux.range(0, 20)
                        .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                                chunk.toByteBuffer().duplicate())),
                Flux.just(DefaultDataBufferFactory.sharedInstance.wrap("\"}".getBytes(StandardCharsets.UTF_8))));
        var result = client.post()
                .uri("/api/v1/probe")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body, DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody(Map.class)
                .returnResult();
        assertProblem(result, HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void aMalformedPathVariableIsA400NamingIt() {
        Map<String, Object> problem = get("/api/v1/probe/not-a-uuid", HttpStatus.BAD_REQUEST);
        assertThat(problem).containsEntry("code", "invalid-parameter");
        assertThat(problem.get("errors").toString()).contains("id");
    }

    @Test
    void anUnknownRouteIsA404() {
        assertThat(get("/api/v1/no-such-thing", HttpStatus.NOT_FOUND)).containsEntry("code", "not-found");
    }

    @Test
    void aWrongMethodIsA405WithAllow() {
        client.delete()
                .uri("/api/v1/probe/" + java.util.UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.ALLOW, "GET");
    }

    @Test
    void roleAreasNeedAnAccount() {
        assertThat(get("/api/v1/admin/audit", HttpStatus.UNAUTHORIZED)).containsEntry("code", "unauthenticated");
        assertThat(get("/api/v1/organizer/activities", HttpStatus.UNAUTHORIZED))
                .containsEntry("code", "unauthenticated");
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothing() {
        Map<String, Object> problem = get("/api/v1/probe-failure", HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problem).containsEntry("code", "internal-error");
        assertThat(problem.toString()).doesNotContain("secret").doesNotContain("IllegalState");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectHeader()
                .valueMatches("Content-Security-Policy", ".*default-src 'self'.*frame-ancestors 'none'.*")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .valueEquals("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    private Map<String, Object> post(String body, MediaType type, HttpStatus expected) {
        var result = client.mutate()
                .responseTimeout(Duration.ofSeconds(20))
                .build()
                .post()
                .uri("/api/v1/probe")
                .contentType(type)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectBody(Map.class)
                .returnResult();
        return assertProblem(result, expected);
    }

    private Map<String, Object> get(String path, HttpStatus expected) {
        var result = client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectBody(Map.class)
                .returnResult();
        return assertProblem(result, expected);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> assertProblem(EntityExchangeResult<Map> result, HttpStatus expected) {
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> problem = result.getResponseBody();
        assertThat(problem).containsKeys("type", "title", "status", "detail", "instance", "code");
        assertThat(problem.get("status")).isEqualTo(expected.value());
        String text = problem.toString();
        assertThat(text).doesNotContainPattern("\\bat [a-z]+\\.[a-zA-Z.]+\\(").doesNotContain("Exception");
        assertThat(text).doesNotContainPattern("(org|java|tools|io|reactor)\\.[a-z]+\\.[A-Za-z]");
        return problem;
    }
}
