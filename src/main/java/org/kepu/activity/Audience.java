package org.kepu.activity;

/** Who an activity is for (面向人群). */
public enum Audience implements Labelled {
    GENERAL_PUBLIC("社会公众", "General public"),
    YOUTH("青少年学生", "Youth and students"),
    CHILDREN_AND_PARENTS("亲子家庭", "Children and parents"),
    FARMERS("农民", "Farmers"),
    URBAN_WORKERS("城镇劳动者", "Urban workers"),
    CADRES_AND_CIVIL_SERVANTS("领导干部和公务员", "Cadres and civil servants"),
    COMMUNITY_RESIDENTS("社区居民", "Community residents"),
    ELDERLY("老年人（银龄）", "Elderly"),
    PEOPLE_WITH_DISABILITIES("残障人士", "People with disabilities");

    private final String zh;
    private final String en;

    Audience(String zh, String en) {
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
