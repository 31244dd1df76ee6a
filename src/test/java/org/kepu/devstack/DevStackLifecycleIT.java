package org.kepu.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Ctrl-C or killing the JVM leaves no engine process behind", checked for real: a child JVM starts the
 * stack ({@link DevStackMain}) and is then killed outright (the watchdog's job) or asked to stop (the
 * shutdown hook's job). Either way every engine process and the run folder must be gone within 30 s, and
 * after SIGTERM already when the JVM has exited. The second child also shows that a start removes what a
 * crashed run left behind.
 *
 * <p>A zombie counts as gone: it holds no memory, port or file, and reaping it is init's job (some
 * container inits never do).
 */
class DevStackLifecycleIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(180);
    private static final Duration GONE_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path logs;

    private final List<Process> started = new ArrayList<>();
    private final List<Engines> engines = new ArrayList<>();

    @Test
    void killingTheJvmOutrightLeavesNoEngineBehind() throws IOException {
        Child child = startChild("kill-9");

        child.process().destroyForcibly(); // SIGKILL: no shutdown hook runs

        awaitNothingLeft(child, "kill -9");
    }

    @Test
    void stoppingTheJvmStopsItsEnginesAndAStartRemovesWhatACrashedRunLeft() throws IOException, InterruptedException {
        // one child serves both checks: each start costs 10-20 s of Elasticsearch boot
        StaleRun stale = staleRun();

        Child child = startChild("sigterm");

        await("the leftover engine of the crashed run is killed")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !stale.engine().isAlive());
        assertThat(stale.folder()).doesNotExist();
        System.out.printf(
                "[lifecycle] leftover run %s removed %s%n",
                stale.folder().getFileName(),
                child.log().contains(stale.folder().toString())
                        ? "by the child"
                        : "by another JVM that started a stack meanwhile");

        long stopped = System.nanoTime();
        child.process().destroy(); // SIGTERM, like Ctrl-C: the shutdown hook stops the engines

        // The hook finishes before the JVM exits, so nothing may be left at that moment; were it the
        // watchdog's doing instead, the engines would still be running for a second or more.
        boolean exited = child.process().waitFor(GONE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        List<Long> left = child.engines().alive();
        boolean folderLeft = Files.exists(child.run());
        System.out.printf(
                "[lifecycle] SIGTERM: child exited (%s) after %d ms leaving engine processes %s, run folder %s%n",
                exited ? child.process().exitValue() : "not yet",
                millisSince(stopped),
                left,
                folderLeft ? "present" : "gone");
        if (!exited || !left.isEmpty() || folderLeft) {
            System.out.println("[lifecycle] the child's output:\n" + tail(child.logFile()));
        }
        assertThat(exited).as("the child exited within " + GONE_WITHIN).isTrue();
        assertThat(left).as("engine processes running when the JVM had exited").isEmpty();
        assertThat(child.run()).doesNotExist();
    }

    /** Whatever a failed test left running is killed here, so that no test run leaks engines. */
    @AfterEach
    void killWhatWasStarted() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (Engines left : engines) {
            if (!left.alive().isEmpty()) {
                System.out.println("[lifecycle] killing what is left of the engines: " + left.alive());
                left.groups().forEach(DevStackLifecycleIT::killGroup);
                left.processes().forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    /**
     * Everything the engines run: each engine's process group, and every process it had started when the
     * stack became ready. Both count, because PostgreSQL puts each of its child processes into a process
     * group of its own.
     */
    private record Engines(List<Long> groups, List<ProcessHandle> processes) {

        static Engines of(List<Long> pids) {
            List<ProcessHandle> processes = new ArrayList<>();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(engine -> {
                    processes.add(engine);
                    engine.descendants().forEach(processes::add);
                });
                liveMembers(pid).forEach(member -> ProcessHandle.of(member).ifPresent(processes::add));
            }
            return new Engines(pids, processes.stream().distinct().toList());
        }

        /** The ones still running; a handle compares start times, so a recycled pid does not count. */
        List<Long> alive() {
            List<Long> alive = new ArrayList<>();
            processes.stream()
                    .filter(ProcessHandle::isAlive)
                    .map(ProcessHandle::pid)
                    .forEach(alive::add);
            groups.stream().flatMap(group -> liveMembers(group).stream()).forEach(alive::add);
            return alive.stream().distinct().sorted().toList();
        }
    }

    private record Child(Process process, Path logFile, Path run, Engines engines) {

        String log() {
            try {
                return Files.readString(logFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    private record StaleRun(Path folder, Process engine) {}

    private Child startChild(String name) throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        String artifacts = System.getProperty("kepu.devstack.dir");
        if (artifacts != null) {
            command.add("-Dkepu.devstack.dir=" + artifacts);
        }
        command.add(DevStackMain.class.getName());
        Path logFile = logs.resolve(name + ".log");
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        started.add(process);

        try {
            await("the child JVM's stack is ready")
                    .atMost(READY_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> readyLine(logFile).isPresent() || !process.isAlive());
        } catch (RuntimeException e) {
            System.out.println("[lifecycle] " + name + " never became ready; the child's output:\n" + tail(logFile));
            throw e;
        }
        String ready = readyLine(logFile)
                .orElseGet(() -> fail("the child exited with " + process.exitValue() + " before its stack was ready:\n"
                        + tail(logFile)));
        List<Long> pids = Arrays.stream(field(ready, "pids").split(","))
                .map(Long::valueOf)
                .toList();
        Engines running = Engines.of(pids);
        engines.add(running);
        Path run = Path.of(field(ready, "run"));
        System.out.printf(
                "[lifecycle] %s: stack ready in %d ms, engines %s running %d processes, run %s%n",
                name, millisSince(launched), pids, running.alive().size(), run);
        assertThat(pids)
                .hasSize(3)
                .allSatisfy(pid -> assertThat(running.alive()).contains(pid));
        assertThat(run).isDirectory();
        return new Child(process, logFile, run, running);
    }

    private static void awaitNothingLeft(Child child, String how) {
        long stopped = System.nanoTime();
        try {
            await("every engine process is gone after " + how)
                    .atMost(GONE_WITHIN)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> child.engines().alive().isEmpty());
            long enginesGone = millisSince(stopped);
            await("the run folder is deleted after " + how)
                    .atMost(GONE_WITHIN.minusMillis(enginesGone))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !Files.exists(child.run()));
            System.out.printf(
                    "[lifecycle] %s: engines gone after %d ms, run folder gone after %d ms, child exit %s%n",
                    how, enginesGone, millisSince(stopped), exitOf(child.process()));
        } catch (RuntimeException | AssertionError e) {
            System.out.println("[lifecycle] " + how + " failed; the child's output:\n" + tail(child.logFile()));
            System.out.println("[lifecycle] still running: " + child.engines().alive());
            throw e;
        }
    }

    /**
     * What a run whose JVM died left behind: a folder whose owner is a dead process, and an engine still
     * running in a process group of its own, as the dev stack starts them.
     */
    private StaleRun staleRun() throws IOException {
        Process gone = new ProcessBuilder("true").start();
        try {
            gone.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long deadOwner = gone.pid();
        Process engine = new ProcessBuilder("setsid", "sleep", "600")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        started.add(engine);
        long engineStart = engine.toHandle().info().startInstant().orElseThrow().toEpochMilli();

        Path folder =
                RunDirectory.base().resolve("runs").resolve(deadOwner + "-" + (System.currentTimeMillis() - 60_000));
        Files.createDirectories(folder.resolve("postgres"));
        Files.writeString(folder.resolve("postgres/postgres.log"), "the run crashed\n");
        Files.writeString(folder.resolve("owner"), deadOwner + " " + (System.currentTimeMillis() - 60_000));
        Files.writeString(folder.resolve("engines"), engine.pid() + " " + engineStart + "\n");
        return new StaleRun(folder, engine);
    }

    private static Optional<String> readyLine(Path log) throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.startsWith(DevStackMain.READY + " "))
                    .findFirst();
        }
    }

    private static String field(String readyLine, String name) {
        return Arrays.stream(readyLine.split(" "))
                .filter(part -> part.startsWith(name + "="))
                .map(part -> part.substring(name.length() + 1))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " in: " + readyLine));
    }

    /** The live (not zombie) processes of a process group; an engine is its whole group, not one pid. */
    private static List<Long> liveMembers(long group) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    continue; // exited while we looked
                }
                // "pid (name) state ppid pgrp ...": the name may hold spaces and parentheses
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                boolean alive = !fields[0].equals("Z") && !fields[0].equals("X");
                if (alive && Long.parseLong(fields[2]) == group) {
                    members.add(Long.valueOf(process.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return members;
    }

    private static void killGroup(long group) {
        try {
            new ProcessBuilder("/bin/kill", "-KILL", "--", "-" + group)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.out.println("[lifecycle] could not kill group " + group + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String exitOf(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
