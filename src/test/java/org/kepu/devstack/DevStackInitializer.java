package org.kepu.devstack;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the dev stack, starting it on first use. Tests share one database
 * unless they set {@code kepu.devstack.database}.
 */
public class DevStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // BlockHound must instrument the JDK before any scheduler or event-loop thread exists: installing it
        // while threads are parked inside instrumented methods corrupts their locks (seen with PER_CLASS tests)
        BlockHoundExtension.install();
        DevStack stack = DevStack.get();
        Map<String, Object> properties = new LinkedHashMap<>(stack.springProperties());
        // a test that must not share state names its own database: kepu.devstack.database=…
        String database = context.getEnvironment().getProperty("kepu.devstack.database");
        if (database != null) {
            stack.ensureDatabase(database);
            properties.put("kepu.db.name", database);
            properties.put("kepu.discovery.index-alias", "activities_" + database); // its own search index too
        }
        // kepu.devstack.read-replica=true: a primary of its own with a streaming standby as the read replica
        if (Boolean.parseBoolean(context.getEnvironment().getProperty("kepu.devstack.read-replica", "false"))) {
            DevStack.ReplicaPair pair = stack.replicaPair();
            properties.put("kepu.db.port", Integer.toString(pair.primaryPort()));
            properties.put("kepu.db.name", "kepu");
            properties.put(
                    "kepu.datasource.read-replica.url", "r2dbc:postgresql://127.0.0.1:" + pair.standbyPort() + "/kepu");
            properties.put("kepu.datasource.read-replica.username", "kepu");
            context.getBeanFactory().registerSingleton("replicaPair", pair);
        }
        // kepu.devstack.proxies=elasticsearch,postgres,redis puts a TcpProxy bean (e.g. "elasticsearchProxy")
        // between the app and each named engine, for tests that cut or freeze it
        String proxies = context.getEnvironment().getProperty("kepu.devstack.proxies", "");
        for (String engine : proxies.split(",")) {
            if (!engine.isBlank()) {
                proxy(context, stack, engine.strip(), properties);
            }
        }
        // what a test sets itself (@TestPropertySource) wins over the stack, e.g. an unreachable Elasticsearch
        var inlined = context.getEnvironment().getPropertySources().get("Inlined Test Properties");
        if (inlined != null) {
            properties.keySet().removeIf(inlined::containsProperty);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("devstack", properties));
    }

    private static void proxy(
            ConfigurableApplicationContext context, DevStack stack, String engine, Map<String, Object> properties) {
        TcpProxy proxy = switch (engine) {
            case "elasticsearch" -> new TcpProxy(engine, stack.elasticsearchPort());
            case "postgres" -> new TcpProxy(engine, stack.postgresPort());
            case "redis" -> new TcpProxy(engine, stack.redisPort());
            default -> throw new IllegalArgumentException("no engine called " + engine);
        };
        switch (engine) {
            case "elasticsearch" -> properties.put("spring.elasticsearch.uris", "http://127.0.0.1:" + proxy.port());
            case "postgres" -> properties.put("kepu.db.port", Integer.toString(proxy.port()));
            default -> properties.put("spring.data.redis.port", Integer.toString(proxy.port()));
        }
        context.getBeanFactory().registerSingleton(engine + "Proxy", proxy);
        context.addApplicationListener(
                (org.springframework.context.ApplicationListener<org.springframework.context.event.ContextClosedEvent>)
                        closed -> proxy.close());
    }
}
