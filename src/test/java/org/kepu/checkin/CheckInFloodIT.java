package org.kepu.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.kepu.campaign.CampaignService;
import org.kepu.devstack.IntegrationTest;
import org.kepu.devstack.TestClock;
import org.kepu.organizer.OrganizerService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Battery item 9: floods against the check-in limits, all at once for {@link #SECONDS} s, each client from its
 * own loopback address (127.0.0.x, so the app sees distinct peers). This context uses a short window (20 per
 * participant and 50 per address in 10 s) and trusts only 127.0.0.9 as a proxy.
 *
 * <ul>
 *   <li>a flooder: one participant at 10× its limit (20/s) from 127.0.0.2;
 *   <li>a spoofer: a new participant cookie and a random {@code X-Forwarded-For} on every request, at 10× the
 *       address limit (50/s), from the untrusted 127.0.0.3: the header must not get it out of its address's
 *       bucket;
 *   <li>{@value #POLITE} well-behaved clients at half their limit (1/s), each its own participant and address.
 * </ul>
 *
 * Passes when each flooder gets at most its limit over the run + 5 %, every 429 is a problem with
 * {@code Retry-After}, and ≥ 99.9 % of the well-behaved requests succeed. A control shows the header is believed
 * from the trusted proxy. A minute: {@code -Dkepu.flood.seconds=60}.
 */
@IntegrationTest
@Import(TestClock.Config.class)
@TestPropertySource(
        properties = {
            "kepu.checkin.per-participant=" + CheckInFloodIT.PER_PARTICIPANT,
            "kepu.checkin.per-address=" + CheckInFloodIT.PER_ADDRESS,
            "kepu.checkin.rate-window=" + CheckInFloodIT.WINDOW_SECONDS + "s",
            "kepu.web.trusted-proxies=127.0.0.9"
        })
class CheckInFloodIT {

    static final int PER_PARTICIPANT = 20;
    static final int PER_ADDRESS = 50;
    static final int WINDOW_SECONDS = 10;
    static final Duration WINDOW = Duration.ofSeconds(WINDOW_SECONDS);
    static final int SECONDS = Integer.getInteger("kepu.flood.seconds", 30);
    static final int POLITE = 20;

    @Autowired
    WebTestClient client;

    @Autowired
    TestClock clock;

    @Autowired
    OrganizerService organizer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    CheckInService checkIns;

    @LocalServerPort
    int port;

    /** Outcomes of one client: status (and code) counts, 429s without Retry-After or problem body. */
    record Tally(Map<String, Long> outcomes, AtomicLong badRejections, AtomicLong sent) {
        Tally() {
            this(new ConcurrentHashMap<>(), new AtomicLong(), new AtomicLong());
        }

        long accepted() {
            return outcomes.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("2"))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }

    @Test
    void floodersGetTheirLimitAndWellBehavedClientsGetThrough() throws IOException {
        clock.set(CheckInIT.BEFORE);
        CheckInFixtures fixtures = new CheckInFixtures(client, organizer, campaigns);
        String id = fixtures.onsiteWithoutFence();
        clock.set(CheckInIT.DURING);
        String body = "{\"token\":\"" + fixtures.venueToken(id) + "\"}";
        // stop half a second before the last window would begin, so the run spans exactly SECONDS / 10 windows
        Duration run = Duration.ofSeconds(SECONDS).minusMillis(500);
        long windows = (long) Math.ceil((double) run.toMillis() / WINDOW.toMillis());

        String flooderCookie = checkIns.participantCookie(UUID.randomUUID());
        Tally flooder = new Tally();
        Tally spoofer = new Tally();
        Tally polite = new Tally();
        List<Mono<Void>> clients = new ArrayList<>();
        clients.add(paced(
                web("127.0.0.2"),
                10 * PER_PARTICIPANT / WINDOW_SECONDS,
                run,
                id,
                body,
                () -> flooderCookie,
                null,
                flooder));
        clients.add(paced(
                web("127.0.0.3"),
                10 * PER_ADDRESS / WINDOW_SECONDS,
                run,
                id,
                body,
                this::newCookie,
                this::spoofed,
                spoofer));
        for (int i = 0; i < POLITE; i++) {
            String cookie = newCookie();
            clients.add(paced(web("127.0.0." + (20 + i)), 1, run, id, body, () -> cookie, null, polite));
        }
        long started = System.nanoTime();
        Flux.merge(clients).blockLast(run.plusMinutes(2));
        long took = (System.nanoTime() - started) / 1_000_000;

        // control: from the trusted proxy the header names the client, so the same spoofing gets through
        Tally trusted = new Tally();
        paced(web("127.0.0.9"), 100, Duration.ofSeconds(1), id, body, this::newCookie, this::spoofed, trusted)
                .block(Duration.ofMinutes(1));

        long participantLimit = windows * PER_PARTICIPANT;
        long addressLimit = windows * PER_ADDRESS;
        double politeSuccess = polite.accepted() * 100.0 / polite.sent().get();
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "check-in flood: %d s planned (%d windows of %d s), %d ms; limits %d per participant, %d per address"
                        + " per window%n",
                SECONDS, windows, WINDOW.toSeconds(), took, PER_PARTICIPANT, PER_ADDRESS));
        text.append(String.format(
                "  one participant at 10x (%d/s): %d sent, %d accepted (limit over the run %d, ratio %.3f), %s,"
                        + " 429 without Retry-After or problem: %d%n",
                PER_PARTICIPANT,
                flooder.sent().get(),
                flooder.accepted(),
                participantLimit,
                flooder.accepted() / (double) participantLimit,
                new TreeMap<>(flooder.outcomes()),
                flooder.badRejections().get()));
        text.append(String.format(
                "  spoofed X-Forwarded-For from an untrusted peer at 10x the address limit (%d/s): %d sent,"
                        + " %d accepted (limit over the run %d, ratio %.3f), %s%n",
                PER_ADDRESS,
                spoofer.sent().get(),
                spoofer.accepted(),
                addressLimit,
                spoofer.accepted() / (double) addressLimit,
                new TreeMap<>(spoofer.outcomes())));
        text.append(String.format(
                "  %d well-behaved clients at 1/s: %d sent, %d succeeded (%.2f %%), %s%n",
                POLITE, polite.sent().get(), polite.accepted(), politeSuccess, new TreeMap<>(polite.outcomes())));
        text.append(String.format(
                "  control, the same spoofing from the trusted proxy 127.0.0.9: %d sent, %d accepted%n",
                trusted.sent().get(), trusted.accepted()));
        System.out.print(text);
        Files.writeString(Path.of("target", "checkin-flood.txt"), text + "at " + Instant.now() + "\n");

        assertThat(flooder.accepted()).isLessThanOrEqualTo((long) (participantLimit * 1.05));
        assertThat(flooder.accepted()).isGreaterThanOrEqualTo(PER_PARTICIPANT);
        assertThat(spoofer.accepted()).isLessThanOrEqualTo((long) (addressLimit * 1.05));
        assertThat(flooder.badRejections().get() + spoofer.badRejections().get())
                .isZero();
        assertThat(politeSuccess).isGreaterThanOrEqualTo(99.9);
        assertThat(trusted.accepted()).isEqualTo(trusted.sent().get());
    }

    String newCookie() {
        return checkIns.participantCookie(UUID.randomUUID());
    }

    String spoofed() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    WebClient web(String source) {
        HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(source, 0));
        return WebClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    /** {@code perSecond} check-ins, evenly spaced, for {@code run}; each answer counted in {@code tally}. */
    Mono<Void> paced(
            WebClient web,
            int perSecond,
            Duration run,
            String id,
            String body,
            java.util.function.Supplier<String> cookie,
            java.util.function.Supplier<String> forwardedFor,
            Tally tally) {
        long count = run.toMillis() * perSecond / 1000;
        return Flux.interval(Duration.ZERO, Duration.ofMillis(1000 / perSecond))
                .take(count)
                // ticks wait (at most count of them) while 256 requests are in flight on a busy machine
                .onBackpressureBuffer()
                .flatMap(
                        i -> {
                            tally.sent().incrementAndGet();
                            var spec = web.post()
                                    .uri("/api/v1/activities/" + id + "/check-ins")
                                    .cookie("kepu_pid", cookie.get())
                                    .contentType(MediaType.APPLICATION_JSON);
                            if (forwardedFor != null) {
                                spec = spec.header("X-Forwarded-For", forwardedFor.get());
                            }
                            return spec.bodyValue(body)
                                    .exchangeToMono(r -> r.bodyToMono(String.class)
                                            .defaultIfEmpty("")
                                            .map(b -> {
                                                int status = r.statusCode().value();
                                                if (status == 429
                                                        && (r.headers()
                                                                        .header("Retry-After")
                                                                        .isEmpty()
                                                                || !b.contains("\"rate-limited\"")
                                                                || !r.headers()
                                                                        .contentType()
                                                                        .map(
                                                                                MediaType.APPLICATION_PROBLEM_JSON
                                                                                        ::isCompatibleWith)
                                                                        .orElse(false))) {
                                                    tally.badRejections().incrementAndGet();
                                                }
                                                return Integer.toString(status);
                                            }))
                                    .timeout(Duration.ofSeconds(20))
                                    .onErrorResume(e -> Mono.just("no answer"))
                                    .doOnNext(o -> tally.outcomes().merge(o, 1L, Long::sum));
                        },
                        256)
                .then();
    }
}
