package org.kepu.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kepu.KepuApplication;
import org.kepu.campaign.CampaignEditionExists;
import org.kepu.campaign.CampaignKind;
import org.kepu.campaign.CampaignLevel;
import org.kepu.campaign.CampaignService;
import org.kepu.campaign.CreateCampaignEdition;
import org.kepu.devstack.DevStack;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Two app instances on one dev stack: this test's own and a second one started here on another port, both
 * on the same database, Redis and index. Times are real (heartbeat 1 s, minimum watch time 2 s), the
 * activity runs from an hour ago to three hours ahead, inside a county edition made for today.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "kepu.devstack.database=live",
            "kepu.live.heartbeat=1s",
            "kepu.live.viewers-every=300ms",
            "kepu.live.streams-per-address=3",
            "kepu.live.big-screen-every=500ms",
            "kepu.live.per-participant=20",
            "kepu.checkin.min-watch-time=2s"
        })
class LiveIT {

    static final Map<String, Object> SHARED = Map.of(
            "kepu.live.heartbeat", "1s",
            "kepu.live.viewers-every", "300ms",
            "kepu.live.streams-per-address", "3",
            "kepu.live.per-participant", "20",
            "kepu.checkin.min-watch-time", "2s");

    static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {};

    static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    LiveHub hub;

    @Autowired
    LiveService live;

    String organizerName;
    String reviewerName;
    WebClient a;
    WebClient b;

