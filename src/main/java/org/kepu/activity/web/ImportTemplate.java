package org.kepu.activity.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kepu.activity.Audience;
import org.kepu.activity.Category;
import org.kepu.activity.Format;
import org.kepu.activity.Labelled;
import org.kepu.campaign.CampaignEdition;
import org.kepu.campaign.CampaignLevel;
import org.kepu.region.Region;

/**
 * The downloadable import template: the header and one example row that would import as it is for the
 * organizer who downloads it (their region, the next national campaign edition), plus, in the workbook,
 * a notes sheet that documents each column and the labels.
 */
final class ImportTemplate {

    static final String SHEET = "活动";
    static final String NOTES = "说明";

    private ImportTemplate() {}

    /** The national edition running or coming next; else the latest one; empty when there is none. */
    static Optional<CampaignEdition> edition(List<CampaignEdition> editions, LocalDate today) {
        return editions.stream()
                .filter(e -> e.level() == CampaignLevel.NATIONAL && !e.endsOn().isBefore(today))
                .min(Comparator.comparing(CampaignEdition::startsOn))
                .or(() -> editions.stream().max(Comparator.comparing(CampaignEdition::startsOn)));
    }

    static List<List<Object>> rows(Optional<CampaignEdition> edition, Region region, LocalDate today) {
        LocalDate day = edition.map(CampaignEdition::startsOn).orElse(today.plusDays(7));
        int year = day.getYear();
        Map<Column, Object> example = new EnumMap<>(Column.class);
        example.put(Column.TITLE, year + "年社区人工智能科普讲座（示例）");
        example.put(Column.SUBTITLE, "人工智能进社区");
        example.put(Column.CAMPAIGN_ID, edition.map(e -> e.id().toString()).orElse(""));
        example.put(Column.REGION_CODE, region.code());
        example.put(Column.VENUE_NAME, region.name() + "科技馆");
        example.put(Column.VENUE_ADDRESS, region.name() + "科技馆一楼报告厅");
        example.put(Column.LAT, coordinate(region.center().lat()));
        example.put(Column.LON, coordinate(region.center().lon()));
        example.put(Column.STARTS_AT, day + " 09:00");
        example.put(Column.ENDS_AT, day + " 11:30");
        example.put(Column.FORMAT, Format.ONSITE.zh());
        example.put(Column.CATEGORIES, Category.EXPERT_LECTURE.zh() + "、" + Category.EXHIBITION.zh());
        example.put(Column.AUDIENCES, Audience.GENERAL_PUBLIC.zh() + "、" + Audience.CHILDREN_AND_PARENTS.zh());
        example.put(Column.MAIN_VENUE, "否");
        example.put(Column.DESCRIPTION, "示例行：请替换为实际活动。以专家讲座和互动展览为主的社区科普活动。");
        example.put(Column.CO_ORGANIZERS, "区教育局;区科学技术协会");
        example.put(Column.CONTACT_NAME, "王老师");
        example.put(Column.CONTACT_PHONE, "0553-1234567");
        example.put(Column.CONTACT_PUBLIC, "是");
        example.put(Column.CAPACITY, new BigDecimal(200));
        example.put(Column.LIVE_URL, "");
        example.put(Column.CHECK_IN_RADIUS_M, new BigDecimal(500));
        List<Object> header = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Column column : Column.values()) {
            header.add(column.zh);
            values.add(example.get(column));
        }
        return List.of(header, values);
    }

    /** The notes sheet: each column, then each label the enumerated columns take. */
    static List<List<Object>> notes() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("列名", "English", "说明", "Notes"));
        for (Column column : Column.values()) {
            rows.add(List.of(column.zh, column.en, column.helpZh, column.helpEn));
        }
        rows.add(List.of());
        rows.add(List.of("取值", "Code", "所属列", "Column"));
        labels(rows, Column.FORMAT, Format.values());
        labels(rows, Column.CATEGORIES, Category.values());
        labels(rows, Column.AUDIENCES, Audience.values());
        return rows;
    }

    static Map<String, List<List<Object>>> workbook(List<List<Object>> rows) {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        sheets.put(SHEET, rows);
        sheets.put(NOTES, notes());
        return sheets;
    }

    private static void labels(List<List<Object>> rows, Column column, Labelled[] values) {
        Arrays.stream(values).forEach(v -> rows.add(List.of(v.zh(), v.name(), column.zh, column.en)));
    }

    private static BigDecimal coordinate(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(4, RoundingMode.HALF_UP);
    }
}
