package org.kepu.checkin;

import org.kepu.shared.error.DomainException;

/** Online check-in applies to online and hybrid activities only. */
public final class NotOnline extends DomainException {

    public NotOnline() {
        super(Kind.RULE_VIOLATION, "This activity has no online check-in.");
    }
}
