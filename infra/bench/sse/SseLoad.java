/*
 * SSE load client for Kepu's live stream: opens N concurrent streams to one activity, measures heap per idle
 * connection (the app's jvm.memory.used heap after a full GC, before and after connecting), then broadcasts
 * comments and measures, per stream, the delay from posting to receipt. Run by run.sh, which builds the
 * classpath and starts the app; uses Reactor Netty from the app's own dependencies (Maven Central only).
 *
 *   java -cp "$CP" SseLoad.java <baseUrl> <streams> <appPid> [broadcasts]
 */
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

public class SseLoad {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String base;

    public static void main(String[] args) throws Exception {
        base = args[0];
        int n = Integer.parseInt(args[1]);
        long pid = Long.parseLong(args[2]);
        int broadcasts = args.length > 3 ? Integer.parseInt(args[3]) : 5;

        System.out.println("load average at start: " + loadAverage());
        String admin = token("admin", "kepu-dev-admin");
        String organizer = token("jiujiang-organizer", "kepu-dev-admin");
        String reviewer = token("wuhu-reviewer", "kepu-dev-admin");
        String activity = liveActivity(admin, organizer, reviewer);
        System.out.println("activity " + activity);

        double heapBefore = heap(admin, pid);
        System.out.printf("heap before: %.1f MB%n", heapBefore / 1e6);

        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        // per broadcast: receipt delays in ns, relative to the post
        List<ConcurrentLinkedQueue<Long>> delays = new ArrayList<>();
        for (int i = 0; i < broadcasts; i++) {
            delays.add(new ConcurrentLinkedQueue<>());
        }
        long[] postedAt = new long[broadcasts];
        Pattern marker = Pattern.compile("bench-(\\d+)");

        reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient.create(
                        ConnectionProvider.newConnection())
                .runOn(LoopResources.create("sse-load", 2, true))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
                .baseUrl(base)
                .headers(h -> h.set("Accept", "text/event-stream"));
        List<Disposable> streams = new ArrayList<>(n);
        long openStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            boolean[] seen = new boolean[1];
            streams.add(client.get()
                    .uri("/api/v1/activities/" + activity + "/live")
                    .responseContent()
                    .asString()
                    .doOnNext(chunk -> {
                        long now = System.nanoTime();
                        if (!seen[0] && chunk.contains("event: status")) {
                            seen[0] = true;
                            connected.incrementAndGet();
                        }
                        if (chunk.contains("event: comment")) {
                            Matcher m = marker.matcher(chunk);
                            while (m.find()) {
                                int k = Integer.parseInt(m.group(1));
                                delays.get(k).add(now - postedAt[k]);
                            }
                        }
                    })
                    .doOnError(e -> failed.incrementAndGet())
                    .doOnComplete(ended::incrementAndGet)
                    .subscribe(c -> {}, e -> {}));
            // pace the connects: 1,000 at a time, so the accept queue never overflows
            while (i + 1 - connected.get() - failed.get() > 1000) {
                Thread.sleep(5);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (connected.get() + failed.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        System.out.printf("streams held: %d of %d (failed %d) in %.1f s%n", connected.get(), n, failed.get(), openSeconds);

        Thread.sleep(3000); // let the connects settle before measuring
        double heapAfter = heap(admin, pid);
        System.out.printf(
                "heap after: %.1f MB; per idle connection: %.1f KB%n",
                heapAfter / 1e6, (heapAfter - heapBefore) / Math.max(1, connected.get()) / 1024);

        perConnection(connected.get());

        // broadcast 0 is the first after start: it also pays for JIT compilation and warming the paths, so it
        // is printed but left out of the summary (the harness's "warm up, then run")
        List<Double> p99s = new ArrayList<>();
        for (int k = 0; k < broadcasts; k++) {
            long appCpu = cpuMillis(pid);
            long ownCpu = processCpuMillis();
            postedAt[k] = System.nanoTime();
            int status = comment(activity, "bench-" + k);
            long wait = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (delays.get(k).size() < connected.get() && System.nanoTime() < wait) {
                Thread.sleep(5);
            }
            long[] d = delays.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "broadcast %d (POST %d): delivered %d of %d; delay p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                            + " CPU until delivered: app %d ms, load client %d ms%n",
                    k, status, d.length, connected.get(), pct(d, 0.50), pct(d, 0.99), pct(d, 1.0),
                    cpuMillis(pid) - appCpu, processCpuMillis() - ownCpu);
            if (k == 0) {
                System.out.println("  (warm-up: the first broadcast after start, not in the summary)");
            } else if (d.length == connected.get()) {
                p99s.add(pct(d, 0.99));
            } else {
                p99s.add(Double.POSITIVE_INFINITY); // not delivered to all within 20 s
            }
            long idleCpu = cpuMillis(pid);
            Thread.sleep(2000);
            System.out.printf("  app CPU in the 2 s after it (heartbeats, ticks, GC): %d ms%n", cpuMillis(pid) - idleCpu);
        }
        double[] sorted = p99s.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length > 0) {
            System.out.printf(
                    "broadcast p99 over broadcasts 1-%d: median %.1f ms, min %.1f ms, max %.1f ms%n",
                    broadcasts - 1, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        }
        System.out.println("load average at end: " + loadAverage());
        System.out.printf("streams still open: %d (ended by server: %d, errors: %d)%n",
                connected.get() - ended.get() - failed.get(), ended.get(), failed.get());
        streams.forEach(Disposable::dispose);
        System.exit(0);
    }

    /**
     * CPU time (user + system) of a process so far, from /proc (clock ticks of 10 ms): on a shared machine the
     * delays depend on what else runs, the CPU spent per broadcast much less.
     */
    static long cpuMillis(long pid) throws Exception {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime (fields 14, 15)
    }

    static long processCpuMillis() throws Exception {
        return cpuMillis(ProcessHandle.current().pid());
    }

    static String loadAverage() throws Exception {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    }

    /**
     * The two class histograms compared: live bytes per connection by class. Steadier than the heap figure,
     * which also moves with whatever else the app keeps between the two readings.
     */
    static void perConnection(int n) throws Exception {
        String prefix = System.getenv().getOrDefault("SSE_HISTOGRAMS", "target/bench-sse-histo");
        java.util.Map<String, Long> before = histogram(prefix + "-" + (heaps - 2) + ".txt");
        java.util.Map<String, Long> after = histogram(prefix + "-" + (heaps - 1) + ".txt");
        java.util.Map<String, Long> delta = new java.util.HashMap<>(after);
        before.forEach((k, v) -> delta.merge(k, -v, Long::sum));
        long total = delta.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("live objects per connection (class histograms): %.1f KB; largest:%n", total / 1024.0 / n);
        delta.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .forEach(e -> System.out.printf("  %6.0f B  %s%n", e.getValue() / (double) n, e.getKey()));
    }

    static java.util.Map<String, Long> histogram(String file) throws Exception {
        java.util.Map<String, Long> bytes = new java.util.HashMap<>();
        Pattern row = Pattern.compile("\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+).*");
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(file))) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        return bytes;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    static int heaps;

