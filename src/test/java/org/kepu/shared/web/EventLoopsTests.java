package org.kepu.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EventLoopsTests {

    String before;

    @BeforeEach
    void clear() {
        before = System.getProperty(EventLoops.REACTOR_NETTY);
        System.clearProperty(EventLoops.REACTOR_NETTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(EventLoops.REACTOR_NETTY);
        } else {
            System.setProperty(EventLoops.REACTOR_NETTY, before);
        }
    }

    @Test
    void oneLoopPerCoreByDefault() {
        new EventLoops().postProcessEnvironment(new StandardEnvironment(), new SpringApplication());
        assertThat(System.getProperty(EventLoops.REACTOR_NETTY))
                .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void theSettingChoosesTheCount() {
        new EventLoops().postProcessEnvironment(environment("3"), new SpringApplication());
        assertThat(System.getProperty(EventLoops.REACTOR_NETTY)).isEqualTo("3");
    }

    @Test
    void anExplicitReactorNettyPropertyWins() {
        System.setProperty(EventLoops.REACTOR_NETTY, "6");
        new EventLoops().postProcessEnvironment(environment("3"), new SpringApplication());
        assertThat(System.getProperty(EventLoops.REACTOR_NETTY)).isEqualTo("6");
    }

    @Test
    void lessThanOneLoopIsRefused() {
        assertThatThrownBy(() -> new EventLoops().postProcessEnvironment(environment("0"), new SpringApplication()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kepu.web.io-threads");
        assertThat(System.getProperty(EventLoops.REACTOR_NETTY)).isNull();
    }

    private static StandardEnvironment environment(String loops) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(EventLoops.PROPERTY, loops)));
        return environment;
    }
}
