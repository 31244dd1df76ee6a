import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Load client for what wrk cannot do. Run with the app's test classpath (reactor-netty):
 * {@code java -cp <classpath> infra/bench/src/BenchClient.java <command> …}
 *
 * <ul>
 *   <li>{@code cookies <participant-key> <count> <file>}: signed {@code kepu_pid} cookie values, one per line,
 *       each a new random participant (the same HMAC as org.kepu.checkin.Participants);
 *   <li>{@code open <base-url> <activity-id> <venue-key-id>=<venue-key> <clock-offset-ms> <participant-key>
 *       <out.json> <rate>:<seconds> …}: check-ins at fixed arrival rates (open model: latency counts from the
 *       intended send time, so a stalled server cannot hide behind a waiting client), one new participant per
 *       request, the venue token computed here like org.kepu.checkin.VenueTokens (an overloaded app must not
 *       be asked for it).
 * </ul>
 */
public class BenchClient {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "cookies" -> cookies(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            case "open" -> open(args);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static String sign(Mac mac, UUID participant) {
        byte[] id = ByteBuffer.allocate(16)
                .putLong(participant.getMostSignificantBits())
                .putLong(participant.getLeastSignificantBits())
                .array();
        byte[] tag = Arrays.copyOf(mac.doFinal(id), 16);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(id) + "." + b64.encodeToString(tag);
    }

    static Mac mac(String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac;
    }

    static void cookies(String key, int count, Path file) throws Exception {
        Mac mac = mac(key);
        StringBuilder out = new StringBuilder(count * 46);
        for (int i = 0; i < count; i++) {
            out.append(sign(mac, UUID.randomUUID())).append('\n');
        }
        Files.writeString(file, out);
    }

    /**
     * One answer: the phase and the second (from the run's start) it was meant to be sent in, the second it
     * arrived in, status, latency from the intended send time.
     */
    record Answer(int phase, int second, int done, int status, boolean problemJson, long micros) {}

    static void open(String[] args) throws Exception {
        String base = args[1];
        String activity = args[2];
        String[] venueKey = args[3].split("=", 2);
        long offset = Long.parseLong(args[4]);
        Mac mac = mac(args[5]);
        Path out = Path.of(args[6]);
        List<double[]> phases = new ArrayList<>();
        for (int i = 7; i < args.length; i++) {
            String[] p = args[i].split(":");
            phases.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
        }
        // requests waiting for a connection are bounded: past 32,000 (two seconds of 2x an 8,000/s app) a request
        // fails at once and counts as unanswered (599), where an unbounded wait list ran the client out of memory
        ConnectionProvider pool = ConnectionProvider.builder("open")
                .maxConnections(4000)
                .pendingAcquireMaxCount(32_000)
                .pendingAcquireTimeout(Duration.ofSeconds(60))
                .build();
        HttpClient http = HttpClient.create(pool).baseUrl(base).responseTimeout(Duration.ofSeconds(30));
        AtomicReference<String> body = new AtomicReference<>(venueBody(venueKey, activity, offset));
        String path = "/api/v1/activities/" + activity + "/check-ins";
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicLong outstanding = new AtomicLong();

        long start = System.nanoTime();
        long phaseStart = start;
        long lastToken = start;
        long sentTotal = 0;
        for (int phase = 0; phase < phases.size(); phase++) {
            double rate = phases.get(phase)[0];
            long length = (long) (phases.get(phase)[1] * 1e9);
            long sent = 0;
            while (true) {
                long now = System.nanoTime();
                if (now - phaseStart >= length) {
                    break;
                }
                if (now - lastToken > 1_000_000_000L) {
                    lastToken = now;
                    body.set(venueBody(venueKey, activity, offset));
                }
                long due = (long) ((now - phaseStart) / 1e9 * rate);
                while (sent < due) {
                    long intended = phaseStart + (long) (sent / rate * 1e9);
                    int second = (int) ((intended - start) / 1_000_000_000L);
                    int p = phase;
                    String cookie = sign(mac, UUID.randomUUID());
                    outstanding.incrementAndGet();
                    http.headers(h -> h.add("Cookie", "kepu_pid=" + cookie).add("Content-Type", "application/json"))
                            .post()
                            .uri(path)
                            .send(ByteBufFlux.fromString(Mono.just(body.get())))
                            .responseSingle((response, content) -> content.asString()
                                    .defaultIfEmpty("")
                                    .map(text -> new Answer(
                                            p,
                                            second,
                                            (int) ((System.nanoTime() - start) / 1_000_000_000L),
                                            response.status().code(),
                                            String.valueOf(response.responseHeaders().get("Content-Type"))
                                                    .contains("problem+json"),
                                            (System.nanoTime() - intended) / 1000)))
                            .onErrorResume(e -> Mono.just(
                                    new Answer(
                                            p,
                                            second,
                                            (int) ((System.nanoTime() - start) / 1_000_000_000L),
                                            599,
                                            false,
                                            (System.nanoTime() - intended) / 1000)))
                            .subscribe(a -> {
                                answers.add(a);
                                outstanding.decrementAndGet();
                            });
                    sent++;
                }
                Thread.sleep(0, 200_000);
            }
            sentTotal += sent;
            phaseStart += length;
        }
        long deadline = System.nanoTime() + 35_000_000_000L;
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        write(out, phases, answers, sentTotal, outstanding.get());
        pool.dispose();
        System.exit(0);
    }

    /** The check-in body with the current venue token (see org.kepu.checkin.VenueTokens). */
    static String venueBody(String[] key, String activity, long clockOffsetMillis) throws Exception {
        String window = Long.toString(Math.floorDiv(System.currentTimeMillis() + clockOffsetMillis, 30_000L), 36);
        byte[] activityKey = Arrays.copyOf(
                mac(key[1]).doFinal(("kepu-checkin-activity|" + activity).getBytes(StandardCharsets.UTF_8)), 32);
        Mac perActivity = Mac.getInstance("HmacSHA256");
        perActivity.init(new SecretKeySpec(activityKey, "HmacSHA256"));
        byte[] tag = Arrays.copyOf(
                perActivity.doFinal(("v|" + activity + "|" + window).getBytes(StandardCharsets.UTF_8)), 12);
        String token = "v" + key[0] + "." + window + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        return "{\"token\":\"" + token + "\"}";
    }

    static void write(Path out, List<double[]> phases, ConcurrentLinkedQueue<Answer> answers, long sent, long lost)
            throws Exception {
        int seconds = 0;
        for (double[] p : phases) {
            seconds += (int) Math.ceil(p[1]);
        }
        StringBuilder json = new StringBuilder("{\"sent\":").append(sent).append(",\"unanswered\":").append(lost);
        json.append(",\"phases\":[");
        for (int phase = 0; phase < phases.size(); phase++) {
            final int ph = phase;
            List<Answer> in = answers.stream().filter(a -> a.phase() == ph).toList();
            json.append(phase == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"rate\":%.1f,\"seconds\":%.1f,%s}",
                            phases.get(phase)[0],
                            phases.get(phase)[1],
                            summary(in, phases.get(phase)[1])));
        }
        json.append("],\"perSecond\":[");
        for (int s = 0; s <= seconds; s++) {
            final int sec = s;
            List<Answer> in = answers.stream().filter(a -> a.second() == sec).toList();
            long completedOk = answers.stream()
                    .filter(a -> a.done() == sec && a.status() / 100 == 2)
                    .count();
            json.append(s == 0 ? "" : ",")
                    .append("{\"t\":")
                    .append(s)
                    .append(",\"completedOk\":")
                    .append(completedOk)
                    .append(',')
                    .append(summary(in, 1))
                    .append('}');
        }
        json.append("]}");
        Files.writeString(out, json);
    }

