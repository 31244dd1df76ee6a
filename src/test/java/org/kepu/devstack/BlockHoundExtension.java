package org.kepu.devstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once per JVM before any integration test (and, through {@link DevStackInitializer},
 * before any Spring test context starts its threads): a blocking call on an event-loop or
 * parallel thread then fails the request (and the test) instead of quietly stalling everyone else.
 */
public class BlockHoundExtension implements BeforeAllCallback {

    private static boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    static synchronized void install() {
        if (!installed) {
            BlockHound.install(builder -> builder
                    // SecureRandom (UUID.randomUUID, session ids, CSRF tokens) reads /dev/urandom, which
                    // never blocks on Linux once the kernel's pool is initialised at boot. Only that read
                    // is allowed; any other file or socket I/O on an event loop still fails.
                    .allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes")
                    .allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implGenerateSeed")
                    // Netty 4.2's adaptive buffer allocator briefly takes a StampedLock when it grows its
                    // magazines; it is Netty's own event-loop code, bounded and uncontended in practice
                    .allowBlockingCallsInside(
                            "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
                    // the Elasticsearch client's HTTP engine (Apache HttpCore 5) takes an I/O session's lock for
                    // the moment it changes the session's interest set; only its own I/O reactor thread contends,
                    // and never across I/O (seen once when a request was
                    // submitted from an event loop during an index rebuild)
                    .allowBlockingCallsInside("org.apache.hc.core5.reactor.IOSessionImpl", "setEvent")
                    .allowBlockingCallsInside("org.apache.hc.core5.reactor.IOSessionImpl", "clearEvent")
                    .allowBlockingCallsInside("org.apache.hc.core5.reactor.IOSessionImpl", "setEventMask")
                    // ... and its connection pool's lock, held while a connection is leased or given back (pool
                    // bookkeeping in memory, never I/O; seen when two searches started on two event loops at once)
                    .allowBlockingCallsInside("org.apache.hc.core5.pool.StrictConnPool", "lease")
                    .allowBlockingCallsInside("org.apache.hc.core5.pool.StrictConnPool", "release")
                    // Lettuce guards each connection's command buffer with a lock held only while a command is
                    // handed to the channel. It must be allowed: DefaultEndpoint.write calls incrementWriters()
                    // inside a try whose finally decrements, so a BlockingOperationError thrown from the contended
                    // lock leaves the writer count at -1 and every later write on that connection spins forever
                    // (the hang seen in CI after the check-in flood).
                    .allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters")
                    .allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive")
                    // Spring Data Redis (sessions) hands out its shared connection under the factory's lock on every
                    // call, held only to read or set that field (the connection itself is made at startup, see
                    // EngineClients); contended, it parks (a 500 in BrowserIT). Allowed at doInLock, the one method
                    // every path to that lock goes through: a BlockingOperationError thrown from inside the lock's
                    // queue leaves the lock broken, held by no thread, and every later caller waits forever (what
                    // happened when only one of the two paths, getOrCreateSharedReactiveConnection, was allowed).
                    .allowBlockingCallsInside(
                            "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory", "doInLock"));
            installed = true;
        }
    }
}
