package org.kepu.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder one JVM's engines live in, under {@code <tmp>/kepu-devstack/runs/}. It records the owning
 * JVM and every engine's process group, so that
 * <ul>
 *   <li>a watchdog process stops the engines if the JVM dies without running its shutdown hooks
 *       ({@code kill -9});
 *   <li>the next run removes what a crashed run left behind (processes and folders).
 * </ul>
 */
final class RunDirectory {

    private static final String OWNER = "owner";
    private static final String ENGINES = "engines";

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    static Path base() {
        return Path.of(System.getProperty("java.io.tmpdir"), "kepu-devstack");
    }

    /** Cleans up after dead runs, then creates this JVM's run folder and its watchdog. */
    static RunDirectory create() throws IOException {
        Path runs = base().resolve("runs");
        Files.createDirectories(runs);
        reapDeadRuns(runs);
        ProcessHandle self = ProcessHandle.current();
        Path root = runs.resolve(self.pid() + "-" + System.currentTimeMillis());
        Files.createDirectories(root);
        // engines running as another user must be able to reach their folders below this one
        root.toFile().setExecutable(true, false);
        root.toFile().setReadable(true, false);
        Files.writeString(
                root.resolve(OWNER), self.pid() + " " + startMillis(self).orElse(0L));
        Files.writeString(root.resolve(ENGINES), "");
        RunDirectory run = new RunDirectory(root);
        run.startWatchdog(self.pid());
        return run;
    }

    Path path() {
        return root;
    }

    Path folder(String name) throws IOException {
        Path folder = root.resolve(name);
        Files.createDirectories(folder);
        return folder;
    }

    /** Records an engine's process group so that it can be stopped even after this JVM is gone. */
    void register(Process engine) {
        String line = engine.pid() + " " + startMillis(engine.toHandle()).orElse(0L) + "\n";
        try {
            Files.writeString(root.resolve(ENGINES), line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete() {
        deleteTree(root);
    }

    /**
     * A detached shell that waits for the JVM to disappear, then terminates each engine's process group,
     * kills what is left after a grace period, and removes the run folder.
     */
    private void startWatchdog(long jvmPid) throws IOException {
        String engines = root.resolve(ENGINES).toString();
        String script = "while kill -0 " + jvmPid + " 2>/dev/null; do sleep 1; done; "
                + "[ -f '" + engines + "' ] || exit 0; "
                + "for p in $(cut -d' ' -f1 '" + engines + "'); do kill -TERM -$p 2>/dev/null; done; "
                + "sleep 8; "
                + "for p in $(cut -d' ' -f1 '" + engines + "'); do kill -KILL -$p 2>/dev/null; done; "
                + "rm -rf '" + root + "'";
        new ProcessBuilder("setsid", "sh", "-c", script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void reapDeadRuns(Path runs) throws IOException {
        List<Path> dead = new ArrayList<>();
        try (Stream<Path> children = Files.list(runs)) {
            children.filter(Files::isDirectory).forEach(run -> {
                if (!ownerAlive(run)) {
                    dead.add(run);
                }
            });
        }
        for (Path run : dead) {
            killRecordedEngines(run);
            deleteTree(run);
            System.out.println("[devstack] removed leftovers of an earlier run: " + run);
        }
    }

    private static boolean ownerAlive(Path run) {
        try {
            String[] owner = Files.readString(run.resolve(OWNER)).trim().split(" ");
            return sameProcessAlive(Long.parseLong(owner[0]), Long.parseLong(owner[1]));
        } catch (IOException | RuntimeException e) {
            // no readable owner yet: a run still starting in another JVM, unless it is long abandoned
            try {
                return Files.getLastModifiedTime(run)
                        .toInstant()
                        .isAfter(Instant.now().minusSeconds(600));
            } catch (IOException gone) {
                return true; // removed meanwhile: nothing to reap
            }
        }
    }

    private static void killRecordedEngines(Path run) {
        try {
            for (String line : Files.readAllLines(run.resolve(ENGINES))) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && sameProcessAlive(Long.parseLong(parts[0]), Long.parseLong(parts[1]))) {
                    new ProcessBuilder("kill", "-KILL", "--", "-" + parts[0])
                            .start()
                            .waitFor();
                }
            }
        } catch (IOException e) {
            // nothing recorded: nothing to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Alive and the same process (not a recycled pid): the start time must match what was recorded. */
    private static boolean sameProcessAlive(long pid, long recordedStart) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(RunDirectory::startMillis)
                .map(start -> start == recordedStart)
                .orElse(false);
    }

    private static Optional<Long> startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli);
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a later run retries
        }
    }
}
