package org.kepu.live;

import java.time.Duration;
import org.kepu.shared.error.DomainException;

/** This instance holds its maximum of live streams; the load balancer or a retry finds another one. */
public final class StreamsFull extends DomainException {

    public StreamsFull(Duration retryAfter) {
        super(Kind.UNAVAILABLE, "This server holds as many live streams as it can; retry shortly.", retryAfter);
    }
}
