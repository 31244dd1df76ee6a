package org.kepu.campaign;

/** The two national campaigns. */
public enum CampaignKind {
    /** 全国科普日, since 2025 a whole month (全国科普月); usually September. */
    SCIENCE_DAY,
    /** 全国科技活动周; usually May. */
    SCIENCE_WEEK
}
