package org.kepu.organizer;

import java.util.Locale;
import org.kepu.shared.ratelimit.RateLimited;
import org.kepu.shared.ratelimit.RateLimiter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Slows password guessing: too many failed sign-ins for one username, or from one client address, within
 * the window answer 429 until the window ends. Usernames are counted whether or not they exist, so the
 * throttle reveals nothing about which accounts there are.
 */
@Component
class LoginThrottle {

    private final RateLimiter limiter;
    private final OrganizerProperties properties;

    LoginThrottle(RateLimiter limiter, OrganizerProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    Mono<Void> check(String username, String address) {
        return limiter.peek(userKey(username))
                .zipWith(limiter.peek(addressKey(address)))
                .flatMap(windows -> {
                    if (windows.getT1().count() >= properties.maxFailuresPerAccount()) {
                        return Mono.error(new RateLimited(windows.getT1().remaining()));
                    }
                    if (windows.getT2().count() >= properties.maxFailuresPerAddress()) {
                        return Mono.error(new RateLimited(windows.getT2().remaining()));
                    }
                    return Mono.empty();
                });
    }

    Mono<Void> failed(String username, String address) {
        return limiter.hit(userKey(username), properties.failureWindow())
                .then(limiter.hit(addressKey(address), properties.failureWindow()))
                .then();
    }

    Mono<Void> succeeded(String username) {
        return limiter.reset(userKey(username));
    }

    private static String userKey(String username) {
        String normalized = username.toLowerCase(Locale.ROOT);
        return "kepu:organizer:login-failures:user:"
                + (normalized.length() > 64 ? normalized.substring(0, 64) : normalized);
    }

    private static String addressKey(String address) {
        return "kepu:organizer:login-failures:address:" + address;
    }
}
