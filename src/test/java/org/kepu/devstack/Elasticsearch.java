package org.kepu.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Elasticsearch 9 from the minimal integ-test distribution: single node, security off, loopback only,
 * bounded heap. It needs a JDK 21+, which this finds even when the default {@code java} is 17.
 */
final class Elasticsearch {

    static final String VERSION = "9.5.3";
    private static final String HEAP = System.getProperty("kepu.devstack.es-heap", "512m");

    private Elasticsearch() {}

    static Engine start(RunDirectory run, Distributions distributions) throws IOException, InterruptedException {
        Path javaHome = javaHome();
        Path home = distributions.elasticsearch(VERSION);
        Path folder = run.folder("elasticsearch");
        Path config = folder.resolve("config");
        copyTree(home.resolve("config"), config);
        Files.createDirectories(folder.resolve("data"));
        Files.createDirectories(folder.resolve("logs"));
        Files.createDirectories(folder.resolve("tmp"));
        Shell.giveToEngineUser(folder);

        int httpPort = Engine.freePort();
        int transportPort = Engine.freePort();
        List<String> command =
                new ArrayList<>(List.of(home.resolve("bin/elasticsearch").toString()));
        for (String setting : List.of(
                "cluster.name=kepu-devstack",
                "node.name=devstack-0",
                "discovery.type=single-node",
                "network.host=127.0.0.1",
                "http.port=" + httpPort,
                "transport.port=" + transportPort,
                "path.data=" + folder.resolve("data"),
                "path.logs=" + folder.resolve("logs"),
                "xpack.security.enabled=false",
                // a nearly full developer disk must not turn indices read-only
                "cluster.routing.allocation.disk.threshold_enabled=false",
                "action.destructive_requires_name=false")) {
            command.add("-E");
            command.add(setting);
        }
        Path log = folder.resolve("elasticsearch.log");
        Process process = Shell.startEngine(
                command,
                Map.of(
                        "ES_JAVA_HOME", javaHome.toString(),
                        "ES_JAVA_OPTS", "-Xms" + HEAP + " -Xmx" + HEAP,
                        "ES_PATH_CONF", config.toString(),
                        "ES_TMPDIR", folder.resolve("tmp").toString(),
                        "HOME", folder.toString()),
                folder,
                log,
                true);
        Engine engine = new Engine("elasticsearch", process, log, httpPort, "TERM");
        run.register(process);
        awaitYellow(engine);
        return engine;
    }

    /** {@code KEPU_ES_JAVA_HOME}, else this JVM if it is 21+, else the newest JDK 21+ under /usr/lib/jvm. */
    static Path javaHome() throws IOException {
        String configured = System.getenv("KEPU_ES_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> candidates = Files.list(jvms)) {
                Optional<Path> best = candidates
                        .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                        .filter(p -> featureVersion(p) >= 21)
                        .max(Comparator.comparingInt(Elasticsearch::featureVersion));
                if (best.isPresent()) {
                    return best.get();
                }
            }
        }
        throw new IllegalStateException("Elasticsearch " + VERSION + " needs a JDK 21 or newer and none was found"
                + " under /usr/lib/jvm. Install one (for example Temurin 25) or set KEPU_ES_JAVA_HOME.");
    }

    private static int featureVersion(Path jdk) {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(release)) {
            properties.load(in);
            String version = properties.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static void awaitYellow(Engine engine) throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + engine.port() + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime()
                + Duration.ofSeconds(Long.getLong("kepu.devstack.es-start-seconds", 180))
                        .toNanos();
        while (System.nanoTime() < deadline) {
            engine.requireAlive();
            if (Engine.accepts(engine.port())) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // still starting
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Elasticsearch did not become ready:\n" + engine.tail(40));
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path out = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(p, out);
                }
            }
        }
    }
}
