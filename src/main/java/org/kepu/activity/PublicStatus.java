package org.kepu.activity;

/** What the public sees: derived from the workflow status and the time. */
public enum PublicStatus implements Labelled {
    UPCOMING("即将开始", "Upcoming"),
    LIVE("进行中", "Happening now"),
    ENDED("已结束", "Ended"),
    CANCELLED("已取消", "Cancelled"),
    POSTPONED("已延期", "Postponed");

    private final String zh;
    private final String en;

    PublicStatus(String zh, String en) {
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
