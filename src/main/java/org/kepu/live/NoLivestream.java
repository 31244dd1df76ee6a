package org.kepu.live;

import org.kepu.shared.error.DomainException;

/** The activity has no livestream: on site only, or no live URL. */
public final class NoLivestream extends DomainException {

    public NoLivestream() {
        super(Kind.RULE_VIOLATION, "This activity has no livestream (it is on site only, or has no live URL).");
    }
}
