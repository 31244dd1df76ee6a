package org.kepu.checkin;

import java.time.Duration;
import org.kepu.shared.error.DomainException;

/** The first request with this Idempotency-Key is still running; retry shortly to get its answer. */
public final class IdempotencyKeyInFlight extends DomainException {

    public IdempotencyKeyInFlight() {
        super(Kind.CONFLICT, "A request with this Idempotency-Key is still in progress.", Duration.ofSeconds(1));
    }
}
