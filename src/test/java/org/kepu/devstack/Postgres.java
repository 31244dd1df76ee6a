package org.kepu.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** PostgreSQL 18 from the zonky binaries: initdb into the run folder, then the postmaster in the foreground. */
final class Postgres {

    static final String VERSION = "18.6.0";
    static final String USER = "kepu";
    static final String DATABASE = "kepu";

    private Postgres() {}

    static Engine start(RunDirectory run, Distributions distributions) throws IOException, InterruptedException {
        return start(run, distributions, "postgres");
    }

    /** A primary in the run folder's {@code name} sub-folder. */
    static Engine start(RunDirectory run, Distributions distributions, String name)
            throws IOException, InterruptedException {
        Path home = distributions.postgres(VERSION);
        Path folder = run.folder(name);
        Path data = folder.resolve("data");
        if (java.nio.file.Files.exists(data.resolve("PG_VERSION"))) {
            return serve(run, home, folder, data); // a retry after a port clash: the cluster exists
        }
        Shell.giveToEngineUser(folder);
        List<String> initdb = new java.util.ArrayList<>(Shell.asEngineUser());
        initdb.addAll(List.of(
                home.resolve("bin/initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync"));
        Shell.output(initdb.toArray(String[]::new));
        return serve(run, home, folder, data);
    }

    private static Engine serve(RunDirectory run, Path home, Path folder, Path data)
            throws IOException, InterruptedException {
        return serve(run, home, folder, data, true);
    }

    private static Engine serve(RunDirectory run, Path home, Path folder, Path data, boolean primary)
            throws IOException, InterruptedException {
        int port = Engine.freePort();
        Path log = folder.resolve("postgres.log");
        Process process = Shell.startEngine(
                List.of(
                        home.resolve("bin/postgres").toString(),
                        "-D",
                        data.toString(),
                        "-p",
                        Integer.toString(port),
                        "-c",
                        "listen_addresses=127.0.0.1",
                        "-c",
                        "unix_socket_directories=" + folder,
                        // the test JVM keeps up to 32 application contexts, each with a pool of up to 20, while
                        // ScaleOutIT and the crash tests start app processes with pools of their own: 200 ran out
                        // ("too many clients already") in one CI run
                        "-c",
                        "max_connections=500",
                        "-c",
                        "shared_buffers=128MB",
                        // per-statement costs for the benchmark and for operators (CREATE EXTENSION to read them)
                        "-c",
                        "shared_preload_libraries=pg_stat_statements"),
                Map.of("LC_ALL", "C"),
                folder,
                log,
                true);
        // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit
        Engine engine = new Engine("postgres", process, log, port, "INT");
        run.register(process);
        if (primary) {
            awaitAndCreateDatabase(engine);
        } else {
            awaitReadable(engine);
        }
        return engine;
    }

    /**
     * A streaming-replication standby of the primary in {@code primaryName}, made with the low-level backup
     * API (the zonky binaries have no pg_basebackup): a replication slot keeps the WAL, the data folder is
     * copied between pg_backup_start and pg_backup_stop, and the standby streams from the primary.
     */
    static Engine standby(
            RunDirectory run, Distributions distributions, String primaryName, int primaryPort, String name)
            throws IOException, InterruptedException {
        Path home = distributions.postgres(VERSION);
        Path source = run.folder(primaryName).resolve("data");
        Path folder = run.folder(name);
        Path data = folder.resolve("data");
        String slot = name.replace('-', '_');
        try (Connection connection = DriverManager.getConnection(jdbcUrl(primaryPort, "postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            statement.execute("SELECT pg_backup_start('" + name + "', true)");
            copyData(source, data);
            try (var label = statement.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) {
                label.next();
                java.nio.file.Files.writeString(data.resolve("backup_label"), label.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not make a standby: " + e.getMessage(), e);
        }
        java.nio.file.Files.writeString(data.resolve("standby.signal"), "");
        java.nio.file.Files.writeString(
                data.resolve("postgresql.auto.conf"),
                "primary_conninfo = 'host=127.0.0.1 port=" + primaryPort + " user=" + USER + "'\n"
                        + "primary_slot_name = '" + slot + "'\n",
                java.nio.file.StandardOpenOption.APPEND);
        Shell.giveToEngineUser(folder);
        Shell.output("chmod", "700", data.toString());
        return serve(run, home, folder, data, false);
    }

    /** The data folder without what a backup leaves out: the pid file, WAL segments and slots. */
    private static void copyData(Path source, Path target) throws IOException {
        try (var paths = java.nio.file.Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = source.relativize(path);
                String first =
                        relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
                Path to = target.resolve(relative.toString());
                if (first.equals("pg_replslot") && relative.getNameCount() > 1) {
                    continue; // the primary's slots (the standby's own among them) stay with the primary
                }
                if (java.nio.file.Files.isDirectory(path)) {
                    java.nio.file.Files.createDirectories(to);
                } else if (!relative.toString().startsWith("postmaster.")
                        && !first.equals("pg_wal")
                        && !first.equals("pg_replslot")
                        && !path.getFileName().toString().endsWith(".log")) {
                    try {
                        java.nio.file.Files.copy(path, to);
                    } catch (java.nio.file.NoSuchFileException vanished) {
                        // a temporary file removed while copying: the WAL replay recreates what matters
                    }
                }
            }
        }
    }

    private static void awaitReadable(Engine engine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            engine.requireAlive();
            try (Connection connection = DriverManager.getConnection(jdbcUrl(engine.port(), DATABASE), USER, "");
                    Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the standby did not accept connections:\n" + engine.tail(30), e);
                }
                Thread.sleep(100);
            }
        }
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static void awaitAndCreateDatabase(Engine engine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            engine.requireAlive();
            try (Connection connection = DriverManager.getConnection(jdbcUrl(engine.port(), "postgres"), USER, "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not accept connections:\n" + engine.tail(30), e);
                }
                Thread.sleep(100);
            }
        }
    }
}
