package org.kepu.shared.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

class ProblemResponsesTests {

    static final class ActivityNotFound extends DomainException {
        ActivityNotFound() {
            super(Kind.NOT_FOUND, "No such activity.");
        }
    }

    static final class EvidenceOverdue extends DomainException {
        EvidenceOverdue() {
            super(Kind.RULE_VIOLATION, "The evidence deadline has passed.");
        }
    }

    @Test
    void aDomainExceptionsCodeIsItsNameInKebabCase() {
        assertThat(new ActivityNotFound().code()).isEqualTo("activity-not-found");
        assertThat(DomainException.kebab("TokenExpired")).isEqualTo("token-expired");
    }

    @Test
    void eachKindHasItsStatus() {
        assertThat(ProblemResponses.from(new ActivityNotFound()).status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ProblemResponses.from(new EvidenceOverdue()).status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(ProblemResponses.from(ValidationFailed.of("title", "required", "Required."))
                        .errors())
                .extracting(FieldError::field)
                .containsExactly("title");
    }

    @Test
    void anUnavailableEngineIsA503WithRetryAfter() {
        for (Throwable cause : new Throwable[] {
            new TimeoutException("pool"),
            new R2dbcNonTransientResourceException("connection refused"),
            new io.lettuce.core.RedisCommandTimeoutException("HGETALL timed out"),
            new io.lettuce.core.RedisConnectionException("refused")
        }) {
            Problem problem = ProblemResponses.from(new RuntimeException("wrapped", cause));
            assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(problem.code()).isEqualTo("service-unavailable");
            assertThat(problem.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        }
    }

    @SuppressWarnings("unused")
    void handler(@org.springframework.web.bind.annotation.PathVariable java.util.UUID id) {}

    @Test
    void aBlankPathVariableAndAFirewallRejectionAre400s() throws NoSuchMethodException {
        var parameter = new org.springframework.core.MethodParameter(
                ProblemResponsesTests.class.getDeclaredMethod("handler", java.util.UUID.class), 0);
        parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
        // what WebFlux throws when "/activities/%20" converts to a null UUID
        Problem blank =
                ProblemResponses.from(new org.springframework.web.server.ServerErrorException("id", parameter, null));
        assertThat(blank.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(blank.code()).isEqualTo("invalid-parameter");
        assertThat(blank.errors()).extracting(FieldError::field).containsExactly("id");
        Problem rejected = ProblemResponses.from(
                new org.springframework.security.web.server.firewall.ServerExchangeRejectedException("NUL"));
        assertThat(rejected.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rejected.code()).isEqualTo("bad-request");
        // any other server error stays a 500 that says nothing
        assertThat(ProblemResponses.from(new org.springframework.web.server.ServerErrorException("x", (Throwable) null))
                        .code())
                .isEqualTo("internal-error");
    }

    @Test
    void textPostgresCannotStoreIsABadRequest() {
        var nul =
                new io.r2dbc.spi.R2dbcBadGrammarException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        Problem problem =
                ProblemResponses.from(new org.springframework.r2dbc.BadSqlGrammarException("q", "SELECT", nul));
        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.code()).isEqualTo("bad-request");
        // a real grammar error stays a 500
        assertThat(ProblemResponses.from(new io.r2dbc.spi.R2dbcBadGrammarException("syntax", "42601"))
                        .code())
                .isEqualTo("internal-error");
    }

    @Test
    void aLostOptimisticLockIsA409() {
        assertThat(ProblemResponses.from(new OptimisticLockingFailureException("v"))
                        .code())
                .isEqualTo("concurrent-modification");
    }

    @Test
    void anythingElseIsAnOpaque500() {
        Problem problem = ProblemResponses.from(new NullPointerException("field x of org.kepu.Secret"));
        assertThat(problem.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problem.detail()).doesNotContain("Secret");
    }
}
