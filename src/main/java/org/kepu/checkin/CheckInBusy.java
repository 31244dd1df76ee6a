package org.kepu.checkin;

import java.time.Duration;
import org.kepu.shared.error.DomainException;

/** More check-ins are waiting for a commit than this instance takes on; the client retries shortly. */
public final class CheckInBusy extends DomainException {

    public CheckInBusy() {
        super(Kind.UNAVAILABLE, "Check-in is very busy right now; retry in a moment.", Duration.ofSeconds(1));
    }
}
