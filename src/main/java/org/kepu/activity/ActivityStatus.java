package org.kepu.activity;

/** Where an activity is in its workflow. */
public enum ActivityStatus implements Labelled {
    DRAFT("草稿", "Draft"),
    SUBMITTED("待审核", "Submitted"),
    PUBLISHED("已发布", "Published"),
    REJECTED("已退回", "Rejected"),
    CANCELLED("已取消", "Cancelled"),
    POSTPONED("已延期", "Postponed");

    private final String zh;
    private final String en;

    ActivityStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }
}
