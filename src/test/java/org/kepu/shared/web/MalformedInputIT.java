package org.kepu.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.kepu.activity.TestActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Battery item 7: {@value #DEFAULT_REQUESTS} generated malformed requests (seeded, reproducible) spread over
 * every endpoint of the catalogue below: wrong types, missing, null and extra fields, huge and negative
 * numbers, overlong strings, invalid UTF-8, control characters, deep nesting, malformed JSON, wrong content
 * types, oversize bodies, bad ids, bad cursors, bad dates and bad query values. Every answer must be below
 * 500; every error {@code application/problem+json} with a {@code code} and nothing about the server's
 * internals; no write may succeed; and the row count of every table is the same before and after.
 *
 * <p>Bodies start from a realistic template with two independent "poison" values (e.g. an unknown region and
 * an end before the start), and each attack changes one place, so a request can never become valid by chance.
 * Long run: {@code -Dkepu.malformed.requests=100000 -Dkepu.malformed.seed=…}.
 */
@IntegrationTest
class MalformedInputIT {

    static final int DEFAULT_REQUESTS = 10_000;
    static final int REQUESTS = Integer.getInteger("kepu.malformed.requests", DEFAULT_REQUESTS);
    static final long SEED = Long.getLong("kepu.malformed.seed", 20261124L);
    static final int CONCURRENCY = 8;
    static final int MAX_BYTES = 1024 * 1024;

    /** Stack frames, exception and package names: nothing of this may reach a client. */
    static final Pattern INTERNALS = Pattern.compile(
            "(?i)exception|\\bat [a-z]+\\.[a-z]|java\\.|jakarta\\.|tools\\.jackson|fasterxml|springframework"
                    + "|org\\.kepu|reactor\\.|netty|r2dbc|postgres|sqlstate|lettuce|elasticsearch");

    /**
     * One endpoint: method, path template ({id} a resource id, {activity} an activity id, {code} a region code,
     * {word}, {feedbackId}, {commentId}, {action}), who calls it, the body template (JSON with two poison values,
     * or raw text for {@code contentType} other than JSON) and its query parameters with a sound example value.
     */
    record Endpoint(
            HttpMethod method,
            String path,
            String who,
            String body,
            MediaType contentType,
            Map<String, String> params,
            boolean stream) {

        boolean writes() {
            return method != HttpMethod.GET;
        }

        boolean json() {
            return body != null && MediaType.APPLICATION_JSON.equals(contentType);
        }

        String key() {
            return method + " " + path;
        }
    }

    static final String ACTIVITY = "{\"title\":\"2026年科普月活动\",\"subtitle\":\"专场\",\"campaignId\":\""
            + UUID.randomUUID() + "\",\"regionCode\":\"99\","
            + "\"venue\":{\"name\":\"科技馆\",\"address\":\"安徽省芜湖市\",\"location\":{\"lat\":31.37,\"lon\":118.4}},"
            + "\"startsAt\":\"2026-09-12T17:00:00+08:00\",\"endsAt\":\"2026-09-12T09:00:00+08:00\",\"format\":\"ONSITE\","
            + "\"categories\":[\"EXHIBITION\"],\"audiences\":[\"GENERAL_PUBLIC\"],\"mainVenue\":false,"
            + "\"description\":\"科普展览。\",\"coOrganizers\":[\"芜湖市科协\"],"
            + "\"contact\":{\"name\":\"王老师\",\"phone\":\"0553-1234567\",\"published\":true},\"capacity\":200,"
            + "\"accessibility\":{\"wheelchair\":true,\"signLanguage\":false,\"captions\":false,\"elderFriendly\":true},"
            + "\"live\":{\"url\":\"https://live.example.cn/1\"},\"checkInRadiusM\":500,\"version\":0}";

    static List<Endpoint> catalogue() {
        List<Endpoint> all = new ArrayList<>();
        String uuid = UUID.randomUUID().toString();
        String search = "q=科普&region=3402&campaign=SCIENCE_DAY&year=2026&category=EXHIBITION&audience=YOUTH"
                + "&format=ONSITE&from=2026-09-01&to=2026-09-30&when=week&lat=31.3&lon=118.4&radiusKm=10"
                + "&status=UPCOMING&sort=start&size=10&cursor=abc";
        // public
        get(all, null, "/api/v1/activities", search);
        get(all, null, "/api/v1/activities/suggest", "q=kepu&size=5");
        get(all, null, "/api/v1/activities/map", "bbox=118,31,119,32&zoom=8&q=科普&category=EXHIBITION");
        get(all, null, "/api/v1/activities/{activity}", "");
        get(all, null, "/api/v1/activities/{activity}.ics", "");
        get(all, null, "/api/v1/feeds/activities.ics", "region=3402&category=EXHIBITION&from=2026-09-01");
        get(all, null, "/api/v1/enums", "");
        get(all, null, "/api/v1/regions", "parent=34");
        get(all, null, "/api/v1/regions/{code}", "");
        get(all, null, "/api/v1/campaigns", "kind=SCIENCE_DAY&year=2026&region=34");
        get(all, null, "/api/v1/campaigns/{id}", "");
        get(all, null, "/api/v1/feedback/tags", "");
        get(all, null, "/api/v1/activities/{activity}/feedback", "cursor=abc&size=10");
        get(all, null, "/api/v1/activities/{activity}/feedback/mine", "");
        get(all, null, "/api/v1/live", "region=34&size=10");
        all.add(new Endpoint(HttpMethod.GET, "/api/v1/activities/{activity}/live", null, null, null, Map.of(), true));
        all.add(new Endpoint(HttpMethod.GET, "/api/v1/stats/live", null, null, null, params("region=34"), true));
        get(all, null, "/api/v1/no-such-thing", "x=1");
        post(
                all,
                null,
                "/api/v1/activities/{activity}/check-ins",
                "{\"token\":\"vk2.zz.forged\",\"lat\":91.5,\"lon\":118.4}");
        post(
                all,
                null,
                "/api/v1/activities/{activity}/feedback",
                "{\"rating\":9,\"tags\":[\"NO_SUCH_TAG\"],\"comment\":\"很好\"}");
        post(all, null, "/api/v1/feedback/{feedbackId}/reports", null);
        post(all, null, "/api/v1/activities/{activity}/live/comments", "{\"text\":\"\"}");
        post(all, null, "/api/v1/auth/login", "{\"username\":\"nobody-" + uuid + "\",\"password\":\"wrong password\"}");
        post(
                all,
                null,
                "/api/v1/auth/tokens",
                "{\"username\":\"nobody-" + uuid + "\",\"password\":\"wrong password\"}");
        get(all, null, "/api/v1/me", "");
        // organizer
        String org = "organizer";
        get(all, org, "/api/v1/organizer/activities", "status=DRAFT");
        post(all, org, "/api/v1/organizer/activities", ACTIVITY);
        get(all, org, "/api/v1/organizer/activities/{id}", "");
        all.add(json(HttpMethod.PUT, org, "/api/v1/organizer/activities/{id}", ACTIVITY));
        post(all, org, "/api/v1/organizer/activities/{id}/submit", null);
        post(all, org, "/api/v1/organizer/activities/{id}/cancel", "{\"reason\":\"\"}");
        post(
                all,
                org,
                "/api/v1/organizer/activities/{id}/postpone",
                "{\"startsAt\":\"2026-09-20T17:00:00+08:00\",\"endsAt\":\"2026-09-20T09:00:00+08:00\",\"reason\":\"\"}");
        post(all, org, "/api/v1/organizer/activities/{id}/copy", "{\"campaignId\":\"" + uuid + "\"}");
        all.add(json(
                HttpMethod.PUT,
                org,
                "/api/v1/organizer/activities/{id}/evidence",
                "{\"photos\":[\"ftp://x\"],\"videos\":[],\"newsLinks\":[\"https://news.example.cn/1\"],"
                        + "\"summary\":\"总结\",\"attendanceOnsite\":-5,\"attendanceOnline\":0,\"volunteers\":3}"));
        get(all, org, "/api/v1/organizer/activities/{id}/evidence", "");
        get(all, org, "/api/v1/organizer/activities/{id}/check-in-token", "");
        get(all, org, "/api/v1/organizer/activities/{id}/check-in-qr.svg", "");
        get(all, org, "/api/v1/organizer/activities/{id}/check-ins", "");
        get(all, org, "/api/v1/organizer/activities/{id}/feedback", "state=HIDDEN&cursor=abc&size=10");
        get(all, org, "/api/v1/organizer/activities/import/template.csv", "");
        all.add(new Endpoint(
                HttpMethod.POST,
                "/api/v1/organizer/activities/import",
                org,
                "标题,地区\n测试活动,99\n",
                MediaType.parseMediaType("text/csv"),
                Map.of(),
                false));
        post(all, org, "/api/v1/organizer/activities/{id}/live/{action}", null);
        all.add(new Endpoint(
                HttpMethod.DELETE,
                "/api/v1/organizer/activities/{id}/live/comments/{commentId}",
                org,
                null,
                null,
                Map.of(),
                false));
        post(all, org, "/api/v1/organizer/activities/{id}/live/comments/{commentId}/mute", null);
        post(all, org, "/api/v1/feedback/{feedbackId}/restore", null);
        post(all, org, "/api/v1/feedback/{feedbackId}/remove", "{\"reason\":\"\"}");
        post(all, org, "/api/v1/feedback/{feedbackId}/reply", "{\"text\":\"\"}");
        // reviewer
        String rev = "reviewer";
        get(
                all,
                rev,
                "/api/v1/review/activities",
                "status=SUBMITTED&region=3402&campaign=" + uuid + "&cursor=abc&size=10");
        get(all, rev, "/api/v1/review/activities/{id}", "");
        post(all, rev, "/api/v1/review/activities/{id}/approve", null);
        post(all, rev, "/api/v1/review/activities/{id}/reject", "{\"reason\":\"\"}");
        get(all, rev, "/api/v1/review/activities/{id}/evidence", "");
        post(
                all,
                rev,
                "/api/v1/review/activities/{id}/recommendation",
                "{\"scores\":{\"mobilization\":11,\"scale\":5,\"publicity\":5,\"volunteers\":5,\"jointAction\":5,"
                        + "\"onlineReach\":-1},\"note\":\"推荐\"}");
        get(all, rev, "/api/v1/review/evidence-overdue", "region=3402");
        get(all, rev, "/api/v1/review/recommendations", "region=3402");
        get(all, rev, "/api/v1/review/activities/{id}/feedback", "state=HIDDEN&cursor=abc&size=10");
        all.add(new Endpoint(
                HttpMethod.DELETE,
                "/api/v1/review/activities/{id}/live/comments/{commentId}",
                rev,
                null,
                null,
                Map.of(),
                false));
        post(all, rev, "/api/v1/review/activities/{id}/live/comments/{commentId}/mute", null);
        get(all, rev, "/api/v1/stats/summary", "region=3402&campaign=" + uuid);
        get(all, rev, "/api/v1/stats/summary.csv", "region=3402&campaign=" + uuid);
        get(all, rev, "/api/v1/stats/summary.xlsx", "region=3402&campaign=" + uuid);
        // admin
        String adm = "admin";
        post(
                all,
                adm,
                "/api/v1/admin/campaigns",
                "{\"kind\":\"SCIENCE_DAY\",\"year\":1999,\"level\":\"NATIONAL\",\"regionCode\":null,\"name\":\"科普日\","
                        + "\"theme\":\"主题\",\"startsOn\":\"2026-09-30\",\"endsOn\":\"2026-09-01\","
                        + "\"registrationOpensOn\":\"2026-08-01\",\"evidenceDueDays\":10}");
        get(all, adm, "/api/v1/admin/campaigns/{id}", "");
        all.add(
                json(
                        HttpMethod.PUT,
                        adm,
                        "/api/v1/admin/campaigns/{id}",
                        "{\"version\":0,\"kind\":\"SCIENCE_DAY\",\"year\":1999,\"level\":\"NATIONAL\",\"name\":\"科普日\","
                                + "\"theme\":\"主题\",\"startsOn\":\"2026-09-30\",\"endsOn\":\"2026-09-01\",\"evidenceDueDays\":10}"));
        get(all, adm, "/api/v1/admin/campaigns/{id}/quotas", "");
        all.add(json(
                HttpMethod.PUT, adm, "/api/v1/admin/campaigns/{id}/quotas", "{\"quotas\":{\"CITY\":80,\"TOWN\":-3}}"));
        post(
                all,
                adm,
                "/api/v1/admin/org-units",
                "{\"name\":\"某单位\",\"kind\":\"CLUB\",\"regionCode\":\"99\",\"parentId\":null}");
        post(
                all,
                adm,
                "/api/v1/admin/users",
                "{\"username\":\"u\",\"password\":\"short\",\"role\":\"GOD\",\"roles\":null,\"orgUnitId\":\"" + uuid
                        + "\"}");
        post(all, adm, "/api/v1/admin/users/{id}/disable", null);
        get(all, adm, "/api/v1/admin/audit", "targetId=" + uuid + "&before=2026-09-01T00:00:00Z&size=10");
        get(all, adm, "/api/v1/admin/sensitive-words", "");
        all.add(json(HttpMethod.PUT, adm, "/api/v1/admin/sensitive-words/{word}", "{\"action\":\"EXPLODE\"}"));
        all.add(new Endpoint(
                HttpMethod.DELETE, "/api/v1/admin/sensitive-words/{word}", adm, null, null, Map.of(), false));
        get(all, adm, "/api/v1/admin/search/status", "");
        return all;
    }

    static void get(List<Endpoint> all, String who, String path, String query) {
        all.add(new Endpoint(HttpMethod.GET, path, who, null, null, params(query), false));
    }

    static void post(List<Endpoint> all, String who, String path, String body) {
        all.add(json(HttpMethod.POST, who, path, body));
    }

    static Endpoint json(HttpMethod method, String who, String path, String body) {
        return new Endpoint(method, path, who, body, body == null ? null : MediaType.APPLICATION_JSON, Map.of(), false);
    }

    static Map<String, String> params(String query) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                map.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return map;
    }

    // ---- attacks ---------------------------------------------------------------------------------------------

    enum Attack {
        BAD_ID,
        BAD_QUERY_VALUE,
        UNKNOWN_QUERY_PARAM,
        REPEATED_QUERY_PARAM,
        INVALID_UTF8_QUERY,
        WRONG_TYPE,
        NULL_VALUE,
        MISSING_FIELD,
        EMPTY_OBJECT,
        EXTRA_FIELD,
        HUGE_NUMBER,
        NEGATIVE_NUMBER,
        OVERLONG_STRING,
        CONTROL_CHARACTERS,
        BAD_DATE,
        BAD_ENUM,
        NOT_AN_OBJECT,
        MALFORMED_JSON,
        DUPLICATE_KEY,
        DEEP_NESTING,
        INVALID_UTF8_BODY,
        WRONG_CONTENT_TYPE,
        NO_CONTENT_TYPE,
        OVERSIZE_BODY,
        EMPTY_BODY,
        GARBAGE_BODY
    }

    static final List<Attack> PATH_AND_QUERY = List.of(
            Attack.BAD_ID,
            Attack.BAD_QUERY_VALUE,
            Attack.UNKNOWN_QUERY_PARAM,
            Attack.REPEATED_QUERY_PARAM,
            Attack.INVALID_UTF8_QUERY);
    static final List<Attack> RAW_BODY = List.of(
            Attack.INVALID_UTF8_BODY,
            Attack.WRONG_CONTENT_TYPE,
            Attack.NO_CONTENT_TYPE,
            Attack.OVERSIZE_BODY,
            Attack.EMPTY_BODY,
            Attack.GARBAGE_BODY);

    static final String[] BAD_VALUES = {
        "",
        " ",
        "-1",
        "0",
        "-99999999999999999999",
        "99999999999999999999",
        "1e309",
        "NaN",
        "Infinity",
        "abc",
        "2026-13-45",
        "2026-02-30T25:61:00+08:00",
        "yesterday",
        "0000-00-00",
        "9999999-01-01",
        "null",
        "true",
        "[]",
        "{}",
        "../../etc/passwd",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00",
        "\u0000",
        "\u202e",
        "😀😀😀",
        "科普日科普日",
        "eyJhIjoxfQ",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "__proto__",
        "$ne"
    };
    static final String[] BAD_IDS = {
        "not-a-uuid",
        "123",
        "0",
        "-1",
        "00000000-0000-0000-0000-00000000000g",
        "%00",
        "..%2F..",
        "%C3%28",
        "%E2%80%AE",
        "null",
        "undefined",
        "%7B%7D",
        "1e309",
        "xx-yy",
        "%25",
        "%20"
    };

    final Random random = new Random(SEED);

    record Request(
            Attack attack,
            Endpoint endpoint,
            HttpMethod method,
            URI uri,
            String who,
            MediaType contentType,
            byte[] body) {

        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return attack + " " + method + " "
                    + uri.toString().substring(0, Math.min(300, uri.toString().length()))
                    + (body == null ? "" : " [" + contentType + ", " + body.length + " B] " + text);
        }
    }

    Request generate(Endpoint e, String activity) {
        List<Attack> possible = new ArrayList<>(PATH_AND_QUERY);
        if (!pathVariables(e.path())) {
            possible.remove(Attack.BAD_ID);
        }
        if (e.stream()) {
            // a valid request would open an endless stream: only ids and parameter values that cannot be valid
            possible.retainAll(List.of(Attack.BAD_ID, Attack.BAD_QUERY_VALUE, Attack.INVALID_UTF8_QUERY));
            if (e.params().isEmpty()) {
                possible.remove(Attack.BAD_QUERY_VALUE);
                possible.remove(Attack.INVALID_UTF8_QUERY);
            }
        } else if (e.json()) {
            // mostly body attacks where there is a body
            possible = new ArrayList<>(List.of(Attack.values()));
            possible.removeAll(PATH_AND_QUERY);
            possible.add(pathVariables(e.path()) ? Attack.BAD_ID : Attack.UNKNOWN_QUERY_PARAM);
        } else if (e.body() != null || e.writes()) {
            possible.addAll(RAW_BODY);
            if (!pathVariables(e.path())) {
                possible.remove(Attack.BAD_ID);
            }
        }
        Attack attack = possible.get(random.nextInt(possible.size()));
        boolean badId = attack == Attack.BAD_ID;
        String path = fill(e.path(), activity, badId);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (!e.stream() && random.nextBoolean()) {
            e.params().forEach((k, v) -> {
                if (random.nextInt(3) > 0) {
                    query.put(k, List.of(encode(v)));
                }
            });
        }
        byte[] body = e.body() == null ? null : e.body().getBytes(StandardCharsets.UTF_8);
        MediaType type = e.contentType();
        switch (attack) {
            case BAD_QUERY_VALUE, INVALID_UTF8_QUERY -> {
                if (e.params().isEmpty()) {
                    query.put(junkName(), List.of(encode(pick(BAD_VALUES))));
                } else {
                    List<String> names = new ArrayList<>(e.params().keySet());
                    String name = names.get(random.nextInt(names.size()));
                    query.put(name, List.of(attack == Attack.INVALID_UTF8_QUERY ? "%C3%28%FF%FE" : encode(badValue())));
                }
            }
            case UNKNOWN_QUERY_PARAM -> query.put(junkName(), List.of(encode(pick(BAD_VALUES))));
            case REPEATED_QUERY_PARAM -> {
                String name = e.params().isEmpty()
                        ? "size"
                        : new ArrayList<>(e.params().keySet())
                                .get(random.nextInt(e.params().size()));
                query.put(name, List.of(encode(badValue()), encode(pick(BAD_VALUES)), encode(pick(BAD_VALUES))));
            }
            case WRONG_TYPE,
                    NULL_VALUE,
                    MISSING_FIELD,
                    EXTRA_FIELD,
                    HUGE_NUMBER,
                    NEGATIVE_NUMBER,
                    OVERLONG_STRING,
                    CONTROL_CHARACTERS,
                    BAD_DATE,
                    BAD_ENUM -> body = mutate(e.body(), attack);
            case EMPTY_OBJECT -> body = bytes("{}");
            case NOT_AN_OBJECT -> body = bytes(pick(new String[] {"[]", "[{}]", "42", "\"text\"", "true", "null"}));
            case MALFORMED_JSON -> {
                String json = e.body() == null ? "{\"a\":1}" : e.body();
                body = bytes(pick(new String[] {
                    json.substring(0, random.nextInt(json.length())),
                    json.replaceFirst(":", ""),
                    json.replace("\"", "'"),
                    json + "}}",
                    "{" + json,
                    json.replaceFirst(",", ",,")
                }));
            }
            case DUPLICATE_KEY -> {
                String json = e.body() == null ? "{\"a\":1}" : e.body();
                String first = json.substring(1, json.indexOf(':'));
                body = bytes("{" + first + ":\"x\"," + json.substring(1));
            }
            case DEEP_NESTING -> {
                int depth = 1_000 + random.nextInt(20_000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                body = bytes(
                        "{\"title\":" + open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth) + "}");
            }
            case INVALID_UTF8_BODY -> {
                byte[] text = e.body() == null
                        ? bytes("{\"text\":\"abc\"}")
                        : e.body().getBytes(StandardCharsets.UTF_8);
                byte[] broken = new byte[text.length + 4];
                int at = Math.max(1, text.length / 2);
                System.arraycopy(text, 0, broken, 0, at);
                broken[at] = (byte) 0xC3;
                broken[at + 1] = (byte) 0x28;
                broken[at + 2] = (byte) 0xFF;
                broken[at + 3] = (byte) 0xFE;
                System.arraycopy(text, at, broken, at + 4, text.length - at);
                body = broken;
                type = type == null ? MediaType.APPLICATION_JSON : type;
            }
            case WRONG_CONTENT_TYPE -> {
                type = MediaType.parseMediaType(pick(new String[] {
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data;boundary=x",
                    "application/octet-stream",
                    "image/png",
                    "application/json;charset=gbk",
                    "text/csv",
                    "foo/bar"
                }));
                body = body == null ? bytes("a=1&b=2") : body;
            }
            case NO_CONTENT_TYPE -> {
                type = null;
                body = body == null ? bytes("{}") : body;
            }
            case OVERSIZE_BODY -> {
                body = bytes("{\"title\":\"" + "科".repeat(MAX_BYTES / 3 + 1 + random.nextInt(100_000)) + "\"}");
                type = type == null ? MediaType.APPLICATION_JSON : type;
            }
            case EMPTY_BODY -> body = new byte[0];
            case GARBAGE_BODY -> {
                body = new byte[1 + random.nextInt(4096)];
                random.nextBytes(body);
                type = type == null ? MediaType.APPLICATION_JSON : type;
            }
            default -> {}
        }
        StringBuilder uri = new StringBuilder(path);
        char sep = '?';
        for (var entry : query.entrySet()) {
            for (String value : entry.getValue()) {
                uri.append(sep).append(encode(entry.getKey())).append('=').append(value);
                sep = '&';
            }
        }
        return new Request(
                attack, e, e.method(), URI.create(uri.toString()), e.who(), body == null ? null : type, body);
    }

    static boolean pathVariables(String path) {
        return path.contains("{");
    }

    String fill(String path, String activity, boolean bad) {
        List<String> variables = new ArrayList<>();
        var m = Pattern.compile("\\{(\\w+)}").matcher(path);
        while (m.find()) {
            variables.add(m.group(1));
        }
        String spoiled = bad ? variables.get(random.nextInt(variables.size())) : null;
        String result = path;
        for (String v : variables) {
            String value;
            if (v.equals(spoiled)) {
                value = random.nextInt(8) == 0 ? "x".repeat(200 + random.nextInt(2_000)) : pick(BAD_IDS);
            } else {
                value = switch (v) {
                    case "activity" ->
                        random.nextBoolean() ? activity : UUID.randomUUID().toString();
                    case "code" -> random.nextBoolean() ? "99" : "340207999999";
                    case "word" -> "不存在的词" + random.nextInt(1000);
                    case "action" -> pick(new String[] {"start", "end", "interrupt", "resume"});
                    default -> UUID.randomUUID().toString();
                };
                value = encode(value);
            }
            result = result.replace("{" + v + "}", value);
        }
        return result;
    }

    byte[] mutate(String template, Attack attack) {
        @SuppressWarnings("unchecked")
        Map<String, Object> root = JSON.readValue(template, LinkedHashMap.class);
        List<Object[]> places = new ArrayList<>(); // {container, key or index}
        collect(root, places);
        Object[] place = places.get(random.nextInt(places.size()));
        Object current = get(place);
        Object value = switch (attack) {
            case WRONG_TYPE -> wrongType(current);
            case NULL_VALUE -> null;
            case HUGE_NUMBER ->
                pick(new Object[] {
                    new java.math.BigInteger("9".repeat(30 + random.nextInt(400))),
                    Double.MAX_VALUE,
                    Long.MAX_VALUE,
                    new java.math.BigDecimal("1e400"),
                    2147483648L
                });
            case NEGATIVE_NUMBER -> pick(new Object[] {-1, -2147483649L, -1e300, Long.MIN_VALUE, -0.5});
            case OVERLONG_STRING -> pick(new String[] {"科", "a", "😀", "Ä"}).repeat(1_000 + random.nextInt(200_000));
            case CONTROL_CHARACTERS -> "a\u0000b\u0007\u001b[31m\u202e\u200b\ufffec";
            case BAD_DATE ->
                pick(new String[] {
                    "2026-13-45T09:00:00+08:00",
                    "2026-09-12",
                    "yesterday",
                    "2026-09-12T09:00:00",
                    "12/09/2026",
                    "2026-02-30T00:00:00Z",
                    "+999999999-12-31T23:59:59Z",
                    "-2026-09-12T09:00:00+08:00",
                    "0"
                });
            case BAD_ENUM -> pick(new String[] {"NOPE", "onsite", "", "ONSITE ", "0", "全部"});
            default -> current;
        };
        if (attack == Attack.MISSING_FIELD) {
            remove(place);
        } else if (attack == Attack.EXTRA_FIELD) {
            Object container = place[0] instanceof Map ? place[0] : root;
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) container;
            map.put(
                    pick(new String[] {"id", "status", "createdBy", "admin", "role", "__proto__", junkName()}),
                    pick(new Object[] {"PUBLISHED", true, 1, UUID.randomUUID().toString(), List.of("ADMIN")}));
        } else {
            set(place, value);
        }
        return JSON.writeValueAsBytes(root);
    }

    Object wrongType(Object current) {
        Object[] options = {
            42, -7.5, true, "text", List.of(1, "a"), Map.of("nested", Map.of("x", 1)), List.of(), Map.of()
        };
        Object pick;
        do {
            pick = pick(options);
        } while (current != null && sameKind(current, pick));
        return pick;
    }

    static boolean sameKind(Object a, Object b) {
        return (a instanceof String && b instanceof String)
                || (a instanceof Number && b instanceof Number)
                || (a instanceof Boolean && b instanceof Boolean)
                || (a instanceof List && b instanceof List)
                || (a instanceof Map && b instanceof Map);
    }

    @SuppressWarnings("unchecked")
    static void collect(Object node, List<Object[]> places) {
        if (node instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                places.add(new Object[] {map, key});
                collect(map.get(key), places);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                places.add(new Object[] {list, i});
                collect(list.get(i), places);
            }
        }
    }

    static Object get(Object[] place) {
        return place[0] instanceof Map<?, ?> map ? map.get(place[1]) : ((List<?>) place[0]).get((Integer) place[1]);
    }

    @SuppressWarnings("unchecked")
    static void set(Object[] place, Object value) {
        if (place[0] instanceof Map) {
            ((Map<Object, Object>) place[0]).put(place[1], value);
        } else {
            ((List<Object>) place[0]).set((Integer) place[1], value);
        }
    }

    @SuppressWarnings("unchecked")
    static void remove(Object[] place) {
        if (place[0] instanceof Map) {
            ((Map<Object, Object>) place[0]).remove(place[1]);
        } else {
            ((List<Object>) place[0]).remove((int) (Integer) place[1]);
        }
    }

    String badValue() {
        // long, but the request line stays under Netty's 4 KB (beyond it see transportLimitsAreRefusedBeforeTheApp)
        return random.nextInt(6) == 0 ? "x".repeat(500 + random.nextInt(1_500)) : pick(BAD_VALUES);
    }

    String junkName() {
        return pick(new String[] {"foo", "id", "admin", "debug", "__proto__", "size[]", "q.x", "页", "a b"})
                + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(100)));
    }

    <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    // ---- the run -----------------------------------------------------------------------------------------------

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DatabaseClient db;

    @LocalServerPort
    int port;

    record Answer(Request request, int status, String contentType, String body) {}

    @Test
    void thousandsOfMalformedRequestsGetProblemsAndChangeNothing() throws IOException {
        campaigns.loadDemo().block(Duration.ofSeconds(10));
        TestAccounts accounts = new TestAccounts(organizer);
        String organizerToken = TestAccounts.token(client, accounts.account("340207", Role.ORGANIZER));
        String reviewerToken = TestAccounts.token(client, accounts.account("3402", Role.REVIEWER));
        Map<String, String> tokens = Map.of(
                "organizer", organizerToken,
                "reviewer", reviewerToken,
                "admin", TestAccounts.token(client, accounts.account((String) null, Role.ADMIN)));
        String activity = new TestActivities(client, organizerToken, reviewerToken)
                .publish(TestActivities.onsite("坏输入测试活动", "340207", 31.37, 118.40, "2026-09-12"));

        List<Endpoint> endpoints = catalogue();
        List<Request> requests = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(generate(endpoints.get(i % endpoints.size()), activity));
        }
        Map<String, Long> before = settledRowCounts();

        WebClient web = WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
        AtomicLong sent = new AtomicLong();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        Flux.fromIterable(requests)
                .flatMap(
                        r -> send(web, r, tokens).doOnNext(answers::add).doOnNext(a -> sent.incrementAndGet()),
                        CONCURRENCY)
                .blockLast(Duration.ofMinutes(30));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Map<String, Long> after = rowCountsLike(before);

        report(endpoints, answers, took, before, after);
    }

    /**
     * Requests past the HTTP server's own limits (request line over 4 KB, headers over 16 KB) are refused by Netty
     * before the app sees them, with 414 or 431 and an empty body: never a 5xx, but not a problem either.
     */
    @Test
    void transportLimitsAreRefusedBeforeTheApp() {
        WebClient web = WebClient.create("http://localhost:" + port);
        Map<String, Long> statuses = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            statuses.merge(
                    web.get()
                            .uri("/api/v1/activities?q=" + "x".repeat(4_100 + i * 1_000))
                            .exchangeToMono(r -> r.releaseBody()
                                    .thenReturn("line " + r.statusCode().value()))
                            .block(Duration.ofSeconds(10)),
                    1L,
                    Long::sum);
            statuses.merge(
                    web.get()
                            .uri("/api/v1/activities")
                            .header("X-Padding", "x".repeat(17_000 + i * 1_000))
                            .exchangeToMono(r -> r.releaseBody()
                                    .thenReturn("headers " + r.statusCode().value()))
                            .block(Duration.ofSeconds(10)),
                    1L,
                    Long::sum);
        }
        System.out.println("transport limits (refused by Netty, empty body): " + statuses);
        assertThat(statuses).containsOnlyKeys("line 414", "headers 431");
    }

    Mono<Answer> send(WebClient web, Request r, Map<String, String> tokens) {
        WebClient.RequestBodySpec spec = web.method(r.method())
                .uri(URI.create("http://localhost:" + port + r.uri()))
                .header("X-Forwarded-For", "10.9." + random(256) + "." + random(256))
                .header("Accept", "application/json, application/problem+json, */*");
        if (r.who() != null) {
            spec = spec.header("Authorization", "Bearer " + tokens.get(r.who()));
        }
        if (r.contentType() != null) {
            spec.contentType(r.contentType());
        }
        WebClient.RequestHeadersSpec<?> ready = r.body() == null ? spec : spec.bodyValue(r.body());
        return ready.exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    String type = response.headers()
                            .contentType()
                            .map(MediaType::toString)
                            .orElse("");
                    if (r.endpoint().stream() && status < 400) {
                        return Mono.just(new Answer(r, status, type, "(stream)"));
                    }
                    return response.bodyToMono(byte[].class)
                            .map(b -> new String(b, StandardCharsets.UTF_8))
                            .defaultIfEmpty("")
                            .map(body -> new Answer(r, status, type, body));
                })
                .timeout(Duration.ofSeconds(30))
                .onErrorResume(e -> Mono.just(new Answer(r, -1, "", "no answer: " + e)));
    }

    static int random(int bound) {
        return java.util.concurrent.ThreadLocalRandom.current().nextInt(bound);
    }

    void report(
            List<Endpoint> endpoints,
            ConcurrentLinkedQueue<Answer> answers,
            Duration took,
            Map<String, Long> before,
            Map<String, Long> after)
            throws IOException {
        Map<Integer, Long> statuses = new TreeMap<>();
        Map<String, Long> codes = new TreeMap<>();
        Map<Attack, Long> attacks = new TreeMap<>();
        Map<String, Long> acceptedReads = new TreeMap<>();
        Map<String, Long> covered = new ConcurrentHashMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        List<String> acceptedWrites = new ArrayList<>();
        long problems = 0;
        for (Answer a : answers) {
            statuses.merge(a.status(), 1L, Long::sum);
            attacks.merge(a.request().attack(), 1L, Long::sum);
            covered.merge(a.request().endpoint().key(), 1L, Long::sum);
            String line = a.status() + " " + a.request().describe() + " -> " + a.contentType() + " "
                    + a.body().substring(0, Math.min(400, a.body().length()));
            if (a.status() >= 500 || a.status() < 0) {
                serverErrors.add(line);
            } else if (a.status() >= 400) {
                String code = code(a.body());
                if (!a.contentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE) || code == null) {
                    notProblems.add(line);
                } else {
                    problems++;
                    codes.merge(code, 1L, Long::sum);
                }
                if (INTERNALS.matcher(a.body()).find()) {
                    leaks.add(line);
                }
            } else if (a.request().endpoint().writes()) {
                acceptedWrites.add(line);
            } else {
                acceptedReads.merge(
                        a.request().endpoint().key() + " (" + a.request().attack() + ")", 1L, Long::sum);
            }
        }
        Map<String, String> changed = new TreeMap<>();
        before.forEach((table, n) -> {
            if (!n.equals(after.get(table))) {
                changed.put(table, n + " -> " + after.get(table));
            }
        });
        long errors = answers.stream().filter(a -> a.status() >= 400).count();
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "malformed input: %d requests (seed %d) over %d endpoints (%d hit), %d attack kinds, concurrency %d,"
                        + " %d ms (%.0f/s)%n",
                answers.size(),
                SEED,
                endpoints.size(),
                covered.size(),
                attacks.size(),
                CONCURRENCY,
                took.toMillis(),
                answers.size() * 1000.0 / Math.max(1, took.toMillis())));
        text.append("statuses: ").append(statuses).append('\n');
        text.append(String.format(
                "5xx or no answer: %d; 4xx: %d, of which problem+json with a code: %d (%.2f %%); bodies with internals: %d%n",
                serverErrors.size(), errors, problems, errors == 0 ? 100.0 : problems * 100.0 / errors, leaks.size()));
        text.append("accepted writes: ")
                .append(acceptedWrites.size())
                .append("; reads answered 2xx/3xx: ")
                .append(acceptedReads.values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .append('\n');
        text.append(String.format("tables checked: %d, changed: %d %s%n", before.size(), changed.size(), changed));
        text.append("attacks: ").append(attacks).append('\n');
        text.append("codes: ").append(codes).append('\n');
        text.append("reads answered 2xx/3xx by endpoint and attack (harmless, listed for review): ")
                .append(acceptedReads)
                .append('\n');
        for (var list : List.of(serverErrors, notProblems, leaks, acceptedWrites)) {
            list.stream().limit(15).forEach(l -> text.append("  ! ").append(l).append('\n'));
        }
        System.out.print(text);
        Files.writeString(Path.of("target", "malformed-input.txt"), text + "at " + Instant.now() + "\n");

        assertThat(answers).hasSize(REQUESTS);
        assertThat(covered).as("every endpoint of the catalogue was attacked").hasSize(endpoints.size());
        assertThat(serverErrors).as("5xx or no answer").isEmpty();
        assertThat(notProblems)
                .as("errors that are not problem+json with a code")
                .isEmpty();
        assertThat(leaks).as("error bodies that reveal internals").isEmpty();
        assertThat(acceptedWrites).as("malformed writes that were accepted").isEmpty();
        assertThat(changed).as("tables whose row count changed").isEmpty();
    }

    static String code(String body) {
        try {
            Object code = JSON.readValue(body, Map.class).get("code");
            return code instanceof String s && !s.isBlank() ? s : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Row counts of every table, once two readings a second apart agree (the outbox and indexers settle). */
    Map<String, Long> settledRowCounts() {
        AtomicReference<Map<String, Long>> last = new AtomicReference<>(rowCounts());
        await().pollDelay(Duration.ofSeconds(1))
                .pollInterval(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    Map<String, Long> now = rowCounts();
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    /** The counts again, waiting up to 10 s for background work to bring them back to {@code expected}. */
    Map<String, Long> rowCountsLike(Map<String, Long> expected) {
        AtomicReference<Map<String, Long>> now = new AtomicReference<>(rowCounts());
        try {
            await().pollInterval(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> now.updateAndGet(old -> rowCounts()).equals(expected));
        } catch (ConditionTimeoutException e) {
            // reported and asserted by the caller
        }
        return now.get();
    }

    Map<String, Long> rowCounts() {
        List<String> tables = db.sql("SELECT table_schema || '.' || table_name AS t FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                        + " ORDER BY 1")
                .map(row -> row.get("t", String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tables) {
            counts.put(
                    table,
                    db.sql("SELECT count(*) AS n FROM " + table)
                            .map(row -> row.get("n", Long.class))
                            .one()
                            .block(Duration.ofSeconds(10)));
        }
        return counts;
    }
}
