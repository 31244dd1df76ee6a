package org.kepu;

import org.kepu.devstack.DevStack;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform on the dev stack: real PostgreSQL, Redis and Elasticsearch started from Maven
 * artifacts, migrations, demo data, the front end. Run it with {@code ./mvnw spring-boot:test-run}.
 */
public class TestKepuApplication {

    public static void main(String[] args) {
        DevStack.get().springProperties().forEach(System::setProperty);
        SpringApplication app = new SpringApplication(KepuApplication.class);
        app.setAdditionalProfiles("dev");
        ConfigurableApplicationContext context = app.run(args);
        String port = context.getEnvironment().getProperty("local.server.port");
        System.out.printf(
                "%n  Kepu is running at http://localhost:%s/%n  Health: http://localhost:%s/actuator/health%n"
                        + "  Press Ctrl-C to stop it and its engines.%n%n",
                port, port);
    }
}
