package org.kepu.activity;

import org.kepu.shared.error.DomainException;

/** Evidence and recommendations come after the activity has ended. */
public final class ActivityNotEnded extends DomainException {

    public ActivityNotEnded() {
        super(Kind.RULE_VIOLATION, "Evidence and recommendations come after the activity has ended.");
    }
}
