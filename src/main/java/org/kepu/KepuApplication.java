package org.kepu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Kepu: publish, find, attend and account for science-popularization campaign activities. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KepuApplication {

    public static void main(String[] args) {
        SpringApplication.run(KepuApplication.class, args);
    }
}
