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
        Path home = distributions.postgres(VERSION);
        Path folder = run.folder("postgres");
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
                        "-c",
                        "max_connections=200",
                        "-c",
                        "shared_buffers=128MB"),
                Map.of("LC_ALL", "C"),
                folder,
                log,
                true);
        // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit
        Engine engine = new Engine("postgres", process, log, port, "INT");
        run.register(process);
        awaitAndCreateDatabase(engine);
        return engine;
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
