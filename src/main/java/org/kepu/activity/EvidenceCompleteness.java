package org.kepu.activity;

/** How complete the post-event evidence is. */
public enum EvidenceCompleteness implements Labelled {
    NONE("未提交", "None"),
    PARTIAL("部分提交", "Partial"),
    COMPLETE("已完整提交", "Complete"),
    OVERDUE("已逾期", "Overdue");

    private final String zh;
    private final String en;

    EvidenceCompleteness(String zh, String en) {
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
