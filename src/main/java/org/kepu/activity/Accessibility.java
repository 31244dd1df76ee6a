package org.kepu.activity;

/** Accessibility an activity offers. */
public record Accessibility(boolean wheelchair, boolean signLanguage, boolean captions, boolean elderFriendly) {

    public static final Accessibility NONE = new Accessibility(false, false, false, false);
}
