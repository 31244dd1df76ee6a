package org.kepu.feedback;

import java.time.Duration;
import org.kepu.shared.error.DomainException;

/** More feedback is waiting for a commit than this instance takes on; the client retries shortly. */
public final class FeedbackBusy extends DomainException {

    public FeedbackBusy() {
        super(Kind.UNAVAILABLE, "Feedback is very busy right now; retry in a moment.", Duration.ofSeconds(1));
    }
}
