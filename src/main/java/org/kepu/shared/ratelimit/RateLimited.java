package org.kepu.shared.ratelimit;

import java.time.Duration;
import org.kepu.shared.error.DomainException;

/** Too many requests from this caller; {@code Retry-After} says when to try again. */
public final class RateLimited extends DomainException {

    public RateLimited(Duration retryAfter) {
        super(Kind.RATE_LIMITED, "Too many requests; try again later.", retryAfter);
    }
}
