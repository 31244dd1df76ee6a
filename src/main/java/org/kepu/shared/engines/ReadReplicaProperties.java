package org.kepu.shared.engines;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An optional PostgreSQL read replica (streaming replication) for reads that tolerate a little lag: the
 * search fallback and statistics. Writes always go to the primary.
 *
 * @param url R2DBC URL of the replica, e.g. {@code r2dbc:postgresql://replica:5432/kepu}; empty: no replica
 * @param maxSize connections to the replica per instance
 */
@ConfigurationProperties("kepu.datasource.read-replica")
public record ReadReplicaProperties(
        Optional<String> url,
        Optional<String> username,
        Optional<String> password,
        @DefaultValue("10") int maxSize,
        @DefaultValue("3s") Duration maxAcquireTime) {}
