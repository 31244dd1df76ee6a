package org.kepu.activity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Activity settings.
 *
 * @param demoGenerated how many generated activities the dev profile publishes at start (0: none)
 * @param demoSeed the seed of the generated activities; the same seed gives the same activities
 */
@Validated
@ConfigurationProperties("kepu.activity")
record ActivityProperties(
        @DefaultValue("3000") @Min(0) @Max(10_000_000) int demoGenerated,
        @DefaultValue("2026") long demoSeed) {}
