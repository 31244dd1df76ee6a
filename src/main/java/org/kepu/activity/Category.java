package org.kepu.activity;

/** Joint or special action type (联合行动 / 专项行动). */
public enum Category implements Labelled {
    GRASSROOTS("基层科普", "Grassroots outreach"),
    EDUCATION_BASE_OPEN_DAY("科普教育基地开放日", "Science education base open day"),
    RESEARCH_OPEN_DAY("科研机构开放日", "Research institute open day"),
    CAMPUS("校园科普", "Campus science"),
    SCIENCE_MUSEUM("科技馆活动", "Science museum"),
    MOBILE_SCIENCE("流动科普", "Mobile science (caravans, mobile museums)"),
    EXPERT_LECTURE("专家讲座", "Expert lecture"),
    ENTERPRISE_OPEN_DAY("企业开放日", "Enterprise open day"),
    RURAL_REVITALIZATION("乡村振兴科普", "Rural revitalization"),
    HEALTH("健康科普", "Health"),
    EMERGENCY("应急安全科普", "Emergency and safety"),
    WATER("节水护水", "Water"),
    CARBON_NEUTRALITY("碳达峰碳中和", "Carbon peak and neutrality"),
    YOUTH_STEM("青少年科技教育", "Youth S&T education"),
    STUDY_TOUR("科普研学", "Study tour"),
    CLOUD_SCIENCE_DAY("云上科普日", "Cloud science day"),
    COMPETITION("科普竞赛", "Competition"),
    EXHIBITION("科普展览", "Exhibition"),
    TRAINING("科普培训", "Training"),
    INNOVATION_SHOWCASE("创新成果展示", "Innovation showcase"),
    VOLUNTEER_SERVICE("科技志愿服务", "S&T volunteer service"),
    OTHER("其他", "Other");

    private final String zh;
    private final String en;

    Category(String zh, String en) {
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
