package org.kepu.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A surge is shed at the door: with room for two requests in progress, a third is answered 503
 * {@code overloaded} with Retry-After while the two are still running, instead of queueing behind them; health
 * checks still answer; once the two finish, requests are admitted again.
 */
@IntegrationTest
@TestPropertySource(properties = "kepu.web.max-in-flight=2")
class AdmissionControlIT {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    record Answer(int status, String contentType, String retryAfter, String frameOptions, String body) {}

    @Test
    void aRequestBeyondTheInFlightLimitIsRefusedAtOnceAndTheLimitFreesUpAfterwards() {
        ConnectionProvider connections = ConnectionProvider.newConnection();
        HttpClient http = HttpClient.create(connections).baseUrl("http://localhost:" + port);
        Sinks.Empty<Void> release = Sinks.empty();
        String checkIns = "/api/v1/activities/" + UUID.randomUUID() + "/check-ins";
        List<Mono<Answer>> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            // headers and half a body now, the rest once released: the request is in progress until then
            Flux<String> body =
                    Flux.concat(Mono.just("{\"token\":"), release.asMono().then(Mono.just("\"x\"}")));
            held.add(checkIn(http, checkIns, body).cache());
        }
        held.forEach(Mono::subscribe);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.get("kepu.web.admission.in-flight").gauge().value() == 2.0);

        Answer refused = checkIn(http, checkIns, Mono.just("{\"token\":\"x\"}")).block(Duration.ofSeconds(10));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.retryAfter()).isEqualTo("1");
        assertThat(refused.frameOptions()).as("security headers").isEqualTo("DENY");
        assertThat(refused.body()).contains("\"code\":\"overloaded\"").contains("\"status\":503");
        assertThat(meters.get("kepu.web.admission.refused").counter().count()).isGreaterThanOrEqualTo(1);

        Answer health = answer(http.get().uri("/actuator/health/liveness")).block(Duration.ofSeconds(10));
        assertThat(health.status()).as("health is not counted").isEqualTo(200);

        release.tryEmitEmpty();
        for (Mono<Answer> answer : held) {
            // the held requests were admitted: an unknown activity is 404, not a refusal
            assertThat(answer.block(Duration.ofSeconds(30)).status()).isEqualTo(404);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("kepu.web.admission.in-flight").gauge().value() == 0.0);
        Answer admitted =
                checkIn(http, checkIns, Mono.just("{\"token\":\"x\"}")).block(Duration.ofSeconds(10));
        assertThat(admitted.status()).isEqualTo(404);
        connections.dispose();
    }

    private static Mono<Answer> checkIn(HttpClient http, String path, Publisher<String> body) {
        return answer(http.headers(h -> h.set("Content-Type", "application/json"))
                .post()
                .uri(path)
                .send(ByteBufFlux.fromString(body)));
    }

    private static Mono<Answer> answer(HttpClient.ResponseReceiver<?> request) {
        return request.responseSingle((response, content) -> content.asString()
                .defaultIfEmpty("")
                .map(text -> new Answer(
                        response.status().code(),
                        response.responseHeaders().get("Content-Type", ""),
                        response.responseHeaders().get("Retry-After"),
                        response.responseHeaders().get("X-Frame-Options"),
                        text)));
    }
}
