package org.kepu.activity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.kepu.campaign.CampaignEdition;
import org.kepu.campaign.CampaignKind;

/**
 * Titles, subtitles and descriptions of generated demo activities, written the way organizers write them:
 * place short name, campaign word, topic and form ("鸠江科普月人工智能主题展览", "2026年峨山科技活动周应急安全进社区").
 * Pure: the caller passes a seeded {@link Random}, so a seed always gives the same texts.
 */
final class DemoTitles {

    /** The texts of one activity; {@code subtitle} may be null. */
    record Texts(String title, String subtitle, String description) {}

    /** What the texts are about. {@code place} is the county's short name (鸠江), {@code county} its full name. */
    record Subject(
            String place,
            String county,
            CampaignEdition campaign,
            Category category,
            Set<Audience> audiences,
            Format format,
            boolean mainVenue) {}

    private static final List<String> GENERAL_TOPICS = List.of(
            "人工智能", "大模型", "量子科技", "航空航天", "北斗导航", "生物多样性", "数字生活", "新能源汽车", "防范电信诈骗", "崇尚科学反对迷信", "气象科普", "食品安全");

    private static final Map<Category, List<String>> TOPICS = new EnumMap<>(Map.of(
            Category.YOUTH_STEM, List.of("人工智能", "机器人", "航天科技", "少儿编程", "无人机", "科学实验"),
            Category.CAMPUS, List.of("科学实验", "人工智能", "天文观测", "航天科技", "科学家精神"),
            Category.HEALTH, List.of("健康生活方式", "合理膳食", "慢病防治", "心理健康", "急救技能", "老年健康", "中医药文化"),
            Category.EMERGENCY, List.of("应急安全", "防灾减灾", "消防安全", "地震避险", "防溺水", "燃气安全", "交通安全"),
            Category.WATER, List.of("节水护水", "河湖保护", "水资源保护", "节约用水"),
            Category.CARBON_NEUTRALITY, List.of("碳达峰碳中和", "低碳生活", "绿色能源", "垃圾分类", "节能降碳"),
            Category.RURAL_REVITALIZATION, List.of("智慧农业", "良种良法", "农机安全", "电商助农", "病虫害绿色防控", "乡村振兴"),
            Category.ENTERPRISE_OPEN_DAY, List.of("智能制造", "新能源", "新材料", "工业互联网"),
            Category.RESEARCH_OPEN_DAY, List.of("前沿科技", "量子科技", "生命科学", "新材料")));

    private static final Map<Category, List<String>> FORMS = new EnumMap<>(Category.class);

    static {
        FORMS.put(Category.GRASSROOTS, List.of("科普宣传活动", "科普集市", "科普进万家"));
        FORMS.put(Category.EDUCATION_BASE_OPEN_DAY, List.of("科普教育基地开放日", "基地开放体验活动"));
        FORMS.put(Category.RESEARCH_OPEN_DAY, List.of("科研院所开放日", "实验室开放日"));
        FORMS.put(Category.CAMPUS, List.of("校园科普周", "科学课堂", "科学实验秀"));
        FORMS.put(Category.SCIENCE_MUSEUM, List.of("科技馆主题活动", "展教活动", "科学表演"));
        FORMS.put(Category.MOBILE_SCIENCE, List.of("科普大篷车巡展", "流动科技馆巡展"));
        FORMS.put(Category.EXPERT_LECTURE, List.of("专家讲座", "科普报告会", "科学家精神报告会"));
        FORMS.put(Category.ENTERPRISE_OPEN_DAY, List.of("企业开放日", "工厂开放参观"));
        FORMS.put(Category.RURAL_REVITALIZATION, List.of("科技下乡", "田间课堂", "农技培训"));
        FORMS.put(Category.HEALTH, List.of("健康讲座", "义诊咨询", "健康科普行"));
        FORMS.put(Category.EMERGENCY, List.of("应急演练", "安全知识宣讲", "防灾减灾体验"));
        FORMS.put(Category.WATER, List.of("节水宣传活动", "护水行动"));
        FORMS.put(Category.CARBON_NEUTRALITY, List.of("主题宣讲", "低碳生活宣传", "绿色出行倡议"));
        FORMS.put(Category.YOUTH_STEM, List.of("创新实践活动", "科技创新大赛", "科学营"));
        FORMS.put(Category.STUDY_TOUR, List.of("科普研学", "研学之旅"));
        FORMS.put(Category.CLOUD_SCIENCE_DAY, List.of("线上直播", "云展览", "网络知识竞答"));
        FORMS.put(Category.COMPETITION, List.of("知识竞赛", "科普讲解大赛", "挑战赛"));
        FORMS.put(Category.EXHIBITION, List.of("主题展览", "科普展", "成果展"));
        FORMS.put(Category.TRAINING, List.of("专题培训", "培训班", "技能培训"));
        FORMS.put(Category.INNOVATION_SHOWCASE, List.of("创新成果展示", "科技成果展"));
        FORMS.put(Category.VOLUNTEER_SERVICE, List.of("科技志愿服务", "志愿服务行"));
        FORMS.put(Category.OTHER, List.of("科普活动", "主题活动"));
    }

