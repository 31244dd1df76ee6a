package org.kepu.feedback;

import org.kepu.shared.error.DomainException;

/** The feedback window (the activity's end plus {@code kepu.feedback.edit-window}) has passed. */
public final class FeedbackClosed extends DomainException {

    public FeedbackClosed() {
        super(Kind.RULE_VIOLATION, "Feedback on this activity is closed.");
    }
}
