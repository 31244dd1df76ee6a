package org.kepu.discovery;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Search settings.
 *
 * @param indexAlias the alias the app reads and writes through; physical indices are named after it
 */
@Validated
@ConfigurationProperties("kepu.discovery")
public record DiscoveryProperties(
        @DefaultValue("activities") @Pattern(regexp = "[a-z][a-z0-9_]{0,60}")
        String indexAlias) {}
