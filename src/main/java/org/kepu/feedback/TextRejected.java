package org.kepu.feedback;

import org.kepu.shared.error.DomainException;

/** The text contains a blocked word. The word itself is not echoed, so the list cannot be probed cheaply. */
public final class TextRejected extends DomainException {

    public TextRejected() {
        super(Kind.RULE_VIOLATION, "The text contains words that are not allowed here.");
    }
}
