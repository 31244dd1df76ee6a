package org.kepu.organizer;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * What a browser session remembers about its sign-in: the account and when it signed in. Roles and
 * region are looked up again on every request, so disabling an account or changing its unit takes effect
 * at once on every instance.
 */
public final class SignInSession {

    static final String ACCOUNT = "kepu.account";
    static final String SIGNED_IN_AT = "kepu.signedInAt";

    private SignInSession() {}

    /** Starts a signed-in session under a new session id (no fixation). */
    public static Mono<Void> start(WebSession session, UUID accountId, Instant at) {
        return session.changeSessionId().then(Mono.fromRunnable(() -> {
            session.getAttributes().put(ACCOUNT, accountId.toString());
            session.getAttributes().put(SIGNED_IN_AT, at.toEpochMilli());
            session.start();
        }));
    }

    public static Mono<Void> end(WebSession session) {
        return session.invalidate();
    }

    record SignedIn(UUID accountId, Instant at) {}

    static Optional<SignedIn> read(WebSession session) {
        Object account = session.getAttributes().get(ACCOUNT);
        Object at = session.getAttributes().get(SIGNED_IN_AT);
        if (account instanceof String id && at instanceof Long millis) {
            try {
                return Optional.of(new SignedIn(UUID.fromString(id), Instant.ofEpochMilli(millis)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