    static String summary(List<Answer> in, double seconds) {
        long ok = in.stream().filter(a -> a.status() / 100 == 2).count();
        List<Answer> rejected = in.stream()
                .filter(a -> a.status() == 429 || a.status() == 503)
                .toList();
        long rejectedProblem = rejected.stream().filter(Answer::problemJson).count();
        long other = in.size() - ok - rejected.size();
        // every status seen (599: no answer within the client's 30 s response timeout, a connection error, or no
        // connection free for it while 32,000 others waited)
        String statuses = in.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        Answer::status, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        return String.format(
                Locale.ROOT,
                "\"statuses\":" + statuses + ",\"answers\":%d,\"ok\":%d,\"goodput\":%.1f,\"rejected\":%d,\"rejectedProblemJson\":%d,\"other\":%d,"
                        + "\"okP50Ms\":%.2f,\"okP99Ms\":%.2f,\"rejectedP50Ms\":%.2f,\"rejectedP99Ms\":%.2f,"
                        + "\"allP99Ms\":%.2f",
                in.size(),
                ok,
                ok / seconds,
                rejected.size(),
                rejectedProblem,
                other,
                pct(in.stream().filter(a -> a.status() / 100 == 2).toList(), 50),
                pct(in.stream().filter(a -> a.status() / 100 == 2).toList(), 99),
                pct(rejected, 50),
                pct(rejected, 99),
                pct(in, 99));
    }

    static double pct(List<Answer> in, double p) {
        if (in.isEmpty()) {
            return -1;
        }
        long[] micros = in.stream().mapToLong(Answer::micros).sorted().toArray();
        return micros[Math.min(micros.length - 1, (int) Math.ceil(p / 100 * micros.length) - 1)] / 1000.0;
    }
}
