package org.kepu.activity;

/** Where it happens (线下 / 线上 / 线上线下). */
public enum Format implements Labelled {
    ONSITE("线下", "On site"),
    ONLINE("线上", "Online"),
    HYBRID("线上线下", "On site and online");

    private final String zh;
    private final String en;

    Format(String zh, String en) {
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
