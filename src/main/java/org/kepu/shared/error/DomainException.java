package org.kepu.shared.error;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Base of every business error. The class name is the fact ({@code ActivityNotFound}); its kebab-case
 * form is the stable problem {@code code} clients see ({@code activity-not-found}). Module code never
 * speaks HTTP: the kind decides the status in one place ({@link ProblemResponses}).
 */
public abstract class DomainException extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** The request itself is malformed or fails validation: 400. */
        INVALID,
        /** The thing does not exist, or must not be revealed: 404. */
        NOT_FOUND,
        /** The thing changed or exists already: 409. */
        CONFLICT,
        /** Well-formed but refused by a business rule: 422. */
        RULE_VIOLATION,
        /** The caller must sign in first: 401. */
        UNAUTHENTICATED,
        /** Not allowed for this caller: 403. */
        FORBIDDEN,
        /** Too many requests from this caller: 429. */
        RATE_LIMITED,
        /** A required engine is unavailable; the client may retry later: 503. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    protected DomainException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    protected DomainException(Kind kind, String message, List<FieldError> errors) {
        this(kind, message, errors, null);
    }

    /** For {@code RATE_LIMITED} and {@code UNAVAILABLE}: when the client may try again. */
    protected DomainException(Kind kind, String message, Duration retryAfter) {
        this(kind, message, List.of(), retryAfter);
    }

    private DomainException(Kind kind, String message, List<FieldError> errors, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    /** Field-level details, for validation failures. */
    public List<FieldError> errors() {
        return errors;
    }

    /**
     * Extra members of the problem body, beside the standard ones (which they never replace), for details
     * that are not field errors. Values must serialize as JSON.
     */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    /** The stable, machine-readable problem code. */
    public String code() {
        return kebab(getClass().getSimpleName());
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
