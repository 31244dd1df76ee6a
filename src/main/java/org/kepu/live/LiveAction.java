package org.kepu.live;

/** What an organizer does to their activity's livestream. */
public enum LiveAction {
    /** Goes live now, also before the scheduled start. */
    START,
    /** Ends it now, also before the scheduled end; final. */
    END,
    /** Marks it interrupted (technical trouble); {@link #RESUME} goes live again. */
    INTERRUPT,
    RESUME
}
