package org.kepu.discovery;

import java.util.List;

/**
 * How far the search index trails PostgreSQL.
 *
 * @param pending outbox rows not yet indexed
 * @param dead rows given up on after repeated refusals; {@code deadLetters} lists the first of them
 * @param lagSeconds age of the oldest pending row
 * @param waiting whether indexing waits for Elasticsearch to come back
 */
public record IndexStatus(
        String alias, long pending, long dead, double lagSeconds, boolean waiting, List<DeadLetter> deadLetters) {

    /** One outbox row the indexer gave up on. */
    public record DeadLetter(long outboxId, String activityId, int attempts, String lastError) {}
}
