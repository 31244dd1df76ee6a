package org.kepu.discovery;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The physical index behind the {@code activities} alias. Its name carries a hash of the definition
 * (activities.json), so a changed mapping is a new index: built beside the old one, loaded, and swapped in
 * atomically; searches use the alias throughout.
 */
final class SearchIndex {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ElasticsearchAsyncClient client;
    private final String alias;
    private final String definition;
    private final String hash;
    private final int replicas;
    private final Clock clock;

    /**
     * @param shards primary shards of new indices; part of the name's hash (a change needs a new index)
     * @param replicas copies of each shard; not in the hash (Elasticsearch changes it on a live index)
     */
    SearchIndex(ElasticsearchAsyncClient client, String alias, int shards, int replicas, Clock clock) {
        this.client = client;
        this.alias = alias;
        this.replicas = replicas;
        this.clock = clock;
        String file;
        try (InputStream in = SearchIndex.class.getClassLoader().getResourceAsStream("search/activities.json")) {
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read search/activities.json", e);
        }
        this.definition = withShards(file, shards, replicas);
        // the file's own shard count (1) hashes as the file alone, so existing indices keep their names
        this.hash = sha256(shards == 1 ? file : file + "\nnumber_of_shards=" + shards);
    }

    private static String withShards(String file, int shards, int replicas) {
        tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.shared();
        tools.jackson.databind.node.ObjectNode root = (tools.jackson.databind.node.ObjectNode) mapper.readTree(file);
        tools.jackson.databind.node.ObjectNode settings = (tools.jackson.databind.node.ObjectNode) root.get("settings");
        settings.put("number_of_shards", shards);
        settings.put("number_of_replicas", replicas);
        return mapper.writeValueAsString(root);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The index definition sent on creation: activities.json with the configured shards and replicas. */
    String definition() {
        return definition;
    }

    String alias() {
        return alias;
    }

    /** The prefix of physical indices built from the current definition. */
    String currentPrefix() {
        return alias + "-" + hash;
    }

    /** The physical index the alias points at, or empty. */
    Mono<List<String>> aliasTargets() {
        return Mono.fromFuture(
                        () -> client.indices().getAlias(g -> g.name(alias).ignoreUnavailable(true)))
                .map(r -> List.copyOf(r.aliases().keySet()))
                .onErrorResume(
                        co.elastic.clients.elasticsearch._types.ElasticsearchException.class, e -> Mono.just(List.of()))
                .timeout(TIMEOUT);
    }

    /** Creates a new physical index from the definition (not yet behind the alias). */
    Mono<String> createPhysical() {
        String name = currentPrefix() + "-" + clock.millis();
        return Mono.fromFuture(() -> client.indices().create(c -> json(c.index(name), definition)))
                .timeout(TIMEOUT)
                .thenReturn(name);
    }

    /**
     * Sets the configured replica count on the live index (a no-op when it has it already): replicas are
     * dynamic, so changing them never rebuilds. A refusal is logged, not fatal: search works either way.
     */
    Mono<Void> applyReplicas() {
        return Mono.fromFuture(() -> client.indices()
                        .putSettings(p -> p.index(alias).settings(s -> s.numberOfReplicas(Integer.toString(replicas)))))
                .timeout(TIMEOUT)
                .then()
                .onErrorResume(e -> {
                    log.warn("search index {}: could not set {} replicas: {}", alias, replicas, e.toString());
                    return Mono.empty();
                });
    }

    /** Points the alias at {@code index} alone, in one atomic step, and deletes the indices it left. */
    Mono<Void> swapAlias(String index, List<String> previous) {
        // one atomic request: off every physical index (whoever attached it), then onto the new one
        return Mono.fromFuture(() -> client.indices()
                        .updateAliases(u -> u.actions(a -> a.remove(
                                        r -> r.index(alias + "-*").alias(alias).mustExist(false)))
                                .actions(a -> a.add(add -> add.index(index).alias(alias)))))
                .timeout(TIMEOUT)
                .then(
                        previous.isEmpty()
                                ? Mono.empty()
                                : Mono.fromFuture(() -> client.indices().delete(d -> d.index(previous)))
                                        .timeout(TIMEOUT)
                                        .then())
                .doOnSuccess(v -> log.info("search alias {} now points at {} (was {})", alias, index, previous));
    }

    /** Upserts (with external versions, so stale writes lose) and deletes, in one bulk request. */
    Mono<Void> bulk(
            String index, Map<String, Map<String, Object>> upserts, Map<String, Long> versions, List<String> deletes) {
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return Mono.empty();
        }
        // through the alias only if it exists: never let Elasticsearch auto-create a dynamically mapped index
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index).requireAlias(index.equals(alias));
        upserts.forEach((id, doc) -> bulk.operations(BulkOperation.of(op ->
                op.index(i -> i.id(id).document(doc).version(versions.get(id)).versionType(VersionType.ExternalGte)))));
        for (String id : deletes) {
            bulk.operations(BulkOperation.of(
                    op -> op.delete(d -> d.id(id).version(versions.get(id)).versionType(VersionType.ExternalGte))));
        }
        return Mono.fromFuture(() -> client.bulk(bulk.build())).timeout(TIMEOUT).flatMap(response -> {
            var failures = response.items().stream()
                    .filter(item -> item.error() != null)
                    // an older version arriving late is harmless; any other refusal (a missing index
                    // included, which is also a 404) is not
                    .filter(item -> item.status() != 409)
                    .toList();
            return failures.isEmpty()
                    ? Mono.empty()
                    : Mono.error(new IndexingRejected(
                            failures.size(),
                            failures.get(0).error().type() + ": "
                                    + failures.get(0).error().reason()));
        });
    }

    /**
     * Elasticsearch answered but refused some items. Unlike an outage (no answer at all), retrying the same
     * items may fail forever, so these count towards the dead-letter limit.
     */
    static final class IndexingRejected extends RuntimeException {
        IndexingRejected(int items, String firstReason) {
            super("Elasticsearch refused " + items + " items, first: " + firstReason, null, false, false);
        }
    }

    /**
     * Reads a JSON body with the client's own mapper. {@code withJson(Reader)} would look the JSON provider
     * up through ServiceLoader, reading jars, on every call.
     */
    <B extends co.elastic.clients.json.WithJson<B>> B json(B builder, String body) {
        co.elastic.clients.json.JsonpMapper mapper = client._jsonpMapper();
        try (jakarta.json.stream.JsonParser parser = mapper.jsonProvider().createParser(new StringReader(body))) {
            return builder.withJson(parser, mapper);
        }
    }

    Mono<Void> refresh() {
        return refresh(alias);
    }

    /** Makes everything written so far to {@code target} visible to searches. */
    Mono<Void> refresh(String target) {
        return Mono.fromFuture(() -> client.indices().refresh(r -> r.index(target)))
                .timeout(TIMEOUT)
                .then();
    }
}
