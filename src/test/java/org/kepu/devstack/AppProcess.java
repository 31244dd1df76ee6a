package org.kepu.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.kepu.KepuApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The app as a separate JVM on this JVM's dev stack, for tests that kill it ({@code kill -9}) or run several
 * instances. It uses the test classpath and profile, and may run at a shifted time (a clock offset), so
 * that activities dated in a campaign are open now.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts an instance on {@code database} (and its search alias) and waits until it is ready.
     *
     * @param clockOffset how far the instance's clock is ahead of (or, negative, behind) real time
     */
    public static AppProcess start(String name, String database, Duration clockOffset, Map<String, String> properties) {
        DevStack stack = DevStack.get();
        stack.ensureDatabase(database);
        int port = Engine.freePort();
        Path log = Path.of("target", "app-" + name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dkepu.test.clock-offset=" + clockOffset);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AppProcess.class.getName());
        // one value per key: Spring joins a repeated command-line argument with commas ("kepu,kepu_x")
        Map<String, String> arguments = new java.util.LinkedHashMap<>(stack.springProperties());
        arguments.put("kepu.db.name", database);
        arguments.put("kepu.discovery.index-alias", "activities_" + database);
        arguments.put("server.port", Integer.toString(port));
        arguments.put("spring.profiles.active", "test");
        arguments.putAll(properties);
        arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            AppProcess app = new AppProcess(process, port, log);
            app.awaitReady(Duration.ofSeconds(120));
            return app;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the app process", e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no graceful drain. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(Duration within) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app process exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("the app process was not ready within " + within + "; see " + log);
    }

    /** The child's entry point: the real app with a clock shifted by {@code kepu.test.clock-offset}. */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(KepuApplication.class, ShiftedClock.class);
        app.run(args);
    }

    /** Replaces the app's clock; not a stereotype, so only the child process picks it up. */
    static class ShiftedClock {
        @Bean
        @Primary
        Clock shiftedClock() {
            return Clock.offset(
                    Clock.systemUTC(), Duration.parse(System.getProperty("kepu.test.clock-offset", "PT0S")));
        }
    }
}
