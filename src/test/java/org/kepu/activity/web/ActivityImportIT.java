package org.kepu.activity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.activity.ImportRow;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Bulk import over HTTP: CSV and XLSX, raw and as a form upload, all or nothing, and the templates. */
@IntegrationTest
@Import(TestClock.Config.class)
class ActivityImportIT {

    /** The same edition as {@code ActivityFixtures.SCIENCE_MONTH_2026}, whose package this test is not in. */
    static final UUID SCIENCE_MONTH_2026 = CampaignService.demoEditionId("sd-2026");

    static final MediaType XLSX = MediaType.parseMediaType(ActivityImportController.XLSX_VALUE);
    static final String IMPORT = "/api/v1/organizer/activities/import";

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DatabaseClient db;

    String organizerToken;
    String reviewerToken;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-08-20T00:00:00Z"));
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        organizerToken = TestAccounts.token(client, accounts.account("340207", Role.ORGANIZER));
        reviewerToken = TestAccounts.token(client, accounts.account("3402", Role.REVIEWER));
    }

    /** A valid 鸠江区 activity in the 2026 Science Month, by English column name, with overrides. */
    static Map<String, Object> activity(int n, Object... overrides) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("title", "2026年鸠江区科普月社区讲座 第" + n + "场");
        row.put("subtitle", "人工智能进社区");
        row.put("campaignId", SCIENCE_MONTH_2026.toString());
        row.put("regionCode", "340207");
        row.put("venueName", "鸠江区科技馆");
        row.put("venueAddress", "安徽省芜湖市鸠江区");
        row.put("lat", "31.37");
        row.put("lon", "118.40");
        row.put("startsAt", "2026-09-1" + n + " 09:00");
        row.put("endsAt", "2026-09-1" + n + "T17:00:00+08:00");
        row.put("format", "线下");
        row.put("categories", "科普展览、EXPERT_LECTURE");
        row.put("audiences", "社会公众;亲子家庭");
        row.put("mainVenue", "否");
        row.put("description", "以人工智能科普展览和专家讲座为主的社区科普活动，\n含互动体验。");
        row.put("coOrganizers", "鸠江区教育局;鸠江区科协");
        row.put("contactName", "王老师");
        row.put("contactPhone", "0553-1234567");
        row.put("contactPublic", "是");
        row.put("capacity", "300");
        row.put("liveUrl", "");
        row.put("checkInRadiusM", "500");
        for (int i = 0; i < overrides.length; i += 2) {
            row.put((String) overrides[i], overrides[i + 1]);
        }
        return row;
    }

    /** A sheet whose header is the Chinese (or English) column names, in template order. */
    static List<List<Object>> sheet(boolean chinese, List<Map<String, Object>> activities) {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>();
        for (Column column : Column.values()) {
            header.add(chinese ? column.zh : column.en);
        }
        rows.add(header);
        for (Map<String, Object> a : activities) {
            List<Object> row = new ArrayList<>();
            for (Column column : Column.values()) {
                row.add(a.getOrDefault(column.en, ""));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void aGoodCsvOfThreeRowsImportsThreeDrafts() {
        int before = mine().size();
        byte[] csv = CsvSheets.write(sheet(true, List.of(activity(1), activity(2), activity(3))));
        Map<?, ?> body = post(csv, new MediaType("text", "csv", StandardCharsets.UTF_8))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(body.get("imported")).isEqualTo(3);
        List<?> ids = (List<?>) body.get("ids");
        assertThat(ids).hasSize(3);
        List<Map<?, ?>> mine = mine();
        assertThat(mine).hasSize(before + 3);
        assertThat(mine)
                .filteredOn(a -> ids.contains(a.get("id")))
                .allSatisfy(a -> {
                    assertThat(a.get("status")).isEqualTo("DRAFT");
                    assertThat(a.get("categories")).isEqualTo(List.of("EXHIBITION", "EXPERT_LECTURE"));
                })
                .extracting(a -> String.valueOf(a.get("startsAt")))
                .containsExactlyInAnyOrder(
                        "2026-09-11T09:00:00+08:00", "2026-09-12T09:00:00+08:00", "2026-09-13T09:00:00+08:00");
        assertThat(auditActions((String) ids.get(0))).containsExactly("activity.imported");
    }

    @Test
    void aGoodXlsxUploadedInAFormImports() {
        byte[] xlsx = XlsxSheets.write(Map.of("活动", sheet(false, List.of(activity(4), activity(5)))));
        upload(xlsx, "活动.xlsx")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(2);
    }

    @Test
    void aGoodXlsxSentAsTheBodyImportsAndSoDoesACsvInAForm() {
        byte[] xlsx = XlsxSheets.write(Map.of("活动", sheet(true, List.of(activity(6)))));
        post(xlsx, XLSX)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(1);
        byte[] csv = CsvSheets.write(sheet(false, List.of(activity(7))));
        upload(csv, "活动.csv")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(1);
    }

    @Test
    void oneBadRowAmongGoodOnesImportsNothingAndReportsThatRow() {
        int before = mine().size();
        List<Map<String, Object>> activities = List.of(
                activity(1),
                activity(2, "startsAt", "2026-13-01 09:00", "categories", "", "regionCode", "640502"),
                activity(3));
        byte[] csv = CsvSheets.write(sheet(true, activities));
        post(csv, new MediaType("text", "csv"))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("import-failed")
                .jsonPath("$.rows.length()")
                .isEqualTo(1)
                .jsonPath("$.rows[0].row")
                .isEqualTo(3)
                .jsonPath("$.rows[0].errors[?(@.field == 'startsAt')].code")
                .isEqualTo("invalid-value")
                .jsonPath("$.rows[0].errors[?(@.field == 'categories')].code")
                .isEqualTo("count")
                .jsonPath("$.rows[0].errors[?(@.field == 'regionCode')].code")
                .isEqualTo("outside-scope")
                .jsonPath("$.rows[0].errors[?(@.field == 'lat')].code")
                .isEqualTo("far-from-region");
        assertThat(mine()).hasSize(before);
    }

    @Test
    void theWrongContentTypeIsA415() {
        client.post()
                .uri(IMPORT)
                .header("Authorization", "Bearer " + organizerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"x\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unsupported-media-type");
    }

    @Test
    void onlyOrganizersImport() {
        byte[] csv = CsvSheets.write(sheet(true, List.of(activity(1))));
        client.post()
                .uri(IMPORT)
                .contentType(new MediaType("text", "csv"))
                .bodyValue(csv)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
        client.post()
                .uri(IMPORT)
                .header("Authorization", "Bearer " + reviewerToken)
                .contentType(new MediaType("text", "csv"))
                .bodyValue(csv)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        client.get()
                .uri(IMPORT + "/template.csv")
                .header("Authorization", "Bearer " + reviewerToken)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void filesThatAreNotAnImportAreRefusedWithTheirOwnCodes() {
        List<List<Object>> unknown = sheet(true, List.of(activity(1)));
        unknown.get(0).set(1, "备注");
        post(CsvSheets.write(unknown), new MediaType("text", "csv"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unknown-columns")
                .jsonPath("$.errors[0].field")
                .isEqualTo("备注");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= SheetRows.MAX_ACTIVITIES; i++) {
            many.add(Map.of("title", "讲座" + i));
        }
        post(CsvSheets.write(sheet(false, many)), new MediaType("text", "csv"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("too-many-rows");
        post("标题\n".getBytes(StandardCharsets.UTF_8), new MediaType("text", "csv"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("empty-import");
        post("not a workbook".getBytes(StandardCharsets.UTF_8), XLSX)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unreadable-file");
    }

    @Test
    void aFormWithoutAFilePartIsA400() {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("upload", "标题\n讲座\n");
        client.post()
                .uri(IMPORT)
                .header("Authorization", "Bearer " + organizerToken)
                .body(BodyInserters.fromMultipartData(form.build()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("file");
    }

    @Test
    void aFormUploadOverTheSizeLimitIsA413() {
        upload(new byte[1_100_000], "big.csv")
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("payload-too-large");
    }

    @Test
    void theCsvTemplateParsesBackAndImportsAsItIs() {
        byte[] csv = template("template.csv", "text/csv;charset=UTF-8");
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        List<ImportRow> rows = ImportSheet.read(CsvSheets.read(csv));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).errors()).isEmpty();
        assertThat(rows.get(0).draft().regionCode()).isEqualTo("340207");
        post(csv, new MediaType("text", "csv"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(1);
    }

    @Test
    void theXlsxTemplateParsesBackAndImportsAsItIs() {
        byte[] xlsx = template("template.xlsx", ActivityImportController.XLSX_VALUE);
        List<ImportRow> rows = ImportSheet.read(XlsxSheets.read(xlsx));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).errors()).isEmpty();
        upload(xlsx, "模板.xlsx")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.imported")
                .isEqualTo(1);
    }

    private byte[] template(String name, String type) {
        return client.get()
                .uri(IMPORT + "/" + name)
                .header("Authorization", "Bearer " + organizerToken)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(type)
                .expectHeader()
                .value("Content-Disposition", v -> assertThat(v).startsWith("attachment"))
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.ResponseSpec post(byte[] body, MediaType type) {
        return client.post()
                .uri(IMPORT)
                .header("Authorization", "Bearer " + organizerToken)
                .contentType(type)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec upload(byte[] file, String filename) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("file", new ByteArrayResource(file) {
                    @Override
                    public String getFilename() {
                        return filename;
                    }
                })
                // browsers often declare CSV files as Excel's; the content decides
                .contentType(MediaType.parseMediaType("application/vnd.ms-excel"));
        return client.post()
                .uri(IMPORT)
                .header("Authorization", "Bearer " + organizerToken)
                .body(BodyInserters.fromMultipartData(form.build()))
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private List<Map<?, ?>> mine() {
        return client.get()
                .uri("/api/v1/organizer/activities")
                .header("Authorization", "Bearer " + organizerToken)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
    }

    private List<String> auditActions(String id) {
        return db.sql("SELECT action FROM shared.audit_event WHERE target_id = :id ORDER BY at")
                .bind("id", id)
                .map(row -> row.get("action", String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(5));
    }
}
