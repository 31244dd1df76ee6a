package org.kepu.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.activity.DemoActivities;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.kepu.shared.time.CampaignTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The statistics projection over generated activities with check-ins, evidence, recommendations,
 * cancellations and a moved activity, compared with a brute-force recomputation from the source tables at
 * every region level; authorization, exports read back, quotas and bad parameters over HTTP.
 */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = {"kepu.devstack.database=kepu_stats", "kepu.stats.poll-interval=1h"})
class StatsIT {

    /** 2026-09-25 12:00 in Beijing: the Science Month is on, early activities are past their evidence deadline. */
    static final Instant NOW = Instant.parse("2026-09-25T04:00:00Z");

    static final UUID CAMPAIGN = CampaignService.demoEditionId("sd-2026");
    static final int ACTIVITIES = 3000;
    private static boolean loaded;

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    DatabaseClient db;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    StatsService stats;

    @Autowired
    ActivityTallies tallies;

    @Autowired
    DemoActivities demo;

    @Autowired
    OrganizerService organizer;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        if (!loaded) {
            load();
            loaded = true;
        }
        stats.catchUp().block(Duration.ofMinutes(2));
    }

    /** Generated activities, applied once; then changes of every kind, applied incrementally on top. */
    private void load() {
        demo.generate(ACTIVITIES, 9).block(Duration.ofMinutes(3));
        stats.catchUp().block(Duration.ofMinutes(2));
        List<UUID> ids =
                sql("SELECT id FROM activity.activity WHERE campaign_id = '" + CAMPAIGN + "' ORDER BY id").stream()
                        .map(UUID::fromString)
                        .toList();
        Random r = new Random(7);
        List<UUID> participants = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            participants.add(new UUID(7, i)); // few enough that many check in more than once, across regions
        }
        StringBuilder checkIns = new StringBuilder();
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < 6000; i++) {
            UUID activity = ids.get(r.nextInt(ids.size() / 2)); // half the activities have none
            UUID participant = participants.get(r.nextInt(participants.size()));
            if (pairs.add(activity + "/" + participant)) {
                checkIns.append(checkIns.isEmpty() ? "" : ",")
                        .append("('")
                        .append(UUID.randomUUID())
                        .append("','")
                        .append(activity)
                        .append("','")
                        .append(participant)
                        .append("','")
                        .append(r.nextInt(3) == 0 ? "ONLINE" : "ONSITE")
                        .append("', now())");
            }
        }
        exec("INSERT INTO checkin.check_in (id, activity_id, participant_id, channel, checked_in_at) VALUES "
                + checkIns);
        // and their counters, as the check-in writer keeps them in the same transaction
        exec("INSERT INTO checkin.activity_count (activity_id, check_ins) SELECT activity_id, count(*)"
                + " FROM checkin.check_in GROUP BY activity_id"
                + " ON CONFLICT (activity_id) DO UPDATE SET check_ins = EXCLUDED.check_ins");
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            int kind = r.nextInt(10);
            if (kind == 0) {
                exec("UPDATE activity.activity SET status = 'CANCELLED' WHERE id = '" + id + "'");
            } else if (kind <= 3) { // complete evidence
                exec("INSERT INTO activity.evidence (activity_id, photos, summary, attendance_onsite, volunteers,"
                        + " updated_at, updated_by) VALUES ('" + id + "', ARRAY['https://x.example/p.jpg'], '总结', "
                        + r.nextInt(500) + ", " + r.nextInt(20) + ", now(), 't')");
            } else if (kind == 4) { // partial evidence
                exec("INSERT INTO activity.evidence (activity_id, attendance_online, updated_at, updated_by)"
                        + " VALUES ('" + id + "', " + r.nextInt(900) + ", now(), 't')");
            }
            if (r.nextInt(15) == 0) {
                exec("INSERT INTO activity.recommendation (activity_id, level, reviewer, org_unit_id, mobilization,"
                        + " scale, publicity, volunteers, joint_action, online_reach, created_at, updated_at) VALUES ('"
                        + id + "', 'COUNTY', 'r', gen_random_uuid(), 5, 6, 7, 8, 9, 1, now(), now())");
            }
        }
        // a published activity moves to another province (its check-ins must follow it)
        exec("UPDATE activity.activity SET region_code = '110101' WHERE id = '" + ids.get(0) + "'");
        // the writers note every change in the outbox; so do these
        exec("INSERT INTO shared.outbox (topic, key, created_at) SELECT 'activity', id::text, now()"
                + " FROM activity.activity WHERE campaign_id = '" + CAMPAIGN + "'");
        for (int i = 0; i < 40; i++) {
            tallies.feedback(ids.get(i), 3, 3 + r.nextInt(13)).block(Duration.ofSeconds(5));
            tallies.liveAudience(ids.get(i), r.nextInt(300), 300 + r.nextInt(1000))
                    .block(Duration.ofSeconds(5));
        }
    }

    // ---- brute force ------------------------------------------------------------------------------------

    record Source(
            UUID id,
            String region,
            UUID unit,
            String status,
            String format,
            boolean mainVenue,
            LocalDate endDay,
            String evidence,
            long attendanceOnsite,
            long attendanceOnline,
            long volunteers,
            boolean recommended,
            long feedbackCount,
            long feedbackSum,
            long peak,
            long unique) {}

    record Truth(Figures figures, long orgUnits, long participants) {}

    private List<Source> sources() {
        return db.sql("""
                        SELECT a.id, a.region_code, a.org_unit_id, a.status, a.format, a.main_venue,
                          (a.ends_at AT TIME ZONE 'Asia/Shanghai')::date AS end_day,
                          e.activity_id IS NOT NULL AS has_evidence, cardinality(e.photos) AS photos,
                          cardinality(e.videos) AS videos, cardinality(e.news_links) AS links, e.summary,
                          e.attendance_onsite, e.attendance_online, e.volunteers,
                          EXISTS (SELECT 1 FROM activity.recommendation r WHERE r.activity_id = a.id) AS recommended,
                          s.feedback_count, s.feedback_sum, s.live_peak, s.live_unique
                        FROM activity.activity a LEFT JOIN activity.evidence e ON e.activity_id = a.id
                        LEFT JOIN stats.activity_signal s ON s.activity_id = a.id
                        WHERE a.campaign_id = :c AND a.status IN ('PUBLISHED', 'POSTPONED', 'CANCELLED')
                        """)
                .bind("c", CAMPAIGN)
                .map(row -> {
                    Integer on = row.get("attendance_onsite", Integer.class);
                    Integer off = row.get("attendance_online", Integer.class);
                    Integer vol = row.get("volunteers", Integer.class);
                    String summary = row.get("summary", String.class);
                    boolean has = Boolean.TRUE.equals(row.get("has_evidence", Boolean.class));
                    int photos = has ? row.get("photos", Integer.class) : 0;
                    String evidence;
                    if (has && photos > 0 && summary != null && !summary.isBlank() && (on != null || off != null)) {
                        evidence = "COMPLETE";
                    } else if (!has
                            || (photos == 0
                                    && row.get("videos", Integer.class) == 0
                                    && row.get("links", Integer.class) == 0
                                    && (summary == null || summary.isBlank())
                                    && on == null
                                    && off == null
                                    && vol == null)) {
                        evidence = "NONE";
                    } else {
                        evidence = "PARTIAL";
                    }
                    Long fc = row.get("feedback_count", Long.class);
                    return new Source(
                            row.get("id", UUID.class),
                            row.get("region_code", String.class),
                            row.get("org_unit_id", UUID.class),
                            row.get("status", String.class),
                            row.get("format", String.class),
                            Boolean.TRUE.equals(row.get("main_venue", Boolean.class)),
                            row.get("end_day", LocalDate.class),
                            evidence,
                            on == null ? 0 : on,
                            off == null ? 0 : off,
                            vol == null ? 0 : vol,
                            Boolean.TRUE.equals(row.get("recommended", Boolean.class)),
                            fc == null ? 0 : fc,
                            fc == null ? 0 : row.get("feedback_sum", Long.class),
                            fc == null ? 0 : row.get("live_peak", Long.class),
                            fc == null ? 0 : row.get("live_unique", Long.class));
                })
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
    }

    /** activity → [participant, channel] */
    private Map<UUID, List<String[]>> checkIns() {
        Map<UUID, List<String[]>> result = new HashMap<>();
        db.sql("SELECT activity_id, participant_id, channel FROM checkin.check_in")
                .map(row -> {
                    result.computeIfAbsent(row.get("activity_id", UUID.class), k -> new ArrayList<>())
                            .add(new String[] {
                                row.get("participant_id", UUID.class).toString(), row.get("channel", String.class)
                            });
                    return 1;
                })
                .all()
                .blockLast(Duration.ofSeconds(30));
        return result;
    }

    private static Truth truth(List<Source> all, Map<UUID, List<String[]>> checkIns, String prefix, int dueDays) {
        LocalDate today = NOW.atZone(CampaignTime.ZONE).toLocalDate();
        long published = 0, main = 0, online = 0, cancelled = 0, onsiteIns = 0, onlineIns = 0;
        long none = 0, partial = 0, complete = 0, overdue = 0, attOn = 0, attOff = 0, vol = 0, rec = 0;
        long fc = 0, fs = 0, peak = 0, unique = 0;
        Set<UUID> units = new HashSet<>();
        Set<String> people = new HashSet<>();
        for (Source s : all) {
            if (!s.region().startsWith(prefix)) {
                continue;
            }
            published++;
            main += s.mainVenue() ? 1 : 0;
            online += s.format().equals("ONSITE") ? 0 : 1;
            for (String[] c : checkIns.getOrDefault(s.id(), List.of())) {
                people.add(c[0]);
                if (c[1].equals("ONSITE")) {
                    onsiteIns++;
                } else {
                    onlineIns++;
                }
            }
            fc += s.feedbackCount();
            fs += s.feedbackSum();
            peak += s.peak();
            unique += s.unique();
            if (s.status().equals("CANCELLED")) {
                cancelled++;
                continue;
            }
            units.add(s.unit());
            boolean late = today.isAfter(s.endDay().plusDays(dueDays));
            switch (s.evidence()) {
                case "COMPLETE" -> complete++;
                case "NONE" -> none += late ? 0 : 1;
                default -> partial += late ? 0 : 1;
            }
            overdue += !s.evidence().equals("COMPLETE") && late ? 1 : 0;
            attOn += s.attendanceOnsite();
            attOff += s.attendanceOnline();
            vol += s.volunteers();
            rec += s.recommended() ? 1 : 0;
        }
        Figures f = new Figures(
                published,
                main,
                online,
                cancelled,
                onsiteIns,
                onlineIns,
                new Figures.EvidenceCounts(none, partial, complete, overdue),
                attOn,
                attOff,
                vol,
                rec,
                fc,
                fs,
                fc == 0 ? null : Math.round(fs * 100.0 / fc) / 100.0,
                peak,
                unique);
        return new Truth(f, units.size(), people.size());
    }

    @Test
    void theRollUpEqualsABruteForceRecomputationAtEveryRegionLevel() {
        List<Source> all = sources();
        Map<UUID, List<String[]>> checkIns = checkIns();
        assertThat(all).hasSizeGreaterThan(ACTIVITIES / 2);
        Set<String> regions = new TreeSet<>();
        regions.add("");
        for (Source s : all) {
            regions.add(s.region().substring(0, 2));
            regions.add(s.region().substring(0, 4));
            regions.add(s.region());
        }
        Map<Integer, Integer> checkedPerLevel = new HashMap<>();
        for (String region : regions) {
            Summary summary = stats.summary(
                            TestAccounts.SYSTEM_ADMIN,
                            region.isEmpty() ? Optional.empty() : Optional.of(region),
                            CAMPAIGN)
                    .block(Duration.ofSeconds(10));
            Truth truth = truth(all, checkIns, region, summary.campaign().evidenceDueDays());
            assertThat(summary.region().figures()).as("figures of %s", region).isEqualTo(truth.figures());
            assertThat(summary.region().orgUnits())
                    .as("org units of %s", region)
                    .isEqualTo(truth.orgUnits());
            assertThat(summary.region().participants())
                    .as("participants of %s", region)
                    .isEqualTo(truth.participants());
            // the children add up to the region, activities registered at the region itself aside
            long children = summary.children().stream()
                    .mapToLong(c -> c.figures().published())
                    .sum();
            assertThat(children + summary.direct().published())
                    .isEqualTo(truth.figures().published());
            long childCheckIns = summary.children().stream()
                    .mapToLong(c -> c.figures().checkIns())
                    .sum();
            assertThat(childCheckIns + summary.direct().checkIns())
                    .isEqualTo(truth.figures().checkIns());
            checkedPerLevel.merge(region.length(), 1, Integer::sum);
        }
        assertThat(checkedPerLevel.keySet()).containsExactlyInAnyOrder(0, 2, 4, 6);
        assertThat(checkedPerLevel.get(6)).isGreaterThan(500);
        Summary country = stats.summary(TestAccounts.SYSTEM_ADMIN, Optional.empty(), CAMPAIGN)
                .block(Duration.ofSeconds(10));
        // the data set exercises every kind of figure
        Figures f = country.region().figures();
        assertThat(f.cancelled()).isPositive();
        assertThat(f.evidence().complete()).isPositive();
        assertThat(f.evidence().partial()).isPositive();
        assertThat(f.evidence().none()).isPositive();
        assertThat(f.evidence().overdue()).isPositive();
        assertThat(f.recommended()).isPositive();
        assertThat(f.checkInsOnline()).isPositive();
        assertThat(f.feedbackCount()).isGreaterThanOrEqualTo(120);
        assertThat(country.region().participants()).isEqualTo(400);
        // categories overlap (an activity may have several), formats partition
        assertThat(country.byFormat().stream()
                        .mapToLong(b -> b.figures().published())
                        .sum())
                .isEqualTo(f.published());
        assertThat(country.byDay().stream()
                        .mapToLong(b -> b.figures().published())
                        .sum())
                .isEqualTo(f.published());
        assertThat(country.byCategory().stream().filter(b -> b.key().equals("TRAINING")))
                .allSatisfy(b -> assertThat(b.unit()).isEqualTo("期"));
    }

    @Test
    void aFullRebuildGivesTheSameFiguresAsTheIncrementalJob() {
        Summary before = stats.summary(TestAccounts.SYSTEM_ADMIN, Optional.of("13"), CAMPAIGN)
                .block(Duration.ofSeconds(10));
        stats.rebuild().block(Duration.ofMinutes(2));
        Summary after = stats.summary(TestAccounts.SYSTEM_ADMIN, Optional.of("13"), CAMPAIGN)
                .block(Duration.ofSeconds(10));
        assertThat(after.region()).isEqualTo(before.region());
        assertThat(after.children()).isEqualTo(before.children());
        assertThat(after.byCategory()).isEqualTo(before.byCategory());
    }

    @Test
    void anAdminRebuildPicksUpRowsWrittenAroundTheOutbox() {
        // a check-in loaded straight into the table (a data repair, a bulk import): the incremental job cannot see it
        String activity = sql("SELECT activity_id FROM stats.activity_fact WHERE campaign_id = '" + CAMPAIGN
                        + "' AND status = 'PUBLISHED' AND region_code LIKE '13%' ORDER BY activity_id LIMIT 1")
                .get(0);
        exec("INSERT INTO checkin.check_in (id, activity_id, participant_id, channel, checked_in_at) VALUES ("
                + "gen_random_uuid(), '" + activity + "', gen_random_uuid(), 'ONSITE', now())");
        long before = stats.summary(TestAccounts.SYSTEM_ADMIN, Optional.of("13"), CAMPAIGN)
                .block(Duration.ofSeconds(10))
                .region()
                .figures()
                .checkIns();
        stats.catchUp().block(Duration.ofMinutes(1));
        assertThat(stats.summary(TestAccounts.SYSTEM_ADMIN, Optional.of("13"), CAMPAIGN)
                        .block(Duration.ofSeconds(10))
                        .region()
                        .figures()
                        .checkIns())
                .isEqualTo(before);

        String reviewer = token("13", Role.REVIEWER);
        client.post()
                .uri("/api/v1/admin/stats/rebuild")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + reviewer)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        client.post()
                .uri("/api/v1/admin/stats/rebuild")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stats.rebuildRunning()).isFalse();
        String admin = token(null, Role.ADMIN);
        client.post()
                .uri("/api/v1/admin/stats/rebuild")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.accepted")
                .isEqualTo(true);
        // the rebuild runs in the background; the summary shows the row once it is done
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long after = before;
        while ((after == before || stats.rebuildRunning()) && System.nanoTime() < deadline) {
            after = stats.summary(TestAccounts.SYSTEM_ADMIN, Optional.of("13"), CAMPAIGN)
                    .block(Duration.ofSeconds(10))
                    .region()
                    .figures()
                    .checkIns();
            if (after == before || stats.rebuildRunning()) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
        assertThat(stats.rebuildRunning()).isFalse();
        assertThat(after).isEqualTo(before + 1);
    }

    @Test
    void checkInsArrivingBetweenPassesAreEachCountedOnce() {
        String a = sql("SELECT activity_id FROM stats.activity_fact WHERE campaign_id = '" + CAMPAIGN
                        + "' AND status = 'PUBLISHED' AND region_code LIKE '14%' AND length(region_code) = 6"
                        + " ORDER BY activity_id LIMIT 1")
                .get(0);
        String region = sql("SELECT region_code FROM stats.activity_fact WHERE activity_id = '" + a + "'")
                .get(0);
        // batches between passes, as the check-in writer makes them (rows and counter in one transaction); the
        // third commits with older times than rows already counted, the fifth is empty
        for (int batch = 0; batch < 5; batch++) {
            String at = batch == 2 ? "now() - interval '2 hours'" : "now()";
            int size = batch == 4 ? 0 : 7;
            exec("WITH p AS (SELECT ('00000000-0000-0007-0000-' || lpad(to_hex(i), 12, '0'))::uuid AS id"
                    + " FROM generate_series(0, 399) i),"
                    + " fresh AS (SELECT id FROM p WHERE NOT EXISTS (SELECT 1 FROM checkin.check_in c"
                    + " WHERE c.activity_id = '" + a + "' AND c.participant_id = p.id) ORDER BY id LIMIT " + size
                    + "), ins AS (INSERT INTO checkin.check_in (id, activity_id, participant_id, channel,"
                    + " checked_in_at) SELECT gen_random_uuid(), '" + a + "', id,"
                    + " CASE WHEN get_byte(uuid_send(id), 15) % 3 = 0 THEN 'ONLINE' ELSE 'ONSITE' END, " + at
                    + " FROM fresh RETURNING 1)"
                    + " INSERT INTO checkin.activity_count (activity_id, check_ins) SELECT '" + a + "', count(*)"
                    + " FROM ins ON CONFLICT (activity_id) DO UPDATE"
                    + " SET check_ins = activity_count.check_ins + EXCLUDED.check_ins");
            exec("INSERT INTO shared.outbox (topic, key, created_at) VALUES ('activity', '" + a + "', now())");
            stats.catchUp().block(Duration.ofMinutes(1));
            long stored = count("SELECT count(*) FROM checkin.check_in WHERE activity_id = '" + a + "'");
            assertThat(count("SELECT check_ins FROM checkin.activity_count WHERE activity_id = '" + a + "'"))
                    .isEqualTo(stored);
            assertThat(count("SELECT count(*) FROM stats.attendee WHERE activity_id = '" + a + "'"))
                    .as("attendees after batch %d", batch)
                    .isEqualTo(stored);
            assertThat(count("SELECT check_ins_onsite + check_ins_online FROM stats.activity_fact"
                            + " WHERE activity_id = '" + a + "'"))
                    .as("fact after batch %d", batch)
                    .isEqualTo(stored);
        }
        assertFiguresAndParticipants(region.substring(0, 2), region.substring(0, 4), region);
    }

    @Test
    void checkInsAreCountedOnceWhileAnOlderCheckInTransactionStillRuns() {
        List<String> two = sql("SELECT activity_id FROM stats.activity_fact WHERE campaign_id = '" + CAMPAIGN
                + "' AND status = 'PUBLISHED' AND region_code LIKE '15%' AND length(region_code) = 6"
                + " ORDER BY activity_id LIMIT 2");
        String a = two.get(0);
        String b = two.get(1);
        // participants of the generated set (so the country's participant count stays what other tests expect)
        List<String> forA = newcomers(a, 4);
        String forB = newcomers(b, 1).get(0);
        // a check-in transaction of activity B held open: the oldest one running, so every pass's bound stays
        // below it, and A's check-ins below are newer; B's shows once it commits
        Connection held = Mono.from(connections.create()).block(Duration.ofSeconds(10));
        try {
            Mono.from(held.beginTransaction()).block(Duration.ofSeconds(10));
            run(
                    held,
                    "WITH ins AS (INSERT INTO checkin.check_in (id, activity_id, participant_id, channel,"
                            + " checked_in_at) VALUES (gen_random_uuid(), '" + b
                            + "', '" + forB + "',"
                            + " 'ONSITE', now()) RETURNING 1) INSERT INTO checkin.activity_count (activity_id, check_ins)"
                            + " SELECT '" + b + "', count(*) FROM ins ON CONFLICT (activity_id) DO UPDATE"
                            + " SET check_ins = activity_count.check_ins + EXCLUDED.check_ins");
            run(held, "INSERT INTO shared.outbox (topic, key, created_at) VALUES ('activity', '" + b + "', now())");
            long counted = count(fact(a));
            forA.subList(0, 3).forEach(p -> checkIn(a, UUID.fromString(p)));
            stats.catchUp().block(Duration.ofMinutes(1));
            assertThat(count(fact(a)))
                    .as("A's check-ins count though an older transaction still runs")
                    .isEqualTo(counted + 3);
            // the next pass over A reads those three again (its bound is held back): they must not count twice
            checkIn(a, UUID.fromString(forA.get(3)));
            stats.catchUp().block(Duration.ofMinutes(1));
            assertThat(count(fact(a))).as("A after a second pass").isEqualTo(counted + 4);
            assertThat(count(fact(b)))
                    .as("B without its uncommitted check-in")
                    .isEqualTo(count("SELECT count(*) FROM checkin.check_in WHERE activity_id = '" + b + "'"));
            Mono.from(held.commitTransaction()).block(Duration.ofSeconds(10));
        } finally {
            Mono.from(held.close()).block(Duration.ofSeconds(10));
        }
        stats.catchUp().block(Duration.ofMinutes(1));
        for (String activity : two) {
            assertThat(count(fact(activity)))
                    .as("fact of %s", activity)
                    .isEqualTo(count("SELECT count(*) FROM checkin.check_in WHERE activity_id = '" + activity + "'"));
        }
        String county = sql("SELECT region_code FROM stats.activity_fact WHERE activity_id = '" + a + "'")
                .get(0);
        assertFiguresAndParticipants("", county.substring(0, 2), county);
    }

    /** The figures and participants of these regions ('' the country) against the brute force. */
    private void assertFiguresAndParticipants(String... levels) {
        List<Source> all = sources();
        Map<UUID, List<String[]>> checkIns = checkIns();
        for (String level : levels) {
            Summary summary = stats.summary(
                            TestAccounts.SYSTEM_ADMIN,
                            level.isEmpty() ? Optional.empty() : Optional.of(level),
                            CAMPAIGN)
                    .block(Duration.ofSeconds(10));
            Truth truth = truth(all, checkIns, level, summary.campaign().evidenceDueDays());
            assertThat(summary.region().figures()).as("figures of '%s'", level).isEqualTo(truth.figures());
            assertThat(summary.region().participants())
                    .as("participants of '%s'", level)
                    .isEqualTo(truth.participants());
        }
    }

    /** Participants of the generated set without a check-in at the activity. */
    private List<String> newcomers(String activity, int n) {
        return sql("SELECT p FROM (SELECT ('00000000-0000-0007-0000-' || lpad(to_hex(i), 12, '0'))::uuid AS p"
                + " FROM generate_series(0, 399) i) g WHERE NOT EXISTS (SELECT 1 FROM checkin.check_in c"
                + " WHERE c.activity_id = '" + activity + "' AND c.participant_id = g.p) ORDER BY p LIMIT " + n);
    }

    private static String fact(String activity) {
        return "SELECT check_ins_onsite + check_ins_online FROM stats.activity_fact WHERE activity_id = '" + activity
                + "'";
    }

    private static void run(Connection connection, String sql) {
        Flux.from(connection.createStatement(sql).execute())
                .flatMap(result -> result.getRowsUpdated())
                .blockLast(Duration.ofSeconds(10));
    }

    @Test
    void aParticipantCountsOnceWhenAnActivityMovesNextToItsOtherCheckIn() {
        // a participant of the generated set and an activity A that is its only check-in in A's province
        List<String> pick = sql("SELECT c.activity_id || ' ' || c.participant_id || ' ' || a.region_code"
                + " FROM checkin.check_in c JOIN activity.activity a ON a.id = c.activity_id"
                + " WHERE a.campaign_id = '" + CAMPAIGN + "' AND a.status = 'PUBLISHED' AND length(a.region_code) = 6"
                + " AND NOT EXISTS (SELECT 1 FROM checkin.check_in o JOIN activity.activity b ON b.id = o.activity_id"
                + " WHERE o.participant_id = c.participant_id AND o.activity_id <> c.activity_id"
                + " AND left(b.region_code, 2) = left(a.region_code, 2))"
                + " ORDER BY c.activity_id DESC, c.participant_id LIMIT 1");
        String[] chosen = pick.get(0).split(" ");
        String a = chosen[0];
        UUID participant = UUID.fromString(chosen[1]);
        String county = chosen[2];
        // B: another province's activity it has not checked in to
        String b = sql("SELECT id FROM activity.activity WHERE campaign_id = '" + CAMPAIGN
                        + "' AND status = 'PUBLISHED' AND length(region_code) = 6 AND left(region_code, 2) <> '"
                        + county.substring(0, 2) + "' AND NOT EXISTS (SELECT 1 FROM checkin.check_in c"
                        + " WHERE c.activity_id = activity.id AND c.participant_id = '" + participant + "')"
                        + " ORDER BY id DESC LIMIT 1")
                .get(0);
        String home = sql("SELECT region_code FROM activity.activity WHERE id = '" + b + "'")
                .get(0);
        String other =
                sql("SELECT ('00000000-0000-0007-0000-' || lpad(to_hex(i), 12, '0')) FROM generate_series(0, 399) i"
                                + " WHERE NOT EXISTS (SELECT 1 FROM checkin.check_in c WHERE c.activity_id = '" + a
                                + "'"
                                + " AND c.participant_id = ('00000000-0000-0007-0000-' || lpad(to_hex(i), 12, '0'))::uuid)"
                                + " ORDER BY i LIMIT 1")
                        .get(0);
        checkIn(b, participant);
        stats.catchUp().block(Duration.ofMinutes(1));
        // one pass: B moves into A's county (counted again where it now is) while A, with a new check-in,
        // keeps its place; the participant was counted there through A already
        exec("UPDATE activity.activity SET region_code = '" + county + "' WHERE id = '" + b + "'");
        exec("INSERT INTO shared.outbox (topic, key, created_at) VALUES ('activity', '" + b + "', now())");
        checkIn(a, UUID.fromString(other));
        stats.catchUp().block(Duration.ofMinutes(1));
        try {
            assertParticipants(county);
            assertParticipants(home);
        } finally {
            exec("UPDATE activity.activity SET region_code = '" + home + "' WHERE id = '" + b + "'");
            exec("INSERT INTO shared.outbox (topic, key, created_at) VALUES ('activity', '" + b + "', now())");
            stats.catchUp().block(Duration.ofMinutes(1));
        }
        assertParticipants(county);
        assertParticipants(home);
    }

    /** The participants of a county and the regions above it, against the brute force. */
    private void assertParticipants(String county) {
        List<Source> all = sources();
        Map<UUID, List<String[]>> checkIns = checkIns();
        for (String level : List.of("", county.substring(0, 2), county.substring(0, 4), county)) {
            Summary summary = stats.summary(
                            TestAccounts.SYSTEM_ADMIN,
                            level.isEmpty() ? Optional.empty() : Optional.of(level),
                            CAMPAIGN)
                    .block(Duration.ofSeconds(10));
            assertThat(summary.region().participants())
                    .as("participants of '%s'", level)
                    .isEqualTo(truth(all, checkIns, level, summary.campaign().evidenceDueDays())
                            .participants());
        }
    }

    /** A check-in as the check-in writer stores it: the row, its activity's counter and an outbox row. */
    private void checkIn(String activity, UUID participant) {
        exec("WITH ins AS (INSERT INTO checkin.check_in (id, activity_id, participant_id, channel, checked_in_at)"
                + " VALUES (gen_random_uuid(), '" + activity + "', '" + participant + "', 'ONSITE', now()) RETURNING 1)"
                + " INSERT INTO checkin.activity_count (activity_id, check_ins) SELECT '" + activity + "', count(*)"
                + " FROM ins ON CONFLICT (activity_id) DO UPDATE"
                + " SET check_ins = activity_count.check_ins + EXCLUDED.check_ins");
        exec("INSERT INTO shared.outbox (topic, key, created_at) VALUES ('activity', '" + activity + "', now())");
    }

    @Test
    void activityTalliesAreIdempotentAndLiveFiguresNeverShrink() {
        UUID id = UUID.fromString(sql("SELECT id FROM activity.activity WHERE campaign_id = '" + CAMPAIGN
                        + "' AND status = 'PUBLISHED' ORDER BY id DESC LIMIT 1")
                .get(0));
        long outboxBefore = count("SELECT count(*) FROM shared.outbox WHERE topic = 'stats'");
        tallies.feedback(id, 4, 18).block(Duration.ofSeconds(5));
        tallies.feedback(id, 4, 18).block(Duration.ofSeconds(5));
        tallies.liveAudience(id, 120, 900).block(Duration.ofSeconds(5));
        tallies.liveAudience(id, 80, 700).block(Duration.ofSeconds(5)); // late, smaller: ignored
        assertThat(count("SELECT count(*) FROM shared.outbox WHERE topic = 'stats'"))
                .isEqualTo(outboxBefore + 2);
        stats.catchUp().block(Duration.ofSeconds(30));
        assertThat(sql("SELECT feedback_count || '/' || feedback_sum || '/' || live_peak || '/' || live_unique"
                        + " FROM stats.activity_fact WHERE activity_id = '" + id + "'"))
                .containsExactly("4/18/120/900");
        assertThat(count("SELECT count(*) FROM shared.outbox WHERE topic = 'stats' AND processed_at IS NULL"))
                .isZero();
        assertThatThrownBy(() -> tallies.feedback(id, 2, 11).block(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tallies.liveAudience(id, -1, 0).block(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------

    private String token(String region, Role role) {
        return TestAccounts.token(client, new TestAccounts(organizer).account(region, role));
    }

    private WebTestClient.ResponseSpec get(String token, String uri) {
        return client.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    @Test
    void aCountyReviewerReadsItsCountyButNotItsCity() {
        String county = sql("SELECT region_code FROM stats.activity_fact GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
                .get(0);
        String reviewer = token(county, Role.REVIEWER);
        get(reviewer, "/api/v1/stats/summary?campaign=" + CAMPAIGN + "&region=" + county.substring(0, 4))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        get(reviewer, "/api/v1/stats/summary.xlsx?campaign=" + CAMPAIGN + "&region=" + county.substring(0, 4))
                .expectStatus()
                .isForbidden();
        get(reviewer, "/api/v1/stats/summary?campaign=" + CAMPAIGN)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.region.code")
                .isEqualTo(county)
                .jsonPath("$.region.figures.published")
                .value(n -> assertThat(((Number) n).longValue()).isPositive());
        String organizerToken = token(county, Role.ORGANIZER);
        get(organizerToken, "/api/v1/stats/summary?campaign=" + CAMPAIGN + "&region=" + county)
                .expectStatus()
                .isForbidden();
    }

    @Test
    void theXlsxOpensWithAStandardReaderAndItsTotalsEqualTheApis() throws Exception {
        String admin = token(null, Role.ADMIN);
        Map<?, ?> json = get(admin, "/api/v1/stats/summary?campaign=" + CAMPAIGN + "&region=13")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> figures = (Map<?, ?>) ((Map<?, ?>) json.get("region")).get("figures");
        var result = get(admin, "/api/v1/stats/summary.xlsx?campaign=" + CAMPAIGN + "&region=13")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody(byte[].class)
                .returnResult();
        String disposition = result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        assertThat(disposition)
                .startsWith("attachment;")
                .contains("filename*=UTF-8''")
                .contains(".xlsx");
        assertThat(java.net.URLDecoder.decode(
                        disposition.substring(disposition.indexOf("UTF-8''") + 7), StandardCharsets.UTF_8))
                .startsWith("汇总表-河北省-");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(result.getResponseBody()))) {
            List<String> names = workbook.getSheets().map(s -> s.getName()).toList();
            assertThat(names).containsExactly("封面", "地区", "类别", "形式", "人群", "日期", "活动", "推优");
            List<Row> regions = workbook.findSheet("地区").orElseThrow().read();
            Row total = regions.get(regions.size() - 1);
            assertThat(total.getCellAsString(1).orElseThrow()).isEqualTo("合计：河北省");
            assertThat(total.getCellAsNumber(2).orElseThrow().longValue())
                    .isEqualTo(((Number) figures.get("published")).longValue());
            assertThat(total.getCellAsNumber(7).orElseThrow().longValue())
                    .isEqualTo(((Number) figures.get("checkInsOnsite")).longValue());
            long cities = regions.subList(1, regions.size() - 1).stream()
                    .mapToLong(r -> r.getCellAsNumber(2).orElseThrow().longValue())
                    .sum();
            assertThat(cities).isEqualTo(((Number) figures.get("published")).longValue());
            List<Row> activities = workbook.findSheet("活动").orElseThrow().read();
            assertThat(activities).hasSize(1 + ((Number) figures.get("published")).intValue());
            assertThat(activities.get(0).getCellAsString(1)).contains("活动名称");
            assertThat(activities.stream().skip(1).map(r -> r.getCellAsString(3).orElseThrow()))
                    .allMatch(code -> code.startsWith("13"));
            List<Row> nominees = workbook.findSheet("推优").orElseThrow().read();
            assertThat(nominees).hasSize(1 + ((Number) figures.get("recommended")).intValue());
            Row cover = workbook.findSheet("封面").orElseThrow().read().get(6);
            assertThat(cover.getCellAsString(1).orElseThrow()).startsWith("2026-09-25 12:00");
        }
    }

    @Test
    void theCsvHasAByteOrderMarkAndReadableChinese() {
        String admin = token(null, Role.ADMIN);
        byte[] body = get(admin, "/api/v1/stats/summary.csv?campaign=" + CAMPAIGN + "&region=13")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.valueOf("text/csv"))
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(body[0]).isEqualTo((byte) 0xEF);
        assertThat(body[1]).isEqualTo((byte) 0xBB);
        assertThat(body[2]).isEqualTo((byte) 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("【封面】\r\n")
                .contains("地区,河北省")
                .contains("【活动】")
                .contains("石家庄市")
                .contains("活动（场）");
        long activityRows = text.lines()
                .dropWhile(l -> !l.equals("【活动】"))
                .skip(2)
                .takeWhile(l -> !l.isEmpty())
                .count();
        Summary summary = stats.summary(TestAccounts.SYSTEM_ADMIN, Optional.of("13"), CAMPAIGN)
                .block(Duration.ofSeconds(10));
        assertThat(activityRows).isEqualTo(summary.region().figures().published());
    }

    @Test
    void quotaProgressListsTheRegionsBehindFirst() {
        String admin = token(null, Role.ADMIN);
        TestAccounts.Session session =
                TestAccounts.signIn(client, new TestAccounts(organizer).account(null, Role.ADMIN));
        session.apply(client.put()
                        .uri("/api/v1/admin/campaigns/" + CAMPAIGN + "/quotas")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"quotas\":{\"CITY\":12,\"COUNTY\":2}}"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.quotas.CITY")
                .isEqualTo(12)
                .jsonPath("$.quotas.PROVINCE")
                .isEqualTo(0);
        Summary summary = stats.summary(TestAccounts.SYSTEM_ADMIN, Optional.of("13"), CAMPAIGN)
                .block(Duration.ofSeconds(10));
        assertThat(summary.quotas()).extracting(QuotaProgress::level).containsExactly("CITY", "COUNTY");
        QuotaProgress cities = summary.quotas().get(0);
        assertThat(cities.minimum()).isEqualTo(12);
        assertThat(cities.regions()).isEqualTo(summary.children().size());
        List<Long> shown = cities.entries().stream()
                .map(QuotaProgress.Entry::keyActivities)
                .toList();
        assertThat(shown).isSorted();
        assertThat(cities.entries().get(0).met()).isFalse();
        Map<String, Long> keyByCity = summary.children().stream()
                .collect(Collectors.toMap(RegionFigures::code, c -> c.figures().keyActivities()));
        assertThat(cities.entries())
                .allSatisfy(e -> assertThat(e.keyActivities()).isEqualTo(keyByCity.get(e.code())));
        assertThat(cities.behind())
                .isEqualTo(keyByCity.values().stream().filter(n -> n < 12).count());
        get(admin, "/api/v1/admin/campaigns/" + CAMPAIGN + "/quotas")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.quotas.COUNTY")
                .isEqualTo(2);
        session.apply(client.put()
                        .uri("/api/v1/admin/campaigns/" + CAMPAIGN + "/quotas")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"quotas\":{\"TOWN\":1,\"CITY\":-3}}"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation-failed")
                .jsonPath("$.errors.length()")
                .isEqualTo(2);
    }

    @Test
    void badParametersAnswerProblemsWithStableCodes() {
        String admin = token(null, Role.ADMIN);
        String base = "/api/v1/stats/summary";
        expect(admin, base + "?campaign=" + CAMPAIGN + "&region=abc", 400, "invalid-region-code");
        expect(admin, base + "?campaign=" + CAMPAIGN + "&region=99", 404, "region-not-found");
        expect(admin, base + "?campaign=nope", 400, "invalid-parameter");
        expect(admin, base, 400, "missing-parameter");
        expect(admin, base + "?campaign=" + UUID.randomUUID(), 404, "campaign-edition-not-found");
        expect(admin, base + ".csv?campaign=" + UUID.randomUUID(), 404, "campaign-edition-not-found");
        expect(admin, base + ".xlsx?campaign=" + CAMPAIGN + "&region=1", 400, "invalid-region-code");
        client.get()
                .uri(base + "?campaign=" + CAMPAIGN)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private void expect(String token, String uri, int status, String code) {
        get(token, uri)
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    @Test
    void theLiveSnapshotCountsCheckInsPerChildRegion() {
        LiveSnapshot snapshot = stats.liveSnapshot(Optional.empty(), CAMPAIGN).block(Duration.ofSeconds(10));
        Summary country = stats.summary(TestAccounts.SYSTEM_ADMIN, Optional.empty(), CAMPAIGN)
                .block(Duration.ofSeconds(10));
        assertThat(snapshot.children()).hasSize(country.children().size());
        assertThat(snapshot.checkInsOnsite())
                .isEqualTo(country.region().figures().checkInsOnsite());
        assertThat(snapshot.children().stream()
                        .mapToLong(LiveSnapshot.Child::checkInsOnline)
                        .sum())
                .isEqualTo(country.region().figures().checkInsOnline());
        long live = count("SELECT count(*) FROM activity.activity WHERE campaign_id = '" + CAMPAIGN
                + "' AND status IN ('PUBLISHED', 'POSTPONED') AND starts_at <= '" + NOW + "' AND ends_at > '" + NOW
                + "'");
        assertThat(snapshot.liveNow()).isEqualTo(live);
    }

    // ---- SQL helpers ----------------------------------------------------------------------------------------

    private void exec(String sql) {
        db.sql(sql).then().block(Duration.ofSeconds(30));
    }

    private List<String> sql(String sql) {
        return db.sql(sql)
                .map(row -> String.valueOf(row.get(0, Object.class)))
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
    }

    private long count(String sql) {
        return Long.parseLong(sql(sql).get(0));
    }
}
