package org.kepu.activity.web;

import java.util.Locale;
import java.util.Optional;

/**
 * The columns of an activity import file, in template order (docs/import.md). A header cell may use the
 * Chinese name or the English one; errors name the English one, which is also the JSON field it fills.
 */
enum Column {
    TITLE("标题", "title", "必填，4–100 个字", "Required, 4–100 characters"),
    SUBTITLE("副标题", "subtitle", "选填，至多 100 个字", "Optional, at most 100 characters"),
    CAMPAIGN_ID(
            "活动届次ID",
            "campaignId",
            "必填，活动届次的 ID（见模板示例行）",
            "Required, the campaign edition's id (see the template's example row)"),
    REGION_CODE("行政区划代码", "regionCode", "必填，须在本单位辖区内，如 340207", "Required, inside your unit's region, e.g. 340207"),
    VENUE_NAME("场地名称", "venueName", "线下、线上线下活动必填，2–100 个字", "Required unless online, 2–100 characters"),
    VENUE_ADDRESS("场地地址", "venueAddress", "选填，至多 200 个字", "Optional, at most 200 characters"),
    LAT("纬度", "lat", "有场地时必填，GCJ-02 坐标，如 31.37", "Required with a venue, GCJ-02, e.g. 31.37"),
    LON("经度", "lon", "有场地时必填，GCJ-02 坐标，如 118.40", "Required with a venue, GCJ-02, e.g. 118.40"),
    STARTS_AT(
            "开始时间",
            "startsAt",
            "必填，2026-09-12 09:00（北京时间）或 2026-09-12T09:00:00+08:00",
            "Required, 2026-09-12 09:00 (China time) or 2026-09-12T09:00:00+08:00"),
    ENDS_AT("结束时间", "endsAt", "必填，格式同开始时间，须晚于开始时间", "Required, as the start, and after it"),
    FORMAT(
            "形式",
            "format",
            "必填，线下 / 线上 / 线上线下（或 ONSITE / ONLINE / HYBRID）",
            "Required, ONSITE / ONLINE / HYBRID (or 线下 / 线上 / 线上线下)"),
    CATEGORIES(
            "类别",
            "categories",
            "必填，1–5 个，用“、”或“;”分隔，中文名称或代码",
            "Required, 1–5, separated by 、 or ;, Chinese labels or codes"),
    AUDIENCES("面向人群", "audiences", "必填，至少 1 个，写法同类别", "Required, at least one, written like the categories"),
    MAIN_VENUE("主场活动", "mainVenue", "选填，是 / 否（默认否）", "Optional, 是 / 否 or true / false (default: no)"),
    DESCRIPTION("简介", "description", "选填，至多 5000 个字", "Optional, at most 5,000 characters"),
    CO_ORGANIZERS("协办单位", "coOrganizers", "选填，至多 20 个，用“;”分隔", "Optional, at most 20, separated by ;"),
    CONTACT_NAME("联系人", "contactName", "选填，至多 50 个字", "Optional, at most 50 characters"),
    CONTACT_PHONE("联系电话", "contactPhone", "选填，数字、+、-、括号或空格", "Optional, digits, +, -, () or spaces"),
    CONTACT_PUBLIC("公开联系方式", "contactPublic", "选填，是 / 否（默认否）", "Optional, 是 / 否 or true / false (default: no)"),
    CAPACITY("容量", "capacity", "选填，整数 1–10000000", "Optional, a whole number 1–10,000,000"),
    LIVE_URL("直播地址", "liveUrl", "线上、线上线下活动必填，http(s) 地址", "Required for online and hybrid, an http(s) URL"),
    CHECK_IN_RADIUS_M(
            "签到半径米", "checkInRadiusM", "选填，整数 50–5000，线上活动不填", "Optional, a whole number 50–5,000, none for online");

    final String zh;
    final String en;
    final String helpZh;
    final String helpEn;

    Column(String zh, String en, String helpZh, String helpEn) {
        this.zh = zh;
        this.en = en;
        this.helpZh = helpZh;
        this.helpEn = helpEn;
    }

    /** The column a header cell names; spaces around it and a byte-order mark do not matter. */
    static Optional<Column> byHeader(String header) {
        String name = header.replace("\uFEFF", "").strip();
        for (Column column : values()) {
            if (column.zh.equals(name) || column.en.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }
}
