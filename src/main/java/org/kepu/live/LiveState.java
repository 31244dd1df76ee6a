package org.kepu.live;

/**
 * A livestream's state as viewers see it. {@code INTERRUPTED} is the organizer's "we have a problem" sign
 * (an extension of API.md's SCHEDULED / LIVE / ENDED); the stream stays open and comments pause.
 */
public enum LiveState {
    SCHEDULED,
    LIVE,
    INTERRUPTED,
    ENDED
}
