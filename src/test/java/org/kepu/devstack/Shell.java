package org.kepu.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs short commands and starts engine processes, as an unprivileged user when we are root. */
final class Shell {

    private static final String RUN_AS = "nobody";
    private static volatile Boolean root;

    private Shell() {}

    static boolean isRoot() {
        if (root == null) {
            root = "0".equals(output("id", "-u"));
        }
        return root;
    }

    /** Runs a command to completion and returns its trimmed standard output; fails on a non-zero exit. */
    static String output(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "'" + String.join(" ", command) + "' exited " + process.exitValue() + ":\n" + out);
            }
            return out.trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Hands a folder to the user engines run as (PostgreSQL and Elasticsearch refuse to run as root). */
    static void giveToEngineUser(Path folder) {
        if (isRoot()) {
            output("chown", "-R", RUN_AS + ":" + output("id", "-gn", RUN_AS), folder.toString());
        }
    }

    /** A command prefix that drops root privileges, or nothing when we are not root. */
    static List<String> asEngineUser() {
        if (!isRoot()) {
            return List.of();
        }
        return List.of(
                "setpriv",
                "--reuid=" + output("id", "-u", RUN_AS),
                "--regid=" + output("id", "-g", RUN_AS),
                "--clear-groups",
                "--");
    }

    /**
     * Starts an engine in a session of its own ({@code setsid}): terminal signals do not reach it, and the
     * whole process group (engine plus its children) can be stopped as one.
     */
    static Process startEngine(List<String> command, Map<String, String> env, Path workDir, Path log, boolean dropRoot)
            throws IOException {
        List<String> full = new ArrayList<>();
        full.add("setsid");
        if (dropRoot) {
            full.addAll(asEngineUser());
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        return builder.start();
    }
}
