package org.kepu.live;

import org.kepu.shared.error.DomainException;

/** A moderator muted this participant in this chat. */
public final class ParticipantMuted extends DomainException {

    public ParticipantMuted() {
        super(Kind.FORBIDDEN, "A moderator has muted you in this livestream's chat.");
    }
}
