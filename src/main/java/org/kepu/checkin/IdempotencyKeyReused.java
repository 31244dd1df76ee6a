package org.kepu.checkin;

import org.kepu.shared.error.DomainException;

/** The Idempotency-Key was used before with a different request. */
public final class IdempotencyKeyReused extends DomainException {

    public IdempotencyKeyReused() {
        super(Kind.RULE_VIOLATION, "This Idempotency-Key was used with a different request.");
    }
}
