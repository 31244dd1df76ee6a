package org.kepu.shared.web;

import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Health reports the three engines the app needs, and the probes an orchestrator uses. */
@IntegrationTest
class HealthIT {

    @Autowired
    WebTestClient client;

    @Test
    void healthIsUpWithPostgresRedisAndElasticsearch() {
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP")
                .jsonPath("$.components.redis.status")
                .isEqualTo("UP")
                .jsonPath("$.components.elasticsearch.status")
                .isEqualTo("UP");
    }

    @Test
    void readinessChecksTheEnginesAndLivenessDoesNot() {
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP")
                .jsonPath("$.components.elasticsearch.status")
                .isEqualTo("UP")
                .jsonPath("$.components.redis.status")
                .isEqualTo("UP");
        client.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc")
                .doesNotExist();
    }

    @Test
    void otherActuatorEndpointsAreClosed() {
        client.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
    }
}
