package org.kepu.shared.engines;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Where lag-tolerant reads go: the configured read replica, or the primary when there is none. Only reads
 * that may be a moment behind use it (search's PostgreSQL fallback, statistics); anything that reads its
 * own writes stays on the primary.
 */
@Component
public class ReadReplica implements DisposableBean {

    private final DatabaseClient reads;
    private final ConnectionPool pool;

    ReadReplica(DatabaseClient primary, ReadReplicaProperties properties) {
        if (properties.url().filter(url -> !url.isBlank()).isEmpty()) {
            this.reads = primary;
            this.pool = null;
            return;
        }
        ConnectionFactoryOptions.Builder options =
                ConnectionFactoryOptions.parse(properties.url().get()).mutate();
        properties.username().ifPresent(user -> options.option(ConnectionFactoryOptions.USER, user));
        properties.password().ifPresent(password -> options.option(ConnectionFactoryOptions.PASSWORD, password));
        options.option(ConnectionFactoryOptions.CONNECT_TIMEOUT, Duration.ofSeconds(3));
        this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options.build()))
                .maxSize(properties.maxSize())
                .initialSize(0)
                .maxAcquireTime(properties.maxAcquireTime())
                .maxIdleTime(Duration.ofMinutes(5))
                .validationQuery("SELECT 1")
                .build());
        this.reads = DatabaseClient.create(pool);
    }

    /** The client for lag-tolerant reads. */
    public DatabaseClient reads() {
        return reads;
    }

    /** Whether a replica is configured (otherwise {@link #reads()} is the primary). */
    public boolean configured() {
        return pool != null;
    }

    @Override
    public void destroy() {
        if (pool != null) {
            pool.disposeLater().subscribe();
        }
    }
}
