package org.kepu.feedback;

/** What the sensitive-word list says about a text. Ordered from mild to severe. */
public enum Verdict {
    /** Shown at once. */
    ALLOW,
    /** Stored, but hidden until a moderator restores it. */
    HOLD,
    /** Refused. */
    BLOCK
}
