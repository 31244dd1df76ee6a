package org.kepu.feedback;

import java.util.Optional;
import org.kepu.activity.Labelled;

/** The fixed vocabulary of feedback tags: codes on the wire, labels for people. */
public enum FeedbackTag implements Labelled {
    INTERESTING("内容有趣", "Interesting content", true),
    CLEAR("讲解清楚", "Clearly explained", true),
    GOOD_FOR_CHILDREN("适合孩子", "Good for children", true),
    INTERACTIVE("互动性强", "Very interactive", true),
    WELL_ORGANIZED("组织有序", "Well organized", true),
    THOUGHT_PROVOKING("启发思考", "Thought-provoking", true),
    PRACTICAL("实用性强", "Practical", true),
    HELPFUL_VOLUNTEERS("志愿者热情", "Helpful volunteers", true),
    ACCESSIBLE("无障碍友好", "Accessible", true),
    HARD_TO_REACH("场地不便", "Venue hard to reach", false),
    CROWDED("人员拥挤", "Too crowded", false),
    TOO_SHORT("时间太短", "Too short", false),
    HARD_TO_FOLLOW("内容偏难", "Hard to follow", false),
    POOR_STREAM("直播卡顿", "Choppy livestream", false);

    /** At most this many tags per feedback. */
    public static final int MAX = 5;

    private final String zh;
    private final String en;
    private final boolean positive;

    FeedbackTag(String zh, String en, boolean positive) {
        this.zh = zh;
        this.en = en;
        this.positive = positive;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    /** Praise (true) or a complaint (false), so a form can group them. */
    public boolean positive() {
        return positive;
    }

    /** The tag with this code; empty for anything else (labels are not codes). */
    public static Optional<FeedbackTag> of(String code) {
        for (FeedbackTag tag : values()) {
            if (tag.name().equals(code)) {
                return Optional.of(tag);
            }
        }
        return Optional.empty();
    }
}
