package org.kepu.live;

import org.kepu.shared.error.DomainException;

/** The livestream has ended, was cancelled, or opens later. */
public final class LiveNotOpen extends DomainException {

    public LiveNotOpen() {
        super(
                Kind.RULE_VIOLATION,
                "The livestream is not open: it has ended, or starts more than the opening time from now.");
    }
}
