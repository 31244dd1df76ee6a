package org.kepu.shared.error;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.net.ConnectException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place that decides how any failure is answered. Business errors carry their own code;
 * framework errors get stable codes here; anything unexpected is a 500 that reveals nothing.
 */
public final class ProblemResponses {

    /** Seconds a client should wait before retrying when an engine is unavailable. */
    static final String RETRY_AFTER_SECONDS = "5";

    private ProblemResponses() {}

    public static Problem from(Throwable error) {
        if (error instanceof DomainException domain) {
            return fromDomain(domain);
        }
        if (error instanceof PayloadTooLarge || causedBy(error, DataBufferLimitException.class)) {
            return Problem.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request body is too large.");
        }
        if (error instanceof WebExchangeBindException bind) {
            return Problem.of(
                    HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid fields.", fieldErrors(bind));
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return Problem.of(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type",
                    "This content type is not accepted here.");
        }
        if (error instanceof NotAcceptableStatusException) {
            return Problem.of(
                    HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "No acceptable representation is available.");
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            Problem problem = Problem.of(
                    HttpStatus.METHOD_NOT_ALLOWED,
                    "method-not-allowed",
                    "This method is not allowed on this resource.");
            String allow = notAllowed.getSupportedMethods().stream()
                    .map(Object::toString)
                    .sorted()
                    .collect(Collectors.joining(", "));
            return allow.isEmpty() ? problem : problem.withHeader(HttpHeaders.ALLOW, allow);
        }
        if (error instanceof ServerWebInputException input) {
            return fromInput(input);
        }
        if (error instanceof AuthenticationException) {
            return Problem.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in to do this.");
        }
        if (error instanceof CsrfException) {
            return Problem.of(
                    HttpStatus.FORBIDDEN,
                    "csrf-token-invalid",
                    "Send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header.");
        }
        if (error instanceof AccessDeniedException) {
            return Problem.of(HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this.");
        }
        if (error instanceof OptimisticLockingFailureException) {
            return Problem.of(
                    HttpStatus.CONFLICT,
                    "concurrent-modification",
                    "Someone else changed this record; reload and retry.");
        }
        if (unstorableText(error)) {
            return Problem.of(
                    HttpStatus.BAD_REQUEST,
                    "bad-request",
                    "The request contains characters that cannot be stored (such as NUL).");
        }
        if (engineUnavailable(error)) {
            return unavailable();
        }
        if (error instanceof ServerErrorException server
                && server.getMethodParameter() != null
                && server.getMethodParameter().hasParameterAnnotation(PathVariable.class)) {
            // a route always has its path variables: "missing" means the client sent a blank one (e.g. "%20")
            String name = server.getMethodParameter().getParameterName();
            return Problem.of(
                    HttpStatus.BAD_REQUEST,
                    "invalid-parameter",
                    "A parameter has an invalid value.",
                    List.of(new FieldError(
                            name == null ? "" : name, "invalid", "This parameter has an invalid value.")));
        }
        if (error instanceof ServerExchangeRejectedException) {
            // the security firewall's verdict on an encoded slash, a NUL, "%25" or ".." in the path
            return Problem.of(HttpStatus.BAD_REQUEST, "bad-request", "The request could not be understood.");
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus http = HttpStatus.resolve(status.getStatusCode().value());
            if (http == null || http.is5xxServerError()) {
                return internal();
            }
            String code = http == HttpStatus.NOT_FOUND ? "not-found" : DomainException.kebab(camel(http.name()));
            return Problem.of(http, code, http.getReasonPhrase() + ".");
        }
        return internal();
    }

    static Problem internal() {
        return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "An unexpected error occurred.");
    }

    static Problem unavailable() {
        return Problem.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "service-unavailable",
                        "The service is temporarily unavailable; retry shortly.")
                .withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    private static Problem fromDomain(DomainException domain) {
        Problem problem = Problem.of(status(domain.kind()), domain.code(), domain.getMessage(), domain.errors())
                .withExtensions(domain.extensions());
        if (domain.retryAfter().isPresent()) {
            long seconds = Math.max(1, (domain.retryAfter().get().toMillis() + 999) / 1000);
            return problem.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return domain.kind() == DomainException.Kind.UNAVAILABLE
                ? problem.withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                : problem;
    }

    static HttpStatus status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE_VIOLATION -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    private static Problem fromInput(ServerWebInputException input) {
        UnrecognizedPropertyException unknown = cause(input, UnrecognizedPropertyException.class);
        if (unknown != null) {
            String field = path(unknown);
            return Problem.of(
                    HttpStatus.BAD_REQUEST,
                    "validation-failed",
                    "The request has invalid fields.",
                    List.of(new FieldError(field, "unknown-field", "This field is not part of the request.")));
        }
        MismatchedInputException mismatch = cause(input, MismatchedInputException.class);
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            return Problem.of(
                    HttpStatus.BAD_REQUEST,
                    "validation-failed",
                    "The request has invalid fields.",
                    List.of(new FieldError(
                            path(mismatch), "invalid-value", "This value has the wrong type or format.")));
        }
        if (cause(input, StreamReadException.class) != null
                || cause(input, JacksonException.class) != null
                || cause(input, DecodingException.class) != null) {
            return Problem.of(HttpStatus.BAD_REQUEST, "malformed-json", "The request body is not valid JSON.");
        }
        if (input instanceof MissingRequestValueException missing) {
            return Problem.of(
                    HttpStatus.BAD_REQUEST,
                    "missing-parameter",
                    "A required parameter is missing.",
                    List.of(new FieldError(missing.getName(), "required", "This parameter is required.")));
        }
        if (input.getMethodParameter() != null) {
            String name = input.getMethodParameter().getParameterName();
            return Problem.of(
                    HttpStatus.BAD_REQUEST,
                    "invalid-parameter",
                    "A parameter has an invalid value.",
                    List.of(new FieldError(
                            name == null ? "" : name, "invalid", "This parameter has an invalid value.")));
        }
        if (input.getReason() != null && input.getReason().contains("body is missing")) {
            return Problem.of(HttpStatus.BAD_REQUEST, "missing-body", "A request body is required.");
        }
        return Problem.of(HttpStatus.BAD_REQUEST, "bad-request", "The request could not be understood.");
    }

    private static List<FieldError> fieldErrors(WebExchangeBindException bind) {
        return bind.getFieldErrors().stream()
                .map(e -> new FieldError(
                        e.getField(),
                        e.getCode() == null ? "invalid" : DomainException.kebab(e.getCode()),
                        e.getDefaultMessage() == null ? "Invalid value." : e.getDefaultMessage()))
                .toList();
    }

    private static boolean engineUnavailable(Throwable error) {
        return causedBy(error, R2dbcTransientException.class)
                || causedBy(error, R2dbcNonTransientResourceException.class)
                || causedBy(error, DataAccessResourceFailureException.class)
                || causedBy(error, TransientDataAccessException.class)
                || causedBy(error, TimeoutException.class)
                || causedBy(error, ConnectException.class)
                // Lettuce's own exceptions when Redis is slow or gone (sessions, rate limits, counters)
                || causedBy(error, RedisCommandTimeoutException.class)
                || causedBy(error, RedisConnectionException.class);
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String camel(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String part : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return cause(error, type) != null;
    }

    /**
     * PostgreSQL refuses NUL and characters its encoding lacks in text (SQLSTATE 22021, 22P05); such text only
     * comes from a client, whichever parameter or field carried it to a query.
     */
    private static boolean unstorableText(Throwable error) {
        R2dbcException r2dbc = cause(error, R2dbcException.class);
        return r2dbc != null && ("22021".equals(r2dbc.getSqlState()) || "22P05".equals(r2dbc.getSqlState()));
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
