package org.kepu.stats.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.kepu.activity.Format;
import org.kepu.shared.time.CampaignTime;
import org.kepu.stats.ActivityLine;
import org.kepu.stats.Breakdown;
import org.kepu.stats.Figures;
import org.kepu.stats.Nominee;
import org.kepu.stats.RegionFigures;
import org.kepu.stats.Summary;

/**
 * The parts of the summary table (汇总表) in the shape the official forms use, with their units: 场 for
 * events, 期 for training courses, 人次 for participations, 人 for people.
 */
final class SummaryTables {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static final List<String> REGION_HEADER = List.of(
            "地区代码",
            "地区",
            "活动（场）",
            "主场活动（场）",
            "线上活动（场）",
            "已取消（场）",
            "参与单位（个）",
            "现场打卡（人次）",
            "线上打卡（人次）",
            "参与人数（人）",
            "直播观看峰值（人）",
            "直播观看（人次）",
            "评价（条）",
            "平均评分",
            "补充信息完整（场）",
            "补充信息部分（场）",
            "补充信息未提交（场）",
            "补充信息逾期（场）",
            "现场参与（人次）",
            "线上参与（人次）",
            "志愿者（人）",
            "推优活动（场）");

    static final List<String> ACTIVITY_HEADER = List.of(
            "活动编号",
            "活动名称",
            "承办单位",
            "地区代码",
            "状态",
            "形式",
            "开始日期",
            "结束日期",
            "主场活动",
            "补充信息",
            "现场打卡（人次）",
            "线上打卡（人次）",
            "现场参与（人次）",
            "线上参与（人次）",
            "志愿者（人）",
            "推优");

    static final List<String> NOMINEE_HEADER = List.of("活动编号", "活动名称", "承办单位", "地区代码", "推荐级别", "总分", "推荐意见");

    private SummaryTables() {}

    static Table cover(Summary s, Instant exportedAt) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("汇总表", "科普活动情况统计表"));
        rows.add(List.of("活动届次", s.campaign().name()));
        rows.add(List.of("年度", s.campaign().year()));
        rows.add(List.of("地区", s.region().name()));
        rows.add(List.of("地区代码", s.region().code() == null ? "" : s.region().code()));
        rows.add(List.of("导出时间（北京时间）", TIME.format(CampaignTime.at(exportedAt))));
        rows.add(List.of("数据截至（北京时间）", TIME.format(CampaignTime.at(s.computedAt()))));
        rows.add(List.of("补充信息期限", "活动结束后 " + s.campaign().evidenceDueDays() + " 天"));
        rows.add(List.of("活动（场）", s.region().figures().published()));
        rows.add(List.of("参与单位（个）", s.region().orgUnits()));
        rows.add(List.of("参与人数（人）", s.region().participants()));
        return new Table("封面", List.of("项目", "内容"), rows);
    }

    static Table regions(Summary s) {
        List<List<Object>> rows = new ArrayList<>();
        for (RegionFigures child : s.children()) {
            rows.add(region(child.code(), child.name(), child.figures(), child.orgUnits(), child.participants()));
        }
        if (s.direct().published() != 0 || s.direct().checkIns() != 0) {
            // activities registered at the region itself; distinct counts do not split, so they stay empty
            rows.add(region(s.region().code(), s.region().name() + "（本级）", s.direct(), null, null));
        }
        RegionFigures total = s.region();
        rows.add(region(total.code(), "合计：" + total.name(), total.figures(), total.orgUnits(), total.participants()));
        return new Table("地区", REGION_HEADER, rows);
    }

    private static List<Object> region(String code, String name, Figures f, Long units, Long participants) {
        List<Object> row = new ArrayList<>();
        row.add(code == null ? "" : code);
        row.add(name);
        row.add(f.published());
        row.add(f.mainVenue());
        row.add(f.online());
        row.add(f.cancelled());
        row.add(units);
        row.add(f.checkInsOnsite());
        row.add(f.checkInsOnline());
        row.add(participants);
        row.add(f.liveViewersPeak());
        row.add(f.liveViewersUnique());
        row.add(f.feedbackCount());
        row.add(f.averageRating());
        row.add(f.evidence().complete());
        row.add(f.evidence().partial());
        row.add(f.evidence().none());
        row.add(f.evidence().overdue());
        row.add(f.attendanceOnsite());
        row.add(f.attendanceOnline());
        row.add(f.volunteers());
        row.add(f.recommended());
        return row;
    }

    /** A breakdown: an activity may have several categories and audiences, so those columns overlap. */
    static Table breakdown(String name, String what, List<Breakdown> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Breakdown b : rows) {
            Figures f = b.figures();
            List<Object> row = new ArrayList<>();
            row.add(b.key());
            row.add(b.label());
            row.add(b.unit());
            row.add(f.published());
            row.add(f.cancelled());
            row.add(f.checkInsOnsite());
            row.add(f.checkInsOnline());
            row.add(f.attendanceOnsite());
            row.add(f.attendanceOnline());
            row.add(f.volunteers());
            row.add(f.evidence().complete());
            row.add(f.evidence().overdue());
            row.add(f.recommended());
            out.add(row);
        }
        return new Table(
                name,
                List.of(
                        "代码",
                        what,
                        "单位",
                        "活动数",
                        "已取消",
                        "现场打卡（人次）",
                        "线上打卡（人次）",
                        "现场参与（人次）",
                        "线上参与（人次）",
                        "志愿者（人）",
                        "补充信息完整",
                        "补充信息逾期",
                        "推优活动"),
                out);
    }

    static List<Table> fixed(Summary s, Instant exportedAt) {
        return List.of(
                cover(s, exportedAt),
                regions(s),
                breakdown("类别", "活动类别", s.byCategory()),
                breakdown("形式", "活动形式", s.byFormat()),
                breakdown("人群", "面向人群", s.byAudience()),
                breakdown("日期", "开始日期", s.byDay()));
    }

    static List<Object> activity(ActivityLine a) {
        List<Object> row = new ArrayList<>();
        row.add(a.id().toString());
        row.add(a.title());
        row.add(a.organizer());
        row.add(a.regionCode());
        row.add(status(a.status()));
        row.add(Format.valueOf(a.format()).zh());
        row.add(a.startDay().toString());
        row.add(a.endDay().toString());
        row.add(a.mainVenue() ? "是" : "否");
        row.add(a.evidence() == null ? "" : a.evidence().zh());
        row.add(a.checkInsOnsite());
        row.add(a.checkInsOnline());
        row.add(a.attendanceOnsite());
        row.add(a.attendanceOnline());
        row.add(a.volunteers());
        row.add(a.recommended() ? "是" : "否");
        return row;
    }

    static List<Object> nominee(Nominee n) {
        List<Object> row = new ArrayList<>();
        row.add(n.activityId().toString());
        row.add(n.title());
        row.add(n.organizer());
        row.add(n.regionCode());
        row.add(level(n.level()));
        row.add(n.totalScore());
        row.add(n.note() == null ? "" : n.note());
        return row;
    }

    private static String status(String status) {
        return switch (status) {
            case "CANCELLED" -> "已取消";
            case "POSTPONED" -> "已延期";
            default -> "已发布";
        };
    }

    private static String level(String level) {
        return switch (level) {
            case "NATIONAL" -> "全国";
            case "PROVINCE" -> "省级";
            case "CITY" -> "市级";
            default -> "县级";
        };
    }
}
