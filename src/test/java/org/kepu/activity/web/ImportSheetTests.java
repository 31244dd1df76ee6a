package org.kepu.activity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kepu.activity.ActivityDraft;
import org.kepu.activity.Audience;
import org.kepu.activity.Category;
import org.kepu.activity.Format;
import org.kepu.activity.ImportRow;
import org.kepu.campaign.CampaignEdition;
import org.kepu.campaign.CampaignKind;
import org.kepu.campaign.CampaignLevel;
import org.kepu.region.Region;
import org.kepu.region.RegionLevel;
import org.kepu.shared.error.FieldError;

class ImportSheetTests {

    static final UUID CAMPAIGN = UUID.fromString("2b1f3c4d-0000-4000-8000-000000002026");

    static final Region JIUJIANG = new Region(
            "340207", "鸠江区", "鸠江", RegionLevel.COUNTY, Optional.of("3402"), new Region.GeoPoint(31.37, 118.40));

    static final CampaignEdition SCIENCE_MONTH = new CampaignEdition(
            CAMPAIGN,
            CampaignKind.SCIENCE_DAY,
            2026,
            CampaignLevel.NATIONAL,
            Optional.empty(),
            "2026年全国科普月",
            "科学普及 人人参与",
            LocalDate.of(2026, 9, 1),
            LocalDate.of(2026, 9, 30),
            Optional.empty(),
            10,
            0,
            Instant.EPOCH,
            Instant.EPOCH);

    /** A header of every column in English and one row of the given cells, the rest empty. */
    static ImportRow row(String... columnAndValue) {
        List<String> header = Arrays.stream(Column.values()).map(c -> c.en).toList();
        List<String> cells = new ArrayList<>(java.util.Collections.nCopies(header.size(), ""));
        for (int i = 0; i < columnAndValue.length; i += 2) {
            cells.set(header.indexOf(columnAndValue[i]), columnAndValue[i + 1]);
        }
        return ImportSheet.read(List.of(new SheetRow(1, header), new SheetRow(7, cells)))
                .get(0);
    }

    @Test
    void headersMayBeChineseOrEnglishInAnyOrderAndCase() {
        List<ImportRow> rows = ImportSheet.read(List.of(
                new SheetRow(1, List.of(" TITLE ", "形式", "", "类别")),
                new SheetRow(2, List.of("社区讲座", "线上", "ignored", "专家讲座"))));
        ActivityDraft draft = rows.get(0).draft();
        assertThat(draft.title()).isEqualTo("社区讲座");
        assertThat(draft.format()).isEqualTo(Format.ONLINE);
        assertThat(draft.categories()).containsExactly(Category.EXPERT_LECTURE);
        assertThat(rows.get(0).row()).isEqualTo(2);
    }

