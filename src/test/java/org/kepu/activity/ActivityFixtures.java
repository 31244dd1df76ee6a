package org.kepu.activity;

import java.util.UUID;
import org.kepu.campaign.CampaignService;

/** Activity request bodies with sensible defaults: a 2026 Science Month lecture in 鸠江区. */
final class ActivityFixtures {

    static final UUID SCIENCE_MONTH_2026 = CampaignService.demoEditionId("sd-2026");

    private ActivityFixtures() {}

    /** A valid body; {@code overrides} are JSON members that replace the defaults (e.g. "\"title\":\"x\""). */
    static String body(String... overrides) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("title", "\"2026年鸠江区全国科普月主场活动\"");
        fields.put("subtitle", "\"人工智能进社区\"");
        fields.put("campaignId", "\"" + SCIENCE_MONTH_2026 + "\"");
        fields.put("regionCode", "\"340207\"");
        fields.put(
                "venue", "{\"name\":\"鸠江区科技馆\",\"address\":\"安徽省芜湖市鸠江区\",\"location\":{\"lat\":31.37,\"lon\":118.40}}");
        fields.put("startsAt", "\"2026-09-12T09:00:00+08:00\"");
        fields.put("endsAt", "\"2026-09-12T17:00:00+08:00\"");
        fields.put("format", "\"ONSITE\"");
        fields.put("categories", "[\"EXHIBITION\",\"EXPERT_LECTURE\"]");
        fields.put("audiences", "[\"GENERAL_PUBLIC\",\"CHILDREN_AND_PARENTS\"]");
        fields.put("mainVenue", "true");
        fields.put("description", "\"以人工智能科普展览和专家讲座为主的社区科普活动。\"");
        fields.put("coOrganizers", "[\"鸠江区教育局\"]");
        fields.put("contact", "{\"name\":\"王老师\",\"phone\":\"0553-1234567\",\"published\":true}");
        fields.put("capacity", "300");
        fields.put("accessibility", "{\"wheelchair\":true,\"elderFriendly\":true}");
        fields.put("checkInRadiusM", "500");
        for (String override : overrides) {
            String name = override.substring(1, override.indexOf('"', 1));
            String value = override.substring(override.indexOf(':') + 1);
            if (value.equals("null")) {
                fields.remove(name);
            } else {
                fields.put(name, value);
            }
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
        return json.append('}').toString();
    }
}