    /**
     * Heap in use after a full GC (jcmd), from the app's /actuator/metrics; the app's class histogram (live
     * objects) is kept next to it (target/bench-sse-histo-N.txt), to compare before and after by class.
     */
    static double heap(String admin, long pid) throws Exception {
        for (int i = 0; i < 2; i++) {
            new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").inheritIO().start().waitFor();
            Thread.sleep(1000);
        }
        String histograms = System.getenv().getOrDefault("SSE_HISTOGRAMS", "target/bench-sse-histo");
        new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
                .redirectOutput(new java.io.File(histograms + "-" + heaps++ + ".txt"))
                .start()
                .waitFor();
        String body = send("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap", admin, null).body();
        Matcher m = Pattern.compile("\"value\":([0-9.E+-]+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure: " + body);
        }
        return Double.parseDouble(m.group(1));
    }

    static int comment(String activity, String text) throws Exception {
        return send("POST", "/api/v1/activities/" + activity + "/live/comments", null, "{\"text\":\"" + text + "\"}")
                .statusCode();
    }

    static String token(String user, String password) throws Exception {
        String body = send("POST", "/api/v1/auth/tokens", null,
                        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")
                .body();
        return field(body, "accessToken");
    }

    /** An online activity live now, in a county edition around today (made once). */
    static String liveActivity(String admin, String organizer, String reviewer) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        send("POST", "/api/v1/admin/campaigns", admin, "{\"kind\":\"SCIENCE_DAY\",\"year\":" + today.getYear()
                + ",\"level\":\"COUNTY\",\"regionCode\":\"340207\",\"name\":\"" + today.getYear()
                + "年鸠江区云上科普日（压测）\",\"theme\":\"云上科普\",\"startsOn\":\"" + today.minusDays(2) + "\",\"endsOn\":\""
                + today.plusDays(2) + "\"}");
        String campaigns = send("GET", "/api/v1/campaigns", null, null).body();
        Matcher m = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"[^{}]*\"regionCode\":\"340207\"").matcher(campaigns);
        String campaign = null;
        while (m.find()) {
            campaign = m.group(1);
        }
        if (campaign == null) {
            // editions list their region as an object in some shapes: fall back to any id next to 340207
            Matcher any = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(campaigns);
            for (String part : campaigns.split("\\},\\{")) {
                if (part.contains("340207") && part.contains("压测")) {
                    Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(part);
                    if (id.find()) {
                        campaign = id.group(1);
                    }
                }
            }
        }
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
        String body = "{\"title\":\"云上科普直播压测讲座\",\"campaignId\":\"" + campaign + "\",\"regionCode\":\"340207\","
                + "\"startsAt\":\"" + now.minusHours(1).toOffsetDateTime() + "\",\"endsAt\":\""
                + now.plusHours(3).toOffsetDateTime() + "\",\"format\":\"ONLINE\","
                + "\"live\":{\"url\":\"https://live.example.cn/bench\"},"
                + "\"categories\":[\"EXPERT_LECTURE\"],\"audiences\":[\"GENERAL_PUBLIC\"]}";
        HttpResponse<String> created = send("POST", "/api/v1/organizer/activities", organizer, body);
        String id = field(created.body(), "id");
        if (id == null) {
            throw new IllegalStateException("activity not created: " + created.statusCode() + " " + created.body());
        }
        send("POST", "/api/v1/organizer/activities/" + id + "/submit", organizer, null);
        send("POST", "/api/v1/review/activities/" + id + "/approve", reviewer, null);
        return id;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static HttpResponse<String> send(String method, String path, String bearer, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
