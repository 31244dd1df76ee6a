package org.kepu.feedback;

import org.kepu.shared.error.DomainException;

/** No such feedback, or not visible to the caller. */
public final class FeedbackNotFound extends DomainException {

    public FeedbackNotFound() {
        super(Kind.NOT_FOUND, "No such feedback.");
    }
}
