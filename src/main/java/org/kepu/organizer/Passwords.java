package org.kepu.organizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kepu.shared.error.FieldError;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Password hashing with bcrypt. Hashing costs tens of milliseconds of CPU, so it never runs on an event
 * loop; unknown usernames are checked against a dummy hash so that timing does not reveal which exist.
 */
@Component
class Passwords {

    static final int MIN_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently truncated. */
    static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
    private final String dummyHash = encoder.encode("kepu-dummy-password-for-timing");

    Mono<String> hash(String raw) {
        return Mono.fromCallable(() -> encoder.encode(raw)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Whether {@code raw} matches {@code hash}; with no hash (unknown user) spends the same time and fails. */
    Mono<Boolean> matches(String raw, String hash) {
        return Mono.fromCallable(() -> {
                    boolean ok = encoder.matches(raw, hash == null ? dummyHash : hash);
                    return ok && hash != null;
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    static List<FieldError> problems(String field, String raw) {
        List<FieldError> errors = new ArrayList<>();
        if (raw == null || raw.codePointCount(0, raw.length()) < MIN_LENGTH) {
            errors.add(new FieldError(field, "too-short", "A password has at least " + MIN_LENGTH + " characters."));
        } else if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            errors.add(new FieldError(field, "too-long", "A password has at most " + MAX_BYTES + " bytes."));
        }
        return errors;
    }
}
