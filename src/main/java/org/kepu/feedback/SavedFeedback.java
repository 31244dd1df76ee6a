package org.kepu.feedback;

/** The feedback after a save, and whether this save created it (else it updated the participant's own). */
public record SavedFeedback(FeedbackDetails feedback, boolean created) {}
