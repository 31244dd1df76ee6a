package org.kepu.shared.engines;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.transport.ElasticsearchTransport;
import io.lettuce.core.ClientOptions;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Client settings for the engines beyond what Spring Boot sets from {@code spring.*} properties. Every
 * remote call must fail within a bound: timeouts themselves come from configuration.
 */
@Configuration(proxyBeanMethods = false)
class EngineClients {

    /** The non-blocking Elasticsearch client, over the transport Spring Boot configures (timeouts included). */
    @Bean
    ElasticsearchAsyncClient elasticsearchAsyncClient(ElasticsearchTransport transport) {
        // the client finds its JSON provider through ServiceLoader (reading jars) the first time it parses an
        // untyped value, such as a bulk item's error; do it here rather than on an event loop later
        co.elastic.clients.json.JsonpUtils.systemProvider();
        return new ElasticsearchAsyncClient(transport);
    }

    /**
     * Spring Data Redis (browser sessions) makes its shared connection on first use, under a lock, on the
     * caller's thread: an event loop, which would then wait for the connect. Made at startup instead.
     */
    @Bean
    static BeanPostProcessor connectRedisAtStartup() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof LettuceConnectionFactory factory) {
                    factory.setEagerInitialization(true);
                }
                return bean;
            }
        };
    }

    /**
     * Lettuce buffers commands without bound while disconnected by default; with Redis gone that grows the
     * heap and hangs callers. Rejecting at once lets callers fall back (caches bypassed, local limits).
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true);
    }
}
