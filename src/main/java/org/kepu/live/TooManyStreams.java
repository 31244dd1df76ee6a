package org.kepu.live;

import java.time.Duration;
import org.kepu.shared.error.DomainException;

/**
 * This client address holds as many live streams on this instance as it may, or the instance holds its
 * maximum. A browser keeps one stream per open live page; a NAT'ed venue shares one address, hence a limit
 * well above one.
 */
public final class TooManyStreams extends DomainException {

    public TooManyStreams(Duration retryAfter) {
        super(Kind.RATE_LIMITED, "Too many open live streams from this address; close one and retry.", retryAfter);
    }
}
