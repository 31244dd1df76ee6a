package org.kepu.feedback;

/** Where a feedback stands in moderation. Only {@link #VISIBLE} feedback is listed publicly. */
public enum FeedbackState {
    /** Listed. */
    VISIBLE,
    /** A sensitive word holds the comment until a moderator restores it. */
    HELD,
    /** Enough reports hid it until a moderator restores it. */
    REPORTED,
    /** A moderator removed it; its rating no longer counts. */
    REMOVED;

    /** Whether its rating counts in the aggregates. */
    public boolean counted() {
        return this != REMOVED;
    }
}