    private static final String[] TEMPLATES = {
        "{p}{c}{t}{f}", "{p}{c}{t}{f}", "{p}{c}{t}{f}", "{y}年{p}{c}{t}进{w}", "{y}年{p}{c}{t}进{w}", "{y}年{p}{c}{t}{f}",
        "{y}年{p}{c}{t}{f}", "“{t}”{f}（{p}站）", "{p}{t}{f}", "{p}{t}{f}", "{c}·{p}{t}{f}", "{t}{f}走进{p}"
    };

    private static final String[] ONLINE_TEMPLATES = {"{p}{c}“云上科普”{t}直播", "{t}线上{f}（{p}）", "{y}年{p}云上{c}{t}{f}"};

    private static final String[] MAIN_VENUE_TEMPLATES = {"{y}年全国{c}{n}主场活动", "{y}年{n}{c}启动仪式", "{y}年{n}{c}主场活动"};

    private static final String[] VERBS = {"开展", "组织", "举办"};

    private static final String[] CLOSINGS = {
        "普及科学知识、弘扬科学精神、传播科学思想、倡导科学方法", "提升公众科学素质", "营造爱科学、学科学、用科学的良好氛围", "让公众近距离感受科技魅力"
    };

    private DemoTitles() {}

    static Texts write(Random random, Subject s) {
        String topic = topic(random, s.category());
        String form = form(random, s.category());
        String[] templates = s.mainVenue()
                ? MAIN_VENUE_TEMPLATES
                : s.format() == Format.ONLINE && random.nextBoolean() ? ONLINE_TEMPLATES : TEMPLATES;
        String title = fill(templates[random.nextInt(templates.length)], s, topic, form);
        String subtitle = switch (random.nextInt(8)) {
            case 0, 1 -> s.campaign().theme();
            case 2, 3 -> topic + "主题" + form;
            case 4 -> s.category().zh() + "专项行动";
            default -> null;
        };
        String description = "面向" + audiences(s.audiences()) + "，" + VERBS[random.nextInt(VERBS.length)] + topic + form
                + "，" + CLOSINGS[random.nextInt(CLOSINGS.length)] + "。";
        return new Texts(title, subtitle, description);
    }

    /** 科普月 (the September campaign became a month in 2025), 科普日 before, or 科技活动周. */
    static String campaignWord(CampaignKind kind, int year) {
        return switch (kind) {
            case SCIENCE_DAY -> year >= 2025 ? "科普月" : "科普日";
            case SCIENCE_WEEK -> "科技活动周";
        };
    }

    static String topic(Random random, Category category) {
        List<String> topics = TOPICS.getOrDefault(category, GENERAL_TOPICS);
        return topics.get(random.nextInt(topics.size()));
    }

    static String form(Random random, Category category) {
        List<String> forms = FORMS.get(category);
        return forms.get(random.nextInt(forms.size()));
    }

    private static String fill(String template, Subject s, String topic, String form) {
        return template.replace("{p}", s.place())
                .replace("{n}", s.county())
                .replace("{c}", campaignWord(s.campaign().kind(), s.campaign().year()))
                .replace("{y}", Integer.toString(s.campaign().year()))
                .replace("{t}", topic)
                .replace("{f}", form)
                .replace("{w}", where(s.audiences()));
    }

    /** Where an outreach goes, by whom it is for: 进校园, 进乡村, 进社区… */
    private static String where(Set<Audience> audiences) {
        for (Audience a : List.of(
                Audience.YOUTH,
                Audience.FARMERS,
                Audience.URBAN_WORKERS,
                Audience.CADRES_AND_CIVIL_SERVANTS,
                Audience.CHILDREN_AND_PARENTS)) {
            if (audiences.contains(a)) {
                return switch (a) {
                    case YOUTH -> "校园";
                    case FARMERS -> "乡村";
                    case URBAN_WORKERS -> "企业";
                    case CADRES_AND_CIVIL_SERVANTS -> "机关";
                    default -> "家庭";
                };
            }
        }
        return "社区";
    }

    private static String audiences(Set<Audience> audiences) {
        return audiences.stream()
                .sorted()
                .map(a -> a.zh().replaceAll("（.*）", ""))
                .collect(Collectors.joining("、"));
    }
}
