package org.kepu.shared.error;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An RFC 9457 problem about to be sent: status, stable code, human text, optional field errors, extra
 * headers ({@code Retry-After}, {@code Allow}) and extension members (e.g. an import's per-row report).
 */
public record Problem(
        HttpStatus status,
        String code,
        String detail,
        List<FieldError> errors,
        HttpHeaders headers,
        Map<String, Object> extensions) {

    public Problem {
        errors = List.copyOf(errors);
        extensions = Map.copyOf(extensions);
    }

    public Problem(HttpStatus status, String code, String detail, List<FieldError> errors, HttpHeaders headers) {
        this(status, code, detail, errors, headers, Map.of());
    }

    static Problem of(HttpStatus status, String code, String detail) {
        return new Problem(status, code, detail, List.of(), HttpHeaders.EMPTY);
    }

    static Problem of(HttpStatus status, String code, String detail, List<FieldError> errors) {
        return new Problem(status, code, detail, errors, HttpHeaders.EMPTY);
    }

    Problem withHeader(String name, String value) {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(headers);
        copy.set(name, value);
        return new Problem(status, code, detail, errors, copy, extensions);
    }

    Problem withExtensions(Map<String, Object> more) {
        return more.isEmpty() ? this : new Problem(status, code, detail, errors, headers, more);
    }
}