    @Test
    void unknownAndRepeatedColumnsAreListed() {
        assertThatThrownBy(() -> ImportSheet.read(
                        List.of(new SheetRow(1, List.of("标题", "备注", "title", "Owner")), new SheetRow(2, List.of("x")))))
                .isInstanceOf(UnknownColumns.class)
                .satisfies(e -> assertThat(((UnknownColumns) e).errors())
                        .extracting(FieldError::field, FieldError::code)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("备注", "unknown-column"),
                                org.assertj.core.groups.Tuple.tuple("title", "duplicate-column"),
                                org.assertj.core.groups.Tuple.tuple("Owner", "unknown-column")));
    }

    @Test
    void aFileWithoutActivityRowsIsEmpty() {
        assertThatThrownBy(() -> ImportSheet.read(List.of())).isInstanceOf(EmptyImport.class);
        assertThatThrownBy(() -> ImportSheet.read(List.of(new SheetRow(1, List.of("标题")))))
                .isInstanceOf(EmptyImport.class);
    }

    @Test
    void labelsAndCodesMapToTheSameValues() {
        ImportRow row = row(
                "format", "hybrid",
                "categories", "专家讲座、EXHIBITION；科技志愿服务;Health",
                "audiences", "老年人、老年人（银龄）、YOUTH",
                "mainVenue", "是",
                "contactPublic", "FALSE",
                "contactName", "王老师");
        assertThat(row.errors()).isEmpty();
        assertThat(row.draft().format()).isEqualTo(Format.HYBRID);
        assertThat(row.draft().categories())
                .containsExactlyInAnyOrder(
                        Category.EXPERT_LECTURE, Category.EXHIBITION, Category.VOLUNTEER_SERVICE, Category.HEALTH);
        assertThat(row.draft().audiences()).containsExactlyInAnyOrder(Audience.ELDERLY, Audience.YOUTH);
        assertThat(row.draft().mainVenue()).isTrue();
        assertThat(row.draft().contact().published()).isFalse();
        assertThat(row("format", "线上线下").draft().format()).isEqualTo(Format.HYBRID);
        assertThat(row("format", "线下").draft().format()).isEqualTo(Format.ONSITE);
    }

    @Test
    void timesAreChinaTimeUnlessTheyCarryAnOffset() {
        ImportRow row = row("startsAt", "2026-09-12 09:00", "endsAt", "2026-09-12T17:30:00+08:00");
        assertThat(row.draft().startsAt()).isEqualTo(Instant.parse("2026-09-12T01:00:00Z"));
        assertThat(row.draft().endsAt()).isEqualTo(Instant.parse("2026-09-12T09:30:00Z"));
        assertThat(row("startsAt", "2026/9/1 8:05:30").draft().startsAt())
                .isEqualTo(Instant.parse("2026-09-01T00:05:30Z"));
        assertThat(row("startsAt", "2026-09-12T09:30").draft().startsAt())
                .isEqualTo(Instant.parse("2026-09-12T01:30:00Z"));
    }

    @Test
    void cellsThatCannotBeReadAreErrorsNamedByColumn() {
        ImportRow row = row(
                "campaignId", "sd-2026",
                "startsAt", "9月12日上午",
                "endsAt", "2026-02-30 09:00",
                "format", "现场",
                "categories", "讲座、健康科普",
                "capacity", "三百",
                "checkInRadiusM", "50.5",
                "mainVenue", "maybe",
                "venueName", "科技馆",
                "lat", "north");
        assertThat(row.errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "campaignId",
                        "startsAt",
                        "endsAt",
                        "format",
                        "categories",
                        "capacity",
                        "checkInRadiusM",
                        "mainVenue",
                        "lat",
                        "lon");
        assertThat(row.errors())
                .filteredOn(e -> e.field().equals("format"))
                .extracting(FieldError::code)
                .containsExactly("unknown-label");
        assertThat(row.errors())
                .filteredOn(e -> e.field().equals("lon"))
                .extracting(FieldError::code)
                .containsExactly("required");
        assertThat(row.draft().categories()).containsExactly(Category.HEALTH);
        assertThat(row.draft().venue()).isNull();
    }

    @Test
    void listsAndOptionalCellsBecomeTheDraftsFields() {
        ImportRow row = row(
                "coOrganizers", "区教育局; 区科协；",
                "venueName", "鸠江区科技馆",
                "lat", "31.37",
                "lon", "118.4",
                "capacity", "300.0",
                "liveUrl", " https://live.example.org/1 ");
        assertThat(row.errors()).isEmpty();
        assertThat(row.draft().coOrganizers()).containsExactly("区教育局", "区科协");
        assertThat(row.draft().venue().lat()).isEqualTo(31.37);
        assertThat(row.draft().capacity()).isEqualTo(300);
        assertThat(row.draft().liveUrl()).isEqualTo("https://live.example.org/1");
        assertThat(row.draft().contact()).isNull();
        assertThat(row.draft().subtitle()).isNull();
    }

    @Test
    void theCsvTemplateReadsBackAsAFullDraft() {
        List<List<Object>> template =
                ImportTemplate.rows(Optional.of(SCIENCE_MONTH), JIUJIANG, LocalDate.of(2026, 8, 20));
        List<ImportRow> rows = ImportSheet.read(CsvSheets.read(CsvSheets.write(template)));
        assertTemplateExample(rows);
    }

    @Test
    void theXlsxTemplateReadsBackAsAFullDraft() {
        List<List<Object>> template =
                ImportTemplate.rows(Optional.of(SCIENCE_MONTH), JIUJIANG, LocalDate.of(2026, 8, 20));
        List<ImportRow> rows = ImportSheet.read(XlsxSheets.read(XlsxSheets.write(ImportTemplate.workbook(template))));
        assertTemplateExample(rows);
    }

    @Test
    void theTemplateUsesTheNextNationalEditionAndFallsBackToTheLatest() {
        CampaignEdition provincial = new CampaignEdition(
                UUID.randomUUID(),
                CampaignKind.SCIENCE_WEEK,
                2026,
                CampaignLevel.PROVINCE,
                Optional.of("34"),
                "安徽省科技活动周",
                "主题",
                LocalDate.of(2026, 8, 25),
                LocalDate.of(2026, 8, 31),
                Optional.empty(),
                10,
                0,
                Instant.EPOCH,
                Instant.EPOCH);
        assertThat(ImportTemplate.edition(List.of(provincial, SCIENCE_MONTH), LocalDate.of(2026, 8, 20)))
                .contains(SCIENCE_MONTH);
        assertThat(ImportTemplate.edition(List.of(provincial, SCIENCE_MONTH), LocalDate.of(2026, 12, 1)))
                .contains(SCIENCE_MONTH);
        assertThat(ImportTemplate.edition(List.of(), LocalDate.of(2026, 12, 1))).isEmpty();
    }

    private static void assertTemplateExample(List<ImportRow> rows) {
        assertThat(rows).hasSize(1);
        ImportRow row = rows.get(0);
        assertThat(row.row()).isEqualTo(2);
        assertThat(row.errors()).isEmpty();
        ActivityDraft d = row.draft();
        assertThat(d.campaignId()).isEqualTo(CAMPAIGN);
        assertThat(d.regionCode()).isEqualTo("340207");
        assertThat(d.venue().name()).isEqualTo("鸠江区科技馆");
        assertThat(d.venue().lat()).isEqualTo(31.37);
        assertThat(d.startsAt()).isEqualTo(Instant.parse("2026-09-01T01:00:00Z"));
        assertThat(d.endsAt()).isEqualTo(Instant.parse("2026-09-01T03:30:00Z"));
        assertThat(d.format()).isEqualTo(Format.ONSITE);
        assertThat(d.categories()).containsExactlyInAnyOrder(Category.EXPERT_LECTURE, Category.EXHIBITION);
        assertThat(d.audiences()).containsExactlyInAnyOrder(Audience.GENERAL_PUBLIC, Audience.CHILDREN_AND_PARENTS);
        assertThat(d.coOrganizers()).hasSize(2);
        assertThat(d.contact().published()).isTrue();
        assertThat(d.capacity()).isEqualTo(200);
        assertThat(d.checkInRadiusM()).isEqualTo(500);
        assertThat(d.liveUrl()).isNull();
    }
}
