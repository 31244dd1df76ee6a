package org.kepu.devstack;

import java.time.Clock;
import java.time.Duration;
import org.kepu.KepuApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The benchmark harness's entry point ({@code infra/bench}): the dev stack and the app (dev profile) in one
 * JVM, at a clock shifted by {@code kepu.bench.clock-offset} so that check-in windows are open, printing
 * the engines' ports and the app's port as one-line JSON the harness parses.
 */
public final class BenchApp {

    private BenchApp() {}

    public static void main(String[] args) {
        DevStack stack = DevStack.get();
        System.out.printf(
                "BENCH-STACK {\"postgres\":%d,\"redis\":%d,\"elasticsearch\":%d,\"database\":\"%s\",\"user\":\"%s\""
                        + ",\"pids\":%s}%n",
                stack.postgresPort(),
                stack.redisPort(),
                stack.elasticsearchPort(),
                Postgres.DATABASE,
                Postgres.USER,
                stack.enginePids());
        stack.springProperties().forEach(System::setProperty);
        SpringApplication app = new SpringApplication(KepuApplication.class, ShiftedClock.class);
        app.setAdditionalProfiles("dev");
        ConfigurableApplicationContext context = app.run(args);
        System.out.printf("BENCH-APP {\"port\":%s}%n", context.getEnvironment().getProperty("local.server.port"));
        System.out.flush();
    }

    /** Replaces the app's clock; not a stereotype, so only this entry point picks it up. */
    static class ShiftedClock {
        @Bean
        @Primary
        Clock benchClock() {
            return Clock.offset(
                    Clock.systemUTC(), Duration.parse(System.getProperty("kepu.bench.clock-offset", "PT0S")));
        }
    }
}
