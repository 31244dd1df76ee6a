package org.kepu.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kepu.activity.Activity;
import org.kepu.activity.ActivityDraft;
import org.kepu.activity.ActivitySummaries;
import org.kepu.region.RegionCode;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Turns an activity and its public summary into the index document (fields in activities.json). */
final class ActivityDocuments {

    private final ChineseText text;
    private final JsonMapper json;

    ActivityDocuments(ChineseText text, JsonMapper json) {
        this.text = text;
        this.json = json;
    }

    Map<String, Object> document(Activity activity, ActivitySummaries.Summary summary) {
        ActivityDraft d = activity.draft();
        String title = text.normalize(d.title() + " " + (d.subtitle() == null ? "" : d.subtitle()));
        List<String> others = new ArrayList<>();
        others.add(d.description());
        others.add(activity.organizerName());
        others.addAll(d.coOrganizers());
        if (d.venue() != null) {
            others.add(d.venue().name());
            others.add(d.venue().address() == null ? "" : d.venue().address());
        }
        others.add(summary.region().name());
        if (summary.campaign() != null) {
            others.add(summary.campaign().name()); // 2021年全国科普日 finds every activity of that edition
        }
        summary.region().path().forEach(r -> others.add(r.name()));
        List<String> parts =
                others.stream().map(text::normalize).filter(p -> !p.isEmpty()).toList();
        String body = String.join(" ", parts);
        List<String> titleWords = text.words(title);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", activity.id().toString());
        doc.put("title_seg", String.join(" ", titleWords));
        doc.put("title_bigram", title);
        // plus the whole title's pinyin marked ^, so that a query can favour titles that begin with it
        doc.put(
                "title_py",
                String.join(" ", text.pinyinTokens(title, titleWords)) + " ^" + text.pinyin(title.replace(" ", ""))[0]);
        doc.put("text_seg", String.join(" ", text.words(parts)));
        doc.put("text_bigram", body);
        doc.put(
                "text_py",
                String.join(
                        " ",
                        text.pinyinTokens(text.normalize(activity.organizerName() + " "
                                + summary.region().name()))));
        List<String> path = new ArrayList<>(RegionCode.ancestors(d.regionCode()));
        path.add(d.regionCode());
        doc.put("region_path", path);
        for (String code : path) {
            String level = switch (code.length()) {
                case 2 -> "region_province";
                case 4 -> "region_city";
                case 6 -> "region_county";
                default -> "region_town";
            };
            doc.put(level, code);
        }
        doc.put("campaign_id", d.campaignId().toString());
        if (summary.campaign() != null) {
            doc.put("campaign_kind", summary.campaign().kind());
            doc.put("campaign_year", summary.campaign().year());
        }
        doc.put("categories", d.categories().stream().map(Enum::name).sorted().toList());
        doc.put("audiences", d.audiences().stream().map(Enum::name).sorted().toList());
        doc.put("format", d.format().name());
        doc.put("status", activity.status().name());
        doc.put("main_venue", d.mainVenue());
        doc.put("starts_at", d.startsAt().toString());
        doc.put("ends_at", d.endsAt().toString());
        if (d.venue() != null) {
            doc.put("location", Map.of("lat", d.venue().lat(), "lon", d.venue().lon()));
        }
        // the rating comes with the summary (feedback's aggregate); unrated activities sort last
        if (summary.rating() != null && summary.rating().average() != null) {
            doc.put("rating_average", summary.rating().average());
        }
        doc.put("rating_count", summary.rating() == null ? 0 : summary.rating().count());
        doc.put("check_ins", summary.checkIns());
        doc.put("suggest", suggestions(d, activity, summary));
        doc.put("summary", json.convertValue(summary, new TypeReference<Map<String, Object>>() {}));
        return doc;
    }

    private List<String> suggestions(ActivityDraft d, Activity activity, ActivitySummaries.Summary summary) {
        List<String> inputs = new ArrayList<>();
        String title = text.normalize(d.title());
        inputs.add(title);
        // people type the subject, not the year or the opening quote: 2023年全国科普日… also under 全国科普日…
        inputs.add(title.replaceFirst("^(\\d{4}年度?)?[\\p{P}\\p{S}\\s]*", ""));
        inputs.add(text.normalize(activity.organizerName()));
        String[] pinyin = text.pinyin(text.normalize(d.title()));
        inputs.add(pinyin[0]);
        inputs.add(pinyin[1]);
        return inputs.stream().filter(s -> !s.isBlank()).distinct().toList();
    }
}
