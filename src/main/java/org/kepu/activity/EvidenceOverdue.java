package org.kepu.activity;

import org.kepu.shared.error.DomainException;

/** The deadline for evidence has passed. */
public final class EvidenceOverdue extends DomainException {

    public EvidenceOverdue() {
        super(Kind.RULE_VIOLATION, "The deadline for evidence has passed.");
    }
}
