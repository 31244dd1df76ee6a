package org.kepu.shared.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * One event loop per core. Reactor Netty starts {@code max(cores, 4)} loops for the HTTP server and as many for the
 * R2DBC connections; on fewer than four cores the extra loops only take turns on the same cores, and every turn is a
 * context switch. Kepu never blocks a loop (BlockHound watches the integration tests), so it needs no spare ones:
 * with the app on one core, check-ins went from 5,287–6,123/s with the default to 6,083–8,226/s with one loop
 * (infra/bench, {@code 2026-11-24T215813Z} and {@code 222843Z}). {@code kepu.web.io-threads} (default: the cores
 * this JVM may use) becomes Reactor Netty's {@code reactor.netty.ioWorkerCount}, unless that system property is set
 * already. It runs before the application context, since Reactor Netty reads the property once, when it starts.
 */
public final class EventLoops implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "kepu.web.io-threads";
    static final String REACTOR_NETTY = "reactor.netty.ioWorkerCount";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(REACTOR_NETTY) != null) {
            return;
        }
        int loops = environment.getProperty(
                PROPERTY, Integer.class, Runtime.getRuntime().availableProcessors());
        if (loops < 1) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 1, was " + loops);
        }
        System.setProperty(REACTOR_NETTY, Integer.toString(loops));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the config files and the environment are read
    }
}
