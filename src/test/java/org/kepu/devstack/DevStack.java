package org.kepu.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Real PostgreSQL, Redis and Elasticsearch for tests and the dev entry point, started once per JVM as
 * child processes on free loopback ports from Maven-resolved artifacts (no Docker). They stop when the
 * JVM exits; if it is killed outright, a watchdog stops them, and the next run removes any leftovers.
 */
public final class DevStack {

    private static DevStack instance;

    private final RunDirectory run;
    private final Engine postgres;
    private final Engine redis;
    private final Engine elasticsearch;

    private DevStack(RunDirectory run, Engine postgres, Engine redis, Engine elasticsearch) {
        this.run = run;
        this.postgres = postgres;
        this.redis = redis;
        this.elasticsearch = elasticsearch;
    }

    /** The running stack, started on first use. */
    public static synchronized DevStack get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static DevStack start() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            throw new IllegalStateException("the dev stack runs on Linux; elsewhere point Kepu at your own engines");
        }
        long started = System.nanoTime();
        try {
            RunDirectory run = RunDirectory.create();
            Distributions distributions = new Distributions();
            // Elasticsearch is the slow one; PostgreSQL and Redis start while it boots
            CompletableFuture<Engine> es =
                    CompletableFuture.supplyAsync(() -> call(() -> Elasticsearch.start(run, distributions)));
            CompletableFuture<Engine> pg =
                    CompletableFuture.supplyAsync(() -> call(() -> Postgres.start(run, distributions)));
            CompletableFuture<Engine> redis =
                    CompletableFuture.supplyAsync(() -> call(() -> Redis.start(run, distributions)));
            DevStack stack;
            try {
                stack = new DevStack(run, pg.join(), redis.join(), es.join());
            } catch (CompletionException e) {
                // stop whatever did start before giving up
                // (the watchdog removes the run folder once this JVM exits)
                for (CompletableFuture<Engine> engine : List.of(es, pg, redis)) {
                    engine.thenAccept(up -> up.stop(Duration.ofSeconds(5)));
                }
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-stop"));
            System.out.printf(
                    "[devstack] PostgreSQL :%d, Redis :%d, Elasticsearch :%d ready in %d ms (%s)%n",
                    stack.postgres.port(),
                    stack.redis.port(),
                    stack.elasticsearch.port(),
                    (System.nanoTime() - started) / 1_000_000,
                    run.path());
            return stack;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the dev stack could not start: " + e.getMessage(), e);
        }
    }

    /** Spring properties that point the app at this stack. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kepu.db.host", "127.0.0.1");
        properties.put("kepu.db.port", Integer.toString(postgres.port()));
        properties.put("kepu.db.name", Postgres.DATABASE);
        properties.put("kepu.db.username", Postgres.USER);
        properties.put("kepu.db.password", "");
        properties.put("spring.data.redis.host", "127.0.0.1");
        properties.put("spring.data.redis.port", Integer.toString(redis.port()));
        properties.put("spring.elasticsearch.uris", "http://127.0.0.1:" + elasticsearch.port());
        return properties;
    }

    /** Creates a further database on the same PostgreSQL (once), for tests that must not share state. */
    public synchronized void ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("database names are lower-case identifiers: " + name);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        Postgres.jdbcUrl(postgres.port(), "postgres"), Postgres.USER, "");
                java.sql.Statement statement = c.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    public String jdbcUrl() {
        return Postgres.jdbcUrl(postgres.port(), Postgres.DATABASE);
    }

    public int postgresPort() {
        return postgres.port();
    }

    public int redisPort() {
        return redis.port();
    }

    public int elasticsearchPort() {
        return elasticsearch.port();
    }

    /** Process ids of the engines (for tests that check nothing is left behind). */
    public List<Long> enginePids() {
        return List.of(postgres.pid(), redis.pid(), elasticsearch.pid());
    }

    /** The folder this JVM's engines keep their data and logs in; it is gone once they are stopped. */
    public Path runDirectory() {
        return run.path();
    }

    /** A primary with a streaming standby of its own, for read-replica tests. */
    public record ReplicaPair(int primaryPort, int standbyPort) {}

    private final List<Engine> extra = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ReplicaPair replicaPair;

    /** Starts (once) a separate PostgreSQL primary and a standby streaming from it. */
    public synchronized ReplicaPair replicaPair() {
        if (replicaPair == null) {
            Distributions distributions = new Distributions();
            Engine primary = call(() -> Postgres.start(run, distributions, "replica-primary"));
            extra.add(primary);
            Engine standby = call(
                    () -> Postgres.standby(run, distributions, "replica-primary", primary.port(), "replica-standby"));
            extra.add(standby);
            replicaPair = new ReplicaPair(primary.port(), standby.port());
        }
        return replicaPair;
    }

    private void stop() {
        extra.parallelStream().forEach(engine -> engine.stop(Duration.ofSeconds(20)));
        List.of(elasticsearch, redis, postgres).parallelStream().forEach(engine -> engine.stop(Duration.ofSeconds(20)));
        run.delete();
    }

    private interface Start {
        Engine call() throws Exception;
    }

    /** Starts an engine, again on a new port if its port was taken between choosing and binding it. */
    private static Engine call(Start start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.call();
            } catch (Exception e) {
                if (attempt < 3 && Engine.portTaken(e)) {
                    System.out.println("[devstack] port taken meanwhile, retrying: "
                            + e.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