    @BeforeEach
    void setUp() {
        if (second == null) {
            Map<String, Object> properties = new HashMap<>(DevStack.get().springProperties());
            properties.putAll(SHARED);
            properties.put("kepu.db.name", "live");
            properties.put("kepu.discovery.index-alias", "activities_live");
            properties.put("server.port", "0");
            // as command-line arguments: they win over application.yaml, as the stack's properties do in this context
            second = new SpringApplicationBuilder(KepuApplication.class)
                    .profiles("test")
                    .run(properties.entrySet().stream()
                            .map(e -> "--" + e.getKey() + "=" + e.getValue())
                            .toArray(String[]::new));
        }
        a = WebClient.create("http://127.0.0.1:" + port);
        b = WebClient.create("http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port"));
        TestAccounts accounts = new TestAccounts(organizer);
        organizerName = accounts.account("340207", Role.ORGANIZER);
        reviewerName = accounts.account("3402", Role.REVIEWER);
    }

    @AfterAll
    static void closeSecond() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void aCommentPostedOnOneInstanceReachesViewersOnBothOnce() {
        String id = liveActivity();
        Viewer onB = Viewer.open(b, id, null, null);
        Viewer onA = Viewer.open(a, id, null, null);
        onB.awaitEvent("status");
        onA.awaitEvent("status");
        comment(a, id, "大家好，这场讲座真精彩！", null);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onB.comments().size() == 1 && onA.comments().size() == 1);
        assertThat(onB.comments().get(0).data()).contains("大家好，这场讲座真精彩！").contains("\"at\":");
        assertThat(onB.comments().get(0).id()).isEqualTo(onA.comments().get(0).id());
        // the instance that made the event delivers it itself, and skips its own message coming back
        await().during(Duration.ofMillis(800)).until(() -> onA.comments().size() == 1);
        onA.close();
        onB.close();
    }

    @Test
    void aViewerReconnectingWithLastEventIdGetsExactlyTheCommentsItMissed() {
        String id = liveActivity();
        Viewer first = Viewer.open(a, id, null, null);
        first.awaitEvent("status");
        comment(a, id, "第一条", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.comments().size() == 1);
        String seen = first.comments().get(0).id();
        first.close();
        comment(a, id, "第二条", null);
        comment(b, id, "第三条", null);
        Viewer again = Viewer.open(b, id, seen, first.cookie.get());
        await().atMost(Duration.ofSeconds(5)).until(() -> again.comments().size() == 2);
        comment(a, id, "第四条", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> again.comments().size() == 3);
        await().during(Duration.ofMillis(500)).until(() -> again.comments().size() == 3);
        assertThat(again.comments())
                .extracting(e -> e.data().replaceAll(".*\"text\":\"([^\"]*)\".*", "$1"))
                .containsExactly("第二条", "第三条", "第四条");
        again.close();
    }

    @Test
    void anInstanceListensOnlyToTheActivitiesItsViewersWatch() {
        String id = liveActivity();
        String channel = LiveHub.channel(UUID.fromString(id));
        assertThat(hub.channels()).doesNotContain(channel);
        Viewer viewer = Viewer.open(a, id, null, null);
        viewer.awaitEvent("status");
        assertThat(hub.channels()).contains(channel);
        viewer.close();
        // the room closes on a tick once its last viewer has gone, and its channel with it
        await().atMost(Duration.ofSeconds(5)).until(() -> !hub.channels().contains(channel));
    }

    @Test
    void aViewerWhoVanishesDropsOutOfTheCountWithinTwoHeartbeats() {
        String id = liveActivity();
        Viewer watcher = Viewer.open(a, id, null, null);
        Viewer other = Viewer.open(b, id, null, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> "2".equals(watcher.lastViewers("current")));
        assertThat(watcher.lastViewers("unique")).isEqualTo("2");
        other.close();
        await().atMost(Duration.ofSeconds(3)).until(() -> "1".equals(watcher.lastViewers("current")));
        assertThat(watcher.lastViewers("unique")).isEqualTo("2");
        watcher.close();
    }

    @Test
    void theCheckInCodeComesAfterTheWatchTimeAndChecksInOncePerParticipant() {
        String id = liveActivity();
        long opened = System.nanoTime();
        Viewer viewer = Viewer.open(b, id, null, null);
        viewer.awaitEvent("status");
        ServerSentEvent<String> code = viewer.awaitEvent("checkin-code");
        assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        String token = code.data().replaceAll(".*\"token\":\"([^\"]*)\".*", "$1");
        String cookie = viewer.cookie.get();
        viewer.close();
        checkIn(id, token, cookie)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.firstTime")
                .isEqualTo(true);
        checkIn(id, token, cookie)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.firstTime")
                .isEqualTo(false);
        // bound to the participant: someone else's cookie cannot use it
        checkIn(id, token, null)
                .expectStatus()
                .is4xxClientError()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("token-invalid");
    }

    @Test
    void aReconnectKeepsTheWatchTimeSoFar() {
        String id = liveActivity();
        long opened = System.nanoTime();
        Viewer first = Viewer.open(a, id, null, null);
        first.awaitEvent("status");
        await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
        first.close();
        long reopened = System.nanoTime();
        Viewer again = Viewer.open(b, id, null, first.cookie.get());
        again.awaitEvent("checkin-code");
        // 2 s of watching in all, counted from the first stream: not 2 s again after the reconnect
        assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(System.nanoTime() - reopened)).isLessThan(Duration.ofSeconds(2));
        again.close();
    }

    @Test
    void oneAddressHoldsAtMostItsShareOfStreams() {
        String id = liveActivity();
        String address = address();
        List<Viewer> open = List.of(
                Viewer.open(a, id, null, null, address),
                Viewer.open(a, id, null, null, address),
                Viewer.open(a, id, null, null, address));
        open.forEach(v -> v.awaitEvent("status"));
        client.get()
                .uri("/api/v1/activities/" + id + "/live")
                .header("X-Forwarded-For", address)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("too-many-streams");
        open.forEach(Viewer::close);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> Viewer.open(a, id, null, null, address).awaitEvent("status"));
    }

    /** Streams are served in front of the WebFlux chain (for their heap): they must not lose what it adds. */
    @Test
    void aStreamCarriesTheSameSecurityHeadersAsEveryOtherResponse() {
        String id = liveActivity();
        AtomicReference<HttpHeaders> received = new AtomicReference<>();
        Disposable stream = a.get()
                .uri("/api/v1/activities/" + id + "/live")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchangeToFlux(response -> {
                    received.set(response.headers().asHttpHeaders());
                    return response.bodyToFlux(SSE);
                })
                .subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get() != null);
        stream.dispose();
        HttpHeaders page = a.get()
                .uri("/api/v1/live")
                .exchangeToMono(response -> Mono.just(response.headers().asHttpHeaders()))
                .block(Duration.ofSeconds(10));
        HttpHeaders headers = received.get();
        assertThat(headers.getContentType()).isEqualTo(MediaType.TEXT_EVENT_STREAM);
        for (String name : List.of(
                "Content-Security-Policy",
                "X-Content-Type-Options",
                "X-Frame-Options",
                "X-XSS-Protection",
                "Referrer-Policy",
                "Permissions-Policy")) {
            assertThat(page.get(name)).as(name).isNotEmpty();
            assertThat(headers.get(name)).as(name).isEqualTo(page.get(name));
        }
        assertThat(headers.getCacheControl()).isEqualTo("no-store");
        assertThat(headers.get(HttpHeaders.SET_COOKIE))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie)
                        .startsWith("kepu_pid=")
                        .containsIgnoringCase("HttpOnly") // Netty writes "HTTPOnly"; attribute names ignore case
                        .contains("SameSite=Lax"));
    }

    @Test
    void activitiesWithoutALivestreamOrEndedAnswerProblems() {
        String onsite = publish(body("ONSITE", null));
        client.get()
                .uri("/api/v1/activities/" + onsite + "/live")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("no-livestream");
        String id = liveActivity();
        Viewer viewer = Viewer.open(b, id, null, null);
        viewer.awaitEvent("status");
        organizerCall("/api/v1/organizer/activities/" + id + "/live/end")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("ENDED");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> viewer.events.stream()
                        .anyMatch(e -> "status".equals(e.event()) && e.data().contains("ENDED")));
        viewer.close();
        client.get()
                .uri("/api/v1/activities/" + id + "/live")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("live-not-open");
        comment(a, id, "结束了吗", null, 422, "live-not-open");
        client.get()
                .uri("/api/v1/activities/" + UUID.randomUUID() + "/live")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void moderatorsRemoveCommentsAndMuteTheirAuthors() {
        String id = liveActivity();
        Viewer viewer = Viewer.open(a, id, null, null);
        viewer.awaitEvent("status");
        String author = pid(b, id);
        comment(b, id, "来看看这个", author);
        await().atMost(Duration.ofSeconds(5)).until(() -> viewer.comments().size() == 1);
        String commentId = viewer.comments().get(0).id();
        client.delete()
                .uri("/api/v1/review/activities/" + id + "/live/comments/" + commentId)
                .header("Authorization", "Bearer " + TestAccounts.token(client, reviewerName))
                .exchange()
                .expectStatus()
                .isNoContent();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> viewer.events.stream()
                        .anyMatch(e ->
                                "comment-removed".equals(e.event()) && e.data().contains(commentId)));
        // gone from the replay as well
        Viewer late = Viewer.open(b, id, "0-0", null);
        late.awaitEvent("status");
        await().during(Duration.ofMillis(500)).until(() -> late.comments().isEmpty());
        late.close();
        comment(b, id, "第二条", author);
        await().atMost(Duration.ofSeconds(5)).until(() -> viewer.comments().size() == 2);
        client.post()
                .uri("/api/v1/organizer/activities/" + id + "/live/comments/"
                        + viewer.comments().get(1).id() + "/mute")
                .header("Authorization", "Bearer " + TestAccounts.token(client, organizerName))
                .exchange()
                .expectStatus()
                .isNoContent();
        comment(a, id, "再来一条", author, 403, "participant-muted");
        comment(a, id, "别人可以说话", null);
        comment(a, id, "x".repeat(201), null, 400, "validation-failed");
        comment(a, id, "代开发票 找我", null, 422, "text-rejected");
        comment(a, id, "加微信 聊", null, 422, "text-rejected");
        client.delete()
                .uri("/api/v1/organizer/activities/" + id + "/live/comments/1-0")
                .header("Authorization", "Bearer " + TestAccounts.token(client, organizerName))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("comment-not-found");
        viewer.close();
    }

    @Test
    void aSlowViewerIsLetGoInsteadOfBufferingWithoutBound() {
        String id = liveActivity();
        long before = hub.slowConsumersDropped();
        Flux<byte[]> stream = live.watch(UUID.fromString(id), UUID.randomUUID(), address(), java.util.Optional.empty())
                .block(Duration.ofSeconds(5));
        StepVerifier.create(stream, 0)
                .then(() -> await().atMost(Duration.ofSeconds(5)).until(() -> hub.streams() > 0))
                .then(() -> {
                    for (int i = 0; i < 100; i++) {
                        hub.publish(
                                        UUID.fromString(id),
                                        LiveHub.Event.of(LiveHub.Event.OTHER, null, "event: x\ndata: {}\n\n"))
                                .block(Duration.ofSeconds(2));
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(bytes -> true)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(hub.slowConsumersDropped()).isGreaterThan(before);
    }

    @Test
    void theBigScreenStreamsFiguresForTheReviewersSubtree() {
        String id = liveActivity();
        Viewer viewer = Viewer.open(a, id, null, null);
        viewer.awaitEvent("status");
        String token = TestAccounts.token(client, reviewerName);
        Queue<ServerSentEvent<String>> screen = new ConcurrentLinkedQueue<>();
        Disposable d = a.get()
                .uri("/api/v1/stats/live")
                .header("Authorization", "Bearer " + token)
                .retrieve()
                .bodyToFlux(SSE)
                .subscribe(screen::add);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> screen.stream()
                        .anyMatch(e -> "stats".equals(e.event())
                                && e.data().contains("\"region\":\"3402\"")
                                && e.data().contains("\"code\":\"340207\"")
                                && !e.data().contains("\"viewers\":0,")));
        d.dispose();
        client.get()
                .uri("/api/v1/stats/live?region=11")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isForbidden();
        viewer.close();
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** A viewer's stream, collecting events (heartbeat comments dropped) and the participant cookie. */
    record Viewer(Queue<ServerSentEvent<String>> events, AtomicReference<String> cookie, Disposable subscription) {

        static Viewer open(WebClient client, String id, String lastEventId, String cookie) {
            return open(client, id, lastEventId, cookie, address());
        }

        static Viewer open(WebClient client, String id, String lastEventId, String cookie, String address) {
            Queue<ServerSentEvent<String>> events = new ConcurrentLinkedQueue<>();
            AtomicReference<String> pid = new AtomicReference<>(cookie);
            Disposable d = client.get()
                    .uri("/api/v1/activities/" + id + "/live")
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .header("X-Forwarded-For", address)
                    .headers(h -> {
                        if (lastEventId != null) {
                            h.set("Last-Event-ID", lastEventId);
                        }
                        if (cookie != null) {
                            h.set("Cookie", "kepu_pid=" + cookie);
                        }
                    })
                    .exchangeToFlux(response -> {
                        var set = response.cookies().getFirst("kepu_pid");
                        if (set != null) {
                            pid.set(set.getValue());
                        }
                        if (!response.statusCode().is2xxSuccessful()) {
                            return Flux.error(new AssertionError("stream answered " + response.statusCode()));
                        }
                        return response.bodyToFlux(SSE);
                    })
                    .subscribe(
                            e -> {
                                if (e.event() != null) {
                                    events.add(e);
                                }
                            },
                            e -> {});
            return new Viewer(events, pid, d);
        }

        ServerSentEvent<String> awaitEvent(String name) {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> name.equals(e.event())));
            return events.stream()
                    .filter(e -> name.equals(e.event()))
                    .findFirst()
                    .orElseThrow();
        }

        List<ServerSentEvent<String>> comments() {
            return events.stream().filter(e -> "comment".equals(e.event())).toList();
        }

        String lastViewers(String field) {
            return events.stream()
                    .filter(e -> "viewers".equals(e.event()))
                    .reduce((x, y) -> y)
                    .map(e -> e.data().replaceAll(".*\"" + field + "\":(\\d+).*", "$1"))
                    .orElse(null);
        }

        void close() {
            subscription.dispose();
        }
    }

    static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /** A participant cookie, as a viewer of the stream gets it. */
    String pid(WebClient client, String id) {
        Viewer v = Viewer.open(client, id, null, null);
        v.awaitEvent("status");
        v.close();
        return v.cookie.get();
    }

    void comment(WebClient client, String id, String text, String cookie) {
        comment(client, id, text, cookie, 202, null);
    }

    void comment(WebClient client, String id, String text, String cookie, int status, String code) {
        var answer = client.post()
                .uri("/api/v1/activities/" + id + "/live/comments")
                .header("X-Forwarded-For", address())
                .headers(h -> {
                    if (cookie != null) {
                        h.set("Cookie", "kepu_pid=" + cookie);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", text))
                .exchangeToMono(r -> r.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(body -> Map.entry(r.statusCode().value(), body)))
                .block(Duration.ofSeconds(10));
        assertThat(answer.getKey()).as(answer.getValue()).isEqualTo(status);
        if (code != null) {
            assertThat(answer.getValue()).contains("\"code\":\"" + code + "\"");
        }
    }

    WebTestClient.ResponseSpec checkIn(String id, String token, String cookie) {
        var spec = client.post().uri("/api/v1/activities/" + id + "/check-ins").header("X-Forwarded-For", address());
        if (cookie != null) {
            spec = spec.cookie("kepu_pid", cookie);
        }
        return spec.contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"token\":\"" + token + "\"}")
                .exchange();
    }

    WebTestClient.ResponseSpec organizerCall(String uri) {
        return client.post()
                .uri(uri)
                .header("Authorization", "Bearer " + TestAccounts.token(client, organizerName))
                .exchange();
    }

    /** An online activity live now: from an hour ago to three hours ahead. */
    String liveActivity() {
        return publish(body("ONLINE", "https://live.example.cn/kepu/" + UUID.randomUUID()));
    }

    String body(String format, String liveUrl) {
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
        return "{\"title\":\"2026年鸠江区云上科普直播讲座\",\"campaignId\":\"" + edition()
                + "\",\"regionCode\":\"340207\","
                + ("ONSITE".equals(format)
                        ? "\"venue\":{\"name\":\"鸠江区科技馆\",\"address\":\"安徽省芜湖市鸠江区\",\"location\":{\"lat\":31.37,\"lon\":118.40}},"
                        : "")
                + "\"startsAt\":\"" + now.minusHours(1).toOffsetDateTime() + "\",\"endsAt\":\""
                + now.plusHours(3).toOffsetDateTime() + "\",\"format\":\"" + format + "\","
                + (liveUrl == null ? "" : "\"live\":{\"url\":\"" + liveUrl + "\"},")
                + "\"categories\":[\"EXPERT_LECTURE\"],\"audiences\":[\"GENERAL_PUBLIC\"],"
                + "\"description\":\"线上直播讲座。\"}";
    }

    String publish(String body) {
        String organizerToken = TestAccounts.token(client, organizerName);
        String id = (String) client.post()
                .uri("/api/v1/organizer/activities")
                .header("Authorization", "Bearer " + organizerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        client.post()
                .uri("/api/v1/organizer/activities/" + id + "/submit")
                .header("Authorization", "Bearer " + organizerToken)
                .exchange()
                .expectStatus()
                .isOk();
        client.post()
                .uri("/api/v1/review/activities/" + id + "/approve")
                .header("Authorization", "Bearer " + TestAccounts.token(client, reviewerName))
                .exchange()
                .expectStatus()
                .isOk();
        return id;
    }

    /** A county edition around today, so that activities can run now. */
    UUID edition() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        return campaigns
                .create(new CreateCampaignEdition(
                        CampaignKind.SCIENCE_DAY,
                        today.getYear(),
                        CampaignLevel.COUNTY,
                        "340207",
                        today.getYear() + "年鸠江区云上科普日",
                        "云上科普",
                        today.minusDays(2),
                        today.plusDays(2),
                        null,
                        null))
                .map(e -> e.id())
                .onErrorResume(
                        CampaignEditionExists.class,
                        e -> campaigns
                                .current()
                                .filter(c -> c.regionCode().equals(java.util.Optional.of("340207")))
                                .map(c -> c.id())
                                .next())
                .block(Duration.ofSeconds(10));
    }
}
