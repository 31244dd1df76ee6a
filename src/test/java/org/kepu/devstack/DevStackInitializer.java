package org.kepu.devstack;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a Spring test context at the dev stack, starting it on first use. */
public class DevStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new LinkedHashMap<>(DevStack.get().springProperties());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("devstack", properties));
    }
}
